"""Papers drawn ahead of an on-demand start (exams.papers): the exam's page draws the paper,
开始 only opens it, and an edit of the bank or of the exam discards what was drawn."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from exams import papers, services
from exams.models import Attempt, AttemptStatus, Choice, Question, ReadyPaper
from tests.exams import factories as f


def ready_of(aux, exam) -> ReadyPaper | None:
    return ReadyPaper.objects.filter(auxiliary=aux, exam=exam).first()


def drawn_ids(paper) -> list[int]:
    return [question_id for question_id, _snapshot in paper]


def test_the_exam_page_draws_the_paper_that_the_start_opens(exam_setup, client):
    client.force_login(exam_setup.org.learner_a)
    client.get(reverse("exams:overview"))
    ready = ready_of(exam_setup.org.aux_a, exam_setup.exam)
    assert ready is not None and len(ready.paper) == 4

    response = client.post(reverse("exams:start"))

    attempt = Attempt.objects.get(auxiliary=exam_setup.org.aux_a)
    assert response.url == reverse("exams:attempt", args=[attempt.pk])
    assert attempt.seed == ready.seed
    rows = list(attempt.questions.order_by("position"))
    assert [row.question_id for row in rows] == drawn_ids(ready.paper)
    assert [row.snapshot for row in rows] == [snapshot for _pk, snapshot in ready.paper]
    # Taken: a retake draws a new paper.
    assert ready_of(exam_setup.org.aux_a, exam_setup.exam) is None


def test_the_home_page_draws_it_too_and_a_second_visit_keeps_it(exam_setup, client):
    client.force_login(exam_setup.org.learner_a)
    client.get(reverse("home"))
    first = ready_of(exam_setup.org.aux_a, exam_setup.exam)
    assert first is not None
    client.get(reverse("exams:overview"))
    assert ready_of(exam_setup.org.aux_a, exam_setup.exam).seed == first.seed


def test_nothing_is_drawn_for_someone_who_may_not_start(exam_setup, client):
    client.force_login(exam_setup.org.learner_b)  # has not finished the course
    client.get(reverse("exams:overview"))
    assert not ReadyPaper.objects.exists()


def test_a_start_without_a_drawn_paper_draws_one(exam_setup):
    attempt = services.attempt_start(auxiliary=exam_setup.org.aux_a, exam=exam_setup.exam)
    assert attempt.questions.count() == 4


def test_editing_a_question_discards_every_ready_paper(exam_setup, client):
    client.force_login(exam_setup.org.learner_a)
    client.get(reverse("exams:overview"))
    ready = ready_of(exam_setup.org.aux_a, exam_setup.exam)
    question_id = drawn_ids(ready.paper)[0]
    choice = Choice.objects.filter(question_id=question_id, weight__gt=0).first()
    choice.text = "更正后的答案"
    choice.save()
    assert ready_of(exam_setup.org.aux_a, exam_setup.exam) is None

    client.post(reverse("exams:start"))
    attempt = Attempt.objects.get(auxiliary=exam_setup.org.aux_a)
    assert attempt.seed != ready.seed  # drawn from the bank as it is now


def test_deleting_a_drawn_question_leaves_a_start_that_works(exam_setup, client):
    client.force_login(exam_setup.org.learner_a)
    client.get(reverse("exams:overview"))
    ready = ready_of(exam_setup.org.aux_a, exam_setup.exam)
    f.make_question(category="岗前培训/第13条", article=13)  # the bank still fills the rules
    Question.objects.filter(pk=drawn_ids(ready.paper)[0]).delete()

    response = client.post(reverse("exams:start"))

    attempt = Attempt.objects.get(auxiliary=exam_setup.org.aux_a)
    assert response.url == reverse("exams:attempt", args=[attempt.pk])
    assert drawn_ids(ready.paper)[0] not in attempt.questions.values_list("question_id", flat=True)


def test_editing_one_exam_keeps_the_papers_of_another(exam_setup, client):
    client.force_login(exam_setup.org.learner_a)
    client.get(reverse("exams:overview"))
    other = f.make_exam(f.make_course("另一门课程"))
    other.title = "改过的标题"
    other.save()
    assert ready_of(exam_setup.org.aux_a, exam_setup.exam) is not None
    exam_setup.exam.time_limit_minutes = exam_setup.exam.time_limit_minutes + 5
    exam_setup.exam.save()
    assert ready_of(exam_setup.org.aux_a, exam_setup.exam) is None


def test_a_paper_drawn_too_long_ago_is_drawn_again(exam_setup):
    aux, exam = exam_setup.org.aux_a, exam_setup.exam
    papers.paper_prepare(auxiliary_id=aux.pk, exam=exam)
    old = ready_of(aux, exam)
    ReadyPaper.objects.filter(pk=old.pk).update(
        drawn_at=timezone.now() - papers.READY_PAPER_MAX_AGE - datetime.timedelta(seconds=1)
    )
    papers.paper_prepare(auxiliary_id=aux.pk, exam=exam)
    assert ready_of(aux, exam).drawn_at > old.drawn_at

    ReadyPaper.objects.filter(auxiliary=aux).update(
        seed=old.seed, drawn_at=timezone.now() - papers.READY_PAPER_MAX_AGE
    )
    attempt = services.attempt_start(auxiliary=aux, exam=exam)
    assert attempt.seed != old.seed
    assert not ReadyPaper.objects.exists()


def test_a_refused_start_keeps_the_ready_paper(exam_setup, client):
    """The wait after a failed attempt refuses the start; the paper stays for later."""
    aux, exam = exam_setup.org.aux_a, exam_setup.exam
    exam.retake_wait_hours = 24
    exam.save()
    papers.paper_prepare(auxiliary_id=aux.pk, exam=exam)
    Attempt.objects.create(
        exam=exam,
        auxiliary=aux,
        user=aux.user,
        seed=1,
        started_at=timezone.now(),
        deadline=timezone.now(),
        finished_at=timezone.now(),
        status=AttemptStatus.SUBMITTED,
        passed=False,
    )
    with pytest.raises(services.AttemptStartError):
        services.attempt_start(auxiliary=aux, exam=exam)
    assert ready_of(aux, exam) is not None


def test_a_start_from_a_ready_paper_reads_no_bank(exam_setup):
    """The start only opens the paper: no read of questions, choices, citations or rules, and
    the course it checks is not read again (15 queries in a request on PostgreSQL)."""
    aux, exam = exam_setup.org.aux_a, exam_setup.exam
    papers.paper_prepare(auxiliary_id=aux.pk, exam=exam)
    with CaptureQueriesContext(connection) as queries:
        services.attempt_start(auxiliary=aux, exam=exam)
    tables = " ".join(q["sql"] for q in queries.captured_queries)
    for table in ("exams_question", "exams_choice", "exams_blueprintrule", "wagtailcore_page"):
        assert f'"{table}"' not in tables, table
    # Lock the person, open attempt, finished attempts, course completion, take the paper,
    # the attempt (in a savepoint) and its questions.
    statements = [
        q["sql"]
        for q in queries.captured_queries
        if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))
    ]
    assert len(statements) == 7, statements
