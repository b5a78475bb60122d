from django.urls import path

from courses import views

app_name = "courses"
urlpatterns = [
    path("", views.start, name="start"),
    path("lessons/<int:lesson_id>/complete/", views.lesson_complete, name="lesson_complete"),
    path("lessons/<int:lesson_id>/reading/", views.lesson_reading, name="lesson_reading"),
    path("lessons/<int:lesson_id>/watching/", views.lesson_watching, name="lesson_watching"),
    path(
        "lessons/<int:lesson_id>/video/<int:document_id>/",
        views.lesson_video,
        name="lesson_video",
    ),
    path("search/", views.search, name="search"),
    path("reading/", views.reading_table, name="reading_table"),
    path("people/<int:pk>/reading/", views.person_reading, name="person_reading"),
]
