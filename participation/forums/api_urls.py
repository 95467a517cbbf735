from django.urls import path

from participation.forums import api

urlpatterns = [
    path("forums/categories/", api.CategoriesView.as_view(), name="forum-categories"),
    path(
        "forums/categories/<str:slug>/threads/",
        api.CategoryThreadsView.as_view(),
        name="forum-threads",
    ),
    path(
        "forums/threads/<int:thread_id>/posts/", api.ThreadPostsView.as_view(), name="forum-posts"
    ),
    path(
        "forums/threads/<int:thread_id>/subscription/",
        api.ThreadSubscriptionView.as_view(),
        name="forum-subscription",
    ),
    path("forums/posts/<int:post_id>/flags/", api.PostFlagsView.as_view(), name="forum-post-flag"),
]
