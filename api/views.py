"""The API tokens page: agency admins (and the province) create, see and revoke tokens."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from api import tokens
from api.forms import TokenForm
from api.models import ApiWrite
from lms.permissions import get_scoped_or_404, manager_required

# The new key travels from the POST to the page that shows it once, then it is gone.
NEW_KEY_SESSION = "api_new_token"


@manager_required
def token_list(request):
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        issued = tokens.token_create(actor=request.user, **form.cleaned_data)
        request.session[NEW_KEY_SESSION] = {"id": issued.token.pk, "key": issued.key}
        return redirect("api:tokens")
    new = request.session.pop(NEW_KEY_SESSION, None)
    visible = tokens.visible_tokens(request.user)
    writes = ApiWrite.objects.filter(token__in=visible).select_related("token")[:20]
    return render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "tokens": visible[:200],
            "new_key": new and new["key"],
            "new_id": new and new["id"],
            "writes": writes,
        },
    )


@require_POST
@manager_required
def token_revoke(request, pk: int):
    token = get_scoped_or_404(tokens.visible_tokens(request.user), pk=pk)
    tokens.token_revoke(token=token, actor=request.user)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("api:tokens")
