"""/api/: the pages where API tokens and webhook endpoints are managed (the API itself is
mounted at /api/v1/ in lms/urls.py)."""

from django.urls import path

from api import views, webhook_views

app_name = "api"
urlpatterns = [
    path("tokens/", views.token_list, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("webhooks/", webhook_views.webhook_list, name="webhooks"),
    path(
        "webhooks/deliveries/<int:pk>/resend/",
        webhook_views.delivery_resend,
        name="delivery_resend",
    ),
]
