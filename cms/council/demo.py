"""The demo council of «شهرداری نمونه»: a term, seven fictional members, three committees,
two held meetings with agenda, motions and recorded votes, and one scheduled meeting.

Every name is invented for the demo. Safe to re-run: what exists (matched by name, term
number or ``source_id``) is left alone.
"""

import datetime

import jdatetime
from django.db import transaction
from django.utils import timezone

from cms.models import LawPage

from .models import (
    AgendaItem,
    CouncilIndexPage,
    CouncilMemberPage,
    CouncilTerm,
    MeetingPage,
    Membership,
    Motion,
    Organization,
    VoteOption,
)
from .services import record_vote_event

FICTIONAL = "شخصیتی ساختگی برای نمایش سامانه؛ هر شباهتی به اشخاص واقعی تصادفی است."
COUNCIL = "شورای اسلامی شهر نمونه"
COMMITTEES = [
    ("کمیسیون برنامه و بودجه", "بررسی بودجه‌ی سالانه، تفریغ بودجه و لوایح مالی شهرداری."),
    ("کمیسیون عمران و شهرسازی", "طرح‌های عمرانی، حمل‌ونقل و ترافیک، و تغییر کاربری‌ها."),
    ("کمیسیون فرهنگی و اجتماعی", "برنامه‌های فرهنگی، ورزشی و اجتماعی شهر و مشارکت شهروندان."),
]
# (source_id, name, council role, [(committee index, role)])
MEMBERS = [
    ("member-01", "مریم رضایی‌نیا", "chair", [(0, "member")]),
    ("member-02", "علیرضا کاظمی‌پور", "deputy_chair", [(1, "chair")]),
    ("member-03", "زهرا صادق‌زاده", "secretary", [(2, "chair")]),
    ("member-04", "حسین نوروزی‌فر", "member", [(0, "chair"), (1, "member")]),
    ("member-05", "فاطمه امیرخانی‌نژاد", "spokesperson", [(2, "member")]),
    ("member-06", "مهدی سلطان‌آبادی", "member", [(1, "secretary"), (0, "member")]),
    ("member-07", "نرگس توکلی‌راد", "member", [(2, "secretary")]),
]
TERM_START = datetime.date(2021, 8, 5)  # ۱۴ مرداد ۱۴۰۰
TERM_END = datetime.date(2027, 8, 4)
# Votes in member order; the third member is absent from the second meeting.
MEETINGS = [
    {
        "source_id": "meeting-1403-112",
        "title": "جلسه‌ی عادی شماره‌ی ۱۱۲ شورا",
        "number": "۱۱۲",
        "day": (1403, 3, 12),
        "agenda": [
            ("لایحه‌ی بخشودگی جرایم عوارض نوسازی", "پیشنهاد شهرداری برای تشویق پرداخت بدهی‌ها."),
            ("گزارش پیشرفت طرح پیاده‌راه خیابان اصلی", "گزارش معاونت عمرانی."),
        ],
        "motions": [
            {
                "agenda": 0,
                "text": "تصویب لایحه‌ی بخشودگی صد درصد جرایم عوارض نوسازی تا پایان شهریور ۱۴۰۳.",
                "result": "passed",
                "resolution": "res-1403-amnesty",
                "votes": ["yes", "yes", "yes", "yes", "no", "yes", "abstain"],
            },
        ],
    },
    {
        "source_id": "meeting-1403-118",
        "title": "جلسه‌ی فوق‌العاده‌ی شماره‌ی ۱۱۸ شورا",
        "number": "۱۱۸",
        "kind": "extraordinary",
        "day": (1403, 5, 20),
        "agenda": [
            ("طرح ساماندهی دست‌فروشان میدان مرکزی", "طرح پیشنهادی کمیسیون فرهنگی و اجتماعی."),
            ("انتقال ناوگان اتوبوسرانی به سوخت گاز", "لایحه‌ی سازمان حمل‌ونقل."),
        ],
        "motions": [
            {
                "agenda": 0,
                "text": "تصویب کلیات طرح ساماندهی دست‌فروشان میدان مرکزی.",
                "result": "passed",
                "votes": ["yes", "yes", "absent", "no", "yes", "yes", "yes"],
            },
            {
                "agenda": 1,
                "text": "اختصاص ۲۰۰ میلیارد ریال از ردیف عمرانی به خرید اتوبوس گازسوز.",
                "result": "failed",
                "votes": ["no", "yes", "absent", "no", "no", "yes", "abstain"],
            },
        ],
    },
]


