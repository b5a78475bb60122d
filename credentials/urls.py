from django.urls import path

from credentials import views

app_name = "credentials"
urlpatterns = [
    path("", views.credential_list, name="list"),
    path("mine/", views.my_credential, name="mine"),
    path("awaiting/", views.awaiting_list, name="awaiting"),
    path("<int:pk>/", views.credential_detail, name="detail"),
    path("<int:pk>/card.png", views.credential_card, name="card"),
    path("<int:pk>/action/", views.credential_action, name="action"),
    path("auxiliary/<int:aux_pk>/", views.auxiliary_credentials, name="auxiliary"),
    path("auxiliary/<int:aux_pk>/issue/", views.credential_issue, name="issue"),
    path("returns/", views.checklist_list, name="checklists"),
    path("returns/<int:pk>/", views.checklist_detail, name="checklist"),
    path("returns/items/<int:pk>/", views.return_item_mark, name="return_item"),
    path("batches/", views.batch_list, name="batches"),
    path("batches/<int:pk>/", views.batch_detail, name="batch"),
    path("batches/<int:pk>/status.json", views.batch_status, name="batch_status"),
    path("batches/<int:pk>/cards.<str:kind>", views.batch_download, name="batch_download"),
    path("filing-sheet/", views.filing_sheet, name="filing_sheet"),
]
