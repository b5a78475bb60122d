"""Cross-cutting request handling: first-login password change, staff session expiry, and a
readable 503 when the database is unreachable."""

from __future__ import annotations

import logging
import time
from dataclasses import asdict

from csp.constants import HEADER, HEADER_REPORT_ONLY, SELF, UNSAFE_INLINE
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied
from django.core.signals import setting_changed
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
    inline scripts and styles (docs/security.md).

    Without a nonce or a view's own csp_* decorator the two headers depend on nothing but the
    settings and whether the path is an admin's, so they are built once per process and kind
    of path: django-csp builds them for every response, a tenth of an autosave's CPU. Any
    other response goes through django-csp as it is."""

    ADMIN_PREFIXES = ("/admin/", "/django-admin/")
    _PER_RESPONSE = (
        "_csp_config", "_csp_update", "_csp_replace", "_csp_exempt",
        "_csp_config_ro", "_csp_update_ro", "_csp_replace_ro", "_csp_exempt_ro",
    )  # fmt: skip

    def __init__(self, get_response):
        super().__init__(get_response)
        self._built: dict[bool, tuple[str, str]] = {}
        setting_changed.connect(self._settings_changed, weak=True)

    def _settings_changed(self, setting, **kwargs):
        if setting.startswith("CONTENT_SECURITY_POLICY") or setting == "DEBUG":
            self._built.clear()

    def process_response(self, request, response):
        if not self._is_plain(request, response):
            return super().process_response(request, response)
        admin = request.path.startswith(self.ADMIN_PREFIXES)
        headers = self._built.get(admin)
        if headers is None:
            headers = self._built[admin] = (
                build_policy(**asdict(self.get_policy_parts(request, response))),
                build_policy(
                    **asdict(self.get_policy_parts(request, response, True)), report_only=True
                ),
            )
        policy, report_only = headers
        if policy:
            response[HEADER] = policy
        if report_only:
            response[HEADER_REPORT_ONLY] = report_only
        # What django-csp does after writing the header: a nonce asked for now is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def _is_plain(self, request, response) -> bool:
        """Nothing of this response or request changes the policy or where it is written."""
        return not (
            getattr(request, "_csp_nonce", None) is not None
            or any(hasattr(response, name) for name in self._PER_RESPONSE)
            or HEADER in response
            or HEADER_REPORT_ONLY in response
            or (settings.DEBUG and response.status_code in (404, 500))
            or (settings.CONTENT_SECURITY_POLICY or {}).get("EXCLUDE_URL_PREFIXES")
            or (getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None) or {}).get(
                "EXCLUDE_URL_PREFIXES"
            )
        )

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
