"""Papers drawn ahead of an on-demand start (exams.papers): the exam's page draws the paper,
开始 only opens it, and an edit of the bank or of the exam discards what was drawn."""

from __future__ import annotations

import datetime
import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from exams import papers, services
from exams.models import Attempt, AttemptStatus, BlueprintRule, Choice, Question, ReadyPaper
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
    the course it checks is not read again."""
    aux, exam = exam_setup.org.aux_a, exam_setup.exam
    papers.paper_prepare(auxiliary_id=aux.pk, exam=exam)
    with CaptureQueriesContext(connection) as queries:
        services.attempt_start(auxiliary=aux, exam=exam)
    tables = " ".join(q["sql"] for q in queries.captured_queries)
    for table in ("exams_question", "exams_choice", "exams_blueprintrule", "wagtailcore_page"):
        assert f'"{table}"' not in tables, table
    # Lock the person, their attempts (open and finished in one read), course completion,
    # take the paper, the attempt and its questions; one savepoint, the service's own
    # transaction inside the test's (none of its own around the attempt).
    sql = [q["sql"] for q in queries.captured_queries]
    statements = [s for s in sql if not s.startswith(("SAVEPOINT", "RELEASE"))]
    assert len(statements) == 6, statements
    assert sum(s.startswith("SAVEPOINT") for s in sql) == 1, sql


# The page of a paper drawn ahead: rendered when it was drawn, used while nothing is answered.

CSRF_VALUE = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


@pytest.fixture
def typed_setup(exam_setup):
    """The exam also draws one question of each typed kind (Art. 15), so that the rendering
    ahead covers every kind of question the page shows."""
    for qtype in ("shortanswer", "matching", "essay"):
        f.make_typed_question(qtype)
    BlueprintRule.objects.create(exam=exam_setup.exam, article=15, count=3, sort_order=9)
    return exam_setup


def start_from_the_exam_page(setup, client, capture) -> Attempt:
    client.force_login(setup.org.learner_a)
    client.get(reverse("exams:overview"))
    with capture(execute=True):
        client.post(reverse("exams:start"))
    return Attempt.objects.get(auxiliary=setup.org.aux_a, status=AttemptStatus.OPEN)


def templates_of(response) -> set[str]:
    return {template.name for template in response.templates}


def test_a_fresh_attempts_page_is_the_paper_rendered_when_it_was_drawn(
    typed_setup, client, django_capture_on_commit_callbacks
):
    attempt = start_from_the_exam_page(typed_setup, client, django_capture_on_commit_callbacks)
    url = reverse("exams:attempt", args=[attempt.pk])

    ahead = client.get(url)
    assert "exams/_questions.html" not in templates_of(ahead)
    cache.delete(papers.FIRST_PAGE_CACHE_KEY.format(attempt_id=attempt.pk))
    rendered_now = client.get(url)
    assert "exams/_questions.html" in templates_of(rendered_now)

    # The same page, byte for byte but for the form's token: seven questions, the typed kinds
    # among them.
    page = CSRF_VALUE.sub("", ahead.content.decode())
    assert page == CSRF_VALUE.sub("", rendered_now.content.decode())
    assert page.count('class="card qcard"') == 7
    assert 'data-total="7"' in page and "/7</span>" in page
    kinds = {row.snapshot["qtype"] for row in attempt.questions.all()}
    assert {"shortanswer", "matching", "essay"} <= kinds
    for kind in kinds:
        assert f'data-qtype="{kind}"' in page


def test_once_an_answer_is_saved_the_page_shows_it(
    exam_setup, client, django_capture_on_commit_callbacks
):
    attempt = start_from_the_exam_page(exam_setup, client, django_capture_on_commit_callbacks)
    row = attempt.questions.get(position=1)
    key = row.snapshot["choices"][0]["key"]
    services.attempt_save_answer(attempt=attempt, position=1, selected=[key], seq=1)

    response = client.get(reverse("exams:attempt", args=[attempt.pk]))

    page = response.content.decode()
    assert "exams/_questions.html" in templates_of(response)
    assert re.search(rf'name="q1" value="{key}" checked', page)
    assert '<strong id="answered">1</strong>' in page
    assert 'data-max-seq="1"' in page


def test_a_paper_rendered_in_another_language_is_rendered_again(
    exam_setup, client, django_capture_on_commit_callbacks
):
    attempt = start_from_the_exam_page(exam_setup, client, django_capture_on_commit_callbacks)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get(reverse("exams:attempt", args=[attempt.pk]))

    assert "exams/_questions.html" in templates_of(response)
    assert "Question 1" in response.content.decode()


def test_a_start_that_draws_its_own_paper_renders_its_page(
    exam_setup, client, django_capture_on_commit_callbacks
):
    client.force_login(exam_setup.org.learner_a)
    with django_capture_on_commit_callbacks(execute=True):
        attempt = services.attempt_start(auxiliary=exam_setup.org.aux_a, exam=exam_setup.exam)

    response = client.get(reverse("exams:attempt", args=[attempt.pk]))

    assert "exams/_questions.html" in templates_of(response)
    assert response.content.decode().count('class="card qcard"') == 4
