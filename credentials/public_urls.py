"""Public pages (no login): /verify/<number>/ and /roster/<agency code>/."""

from django.urls import path

from credentials import public_views

urlpatterns = [
    path("verify/", public_views.verify_lookup, name="verify_lookup"),
    path("verify/<str:number>/", public_views.verify, name="verify"),
    path("verify/<str:number>/photo.jpg", public_views.verify_photo, name="verify_photo"),
    path("roster/<str:code>/", public_views.public_roster, name="public_roster"),
]
