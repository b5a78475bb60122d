"""Every refusal a person reads derives from the project base through its app's base, so one
``except LmsError`` tells an expected refusal from a bug; the second bases that callers catch
(Django's ValidationError for forms, ValueError, RuntimeError) stay."""

import pytest
from django.core.exceptions import ValidationError

from api.errors import ApiError, RateLimited
from courses.exceptions import CoursesError, ReadingIncomplete
from credentials.exceptions import CredentialRefused, CredentialsError, FontNotFoundError
from exams.exceptions import (
    AnswerError,
    AttemptStartError,
    BlueprintError,
    ExamsError,
    ImportFormatError,
)
from lms.exceptions import (
    BadJson,
    IneligibleError,
    LmsError,
    PeopleError,
    PreparedQueryError,
    RosterFileError,
    TransitionError,
    UploadRejected,
)
from reports.exceptions import ReportsError

REFUSALS = [
    (TransitionError, PeopleError, ValidationError),
    (IneligibleError, PeopleError, ValidationError),
    (RosterFileError, PeopleError, ValueError),
    (UploadRejected, PeopleError, ValueError),
    (BadJson, PeopleError, ValueError),
    (PreparedQueryError, PeopleError, RuntimeError),
    (ReadingIncomplete, CoursesError, None),
    (AttemptStartError, ExamsError, None),
    (AnswerError, ExamsError, ValueError),
    (BlueprintError, ExamsError, None),
    (ImportFormatError, ExamsError, ValueError),
    (CredentialRefused, CredentialsError, None),
    (FontNotFoundError, CredentialsError, RuntimeError),
]


@pytest.mark.parametrize(("refusal", "app_base", "second_base"), REFUSALS)
def test_each_refusal_derives_from_its_app_base_and_keeps_its_second_base(
    refusal, app_base, second_base
):
    assert issubclass(app_base, LmsError)
    assert app_base is not LmsError
    assert issubclass(refusal, app_base)
    if second_base is not None:
        assert issubclass(refusal, second_base)


def test_the_reports_app_has_its_base():
    assert issubclass(ReportsError, LmsError)


def test_the_api_refusals_derive_from_the_project_base():
    assert issubclass(ApiError, LmsError) and issubclass(RateLimited, ApiError)


def test_the_moved_classes_are_still_raised_where_they_were():
    """Callers that catch ``services.AttemptStartError`` or ``uploads.UploadRejected`` keep
    working: the raising modules use the one class from their app's exceptions module."""
    from courses import services as course_services
    from credentials import cards
    from credentials import services as credential_services
    from exams import services as exam_services
    from exams.interop import ImportFormatError as interop_error
    from lms import jsonbody, roster_import, uploads
    from lms import services as lms_services

    assert lms_services.TransitionError is TransitionError
    assert lms_services.IneligibleError is IneligibleError
    assert roster_import.RosterFileError is RosterFileError
    assert uploads.UploadRejected is UploadRejected
    assert jsonbody.BadJson is BadJson
    assert course_services.ReadingIncomplete is ReadingIncomplete
    assert exam_services.AttemptStartError is AttemptStartError
    assert exam_services.AnswerError is AnswerError
    assert interop_error is ImportFormatError
    assert credential_services.CredentialRefused is CredentialRefused
    assert cards.FontNotFoundError is FontNotFoundError


def test_a_form_refusal_still_shows_its_messages():
    error = TransitionError("A reason is required for every status change.")
    assert error.messages == ["A reason is required for every status change."]
    assert isinstance(error, LmsError)
    located = ImportFormatError("bad answer", line=3, question="q1")
    assert str(located) == "line 3, question 'q1': bad answer"
