from django.urls import include, path

from exams import grading_views, views

app_name = "exams"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("start/", views.start, name="start"),
    path("quizzes/<int:course_id>/start/", views.quiz_start, name="quiz_start"),
    path("sw.js", views.service_worker, name="service_worker"),
    path("attempts/<int:pk>/", views.attempt_page, name="attempt"),
    path("attempts/<int:pk>/save/", views.save_answer, name="save"),
    path("attempts/<int:pk>/submit/", views.submit, name="submit"),
    path("attempts/<int:pk>/result/", views.result, name="result"),
    path("staff/attempts/", views.staff_attempts, name="staff_attempts"),
    path("staff/attempts/<int:pk>/", views.staff_attempt_detail, name="staff_attempt_detail"),
    path("staff/grading/", grading_views.queue, name="grading"),
    path("staff/grading/<int:pk>/", grading_views.attempt, name="grade_attempt"),
    path("sessions/", include("exams.sessions.urls")),
]
