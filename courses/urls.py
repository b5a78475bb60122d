from django.urls import path

from courses import views

app_name = "courses"
urlpatterns = [
    path("", views.start, name="start"),
    path("lessons/<int:lesson_id>/complete/", views.lesson_complete, name="lesson_complete"),
    path("search/", views.search, name="search"),
]