def _tehran(year, month, day, hour=16):
    gregorian = jdatetime.date(year, month, day).togregorian()
    naive = datetime.datetime.combine(gregorian, datetime.time(hour))
    return timezone.make_aware(naive)


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@transaction.atomic
def load_demo_council(home):
    """Fill the council section under ``home``; returns how many pages were created."""
    index = CouncilIndexPage.objects.child_of(home).first()
    term, _created = CouncilTerm.objects.get_or_create(
        number=6, defaults={"start_date": TERM_START, "end_date": TERM_END}
    )
    council, _created = Organization.objects.get_or_create(
        name=COUNCIL, defaults={"classification": Organization.Classification.COUNCIL}
    )
    committees = [
        Organization.objects.get_or_create(
            name=name,
            defaults={"parent": council, "description": duties, "sort_order": order + 1},
        )[0]
        for order, (name, duties) in enumerate(COMMITTEES)
    ]
    existing = {
        page.source_id: page
        for page in CouncilMemberPage.objects.child_of(index).filter(
            source_id__startswith="member-"
        )
    }
    created = 0
    members = []
    for source_id, name, council_role, committee_roles in MEMBERS:
        member = existing.get(source_id)
        if member is None:
            member = CouncilMemberPage(title=name, source_id=source_id, summary=FICTIONAL)
            member.memberships = [
                Membership(organization=council, role=council_role, start_date=TERM_START),
                *(
                    Membership(organization=committees[n], role=role, start_date=TERM_START)
                    for n, role in committee_roles
                ),
            ]
            _publish(index, member)
            created += 1
        members.append(member)
    known_meetings = set(MeetingPage.objects.child_of(index).values_list("source_id", flat=True))
    for spec in MEETINGS:
        if spec["source_id"] not in known_meetings:
            _add_meeting(index, term, council, members, spec)
            created += 1
    if "meeting-next" not in known_meetings:
        start = timezone.localtime().replace(hour=16, minute=0, second=0, microsecond=0)
        _publish(
            index,
            MeetingPage(
                title="جلسه‌ی عادی آینده‌ی شورا",
                source_id="meeting-next",
                term=term,
                organization=council,
                start=start + datetime.timedelta(days=7),
                location="تالار شورای اسلامی شهر نمونه",
                agenda_items=[AgendaItem(title="بررسی لایحه‌ی بودجه‌ی سال آینده", sort_order=0)],
            ),
        )
        created += 1
    return created


def _add_meeting(index, term, council, members, spec):
    meeting = _publish(
        index,
        MeetingPage(
            title=spec["title"],
            source_id=spec["source_id"],
            number=spec["number"],
            kind=spec.get("kind", MeetingPage.Kind.REGULAR),
            status=MeetingPage.Status.HELD,
            term=term,
            organization=council,
            start=_tehran(*spec["day"]),
            location="تالار شورای اسلامی شهر نمونه",
            agenda_items=[
                AgendaItem(title=title, description=description, sort_order=n)
                for n, (title, description) in enumerate(spec["agenda"])
            ],
        ),
    )
    agenda = list(meeting.agenda_items.all())
    for order, motion_spec in enumerate(spec["motions"]):
        resolution = None
        if motion_spec.get("resolution"):
            resolution = LawPage.objects.filter(source_id=motion_spec["resolution"]).first()
        motion = Motion.objects.create(
            meeting=meeting,
            agenda_item=agenda[motion_spec["agenda"]],
            text=motion_spec["text"],
            proposer=members[order],
            result=motion_spec["result"],
            resolution=resolution,
        )
        record_vote_event(
            motion,
            result="pass" if motion_spec["result"] == "passed" else "fail",
            start=meeting.start + datetime.timedelta(minutes=30 * (order + 1)),
            votes={
                member: VoteOption(option)
                for member, option in zip(members, motion_spec["votes"], strict=True)
            },
        )
