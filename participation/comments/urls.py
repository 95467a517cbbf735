from django.urls import path

from participation.comments import views

app_name = "comments"
urlpatterns = [
    path("pages/<int:page_id>/", views.post_comment, name="post"),
    path("<int:comment_id>/edit/", views.edit_comment, name="edit"),
    path("<int:comment_id>/flag/", views.flag_comment, name="flag"),
]
