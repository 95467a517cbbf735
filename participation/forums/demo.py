"""Demo discussions for the demo city: forum categories with threads, comments under news.

Safe to run again: categories are matched by slug, threads by title, demo citizens by
username, and pages that already have comments are left alone.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from cms.models import NewsPage
from cms.models.base import CommentsMode
from participation.accounts.models import CitizenProfile
from participation.comments.models import Comment
from participation.forums.models import ForumCategory, Post, Subscription, Thread

CITIZENS = [("demo-citizen-1", "مریم از منطقه‌ی ۲"), ("demo-citizen-2", "رضا، ساکن نارمک")]
CATEGORIES = [
    # slug, title, description, pre-moderated
    ("transport", "حمل‌ونقل و ترافیک", "اتوبوس، مترو، دوچرخه، پیاده‌راه و پارکینگ.", False),
    ("green-spaces", "فضای سبز و بوستان‌ها", "نگهداری بوستان‌ها، درختکاری و زمین‌های بازی.", False),
    (
        "participatory-budget",
        "پیشنهادهای بودجه‌ی مشارکتی",
        "طرح‌های پیشنهادی شهروندان برای بودجه‌ی محله؛ پس از بررسی ناظر منتشر می‌شود.",
        True,
    ),
]
THREADS = [
    # category slug, title, opening post, replies, pinned
    (
        "transport",
        "قوانین گفت‌وگو در انجمن‌ها",
        "<p>لطفاً محترمانه بنویسید، از انتشار اطلاعات شخصی خودداری کنید و هر موضوع را در "
        "انجمن مربوط مطرح کنید. ناظران نوشته‌های ناقض این قواعد را با ذکر دلیل پنهان می‌کنند.</p>",
        [],
        True,
    ),
    (
        "transport",
        "ایستگاه دوچرخه‌ی اشتراکی کنار ایستگاه مترو",
        "<p>پیشنهاد می‌کنم کنار هر ایستگاه مترو یک ایستگاه دوچرخه‌ی اشتراکی ساخته شود.</p>",
        ["<p>موافقم؛ به‌ویژه برای ایستگاه‌های حاشیه‌ی شهر.</p>"],
        False,
    ),
    (
        "green-spaces",
        "روشنایی شبانه‌ی بوستان محله",
        "<p>چراغ‌های مسیر پیاده‌روی بوستان محله‌ی ما چند هفته است خاموش است.</p>",
        ["<p>در بوستان نزدیک ما هم همین مشکل هست. آیا با سامانه‌ی ۱۳۷ تماس گرفته‌اید؟</p>"],
        False,
    ),
]
NEWS_COMMENTS = [
    "<p>از اطلاع‌رسانی شفاف شهرداری سپاسگزاریم.</p>",
    "<p>لطفاً زمان‌بندی اجرای طرح را هم منتشر کنید.</p>",
]


@transaction.atomic
def load_demo_discussions():
    """Add the demo discussions; returns a dict of what was created."""
    citizens = [_citizen(username, name) for username, name in CITIZENS]
    created = {"categories": 0, "threads": 0, "pages": 0}
    categories = {}
    for order, (slug, title, description, pre_moderated) in enumerate(CATEGORIES):
        categories[slug], new = ForumCategory.objects.get_or_create(
            slug=slug,
            defaults={
                "title": title,
                "description": description,
                "sort_order": order,
                "pre_moderated": pre_moderated,
            },
        )
        created["categories"] += new
    for slug, title, body, replies, pinned in THREADS:
        if Thread.objects.filter(category=categories[slug], title=title).exists():
            continue
        thread = Thread.objects.create(
            category=categories[slug], title=title, author=citizens[0], pinned=pinned
        )
        Post.objects.create(thread=thread, author=citizens[0], body=body, is_opening=True)
        Subscription.objects.get_or_create(thread=thread, user=citizens[0])
        for text in replies:
            Post.objects.create(thread=thread, author=citizens[1], body=text)
        created["threads"] += 1
    created["pages"] = _open_news_comments(citizens)
    return created


def _citizen(username, display_name):
    """A verified demo citizen who cannot sign in (no usable password)."""
    User = get_user_model()
    user, new = User.objects.get_or_create(
        username=username, defaults={"email": f"{username}@example.org"}
    )
    if new:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    CitizenProfile.objects.update_or_create(
        user=user, defaults={"display_name": display_name, "email_verified_at": timezone.now()}
    )
    return user


def _open_news_comments(citizens):
    """Open comments on the three newest news items (the third pre-moderated); the newest
    gets two comments and a reply."""
    news = list(NewsPage.objects.live().filter(locale__language_code="fa").order_by("-date")[:3])
    modes = [CommentsMode.POST_MODERATED, CommentsMode.POST_MODERATED, CommentsMode.PRE_MODERATED]
    opened = 0
    for page, mode in zip(news, modes, strict=False):
        if page.citizen_comments != CommentsMode.CLOSED:
            continue
        page.citizen_comments = mode
        page.save_revision().publish()
        opened += 1
    if news and not Comment.objects.filter(page=news[0]).exists():
        first = Comment.objects.create(page=news[0], author=citizens[0], body=NEWS_COMMENTS[0])
        Comment.objects.create(page=news[0], author=citizens[1], body=NEWS_COMMENTS[1])
        Comment.objects.create(
            page=news[0],
            author=citizens[1],
            parent=first,
            body="<p>با شما هم‌نظرم.</p>",
        )
    return opened
