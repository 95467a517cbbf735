from django.urls import path

from participation.comments import api

urlpatterns = [
    path("comments/pages/<int:page_id>/", api.PageCommentsView.as_view(), name="comment-list"),
    path("comments/<int:comment_id>/", api.CommentView.as_view(), name="comment-detail"),
    path("comments/<int:comment_id>/flags/", api.CommentFlagsView.as_view(), name="comment-flag"),
]
