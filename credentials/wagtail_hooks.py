"""Wagtail admin: a live preview of the province-wide card design, next to its settings. And
what credentials adds to the other apps (lms/hooks.py lists the hooks): the exam result's
pass outcome, home panels, navigation, to-dos, the link from a person's record, the demo
credentials, the daily expiry schedule and the card-design permission of provincial admins."""

from __future__ import annotations

import datetime
from dataclasses import replace
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from credentials import home, seed, selectors
from credentials.cards import CardData, CardDesign, card_png
from credentials.gate import issue_refusal_reasons
from credentials.models import CredentialStatus
from credentials.numbers import format_number
from credentials.rendering import design_from_settings, verify_url
from lms.admin_menu import PermissionMenuItem
from lms.schedules import ScheduleSpec
from lms.seeding import SeedStep

PERMISSION = "credentials.change_credentialdesignsettings"


def _check(request) -> None:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def sample_card() -> CardData:
    number = format_number(agency_code="DHCG", year=timezone.localdate().year, sequence=123)
    return CardData(
        name="张晓明",
        agency_name="江城市东湖区城市管理综合行政执法局",
        number=number,
        post="巡查劝导辅助岗",
        duties=["劝阻违法行为", "发现并报告违法线索"],
        valid_until=timezone.localdate() + datetime.timedelta(days=730),
        verify_url=verify_url(number),
    )


TRY_FIELDS = ("issuer_name", "title", "band_color", "accent_color", "text_color", "back_text")


def _design(request) -> tuple[CardDesign, dict]:
    """The saved design, with any values being tried out (?band_color=… etc.) laid over it.
    Invalid values are ignored so a half-typed colour never breaks the preview."""
    design = design_from_settings()
    tried = {}
    for name in TRY_FIELDS:
        value = request.GET.get(name, "").strip()
        if not value:
            continue
        if name.endswith("_color"):
            value = value.upper()
        try:
            design = replace(design, **{name: value})
        except ValueError:
            continue
        tried[name] = value
    return design, tried


def card_preview(request):
    _check(request)
    design, tried = _design(request)
    return render(
        request,
        "credentials/admin/card_preview.html",
        {
            "settings_url": reverse(
                "wagtailsettings:edit", args=["credentials", "credentialdesignsettings"]
            ),
            "design": design,
            "tried": bool(tried),
            "query": urlencode({**tried, "v": int(timezone.now().timestamp())}),
        },
    )


def card_preview_png(request, side: str):
    _check(request)
    if side not in ("front", "back"):
        raise Http404
    png = card_png(sample_card(), _design(request)[0], side=side)
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "no-store"
    return response


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("credentials/card-preview/", card_preview, name="credentials_card_preview"),
        path(
            "credentials/card-preview/<str:side>.png",
            card_preview_png,
            name="credentials_card_preview_png",
        ),
    ]


@hooks.register("register_settings_menu_item")
def register_preview_menu_item():
    return PermissionMenuItem(
        _("Credential card preview"),
        reverse("credentials_card_preview"),
        icon_name="view",
        order=901,
        permission=PERMISSION,
    )


@hooks.register("exam_pass_outcome")
def exam_pass_outcome(request, attempt):
    """On the exam result: the credential the pass issued (Art. 20), or why none was issued."""
    if not attempt.passed:
        return None
    credential = selectors.latest_credential(auxiliary=attempt.auxiliary)
    if credential is not None and credential.status == CredentialStatus.ACTIVE:
        context = {"credential": credential}
    else:
        context = {"credential": None, "reasons": issue_refusal_reasons(attempt.auxiliary)}
    return render_to_string("credentials/_exam_outcome.html", context, request=request)


# 02:00 local time: after midnight, so "past valid-until" means yesterday's date.
DAILY = ScheduleSpec(
    name="credentials: expire and warn",
    func="credentials.tasks.credentials_daily",
    daily_at=datetime.time(2, 0),
)


hooks.register("lms_home_panels", home.learner_panel)
hooks.register("lms_home_panels", home.staff_panel)
hooks.register("lms_todos", home.collect_todos)
hooks.register("lms_nav_items", home.nav_links)
hooks.register("lms_person_links", home.person_link)


@hooks.register("lms_seed_steps")
def seed_steps():
    return [SeedStep(40, "credentials", "工作证", seed.seed_credentials)]


@hooks.register("lms_schedules")
def schedules():
    return [DAILY]


@hooks.register("lms_editor_permissions")
def editor_permissions():
    """Provincial admins set the province-wide card design (Art. 20 para 2)."""
    return {"credentials": ["change_credentialdesignsettings"]}
