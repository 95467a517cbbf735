"""Popolo JSON: structure, ids that refer to exported objects, counts matching votes, queries."""

import pytest
from django.urls import reverse

from cms.council.models import Membership
from tests.conftest import XSS
from tests.council.factories import CouncilMemberPageFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

OPTIONS = ["yes", "no", "abstain", "absent"]


@pytest.fixture
def council_data(make_member, make_voted_motion, council):
    """Builds ``size`` members on the council and a committee, and ``size`` voted motions."""

    def build(size):
        committee = OrganizationFactory(parent=council)
        members = [make_member(role="chair" if n == 0 else "member") for n in range(size)]
        for member in members:
            Membership.objects.create(
                person=member, organization=committee, role="member", start_date="2022-01-01"
            )
        for n in range(size):
            make_voted_motion(members, [OPTIONS[(n + k) % 4] for k in range(size)])
        return members

    return build


def popolo(client):
    response = client.get(reverse("council:popolo"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_export_has_every_popolo_collection_with_its_field_names(client, council_data):
    council_data(3)
    data = popolo(client)
    assert set(data) == {
        "persons",
        "organizations",
        "memberships",
        "posts",
        "events",
        "motions",
        "vote_events",
    }
    person = data["persons"][0]
    assert {"id", "name", "contact_details", "links", "sources"} <= set(person)
    assert XSS in person["name"]  # JSON carries the text as typed; escaping is the reader's job
    assert "ي" in person["name"] or "‌" in person["name"]
    organization = next(o for o in data["organizations"] if o["classification"] == "committee")
    assert organization["parent_id"] in {o["id"] for o in data["organizations"]}
    membership = data["memberships"][0]
    assert {"id", "person_id", "organization_id", "role", "start_date", "end_date"} <= set(
        membership
    )
    event = data["vote_events"][0]
    assert [count["option"] for count in event["counts"]] == OPTIONS
    assert {"voter_id", "option"} == set(event["votes"][0])
    assert data["posts"] and data["posts"][0]["role"] == "chair"


def test_every_reference_points_to_an_exported_object(client, council_data):
    council_data(4)
    data = popolo(client)
    ids = {kind: {item["id"] for item in data[kind]} for kind in data}
    for membership in data["memberships"]:
        assert membership["person_id"] in ids["persons"]
        assert membership["organization_id"] in ids["organizations"]
        assert membership["post_id"] is None or membership["post_id"] in ids["posts"]
    for post in data["posts"]:
        assert post["organization_id"] in ids["organizations"]
    for motion in data["motions"]:
        assert motion["organization_id"] in ids["organizations"]
        assert motion["legislative_session_id"] in ids["events"]
        assert motion["creator_id"] in ids["persons"]
    for event in data["vote_events"]:
        assert event["motion_id"] in ids["motions"]
        assert event["organization_id"] in ids["organizations"]
        for vote in event["votes"]:
            assert vote["voter_id"] in ids["persons"]
    all_ids = [item["id"] for kind in data for item in data[kind]]
    assert len(all_ids) == len(set(all_ids)), "ids are unique across classes"


def test_counts_equal_the_votes_in_the_export(client, council_data):
    council_data(4)
    for event in popolo(client)["vote_events"]:
        tallied = dict.fromkeys(OPTIONS, 0)
        for vote in event["votes"]:
            tallied[vote["option"]] += 1
        assert {count["option"]: count["value"] for count in event["counts"]} == tallied
        assert sum(tallied.values()) == 4


def test_unpublished_members_are_not_exported_and_their_votes_stay_anonymous(
    client, make_member, make_voted_motion
):
    shown, hidden = make_member(), make_member()
    make_voted_motion([shown, hidden], ["yes", "no"])
    hidden.unpublish()
    data = popolo(client)
    assert [person["name"] for person in data["persons"]] == [shown.title]
    assert all(m["person_id"] == f"person/{shown.pk}" for m in data["memberships"])
    votes = data["vote_events"][0]["votes"]
    assert sorted((vote["voter_id"] or "", vote["option"]) for vote in votes) == [
        ("", "no"),
        (f"person/{shown.pk}", "yes"),
    ]


def test_draft_meetings_and_their_motions_are_not_exported(
    client, make_member, make_voted_motion, make_meeting
):
    member = make_member()
    draft = make_meeting(live=False)
    make_voted_motion([member], ["yes"], meeting=draft)
    data = popolo(client)
    assert data["events"] == [] and data["motions"] == [] and data["vote_events"] == []


@pytest.mark.parametrize(
    "name", ["person-list", "organization-list", "motion-list", "vote-event-list"]
)
def test_lists_are_paginated(client, council_data, name):
    council_data(2)
    response = client.get(reverse(f"council:{name}"))
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == len(body["results"]) > 0
    assert client.get(reverse(f"council:{name}"), {"page": 99}).status_code == 200


def test_list_pages_link_to_each_other(client, council_index):
    for _n in range(51):
        CouncilMemberPageFactory(parent=council_index)
    first = client.get(reverse("council:person-list")).json()
    assert first["count"] == 51 and len(first["results"]) == 50 and first["previous"] is None
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 1 and second["next"] is None


@pytest.mark.parametrize(
    "name", ["popolo", "person-list", "organization-list", "motion-list", "vote-event-list"]
)
def test_queries_do_not_grow_with_the_data(
    client, council_data, django_assert_max_num_queries, name
):
    url = reverse(f"council:{name}")
    council_data(2)
    client.get(url)  # warm the site root paths cache
    with django_assert_max_num_queries(12) as small:
        client.get(url)
    council_data(8)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)
