"""The product's URLs plus the floor `bench exam` compares the autosave with."""

from django.urls import include, path

from bench import views

urlpatterns = [
    path("bench/floor/", views.floor, name="bench_floor"),
    path("", include("lms.urls")),
]
