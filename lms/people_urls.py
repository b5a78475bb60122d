"""Roster, enrolment, imports and staff accounts (agency admins, oversight, provincial)."""

from django.urls import path

from lms import views

app_name = "lms"
urlpatterns = [
    path("", views.roster_list, name="roster_list"),
    path("enrol/", views.auxiliary_enrol, name="auxiliary_enrol"),
    path("<int:pk>/", views.auxiliary_detail, name="auxiliary_detail"),
    path("<int:pk>/edit/", views.auxiliary_edit, name="auxiliary_edit"),
    path("<int:pk>/photo/", views.auxiliary_photo, name="auxiliary_photo"),
    path("<int:pk>/status/", views.auxiliary_transition, name="auxiliary_transition"),
    path(
        "<int:pk>/reset-password/", views.auxiliary_reset_password, name="auxiliary_reset_password"
    ),
    path("slips/", views.onboarding_slips, name="onboarding_slips"),
    path("import/", views.roster_import_upload, name="roster_import"),
    path("import/template.xlsx", views.roster_import_template, name="roster_import_template"),
    path("import/<int:pk>/", views.roster_import_detail, name="roster_import_detail"),
    path("import/<int:pk>/confirm/", views.roster_import_confirm, name="roster_import_confirm"),
    path("staff/", views.staff_accounts, name="staff_accounts"),
]
