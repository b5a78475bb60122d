"""Credential numbers: the check character catches typos; allocation is gap-free and race-free."""

from __future__ import annotations

import threading

import pytest
from django.db import close_old_connections, connection

from credentials import numbers
from credentials.models import Credential, CredentialCounter
from credentials.numbers import ALPHABET, check_character, format_number, is_well_formed
from tests import factories
from tests.credentials.factories import credential


def test_format_has_code_year_sequence_and_check():
    number = format_number(agency_code="DHCG", year=2026, sequence=123)
    assert number.startswith("DHCG-2026-000123-")
    assert len(number.rsplit("-", 1)[1]) == 1
    assert is_well_formed(number)


def test_every_single_character_typo_is_caught():
    number = format_number(agency_code="DHCG", year=2026, sequence=123)
    for position, original in enumerate(number):
        if original == "-":
            continue
        for replacement in ALPHABET:
            if replacement != original:
                typo = number[:position] + replacement + number[position + 1 :]
                assert not is_well_formed(typo), typo


def test_every_adjacent_swap_is_caught():
    base = "XSCG-2027-004518"
    number = f"{base}-{check_character(base)}"
    chars = list(number)
    for i in range(len(chars) - 1):
        if chars[i] == chars[i + 1] or "-" in (chars[i], chars[i + 1]):
            continue
        swapped = chars.copy()
        swapped[i], swapped[i + 1] = swapped[i + 1], swapped[i]
        assert not is_well_formed("".join(swapped)), "".join(swapped)


@pytest.mark.parametrize(
    "text", ["", "DHCG-2026-123-K", "DHCG2026000123K", "dhcg-2026-000123", "DHCG-26-000123-K"]
)
def test_malformed_numbers_are_not_well_formed(text):
    assert not is_well_formed(text)


def test_typed_lower_case_and_spaces_still_validate():
    number = format_number(agency_code="JCCG", year=2026, sequence=7)
    assert is_well_formed(" " + number.lower().replace("-", "－", 1) + " ")


def test_sequence_per_agency_per_year(org):
    a1 = credential(org.aux_a)
    b1 = credential(org.aux_b)
    other = factories.AuxiliaryFactory(agency=org.county_a)
    a2 = credential(other)
    year = a1.issued_on.year
    assert a1.number.startswith(f"CTYA-{year}-000001-")
    assert a2.number.startswith(f"CTYA-{year}-000002-")
    assert b1.number.startswith(f"CTYB-{year}-000001-")
    assert all(numbers.is_well_formed(c.number) for c in (a1, a2, b1))


def test_new_year_starts_at_one(org):
    import datetime

    old = credential(org.aux_a, issued_on=datetime.date(2025, 12, 31))
    new = credential(factories.AuxiliaryFactory(agency=org.county_a))
    assert old.number.startswith("CTYA-2025-000001-")
    assert "-000001-" in new.number and new.number != old.number


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_simultaneous_issues_get_fifty_numbers_without_gaps():
    assert connection.vendor == "postgresql"
    agency = factories.AgencyFactory(code="RACE")
    people = [factories.AuxiliaryFactory(agency=agency) for _ in range(50)]
    barrier = threading.Barrier(50)
    errors: list[BaseException] = []

    def issue(aux):
        try:
            barrier.wait()
            credential(aux)
        except BaseException as exc:
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=issue, args=(aux,)) for aux in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    issued = list(
        Credential.objects.filter(auxiliary__agency=agency).values_list("number", flat=True)
    )
    sequences = sorted(int(number.split("-")[2]) for number in issued)
    assert len(set(issued)) == 50
    assert sequences == list(range(1, 51))
    assert CredentialCounter.objects.get(agency=agency).last_sequence == 50
