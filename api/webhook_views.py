"""The webhooks page: an agency's endpoints, the deliveries to them and their failures, and
a button to send one again."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from api import delivery as delivery_service
from api import webhooks
from api.forms import WebhookForm
from lms.permissions import get_scoped_or_404, managed_agencies, manager_required

NEW_SECRET_SESSION = "api_new_webhook_secret"


@manager_required
def webhook_list(request):
    form = WebhookForm(request.POST or None, agencies=managed_agencies(request.user))
    if request.method == "POST" and form.is_valid():
        endpoint = webhooks.endpoint_create(actor=request.user, **form.cleaned_data)
        request.session[NEW_SECRET_SESSION] = {"url": endpoint.url, "secret": endpoint.secret}
        return redirect("api:webhooks")
    return render(
        request,
        "api/webhooks.html",
        {
            "form": form,
            "new": request.session.pop(NEW_SECRET_SESSION, None),
            "endpoints": webhooks.visible_endpoints(request.user),
            "deliveries": webhooks.visible_deliveries(request.user)[:50],
        },
    )


@require_POST
@manager_required
def delivery_resend(request, pk: int):
    delivery = get_scoped_or_404(webhooks.visible_deliveries(request.user), pk=pk)
    delivery_service.delivery_resend(delivery=delivery)
    messages.success(request, _("The event is being sent again."))
    return redirect("api:webhooks")
