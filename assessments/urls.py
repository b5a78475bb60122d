from django.urls import path

from assessments import views

app_name = "assessments"
urlpatterns = [
    path("score/", views.my_forms, name="my_forms"),
    path("mine/", views.mine, name="mine"),
    path("cycles/", views.cycle_list, name="cycle_list"),
    path("cycles/new/", views.cycle_open, name="cycle_open"),
    path("cycles/<int:pk>/", views.cycle_detail, name="cycle_detail"),
    path("cycles/<int:pk>/print/", views.cycle_print, name="cycle_print"),
    path("prints/<int:pk>/status.json", views.print_status, name="print_status"),
    path("prints/<int:pk>/download/", views.print_download, name="print_download"),
    path("templates/", views.template_list, name="template_list"),
    path("templates/<int:pk>/", views.template_detail, name="template_detail"),
    path("templates/<int:pk>/edit/", views.template_edit, name="template_edit"),
    path("notices/<int:pk>/read/", views.notice_read, name="notice_read"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/form.pdf", views.assessment_pdf, name="pdf"),
    path("<int:pk>/score/", views.score, name="score"),
    path("<int:pk>/draft/", views.save_draft, name="draft"),
    path("<int:pk>/respond/", views.respond, name="respond"),
    path("<int:pk>/uphold/", views.uphold, name="uphold"),
    path("<int:pk>/amend/", views.amend, name="amend"),
    path("<int:pk>/decide/", views.decide, name="decide"),
]
