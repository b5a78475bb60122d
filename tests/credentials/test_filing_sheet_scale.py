"""The Art. 12 filing sheet at province scale: PostgreSQL with server-side binding takes at most
65,535 parameters in one query, so no query behind the sheet may bind one per person (a
prefetch of everyone's credentials did: ``auxiliary_id IN (every pk)``). The sheet still shows
each person's newest credential."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest
from django.db import connection

from credentials.exports import filing_rows
from credentials.models import Credential, CredentialStatus
from credentials.selectors import filing_sheet_rows
from lms.models import Auxiliary, AuxiliaryStatus, Education, HireMethod
from tests import factories
from tests.credentials.factories import credential

pytestmark = pytest.mark.django_db

POSTGRES_MAX_PARAMS = 65_535


class BoundParameters:
    """The number of parameters each query binds (CaptureQueriesContext keeps only the SQL)."""

    def __init__(self):
        self.counts: list[int] = []

    def __call__(self, execute, sql, params, many, context):
        self.counts.append(len(params or ()))
        return execute(sql, params, many, context)


def _download(client, fmt: str) -> BoundParameters:
    bound = BoundParameters()
    with connection.execute_wrapper(bound):
        response = client.get("/credentials/filing-sheet/", {"download": "1", "format": fmt})
    assert response.status_code == 200
    return bound


def _add_people(agency, n: int) -> None:
    for _ in range(n):
        aux = factories.AuxiliaryFactory(agency=agency, status=AuxiliaryStatus.CREDENTIALED)
        credential(aux)


@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_the_sheet_binds_as_many_parameters_for_30_people_as_for_3(client, org, fmt):
    client.force_login(org.admin_a)
    _download(client, fmt)  # the first request of a session reads more (the login, caches)
    _add_people(org.county_a, 3)
    few = _download(client, fmt)
    _add_people(org.county_a, 27)
    many = _download(client, fmt)
    assert len(many.counts) == len(few.counts)  # the queries do not grow with the rows
    assert max(many.counts) == max(few.counts), (few.counts, many.counts)


def test_the_sheet_shows_each_persons_newest_credential(client, org):
    # Reissued: the old card expired, a new one issued later. Two issued the same day: the
    # later one (higher pk) is newest, as the sheet always read them.
    reissued = factories.AuxiliaryFactory(
        agency=org.county_a, name="换证甲", status=AuxiliaryStatus.CREDENTIALED
    )
    old = credential(reissued, issued_on=datetime.date(2024, 3, 1))
    Credential.objects.filter(pk=old.pk).update(status=CredentialStatus.EXPIRED)
    new = credential(reissued, issued_on=datetime.date(2025, 3, 1))
    same_day = factories.AuxiliaryFactory(
        agency=org.county_a, name="同日乙", status=AuxiliaryStatus.SUSPENDED
    )
    first = credential(same_day, issued_on=datetime.date(2025, 6, 1))
    Credential.objects.filter(pk=first.pk).update(status=CredentialStatus.REVOKED)
    second = credential(same_day, issued_on=datetime.date(2025, 6, 1))
    Credential.objects.filter(pk=second.pk).update(status=CredentialStatus.SUSPENDED)
    factories.AuxiliaryFactory(agency=org.county_a, name="候选丙")  # candidates are not filed
    Auxiliary.objects.filter(name="候选丙").update(status=AuxiliaryStatus.CANDIDATE)

    client.force_login(org.admin_a)
    response = client.get("/credentials/filing-sheet/", {"download": "1"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[4]]
    rows = [row for row in sheet.iter_rows(min_row=5, values_only=True)]
    cells = {
        row[1]: (
            row[header.index("工作证编号")],
            row[header.index("工作证状态")],
            row[header.index("工作证有效期至")],
        )
        for row in rows
    }
    filed = Auxiliary.objects.filter(agency=org.county_a).exclude(status=AuxiliaryStatus.CANDIDATE)
    assert [row[1] for row in rows] == list(filed.values_list("name", flat=True))
    assert cells["换证甲"] == (new.number, "有效", new.valid_until.isoformat())
    assert cells["同日乙"] == (second.number, "已暂停", second.valid_until.isoformat())
    assert cells["甲一"] == ("", "无", "")  # no credential: empty number and date


@pytest.mark.postgres
def test_a_province_of_66000_people_gets_its_whole_sheet(org):
    """More people than PostgreSQL binds parameters: the prefetch failed here outright."""
    people = 66_000
    Auxiliary.objects.bulk_create(
        (
            Auxiliary(
                agency=org.county_b,
                name=f"批量{i:05d}",
                gender="M",
                birth_date=datetime.date(1995, 5, 17),
                id_number=f"9{i:017d}",
                education=Education.SENIOR_HIGH,
                hire_method=HireMethod.PUBLIC_RECRUITMENT,
                contract_start=datetime.date(2025, 1, 1),
                contract_end=datetime.date(2028, 12, 31),
                post="窗口服务辅助岗",
                duties=[1],
                status=AuxiliaryStatus.CREDENTIALED,
            )
            for i in range(people)
        ),
        batch_size=5000,
    )
    last = Auxiliary.objects.get(name=f"批量{people - 1:05d}")
    card = credential(last)

    bound = BoundParameters()
    with connection.execute_wrapper(bound):
        rows = filing_rows(filing_sheet_rows(user=org.provincial_admin))
    assert len(rows) == people + 2  # and 甲一, 乙一 of the fixture
    assert len(bound.counts) == 1 and max(bound.counts) < 10
    by_name = {row[1]: row for row in rows}
    assert by_name[last.name][11:14] == (card.number, "有效", card.valid_until)
    assert by_name["批量00000"][11:14] == ("", "无", None)
