"""The organisation chart: departments nested as they report, with heads, duties and contacts."""

import html
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from cms import models
from cms.organisation import department_tree
from tests.cms import factories
from tests.conftest import XSS

# Site, locale, the page and its ancestors, view restrictions, menu and breadcrumbs, and one
# for all the departments with their heads.
CHART_QUERIES = 14


@pytest.fixture
def directory(sections):
    return sections[models.StaffDirectoryPage]


@pytest.fixture
def city(db):
    """Mayor's office > deputy for urban services > waste organisation, each with a head."""
    mayor = factories.DepartmentFactory(name="دفتر شهردار", description=f"هماهنگی معاونت‌ها {XSS}")
    services = factories.DepartmentFactory(
        name="معاونت خدمات شهري", parent=mayor, phone="۰۲۵-۳۱۱۰۲۰۰۰", email="s@example.com"
    )
    waste = factories.DepartmentFactory(name="سازمان مديريت پسماند", parent=services)
    heads = {
        mayor: ("دکتر محمدرضا حسيني", "شهردار"),
        services: ("مهندس حميد صالحی", "معاون خدمات شهری"),
        waste: ("مريم احمدی", "مدیرعامل"),
    }
    for department, (name, position) in heads.items():
        department.head = factories.StaffMemberFactory(
            department=department, full_name=name, position=position
        )
        department.full_clean()
        department.save()
    return mayor, services, waste


def chart_url(directory):
    return directory.url + directory.reverse_subpage("organisation_chart")


def chart_html(client, directory):
    response = client.get(chart_url(directory))
    assert response.status_code == 200
    return response.content.decode()


def test_the_tree_nests_departments_under_the_one_they_report_to(city):
    mayor, services, waste = city

    (root,) = department_tree()

    assert root.department == mayor
    assert [node.department for node in root.children] == [services]
    assert [node.department for node in root.children[0].children] == [waste]
    assert [root.heading_level, root.children[0].heading_level] == [2, 3]


def test_sister_departments_follow_their_order_then_name(db):
    top = factories.DepartmentFactory(name="دفتر شهردار")
    second = factories.DepartmentFactory(name="الف", parent=top, sort_order=2)
    first = factories.DepartmentFactory(name="ي", parent=top, sort_order=1)

    (root,) = department_tree()

    assert [node.department for node in root.children] == [first, second]


def test_the_chart_renders_nested_lists_with_heads_duties_and_contacts(client, directory, city):
    mayor, services, waste = city

    page = chart_html(client, directory)

    assert "<h1>" in page and page.count('class="org-chart__level"') == 3
    # The waste organisation's list item sits inside the deputy's, which sits inside the mayor's.
    mayor_at, services_at, waste_at = (page.index(f'id="unit-{d.pk}"') for d in city)
    assert mayor_at < services_at < waste_at
    assert re.search(r'<h3 class="org-chart__name">معاونت خدمات شهري</h3>', page)
    assert "دکتر محمدرضا حسيني" in page and "(شهردار)" in page
    assert "&lt;script&gt;" in page and XSS not in page
    assert 'href="tel:02531102000"' in page and "mailto:s@example.com" in page


def test_the_chart_links_each_department_to_its_staff_and_back_to_the_phone_book(
    client, directory, city
):
    page = chart_html(client, directory)

    for department in city:
        assert f'href="{directory.url}#department-{department.pk}"' in page
    assert f'<a href="{directory.url}">' in page


def test_the_phone_book_links_to_the_chart_and_each_department_in_it(client, directory, city):
    page = client.get(directory.url).content.decode()

    assert f'href="{html.escape(chart_url(directory))}"' in page
    for department in city:
        assert f'href="{chart_url(directory)}#unit-{department.pk}"' in page


def test_an_empty_directory_says_so(client, directory):
    message = html.escape(gettext("No departments have been entered yet."))  # in Persian
    assert message in chart_html(client, directory)


def test_a_department_cannot_report_to_one_of_its_sub_departments(city):
    mayor, _services, waste = city
    mayor.parent = waste

    with pytest.raises(ValidationError) as error:
        mayor.full_clean()

    assert "parent" in error.value.message_dict


def test_a_department_cannot_report_to_itself(city):
    mayor = city[0]
    mayor.parent = mayor

    with pytest.raises(ValidationError) as error:
        mayor.full_clean()

    assert "parent" in error.value.message_dict


def test_the_head_must_be_on_the_departments_own_staff(city):
    mayor, services, _waste = city
    mayor.head = services.head

    with pytest.raises(ValidationError) as error:
        mayor.full_clean()

    assert list(error.value.message_dict) == ["head"]
    mayor.refresh_from_db()
    assert mayor.head.department == mayor


def test_a_loop_written_past_validation_still_shows_every_department(city):
    mayor, _services, waste = city
    models.Department.objects.filter(pk=mayor.pk).update(parent=waste)

    roots = department_tree()

    shown = []
    stack = list(roots)
    while stack:
        node = stack.pop()
        shown.append(node.department.pk)
        stack.extend(node.children)
    assert sorted(shown) == sorted(d.pk for d in city)


def _departments(count):
    top = factories.DepartmentFactory()
    parents = [top]
    for n in range(count - 1):
        department = factories.DepartmentFactory(parent=parents[n // 3])
        department.head = factories.StaffMemberFactory(department=department)
        department.save()
        parents.append(department)


@pytest.mark.parametrize("count", [3, 30])
def test_the_chart_costs_the_same_queries_for_3_or_30_departments(
    client, directory, count, django_assert_max_num_queries
):
    _departments(count)
    client.get(chart_url(directory))  # warms the site and locale caches

    with django_assert_max_num_queries(CHART_QUERIES):
        response = client.get(chart_url(directory))

    assert response.content.decode().count('class="org-chart__unit"') == count


def test_the_departments_api_gives_parent_and_head(client, city):
    mayor, services, _waste = city

    response = client.get(
        "/api/v2/departments/", {"fields": "parent,head_name,head_position,description"}
    )

    items = {item["id"]: item for item in response.json()["items"]}
    assert items[services.pk]["parent"]["id"] == mayor.pk
    assert items[services.pk]["parent"]["name"] == "دفتر شهردار"
    assert items[services.pk]["head_name"] == "مهندس حميد صالحی"
    assert items[mayor.pk]["parent"] is None
    assert items[mayor.pk]["head_position"] == "شهردار"
