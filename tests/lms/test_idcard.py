import datetime

import pytest

from lms.idcard import (
    birth_date_from_id,
    id_number_error,
    is_valid_id_number,
    make_id_number,
    mask_id_number,
)

VALID = "11010519491231002X"  # the standard's own example


def test_the_standard_example_is_valid():
    assert is_valid_id_number(VALID)
    assert birth_date_from_id(VALID) == datetime.date(1949, 12, 31)


@pytest.mark.parametrize(
    "number, message",
    [
        ("110105194912310021", "校验位"),
        ("11010519491231002", "18位"),
        ("1101051949123100XX", "18位"),
        ("110105194913310020", "出生日期"),
    ],
)
def test_invalid_numbers_are_refused_with_a_reason(number, message):
    assert message in id_number_error(number)


def test_lowercase_x_is_accepted():
    assert is_valid_id_number(VALID.lower())


def test_masking_keeps_first_and_last_four():
    assert mask_id_number("44030419900101123X") == "4403**********123X"


def test_generated_numbers_are_valid():
    assert is_valid_id_number(make_id_number("440304", datetime.date(1990, 1, 1), 123))
