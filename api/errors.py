"""One error shape for every refusal: ``{"code", "message", "fields"?, "rows"?}``, the message in
Chinese (the active language). Handlers are installed on the API in api.v1."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from lms.exceptions import LmsError

logger = logging.getLogger(__name__)

# Every operation declares these answers, so the OpenAPI document lists what a client gets.
ERROR_CODES = (400, 401, 403, 404, 429)


class ApiError(LmsError):
    """The API app's refusals (the project's one base, lms.exceptions.LmsError): an HTTP status,
    a code and a message for the client."""

    def __init__(self, status: int, code: str, message: str, **extra):
        super().__init__(message)
        self.status, self.code, self.message, self.extra = status, code, message, extra


class Unauthenticated(AuthenticationError):
    def __init__(self, code: str, message: str):
        super().__init__(message=message)
        self.code, self.message = code, message


class RateLimited(ApiError):
    def __init__(self, retry_after: int):
        super().__init__(
            429, "rate_limited", _("Too many requests with this token: try again in a minute.")
        )
        self.retry_after = retry_after


def bad_request(field: str, message: str) -> ApiError:
    return ApiError(400, "invalid", _("Some values were not accepted."), fields={field: [message]})


# Pydantic's error types → a Chinese sentence a system integrator can act on.
def _field_message(error: dict) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    messages = {
        "missing": _("This value is required."),
        "string_too_long": _("At most %(n)s characters.") % {"n": ctx.get("max_length")},
        "string_too_short": _("At least %(n)s characters.") % {"n": ctx.get("min_length")},
        "too_long": _("At most %(n)s items.") % {"n": ctx.get("max_length")},
        "too_short": _("At least %(n)s items.") % {"n": ctx.get("min_length")},
        "string_pattern_mismatch": _("Not in the expected form."),
        "literal_error": _("Write one of: %(values)s.") % {"values": ctx.get("expected", "")},
        "int_parsing": _("Write a whole number."),
        "int_type": _("Write a whole number."),
        "greater_than_equal": _("At least %(n)s.") % {"n": ctx.get("ge")},
        "less_than_equal": _("At most %(n)s.") % {"n": ctx.get("le")},
        "datetime_parsing": _("Write a date and time as ISO 8601, e.g. 2026-12-03T08:00:00+08:00."),
        "datetime_from_date_parsing": _(
            "Write a date and time as ISO 8601, e.g. 2026-12-03T08:00:00+08:00."
        ),
        "bool_parsing": _("Write true or false."),
        "json_invalid": _("The body is not valid JSON."),
        "model_attributes_type": _("Send a JSON object."),
        "dict_type": _("Send a JSON object."),
        "list_type": _("Send a list."),
        "string_type": _("Write text."),
    }
    return messages.get(kind, _("This value is not accepted."))


def _field_name(error: dict) -> str:
    return ".".join(str(part) for part in error.get("loc", ())) or "body"


def install(api) -> None:
    def respond(request, status: int, body: dict, headers: dict | None = None):
        response = api.create_response(request, body, status=status)
        for name, value in (headers or {}).items():
            response[name] = value
        return response

    @api.exception_handler(ApiError)
    def api_error(request, exc: ApiError):
        headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, RateLimited) else {}
        return respond(
            request, exc.status, {"code": exc.code, "message": exc.message, **exc.extra}, headers
        )

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        if isinstance(exc, Unauthenticated):
            code, message = exc.code, exc.message
        else:  # no Authorization header, or not a Bearer one
            code = "unauthorized"
            message = _("Send a valid API token: Authorization: Bearer <token>.")
        return respond(
            request,
            401,
            {"code": code, "message": str(message)},
            {"WWW-Authenticate": "Bearer"},
        )

    @api.exception_handler(NinjaValidationError)
    def invalid(request, exc: NinjaValidationError):
        fields: dict[str, list[str]] = {}
        for error in exc.errors:
            fields.setdefault(_field_name(error), []).append(_field_message(error))
        return respond(
            request,
            400,
            {"code": "invalid", "message": _("Some values were not accepted."), "fields": fields},
        )

    @api.exception_handler(DjangoValidationError)
    def refused(request, exc: DjangoValidationError):
        return respond(request, 400, {"code": "refused", "message": " ".join(exc.messages)})

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return respond(request, 404, {"code": "not_found", "message": _("Not found.")})

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        message = str(exc) or _("This token may not do this.")
        return respond(request, 403, {"code": "forbidden", "message": message})

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        return respond(
            request, exc.status_code, {"code": f"http_{exc.status_code}", "message": str(exc)}
        )

    @api.exception_handler(Exception)
    def crashed(request, exc):
        # A bug, never an answer to input: logged with its traceback for the operator.
        logger.exception("API request failed: %s %s", request.method, request.path)
        return respond(
            request,
            500,
            {"code": "server_error", "message": _("Something went wrong on the server.")},
        )
