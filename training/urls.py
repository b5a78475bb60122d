from django.urls import path

from training import views

app_name = "training"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("people/", views.people, name="people"),
    path("people/<int:pk>/", views.person, name="person"),
    path("people/<int:pk>/<str:document>.pdf", views.person_document, name="person_pdf"),
    path("mine/<str:document>.pdf", views.my_document, name="my_pdf"),
    path("entries/<int:pk>/correct/", views.correct, name="correct"),
    path("sessions/", views.sessions, name="sessions"),
    path("sessions/new/", views.session_new, name="session_new"),
    path("sessions/<int:pk>/", views.session, name="session"),
    path("outside/", views.outside, name="outside"),
    path("outside/new/", views.outside_new, name="outside_new"),
    path("outside/<int:pk>/decide/", views.outside_decide, name="outside_decide"),
    path("outside/<int:pk>/scan/", views.outside_scan, name="outside_scan"),
    path("plans/", views.plans, name="plans"),
    path("plans/new/", views.plan_new, name="plan_new"),
    path("plans/<int:pk>/", views.plan, name="plan"),
    path("requirement/", views.requirement, name="requirement"),
    path("reports/", views.report_request, name="report_request"),
    path("reports/<int:pk>/status.json", views.report_status, name="report_status"),
    path("reports/<int:pk>/download/", views.report_download, name="report_download"),
]
