"""简答题 / 案例分析题: an attempt with an essay waits for its marks, graders mark it in the queue
(two of them and a reconciliation when the exam asks), and the credential follows the final
grade."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from credentials.models import Credential
from exams import essays, services
from exams.exceptions import GradingError
from exams.models import (
    Attempt,
    AttemptQuestion,
    AttemptStatus,
    BlueprintRule,
    EssayMark,
    MarkRound,
)
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


def _more_like(answer, n: int) -> list:
    """``n`` more attempts awaiting grading with a copy of ``answer``'s essay, each handed in a
    minute after the one before (the queue's order)."""
    copies = []
    attempt = Attempt.objects.get(pk=answer.attempt_id)
    last = Attempt.objects.filter(auxiliary=attempt.auxiliary).order_by("finished_at").last()
    for i in range(1, n + 1):
        clone = Attempt.objects.get(pk=attempt.pk)
        clone.pk = None
        clone.number = last.number + i
        clone.finished_at = last.finished_at + datetime.timedelta(minutes=i)
        clone.save()
        essay = AttemptQuestion.objects.get(pk=answer.pk)
        essay.pk, essay.attempt = None, clone
        essay.save()
        copies.append(essay)
    return copies


def _mark(answer, round_, grader, mark):
    EssayMark.objects.create(answer=answer, round=round_, grader=grader, mark=mark)


def _measure(client, url) -> tuple[int, int]:
    """(queries, most parameters bound by one query) of a GET, after a warm-up GET."""
    assert client.get(url).status_code == 200
    sizes = []

    def record(execute, sql, params, many, context):
        sizes.append(len(params or ()))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record), CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries), max(sizes)


def test_a_growing_backlog_costs_the_queue_and_the_home_page_no_more_queries_or_parameters(
    essay_exam, org, client, django_assert_num_queries
):
    """A provincial grader's backlog must not bind one parameter per essay (PostgreSQL stops
    at 65,535) nor load the whole queue to count it."""
    exam = essay_exam.exam
    exam.double_grading = True
    exam.save()
    reconcile = _essay(_hand_in(essay_exam))
    _mark(reconcile, MarkRound.FIRST, org.admin_a, 100)
    _mark(reconcile, MarkRound.SECOND, org.city_admin, 40)
    _more_like(reconcile, 2)  # unmarked: first marking
    client.force_login(org.provincial_admin)
    queue, home = reverse("exams:grading"), "/"
    small = _measure(client, queue), _measure(client, home)
    with django_assert_num_queries(1):
        assert essays.queue_count(user=org.provincial_admin) == 3
    _more_like(reconcile, 27)
    assert (_measure(client, queue), _measure(client, home)) == small
    with django_assert_num_queries(1):
        assert essays.queue_count(user=org.provincial_admin) == 30
    page = client.get(queue).content.decode()
    assert page.count(reverse("exams:grade_attempt", args=[reconcile.attempt_id])) == 1
    assert "有 30 份主观题答卷等待你阅卷" in client.get(home).content.decode()


def test_the_queue_in_the_database_follows_the_marking_rules(essay_exam, org):
    """Who may mark what, decided in SQL, agrees with may_mark for every state of the marks."""
    exam = essay_exam.exam
    exam.double_grading = True
    exam.grading_tolerance = 20
    exam.save()
    prov, a, city, b = org.provincial_admin, org.admin_a, org.city_admin, org.admin_b
    first = _essay(_hand_in(essay_exam))
    rows = [first, *_more_like(first, 8)]
    _mark(rows[1], MarkRound.FIRST, a, 70)  # second marking for others
    _mark(rows[2], MarkRound.FIRST, prov, 70)  # the provincial admin marked it already
    _mark(rows[3], MarkRound.FIRST, a, 70)  # close: its final mark is known
    _mark(rows[3], MarkRound.SECOND, city, 90)
    _mark(rows[4], MarkRound.FIRST, a, 100)  # apart: a third person reconciles
    _mark(rows[4], MarkRound.SECOND, city, 40)
    _mark(rows[5], MarkRound.FIRST, a, 40)  # apart, and reconciled
    _mark(rows[5], MarkRound.SECOND, city, 100)
    _mark(rows[5], MarkRound.RECONCILED, b, 60)
    _mark(rows[6], MarkRound.FIRST, None, 10)  # by someone since deleted
    _mark(rows[6], MarkRound.SECOND, a, 31)
    _mark(rows[7], MarkRound.FIRST, b, 10)  # exactly at the tolerance: the mean
    _mark(rows[7], MarkRound.SECOND, city, 30)

    def in_python(user):
        rounds = {}
        for answer in essays.essay_answers(user=user).prefetch_related("marks"):
            round_ = essays.may_mark(user, answer, list(answer.marks.all()))
            if round_ is not None:
                rounds[answer.pk] = round_
        return rounds

    def in_sql(user):
        return {item.answer.pk: item.round for item in essays.grading_queue(user=user)}

    assert in_sql(prov) == {
        rows[0].pk: 1,
        rows[1].pk: 2,
        rows[4].pk: 3,
        rows[6].pk: 3,
        rows[8].pk: 1,
    }
    for double in (True, False):
        exam.double_grading = double
        exam.save()
        for user in (prov, a, city, b):
            assert in_sql(user) == in_python(user)
            assert essays.queue_count(user=user) == len(in_python(user))
    assert essays.queue_count(user=b) == 0  # another county's answers are not theirs to mark


def test_a_long_queue_is_paged_oldest_first(essay_exam, org, client):
    first = _essay(_hand_in(essay_exam))
    rows = [first, *_more_like(first, 51)]
    client.force_login(org.admin_a)
    url = reverse("exams:grading")

    def links(page):
        """The attempts linked from the page, in the page's order."""
        found = {
            page.find(reverse("exams:grade_attempt", args=[r.attempt_id]) + "#"): r for r in rows
        }
        return [found[at].attempt_id for at in sorted(found) if at >= 0]

    page_one = client.get(url).content.decode()
    assert links(page_one) == [row.attempt_id for row in rows[:50]]
    assert "?page=2" in page_one
    page_two = client.get(url, {"page": 2}).content.decode()
    assert links(page_two) == [rows[50].attempt_id, rows[51].attempt_id]
    assert "?page=1" in page_two
