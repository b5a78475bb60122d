"""/exams/sessions/: staff pages, then the candidate's waiting room under <pk>/room/."""

from django.urls import path

from exams.sessions import views

app_name = "sessions"
urlpatterns = [
    path("", views.session_list, name="list"),
    path("new/", views.session_new, name="new"),
    path("<int:pk>/", views.session_detail, name="detail"),
    path("<int:pk>/enrol/", views.session_enrol, name="enrol"),
    path("<int:pk>/confirm/", views.session_confirm, name="confirm"),
    path("<int:pk>/cancel/", views.session_cancel, name="cancel"),
    path("<int:pk>/reschedule/", views.session_reschedule, name="reschedule"),
    path("<int:pk>/draws/<int:draw>/status/", views.draw_status, name="draw_status"),
    path("<int:pk>/live/", views.live, name="live"),
    path("<int:pk>/live/rows/", views.live_rows, name="live_rows"),
    path(
        "<int:pk>/candidates/<int:candidate>/<slug:action>/",
        views.candidate_action,
        name="candidate_action",
    ),
    path("<int:pk>/clock/<slug:action>/", views.session_clock, name="clock"),
    path("<int:pk>/report/", views.session_report, name="report"),
    path("<int:pk>/report.xlsx", views.session_report_xlsx, name="report_xlsx"),
    path("<int:pk>/room/", views.room, name="room"),
    path("<int:pk>/room/status/", views.room_status, name="room_status"),
    path("<int:pk>/room/sealed/", views.room_sealed, name="room_sealed"),
    path("<int:pk>/room/key/", views.room_key, name="room_key"),
    path("<int:pk>/room/open/", views.room_open, name="room_open"),
    path("<int:pk>/room/event/", views.room_event, name="room_event"),
    path("<int:pk>/room/photo/", views.room_photo, name="room_photo"),
]
