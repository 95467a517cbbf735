from django.urls import path

from participation.follows import views

app_name = "follows"
urlpatterns = [path("<int:page_id>/", views.follow, name="follow")]
