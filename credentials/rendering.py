"""From the database to the pure card renderer: the province-wide design as set in Wagtail,
and one credential's card content."""

from __future__ import annotations

import logging

from django.conf import settings
from django.urls import reverse
from django.utils.translation import override

from credentials.cards import CardData, CardDesign
from credentials.models import Credential, CredentialDesignSettings

logger = logging.getLogger(__name__)


def verify_url(number: str) -> str:
    return settings.SITE_URL + reverse("verify", args=[number])


def _read(field_file) -> bytes | None:
    if not field_file:
        return None
    try:
        with field_file.open("rb") as handle:
            return handle.read()
    except OSError:  # a missing file must not stop a card from printing
        logger.warning("Could not read %s", field_file.name)
        return None


def design_from_settings(design_settings: CredentialDesignSettings | None = None) -> CardDesign:
    s = design_settings or CredentialDesignSettings.load()
    logo = _read(s.logo.file) if s.logo_id else None
    return CardDesign(
        issuer_name=s.issuer_name,
        title=s.title,
        band_color=s.band_color.upper(),
        accent_color=s.accent_color.upper(),
        text_color=s.text_color.upper(),
        logo_png=logo,
        back_text=s.back_text,
    )


def card_data(credential: Credential) -> CardData:
    aux = credential.auxiliary
    # The card is printed in Chinese whatever language the requester browses in.
    with override("zh-hans"):
        duties = aux.duty_labels
    return CardData(
        name=aux.name,
        agency_name=aux.agency.name,
        number=credential.number,
        post=aux.post,
        duties=duties,
        valid_until=credential.valid_until,
        verify_url=verify_url(credential.number),
        photo=_read(aux.photo),
    )
