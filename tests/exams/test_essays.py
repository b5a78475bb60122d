"""简答题 / 案例分析题: an attempt with an essay waits for its marks, graders mark it in the queue
(two of them and a reconciliation when the exam asks), and the credential follows the final
grade."""

from __future__ import annotations

import pytest
from django.urls import reverse

from credentials.models import Credential
from exams import essays, services
from exams.exceptions import GradingError
from exams.models import AttemptStatus, BlueprintRule
from tests.exams import factories as f


@pytest.fixture
def essay_exam(exam_setup):
    f.make_typed_question("essay")
    BlueprintRule.objects.create(exam=exam_setup.exam, qtype="essay", count=1, sort_order=9)
    return exam_setup


def _hand_in(setup, essay_text="辅助人员应在执法人员指挥下开展工作，不得独立执法。"):
    attempt = services.attempt_start(auxiliary=setup.org.aux_a, exam=setup.exam)
    for seq, row in enumerate(attempt.questions.all(), start=1):
        if row.snapshot["qtype"] == "essay":
            answer = [essay_text]
        else:
            answer = [c["key"] for c in row.snapshot["choices"] if c["weight"] > 0]
        services.attempt_save_answer(
            attempt=attempt, position=row.position, selected=answer, seq=seq
        )
    return services.attempt_submit(attempt=attempt)


def _essay(attempt):
    return attempt.questions.get(snapshot__qtype="essay")


def test_an_essay_attempt_waits_for_its_mark_and_the_credential_follows(essay_exam, client):
    org = essay_exam.org
    attempt = _hand_in(essay_exam)
    assert attempt.status == AttemptStatus.GRADING
    assert attempt.score is None and attempt.passed is None
    assert not Credential.objects.filter(auxiliary=org.aux_a).exists()
    client.force_login(org.learner_a)
    page = client.get(reverse("exams:result", args=[attempt.pk])).content.decode()
    assert "待阅卷" in page
    # The county's admin sees it in the queue, with the rubric beside the answer.
    client.force_login(org.admin_a)
    queue = client.get(reverse("exams:grading")).content.decode()
    assert reverse("exams:grade_attempt", args=[attempt.pk]) in queue
    page = client.get(reverse("exams:grade_attempt", args=[attempt.pk])).content.decode()
    assert "不得独立执法" in page and "要点：" in page and "第十五条" in page
    answer = _essay(attempt)
    client.post(
        reverse("exams:grade_attempt", args=[attempt.pk]),
        {"answer": answer.pk, "mark": "90", "comment": "要点齐全"},
    )
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.SUBMITTED
    assert attempt.score == 98 and attempt.passed  # 4 choice questions right, the essay 0.9
    assert Credential.objects.filter(auxiliary=org.aux_a).exists()
    # With answers shown after the exam, the learner reads the grader's comment.
    attempt.exam.review = "answers"
    attempt.exam.save()
    client.force_login(org.learner_a)
    assert "要点齐全" in client.get(reverse("exams:result", args=[attempt.pk])).content.decode()


def test_a_low_essay_mark_fails_the_attempt_and_no_credential_is_issued(essay_exam):
    exam = essay_exam.exam
    exam.pass_mark = 90
    exam.save()
    attempt = _hand_in(essay_exam)
    essays.essay_mark_record(user=essay_exam.org.admin_a, answer_pk=_essay(attempt).pk, mark=40)
    attempt.refresh_from_db()
    assert (attempt.score, attempt.passed) == (88, False)  # (4 + 0.4) / 5
    assert not Credential.objects.filter(auxiliary=essay_exam.org.aux_a).exists()


def test_an_essay_left_blank_scores_nothing_and_needs_no_grader(essay_exam):
    attempt = _hand_in(essay_exam, essay_text="   ")
    assert attempt.status == AttemptStatus.SUBMITTED
    assert attempt.score == 80


def test_double_grading_takes_the_mean_or_a_reconciliation(essay_exam, org):
    exam = essay_exam.exam
    exam.double_grading = True
    exam.grading_tolerance = 20
    exam.save()
    attempt = _hand_in(essay_exam)
    answer = _essay(attempt)
    essays.essay_mark_record(user=org.admin_a, answer_pk=answer.pk, mark=100)
    # The same person cannot give the second mark.
    with pytest.raises(GradingError):
        essays.essay_mark_record(user=org.admin_a, answer_pk=answer.pk, mark=100)
    assert [i.round for i in essays.grading_queue(user=org.city_admin)] == [2]
    essays.essay_mark_record(user=org.city_admin, answer_pk=answer.pk, mark=40)
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.GRADING  # 100 and 40 differ by more than 20
    assert essays.grading_queue(user=org.admin_a) == []
    (item,) = essays.grading_queue(user=org.provincial_admin)
    assert item.round == 3 and [m.mark for m in item.earlier] == [100, 40]
    essays.essay_mark_record(user=org.provincial_admin, answer_pk=answer.pk, mark=50)
    attempt.refresh_from_db()
    assert attempt.score == 90  # (4 + 0.5) / 5


def test_two_close_marks_give_their_mean(essay_exam, org):
    exam = essay_exam.exam
    exam.double_grading = True
    exam.save()
    attempt = _hand_in(essay_exam)
    answer = _essay(attempt)
    essays.essay_mark_record(user=org.admin_a, answer_pk=answer.pk, mark=80)
    essays.essay_mark_record(user=org.city_admin, answer_pk=answer.pk, mark=90)
    answer.refresh_from_db()
    assert answer.score == 0.85


def test_grading_is_for_graders_in_scope(essay_exam, client):
    org = essay_exam.org
    attempt = _hand_in(essay_exam)
    url = reverse("exams:grade_attempt", args=[attempt.pk])
    client.force_login(org.admin_b)  # another county: as if the attempt did not exist
    assert client.get(url).status_code == 404
    assert essays.grading_queue(user=org.admin_b) == []
    with pytest.raises(type(attempt.questions.model.DoesNotExist())):
        essays.essay_mark_record(user=org.admin_b, answer_pk=_essay(attempt).pk, mark=50)
    client.force_login(org.supervisor_a)  # supervisors do not grade
    assert client.get(url).status_code == 403


def test_a_mark_out_of_range_is_refused_and_nothing_changes(essay_exam, client):
    org = essay_exam.org
    attempt = _hand_in(essay_exam)
    client.force_login(org.admin_a)
    url = reverse("exams:grade_attempt", args=[attempt.pk])
    for bad in ("101", "-1", "abc", ""):
        response = client.post(url, {"answer": _essay(attempt).pk, "mark": bad}, follow=True)
        assert response.status_code == 200
        assert "0" in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.GRADING
    assert not _essay(attempt).marks.exists()


def test_a_grader_sees_the_waiting_essays_in_the_home_to_do_until_they_are_marked(
    essay_exam, client
):
    org = essay_exam.org
    attempt = _hand_in(essay_exam)
    client.force_login(org.admin_a)
    home = client.get("/").content.decode()
    assert "有 1 份主观题答卷等待你阅卷" in home
    assert reverse("exams:grading") in home
    # Another agency's admin has nothing of theirs to mark.
    client.force_login(org.admin_b)
    assert "等待你阅卷" not in client.get("/").content.decode()
    essays.essay_mark_record(user=org.admin_a, answer_pk=_essay(attempt).pk, mark=90)
    client.force_login(org.admin_a)
    assert "等待你阅卷" not in client.get("/").content.decode()
