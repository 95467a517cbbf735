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


def hide_opening(thread):
    Post.objects.filter(thread=thread, is_opening=True).update(status=Status.HIDDEN)


def test_erase_keeps_a_hidden_thread_that_others_have_answered(thread, citizen, other_citizen):
    answer = Post.objects.create(thread=thread, author=other_citizen, body="پاسخ همسايه")
    hide_opening(thread)
    source().erase(citizen)
    assert Post.objects.filter(pk=answer.pk, author=other_citizen).exists()
    opening = Post.objects.get(thread=thread, is_opening=True)
    assert (opening.author, opening.status) == (None, Status.HIDDEN)
    assert Thread.objects.get(pk=thread.pk).author is None


def test_erase_keeps_a_hidden_thread_answered_by_someone_already_erased(thread, citizen):
    Post.objects.create(thread=thread, author=None, body="پاسخ شهروندی که رفته است")
    hide_opening(thread)
    source().erase(citizen)
    assert Thread.objects.filter(pk=thread.pk).exists()


def test_erase_deletes_a_hidden_thread_only_its_author_wrote_in(thread, citizen):
    Post.objects.create(thread=thread, author=citizen, body="ادامه‌ی حرف خودم")
    hide_opening(thread)
    source().erase(citizen)
    assert not Thread.objects.filter(pk=thread.pk).exists()
    assert not Post.objects.exists()
