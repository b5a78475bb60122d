"""The exam result page tells the learner what the pass did: the credential it issued, with a
link, or why none was issued — never that the agency "will issue" one already issued."""

from __future__ import annotations

import pytest

from credentials.models import Credential
from tests.credentials.factories import complete_course, pass_exam, setup_course_and_exam

pytestmark = pytest.mark.django_db

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def test_result_names_the_issued_credential_and_links_to_it(client, org):
    from exams import services as exam_services
    from tests.exams import factories as ef
    from tests.exams.test_attempts import answer_all, right_answers

    course, exam = setup_course_and_exam()
    ef.make_bank()
    complete_course(org.aux_a, course)
    attempt = exam_services.attempt_start(auxiliary=org.aux_a, exam=exam)
    answer_all(attempt, right_answers(attempt))
    exam_services.attempt_submit(attempt=attempt)
    credential = Credential.objects.get(auxiliary=org.aux_a)

    client.force_login(org.learner_a)
    html = client.get(f"/exams/attempts/{attempt.pk}/result/", **ZH).content.decode()
    assert f"你的工作证 {credential.number} 已签发" in html
    assert 'href="/credentials/mine/"' in html
    assert "将为你核发" not in html


def test_result_says_why_no_credential_was_issued(client, org):
    _course, exam = setup_course_and_exam()
    attempt = pass_exam(org.aux_a, exam)  # the pre-job course was never completed
    client.force_login(org.learner_a)
    html = client.get(f"/exams/attempts/{attempt.pk}/result/", **ZH).content.decode()
    assert "工作证尚未签发" in html
    assert "尚未完成岗前培训课程" in html
