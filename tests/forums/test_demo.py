"""The demo discussions load once, and again without duplicating anything."""

from django.core.management import call_command

from cms.models import NewsIndexPage
from cms.models.base import CommentsMode
from participation.comments.models import Comment
from participation.forums.models import ForumCategory, Post, Thread
from tests.cms.factories import NewsPageFactory


def test_load_demo_discussions_is_idempotent(sections, capsys):
    news = [NewsPageFactory(parent=sections[NewsIndexPage]) for _n in range(4)]
    call_command("load_demo_discussions")
    counts = (ForumCategory.objects.count(), Thread.objects.count(), Post.objects.count())
    assert counts == (3, 3, 5)
    opened = {page.pk: type(page).objects.get(pk=page.pk).citizen_comments for page in news}
    assert sorted(opened.values()).count(CommentsMode.CLOSED) == 1
    assert Comment.objects.count() == 3
    assert Thread.objects.filter(pinned=True).count() == 1

    call_command("load_demo_discussions")
    assert (ForumCategory.objects.count(), Thread.objects.count(), Post.objects.count()) == counts
    assert Comment.objects.count() == 3
    assert "0 categories, 0 threads created" in capsys.readouterr().out
