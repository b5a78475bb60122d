"""Cross-cutting request handling: first-login password change, staff session expiry, and a
readable 503 when the database is unreachable."""

from __future__ import annotations

import logging
import time

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from lms.permissions import scope_for

log = logging.getLogger(__name__)

_EXEMPT_PREFIXES = (
    "/accounts/",
    "/static/",
    "/media/",
    "/healthz",
    "/i18n/",
    "/verify/",
    "/roster/",
)


class ForcePasswordChangeMiddleware:
    """A generated initial password must be changed before anything else is done."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(_EXEMPT_PREFIXES)
            # scope_for loads and caches the profile with its agency in one query.
            and scope_for(user)
            and getattr(getattr(user, "profile", None), "must_change_password", False)
        ):
            return redirect(f"{reverse('password_change')}?first=1")
        return self.get_response(request)


class StaffSessionExpiryMiddleware:
    """Staff (admins, oversight, supervisors) are logged out after a period of inactivity."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and (
            user.is_staff or scope_for(user).role not in {None, "learner"}
        ):
            now = int(time.time())
            last = request.session.get("last_activity")
            if last and now - last > settings.STAFF_SESSION_IDLE_SECONDS:
                logout(request)
                return redirect(f"{settings.LOGIN_URL}?expired=1&next={request.path}")
            # Write at most once a minute so that every request is not a session write.
            if not last or now - last > 60:
                request.session["last_activity"] = now
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """During a database outage, answer 503 with a page or JSON instead of a traceback; the exam
    page keeps unsaved answers in the browser and retries."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Loading the session and the user is most requests' first database access. It would
        # otherwise happen in a middleware below this one, where Django turns the exception
        # into a bare 500 before process_exception could answer 503.
        try:
            if hasattr(request, "user"):
                request.user.is_authenticated  # noqa: B018
        except DatabaseError as exception:
            response = self.process_exception(request, exception)
            if response is None:
                raise
            return response
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError | DatabaseError):
            return None
        if not _looks_like_outage(exception):
            return None
        log.warning("database unavailable: %s", exception)
        wants_json = (
            "application/json" in request.headers.get("Accept", "")
            or request.path.endswith("/save/")
            or request.content_type == "application/json"
        )
        if wants_json:
            response = JsonResponse(
                {"ok": False, "error": "database_unavailable", "retry_after": 5}, status=503
            )
        else:
            # Rendered without the request: its context processors would load the user, which
            # needs the database that is down.
            response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "5"
        return response


def _looks_like_outage(exception: Exception) -> bool:
    if isinstance(exception, InterfaceError):
        return True
    text = str(exception).lower()
    return any(
        marker in text
        for marker in (
            "connection",
            "server closed",
            "terminating connection",
            "could not connect",
            "the database system is",
            "database is locked",
        )
    )


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with one strict policy for the platform's own pages (no inline script, no
    third-party origins) and a looser one for the Wagtail and Django admins, whose editors use
    inline scripts and styles (docs/security.md)."""

    ADMIN_PREFIXES = ("/admin/", "/django-admin/")

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path.startswith(self.ADMIN_PREFIXES) and not report_only:
            parts.replace = {
                **(parts.replace or {}),
                "script-src": [SELF, UNSAFE_INLINE, "'unsafe-eval'"],
                "style-src": [SELF, UNSAFE_INLINE],
                "img-src": [SELF, "data:", "blob:"],
            }
        return parts


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    """Simplified Chinese unless the person chose English with the language switch.

    Django's LocaleMiddleware follows the browser's Accept-Language, so an officer's phone set
    to English (or a government PC with an English OS) would get English pages by surprise.
    Here the only way to English is the switch at the foot of every page (a cookie).
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class AdminAccessMiddleware:
    """A signed-in user without Wagtail admin access who opens /admin/ gets the site's own
    无权访问 page (403.html), not Wagtail's login form a second time, which reads as if their
    login had failed. Signed-out visitors still get the admin's login."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            request.path.startswith("/admin/")
            and not request.path.startswith("/admin/logout/")
            and user is not None
            and user.is_authenticated
            and not user.has_perm("wagtailadmin.access_admin")
        ):
            raise PermissionDenied
        return self.get_response(request)
