from django.urls import path

from participation.forums import views

app_name = "forums"
urlpatterns = [
    path("", views.index, name="index"),
    path("threads/<int:thread_id>/", views.thread, name="thread"),
    path("threads/<int:thread_id>/subscription/", views.subscription, name="subscription"),
    path("posts/<int:post_id>/", views.post, name="post"),
    path("posts/<int:post_id>/flag/", views.flag, name="flag"),
    path("<str:slug>/", views.category, name="category"),
    path("<str:slug>/new/", views.new_thread, name="new-thread"),
]
