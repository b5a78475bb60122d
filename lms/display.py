"""大字模式 (large text): the reader's own choice of text size, on every page.

A logged-in person's choice is a field of their profile, so it follows them to the phone they
borrow at the county office; an anonymous visitor (public verify, the roster, the login page)
keeps it in a cookie. The switch is a plain form, so it works without JavaScript.
"""

from __future__ import annotations

from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from lms.models import UserProfile

COOKIE = "large_text"
COOKIE_AGE = 365 * 24 * 3600


def large_text_on(request) -> bool:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        # The authentication backend loads the profile with the user, so this costs no query.
        try:
            return user.profile.large_text
        except UserProfile.DoesNotExist:
            pass
    return request.COOKIES.get(COOKIE) == "1"


def _return_address(request) -> str:
    """The page the switch was pressed on, with its query (filters, page number): the
    same-origin Referer when the browser sent one, else the path the form carried."""
    for target in (request.headers.get("referer", ""), request.POST.get("next", "")):
        if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return target
    return "/"


def text_size(request):
    """Context processor: ``large_text`` for <html class> and the switch's pressed state."""
    if not hasattr(request, "COOKIES"):
        return {}
    return {"large_text": large_text_on(request)}


@require_POST
def set_text_size(request):
    """Turn large text on or off and go back to the page the switch was pressed on."""
    on = request.POST.get("large_text") == "1"
    response = HttpResponseRedirect(_return_address(request))
    user = request.user
    if user.is_authenticated and UserProfile.objects.filter(user=user).update(large_text=on):
        response.delete_cookie(COOKIE)
        return response
    response.set_cookie(COOKIE, "1" if on else "0", max_age=COOKIE_AGE, samesite="Lax")
    return response
