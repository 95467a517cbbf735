"""Export and erasure of a citizen's forum data."""

from participation.accounts import personal_data
from participation.forums import services
from participation.forums.models import Post, PostFlag, Subscription, Thread
from participation.moderation import Status


def source():
    return next(s for s in personal_data.sources() if s.name == "forums")


def test_export(thread, citizen, other_citizen):
    data = source().export(citizen)
    assert [t["title"] for t in data["threads"]] == [thread.title]
    assert data["posts"][0]["thread"] == thread.title
    assert data["subscriptions"] == [thread.title]


def test_erase_keeps_public_threads_without_their_author(
    thread, premoderated_category, citizen, other_citizen
):
    pending_thread, _post = services.start_thread(
        premoderated_category, citizen, "در انتظار", "متن"
    )
    answer = Post.objects.create(thread=thread, author=other_citizen, body="پاسخ")
    PostFlag.objects.create(item=answer, citizen=citizen)
    source().erase(citizen)
    thread.refresh_from_db()
    assert thread.author is None
    assert thread.posts.get(is_opening=True).author is None
    assert not Thread.objects.filter(pk=pending_thread.pk).exists()
    assert not Post.objects.filter(author=citizen).exists()
    assert not PostFlag.objects.exists() and not Subscription.objects.filter(user=citizen).exists()
    assert Post.objects.filter(status=Status.PUBLISHED).count() == 2
