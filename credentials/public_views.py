"""Public pages, no login: credential verification (the QR code on the card opens it) and the
Art. 21 roster. They read only public fields: name, agency, status, validity, photo, duties,
work area — never ID number, birth date or contract data."""

from __future__ import annotations

import io

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from PIL import Image, ImageOps

from credentials import numbers, selectors
from credentials.exports import duty_text, roster_xlsx
from credentials.models import Credential, CredentialStatus
from credentials.ratelimit import limit_exceeded, verify_limit, verify_window
from lms.downloads import as_download
from lms.models import Agency

PHOTO_SIZE = (360, 480)


def effective_status(credential: Credential) -> str:
    """An active credential past its date reads as expired even before the nightly job ran."""
    if (
        credential.status == CredentialStatus.ACTIVE
        and credential.valid_until < timezone.localdate()
    ):
        return CredentialStatus.EXPIRED
    return credential.status


def photo_is_public(credential: Credential) -> bool:
    """The holder's photo is shown to anyone with the number only while the credential is in
    force: it is there to match a working auxiliary's face to the card, and a revoked or
    expired card must not keep publishing a former auxiliary's picture."""
    return bool(credential.auxiliary.photo) and effective_status(credential) == (
        CredentialStatus.ACTIVE
    )


def _wants_json(request) -> bool:
    return request.GET.get("format") == "json"


def _rate_limited(request):
    message = _("Too many look-ups from your network. Please wait a minute and try again.")
    if _wants_json(request):
        response = JsonResponse({"error": "rate_limited", "message": message}, status=429)
    else:
        response = render(
            request, "credentials/rate_limited.html", {"message": message}, status=429
        )
    response["Retry-After"] = str(verify_window())
    return response


def _not_found(request, number: str):
    normalised = numbers.normalise(number)
    if not numbers.has_valid_shape(normalised):
        code, message = (
            "malformed",
            _("“%(number)s” is not a credential number. A number looks like DHCG-2026-000123-K.")
            % {"number": number},
        )
    elif not numbers.is_well_formed(normalised):
        code, message = (
            "typo",
            _(
                "This number has a typo: its last character (the check character) does not match. "
                "Check the number on the card and type it again."
            ),
        )
    else:
        code, message = (
            "not_found",
            _(
                "There is no credential with this number. Check the number on the card; if it is "
                "right, the card is not genuine — tell the agency named on it."
            ),
        )
    if _wants_json(request):
        return JsonResponse({"error": code, "number": normalised, "message": message}, status=404)
    return render(
        request,
        "credentials/verify_not_found.html",
        {"number": normalised, "code": code, "message": message},
        status=404,
    )


@never_cache
def verify(request, number: str):
    if limit_exceeded(request, bucket="verify", limit=verify_limit()):
        return _rate_limited(request)
    credential = selectors.credential_for_verification(number)
    if credential is None:
        return _not_found(request, number)
    if credential.number != number:  # typed in lower case or with spaces: show the canonical URL
        return redirect(
            reverse("verify", args=[credential.number])
            + ("?format=json" if _wants_json(request) else "")
        )
    status = effective_status(credential)
    aux = credential.auxiliary
    checked_at = timezone.localtime()
    photo_url = (
        reverse("verify_photo", args=[credential.number]) if photo_is_public(credential) else None
    )
    public = {
        "number": credential.number,
        "name": aux.name,
        "agency": aux.agency.name,
        "status": status,
        "status_label": str(CredentialStatus(status).label),
        "valid_until": credential.valid_until.isoformat(),
        "photo_url": request.build_absolute_uri(photo_url) if photo_url else None,
        "checked_at": checked_at.isoformat(timespec="seconds"),
    }
    if _wants_json(request):
        return JsonResponse(public, json_dumps_params={"ensure_ascii": False})
    return render(
        request,
        "credentials/verify.html",
        {
            "credential": credential,
            "status": status,
            "public": public,
            "photo_url": photo_url,
            "checked_at": checked_at,
        },
    )


def verify_lookup(request):
    """The form behind /verify/: type a number read off a card."""
    number = numbers.normalise(request.GET.get("number", ""))
    if number:
        return redirect("verify", number=number)
    return render(request, "credentials/verify_lookup.html")


@never_cache
def verify_photo(request, number: str):
    """The holder's photo, only through their credential number (and rate-limited alike)."""
    if limit_exceeded(request, bucket="verify-photo", limit=verify_limit()):
        return _rate_limited(request)
    credential = selectors.credential_for_verification(number)
    if credential is None or credential.number != number or not photo_is_public(credential):
        raise Http404
    try:
        with credential.auxiliary.photo.open("rb") as handle:
            image = ImageOps.exif_transpose(Image.open(handle))
            image = ImageOps.fit(image.convert("RGB"), PHOTO_SIZE)
    except (OSError, ValueError):
        raise Http404 from None
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=85)  # re-encoded: no EXIF (location, device) leaves here
    return HttpResponse(buf.getvalue(), content_type="image/jpeg")


def public_roster(request, code: str):
    agency = get_object_or_404(Agency, code=code.upper())
    credentials = list(selectors.public_roster(agency=agency))
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(
            roster_xlsx(agency=agency, credentials=credentials),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        return as_download(response, "辅助人员公示名册", "roster", agency, extension="xlsx")
    rows = [
        {
            "name": c.auxiliary.name,
            "number": c.number,
            "duties": duty_text(c.auxiliary.duties),
            "work_area": c.auxiliary.work_area,
        }
        for c in credentials
    ]
    return render(
        request,
        "credentials/roster_public.html",
        {"agency": agency, "rows": rows, "today": timezone.localdate()},
    )
