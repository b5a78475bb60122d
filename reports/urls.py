from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("cycles/<int:cycle_id>/", views.cycle_reports, name="cycle"),
    path("training/", views.training_request, name="training"),
    path("training-hours/", views.training_hours, name="training_hours"),
    path("<int:report_id>/status.json", views.status_json, name="status"),
    path("<int:report_id>/download/", views.download, name="download"),
    path("<int:report_id>/retry/", views.retry, name="retry"),
]
