"""Demo polls for the demo city: one open to anyone with votes already in, one for citizens."""

import datetime
import uuid

from django.db import transaction
from django.utils import timezone

from cms.site_structure import section
from participation.models import PollChoice, PollIndexPage, PollPage
from participation.services import cast_vote

# (choice label, demo votes): the numbers behind the first poll's live results.
PARTICIPATORY_BUDGET = [
    ("ساخت و نوسازی بوستان‌های محله", 17),
    ("پیاده‌راه‌سازی و مناسب‌سازی معابر برای افراد دارای معلولیت", 12),
    ("گسترش ایستگاه‌های دوچرخه‌ی اشتراکی", 6),
    ("نورپردازی و ایمن‌سازی کوچه‌ها", 9),
]
SERVICES = [
    "پرداخت برخط عوارض و صدور فیش",
    "پیگیری درخواست‌ها و شکایت‌ها با کد رهگیری (سامانه‌ی ۱۳۷)",
    "صدور برخط پروانه‌ی ساختمانی",
    "نقشه‌ی برخط پروژه‌های عمرانی",
]


@transaction.atomic
def load_demo_polls(home):
    """Add the demo polls under ``home``'s polls section unless it has polls already.

    Returns the number of polls created.
    """
    polls = section(home, PollIndexPage)
    if polls is None or PollPage.objects.child_of(polls).exists():
        return 0
    now = timezone.now()
    budget_poll = _add_poll(
        polls,
        title="اولویت بودجه‌ی مشارکتی ۱۴۰۴ محله‌ی شما کدام باشد؟",
        summary="شهروندان درباره‌ی هزینه‌کرد پنج درصد از بودجه‌ی عمرانی مناطق نظر می‌دهند.",
        choices=[label for label, _votes in PARTICIPATORY_BUDGET],
        opens_at=now - datetime.timedelta(days=7),
        closes_at=now + datetime.timedelta(days=21),
        eligibility=PollPage.Eligibility.ANYONE,
        results_visibility=PollPage.ResultsVisibility.LIVE,
    )
    for choice, (_label, votes) in zip(
        budget_poll.choices.all(), PARTICIPATORY_BUDGET, strict=True
    ):
        for _vote in range(votes):
            cast_vote(budget_poll, device_id=uuid.uuid4(), choices=[choice.pk])
    _add_poll(
        polls,
        title="کدام خدمت الکترونیکی شهرداری برای شما مهم‌تر است؟",
        summary="برای اولویت‌بندی توسعه‌ی خدمات شهرداری الکترونیک، دو خدمت را انتخاب کنید.",
        choices=SERVICES,
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=30),
        eligibility=PollPage.Eligibility.CITIZENS,
        results_visibility=PollPage.ResultsVisibility.AFTER_CLOSE,
        multiple_choice=True,
        max_selections=2,
        allow_vote_change=True,
    )
    return 2


def _add_poll(parent, *, choices, **fields):
    poll = PollPage(**fields)
    poll.choices = [
        PollChoice(label=label, sort_order=order) for order, label in enumerate(choices)
    ]
    parent.add_child(instance=poll)
    poll.save_revision().publish()
    return PollPage.objects.get(pk=poll.pk)
