"""Export and erasure of a citizen's comments through the personal-data registry."""

from participation.accounts import personal_data
from participation.comments.models import Comment, CommentFlag
from participation.moderation import Status


def source(name):
    return next(s for s in personal_data.sources() if s.name == name)


def test_export_lists_comments_and_flags(news, citizen, other_citizen):
    mine = Comment.objects.create(page=news, author=citizen, body="نظر من")
    theirs = Comment.objects.create(page=news, author=other_citizen, body="نظر دیگری")
    CommentFlag.objects.create(item=theirs, citizen=citizen)
    data = source("comments").export(citizen)
    assert [c["body"] for c in data["comments"]] == [mine.body]
    assert data["flags"][0]["comment"] == theirs.pk


def test_erase_keeps_published_text_without_its_author(news, citizen, other_citizen):
    published = Comment.objects.create(page=news, author=citizen, body="منتشرشده")
    pending = Comment.objects.create(page=news, author=citizen, body="منتظر", status=Status.PENDING)
    answered = Comment.objects.create(page=news, author=citizen, body="پنهان", status=Status.HIDDEN)
    Comment.objects.create(page=news, author=other_citizen, body="پاسخ", parent=answered)
    CommentFlag.objects.create(item=published, citizen=citizen)
    source("comments").erase(citizen)
    published.refresh_from_db()
    assert published.author is None and published.body == "منتشرشده"
    assert not Comment.objects.filter(pk=pending.pk).exists()
    assert Comment.objects.get(pk=answered.pk).author is None  # its reply keeps its place
    assert not Comment.objects.filter(author=citizen).exists()
    assert not CommentFlag.objects.exists()
