"""The SQL that shapes the report's cells gives what the Python helpers give."""

from __future__ import annotations

import datetime

import pytest

from lms.idcard import mask_id_number
from lms.models import Auxiliary
from reports.selectors import ExcelDate, _masked_id, _objection_label_sql, objection_label
from tests.reports.factories import make_assessment, make_cycle


def sql_value(auxiliary, expression):
    """``expression`` evaluated by the database on ``auxiliary``'s row."""
    return (
        Auxiliary.objects.filter(pk=auxiliary.pk)
        .annotate(value=expression)
        .values_list("value", flat=True)
        .get()
    )


@pytest.mark.parametrize(
    "id_number", ["44030419900101123X", "440304900101123", "12345678", "1234", ""]
)
def test_masking_in_sql_matches_mask_id_number(org, id_number):
    Auxiliary.objects.filter(pk=org.aux_a.pk).update(id_number=id_number)
    masked = sql_value(org.aux_a, _masked_id("id_number"))
    assert masked == mask_id_number(id_number)
    assert id_number[4:-4] not in masked or len(id_number) <= 8


@pytest.mark.parametrize(
    "contract_end, serial",
    [(datetime.date(2026, 9, 30), 46295), (datetime.date(2000, 1, 1), 36526)],
)
def test_dates_become_excel_serial_days(org, contract_end, serial):
    Auxiliary.objects.filter(pk=org.aux_a.pk).update(contract_end=contract_end)
    value = sql_value(org.aux_a, ExcelDate("contract_end"))
    # The numbers Excel itself shows for these dates (format the cell as General).
    assert value == serial


def test_objection_labels_in_sql_match_the_python_labels(org):
    assessment = make_assessment(make_cycle(org.county_a), org.aux_a)
    cases = [("", ""), ("acknowledged", ""), ("objected", ""), ("objected", "upheld"),
             ("objected", "amended")]  # fmt: skip
    for response, resolution in cases:
        type(assessment).objects.filter(pk=assessment.pk).update(
            response=response, resolution=resolution
        )
        label = (
            type(assessment)
            .objects.filter(pk=assessment.pk)
            .annotate(label=_objection_label_sql())
            .values_list("label", flat=True)
            .get()
        )
        assert label == objection_label(response, resolution)
