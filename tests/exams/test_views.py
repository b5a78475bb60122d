"""The learner's pages and JSON, and the staff attempt pages: integrity and scoping."""

from __future__ import annotations

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from exams import services
from exams.models import Attempt, AttemptStatus, ReviewMode
from tests.exams import factories as f


def save(client, attempt, position, selected, seq):
    return client.post(
        reverse("exams:save", args=[attempt.pk]),
        data=json.dumps({"position": position, "selected": selected, "seq": seq}),
        content_type="application/json",
    )


def secrets_of(attempt) -> list[str]:
    """Everything that would give the answers away."""
    found = []
    for row in attempt.questions.all():
        found.append(row.snapshot["explanation"])
        for choice in row.snapshot["choices"]:
            if choice["feedback"]:
                found.append(choice["feedback"])
    return found


@pytest.fixture
def started(exam_setup, client):
    client.force_login(exam_setup.org.learner_a)
    response = client.post(reverse("exams:start"))
    attempt = Attempt.objects.get(auxiliary=exam_setup.org.aux_a)
    assert response.status_code == 302
    assert response.url == reverse("exams:attempt", args=[attempt.pk])
    return attempt


def test_overview_offers_the_start_button(exam_setup, client):
    client.force_login(exam_setup.org.learner_a)
    html = client.get(reverse("exams:overview")).content.decode()
    assert reverse("exams:start") in html
    assert "岗前考试" in html


def test_overview_explains_why_the_exam_is_locked(exam_setup, client):
    client.force_login(exam_setup.org.learner_b)
    html = client.get(reverse("exams:overview")).content.decode()
    assert reverse("exams:start") not in html
    assert "课程" in html  # "finish every lesson of the course"


def test_home_panel_shows_the_exam(exam_setup, client):
    client.force_login(exam_setup.org.learner_a)
    html = client.get(reverse("home")).content.decode()
    assert reverse("exams:start") in html


def test_attempt_page_and_json_never_reveal_answers(started, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        response = client.get(reverse("exams:attempt", args=[started.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-remaining="' in html
    rows = list(started.questions.all())
    for row in rows:
        assert row.snapshot["text"] in html
        for choice in row.snapshot["choices"]:
            assert choice["key"] in html
    for secret in secrets_of(started):
        assert secret not in html
    for word in ("weight", "fraction", "correct", "feedback", "explanation"):
        assert word not in html.lower()
    row = rows[0]
    reply = save(client, started, 1, [row.snapshot["choices"][0]["key"]], 1)
    body = reply.content.decode()
    assert reply.status_code == 200
    for secret in secrets_of(started):
        assert secret not in body
    for word in ("weight", "score", "correct", "feedback", "explanation"):
        assert word not in body.lower()
    data = reply.json()
    assert data["status"] == "saved" and data["answered"] == 1 and data["total"] == 4
    assert 3590 <= data["remaining_seconds"] <= 3600


def test_resume_shows_saved_answers(started, client):
    row = started.questions.get(position=2)
    key = row.snapshot["choices"][1]["key"]
    save(client, started, 2, [key], 1)
    client.logout()
    client.force_login(started.auxiliary.user)
    html = client.get(reverse("exams:attempt", args=[started.pk])).content.decode()
    assert f'value="{key}" checked' in html
    assert 'data-max-seq="1"' in html


def test_late_answer_gets_409_and_the_attempt_is_finalised(started, client):
    Attempt.objects.filter(pk=started.pk).update(
        deadline=timezone.now() - datetime.timedelta(seconds=30)
    )
    key = started.questions.get(position=1).snapshot["choices"][0]["key"]
    reply = save(client, started, 1, [key], 1)
    assert reply.status_code == 409
    assert reply.json()["result_url"] == reverse("exams:result", args=[started.pk])
    started.refresh_from_db()
    assert started.status == AttemptStatus.EXPIRED
    # Opening the page again shows the result, not the paper.
    page = client.get(reverse("exams:attempt", args=[started.pk]))
    assert page.url == reverse("exams:result", args=[started.pk])


def test_a_hand_in_sent_after_the_time_names_the_answers_that_did_not_count(started, client):
    """A hand-in kept offline and sent after the deadline plus grace: the answers saved in time
    count, the late ones are refused, and the result page says which."""
    first = started.questions.get(position=1).snapshot["choices"]
    second = started.questions.get(position=2).snapshot["choices"]
    assert save(client, started, 1, [first[0]["key"]], 1).status_code == 200
    Attempt.objects.filter(pk=started.pk).update(
        deadline=timezone.now() - datetime.timedelta(minutes=2)
    )
    response = client.post(
        reverse("exams:submit", args=[started.pk]),
        # Question 1 as saved in time (not late), question 2 answered offline (late).
        {"q1": [first[0]["key"]], "q2": [second[0]["key"]]},
        follow=True,
    )
    html = response.content.decode()
    assert "第 2 题的答案在考试时间结束后才送达服务器，未计入成绩" in html
    assert "第 1、2 题" not in html
    started.refresh_from_db()
    assert started.status == AttemptStatus.EXPIRED
    assert started.questions.get(position=1).selected == [first[0]["key"]]
    assert started.questions.get(position=2).selected == []


def test_a_hand_in_in_time_says_nothing_of_late_answers(started, client):
    key = started.questions.get(position=2).snapshot["choices"][0]["key"]
    response = client.post(reverse("exams:submit", args=[started.pk]), {"q2": [key]}, follow=True)
    assert "未计入成绩" not in response.content.decode()
    assert started.questions.get(position=2).selected == [key]


@pytest.mark.parametrize("name", ["exams:attempt", "exams:submit", "exams:result"])
def test_an_attempt_number_too_big_for_any_row_is_not_found(started, client, name):
    """A hand-typed or truncated URL with a number past the ids' range is 404, not 500."""
    url = reverse(name, args=[2**63])
    response = client.post(url) if name == "exams:submit" else client.get(url)
    assert response.status_code == 404


def test_bad_payload_is_400(started, client):
    reply = client.post(
        reverse("exams:save", args=[started.pk]), data="nonsense", content_type="application/json"
    )
    assert reply.status_code == 400
    assert save(client, started, 99, [], 1).status_code == 400


def test_double_submit_redirects_to_one_result(started, client):
    url = reverse("exams:submit", args=[started.pk])
    first = client.post(url)
    second = client.post(url)
    assert first.url == second.url == reverse("exams:result", args=[started.pk])
    started.refresh_from_db()
    assert started.status == AttemptStatus.SUBMITTED
    assert Attempt.objects.filter(auxiliary=started.auxiliary).count() == 1


def test_submit_form_carries_answers_without_script(started, client):
    answers = {}
    for row in started.questions.all():
        right = [c["key"] for c in row.snapshot["choices"] if c["weight"] > 0]
        answers[f"q{row.position}"] = right
    client.post(reverse("exams:submit", args=[started.pk]), data=answers)
    started.refresh_from_db()
    assert started.score == 100 and started.passed


def test_a_hand_in_writes_only_the_answers_the_autosave_did_not_store(started, client):
    """The page's form carries every answer on screen, most of them autosaved already: those
    are not written again (they keep the time they were saved), the one answer the autosave
    missed is stored, and the hand-in is a few statements however long the paper is."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    rows = list(started.questions.order_by("position"))
    # Wrong answers, so that no credential is issued and the statements are the hand-in's.
    wrong = {row.position: [next(c["key"] for c in row.snapshot["choices"] if c["weight"] <= 0)]
             for row in rows}  # fmt: skip
    for row in rows[:-1]:
        assert save(client, started, row.position, wrong[row.position], 1).status_code == 200
    saved_at = dict(started.questions.values_list("position", "answered_at"))
    form = {f"q{position}": keys for position, keys in wrong.items()}
    with CaptureQueriesContext(connection) as queries:
        response = client.post(reverse("exams:submit", args=[started.pk]), data=form)
    assert response.url == reverse("exams:result", args=[started.pk])
    answer_writes = [q for q in queries.captured_queries
                     if q["sql"].startswith('UPDATE "exams_attemptquestion" SET "selected"')]  # fmt: skip
    assert len(answer_writes) == 1
    assert len(queries.captured_queries) <= 10
    started.refresh_from_db()
    assert started.status == AttemptStatus.SUBMITTED and started.score == 0
    stored = {row.position: row for row in started.questions.all()}
    for row in rows[:-1]:
        assert stored[row.position].answered_at == saved_at[row.position]
    last = rows[-1].position
    assert stored[last].selected == wrong[last]
    assert stored[last].answered_at is not None


def test_result_page_shows_score_breakdown_and_retake_date(
    started, client, django_assert_max_num_queries
):
    client.post(reverse("exams:submit", args=[started.pk]))
    with django_assert_max_num_queries(20):
        response = client.get(reverse("exams:result", args=[started.pk]))
    html = response.content.decode()
    assert "0 / 100" in html or ">0<" in html
    assert "第十三条" in html and "第十九条" in html
    started.refresh_from_db()
    retake = timezone.localtime(started.finished_at + datetime.timedelta(hours=24))
    assert f"{retake.year}年{retake.month}月{retake.day}日" in html
    # Score and breakdown only (the default): no answers or explanations.
    for secret in secrets_of(started):
        assert secret not in html


def test_result_page_shows_answers_when_the_exam_says_so(started, client):
    started.exam.review = ReviewMode.ANSWERS
    started.exam.save()
    client.post(reverse("exams:submit", args=[started.pk]))
    html = client.get(reverse("exams:result", args=[started.pk])).content.decode()
    row = started.questions.first()
    assert row.snapshot["explanation"] in html


def test_another_learner_gets_404_everywhere(started, client, exam_setup):
    client.force_login(exam_setup.org.learner_b)
    for name in ("exams:attempt", "exams:result"):
        assert client.get(reverse(name, args=[started.pk])).status_code == 404
    assert save(client, started, 1, [], 1).status_code == 404
    assert client.post(reverse("exams:submit", args=[started.pk])).status_code == 404
    started.refresh_from_db()
    assert started.is_open


def test_staff_see_attempts_of_their_scope_only(
    started, client, exam_setup, django_assert_max_num_queries
):
    org = exam_setup.org
    f.complete_course(org.learner_b, exam_setup.course)
    other = services.attempt_start(auxiliary=org.aux_b, exam=exam_setup.exam)
    client.force_login(org.admin_a)
    with django_assert_max_num_queries(10):
        html = client.get(reverse("exams:staff_attempts")).content.decode()
    assert "甲一" in html and "乙一" not in html
    assert client.get(reverse("exams:staff_attempt_detail", args=[started.pk])).status_code == 200
    assert client.get(reverse("exams:staff_attempt_detail", args=[other.pk])).status_code == 404
    client.force_login(org.city_admin)
    html = client.get(reverse("exams:staff_attempts")).content.decode()
    assert "甲一" in html and "乙一" in html
    client.force_login(org.supervisor_b)
    html = client.get(reverse("exams:staff_attempts")).content.decode()
    assert "乙一" in html and "甲一" not in html
    client.force_login(org.learner_a)
    assert client.get(reverse("exams:staff_attempts")).status_code == 403


def test_staff_detail_masks_the_id_number(started, client, exam_setup):
    client.force_login(exam_setup.org.admin_a)
    html = client.get(reverse("exams:staff_attempt_detail", args=[started.pk])).content.decode()
    aux = exam_setup.org.aux_a
    assert aux.masked_id_number in html and aux.id_number not in html


def test_breakdown_orders_article_wide_and_item_citations(started, client):
    from exams.selectors import attempt_breakdown

    rows = list(started.questions.all())
    rows[0].snapshot["citations"] = [[19, None]]
    rows[1].snapshot["citations"] = [[19, 2]]
    for row in rows[:2]:
        row.save()
    client.post(reverse("exams:submit", args=[started.pk]))
    started.refresh_from_db()
    labels = [row.label for row in attempt_breakdown(started)]
    assert labels == sorted(set(labels), key=labels.index)
    assert "第十九条" in labels


def test_overview_finalises_an_attempt_whose_time_ran_out(started, client):
    Attempt.objects.filter(pk=started.pk).update(
        deadline=timezone.now() - datetime.timedelta(minutes=5)
    )
    html = client.get(reverse("exams:overview")).content.decode()
    started.refresh_from_db()
    assert started.status == AttemptStatus.EXPIRED
    assert reverse("exams:result", args=[started.pk]) in html


def test_autosave_answers_with_the_servers_answered_count(started, client):
    rows = list(started.questions.order_by("position")[:2])
    keys = [row.snapshot["choices"][0]["key"] for row in rows]
    first = save(client, started, rows[0].position, [keys[0]], 1).json()
    assert first["status"] == "saved" and first["answered"] == 1
    assert first["total"] == started.questions.count()
    assert save(client, started, rows[1].position, [keys[1]], 2).json()["answered"] == 2
    # An older write arriving late changes nothing, and the count says so.
    late = save(client, started, rows[0].position, [], 1).json()
    assert late["status"] == "stale" and late["answered"] == 2
    # Clearing an answer (a newer write) takes it off the count.
    assert save(client, started, rows[0].position, [], 3).json()["answered"] == 1
    row = started.questions.get(position=rows[0].position)
    assert row.selected == [] and row.client_seq == 3


def test_a_pick_is_saved_in_one_statement(started, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    row = started.questions.order_by("position").first()
    key = row.snapshot["choices"][0]["key"]
    save(client, started, row.position, [key], 1)  # session, user and profile are warm now
    with CaptureQueriesContext(connection) as queries:
        assert save(client, started, row.position, [key], 2).json()["status"] == "saved"
    # Beside the user with its profile, one UPDATE that checks, stores and counts: no read
    # of the attempt before it, no transaction around it.
    exam_queries = [q["sql"] for q in queries.captured_queries if "exams_" in q["sql"]]
    assert len(exam_queries) == 1, exam_queries
    assert 'UPDATE "exams_attemptquestion"' in exam_queries[0], exam_queries
    assert len(queries) <= 3
    assert started.questions.get(pk=row.pk).client_seq == 2


def test_autosave_to_an_unknown_question_is_refused_without_writing(started, client):
    response = save(client, started, 9999, ["A"], 1)
    assert response.status_code == 400
    assert not started.questions.exclude(selected=[]).exists()


def test_starting_reads_the_bank_in_the_same_queries_whatever_its_size(exam_setup, client, org):
    """The start rush: the paper is drawn and stored in a fixed number of queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(org.learner_a)
    with CaptureQueriesContext(connection) as small_bank:
        assert client.post(reverse("exams:start")).status_code == 302
    Attempt.objects.all().delete()
    f.make_bank(per_article=12)  # four times the bank
    with CaptureQueriesContext(connection) as large_bank:
        assert client.post(reverse("exams:start")).status_code == 302
    assert len(large_bank) == len(small_bank) <= 25
    assert Attempt.objects.get(auxiliary=org.aux_a).questions.count() == 4


def test_saving_after_handing_in_says_the_learner_handed_in(started, client):
    client.post(reverse("exams:submit", args=[started.pk]))
    started.refresh_from_db()
    at = timezone.localtime(started.finished_at).strftime("%H:%M")
    key = started.questions.get(position=1).snapshot["choices"][0]["key"]
    reply = save(client, started, 1, [key], 99)
    assert reply.status_code == 409
    data = reply.json()
    assert data["error"] == f"你已于 {at} 交卷。这个答案未能保存。"
    assert "时间" not in data["error"] and "自动" not in data["error"]
    assert data["closed_by"] == "learner"
    assert data["finished_at"] == timezone.localtime(started.finished_at).isoformat(
        timespec="seconds"
    )
    html = client.get(reverse("exams:result", args=[started.pk])).content.decode()
    assert f"你已于 {at} 交卷。" in html and "自动交卷" not in html


def test_saving_after_the_deadline_says_it_was_handed_in_automatically(started, client):
    deadline = timezone.now() - datetime.timedelta(seconds=30)
    Attempt.objects.filter(pk=started.pk).update(deadline=deadline)
    at = timezone.localtime(deadline).strftime("%H:%M")
    key = started.questions.get(position=1).snapshot["choices"][0]["key"]
    data = save(client, started, 1, [key], 1).json()
    assert data["error"] == f"考试时间已于 {at} 结束，系统已自动交卷。这个答案未能保存。"
    assert data["closed_by"] == "deadline"
    html = client.get(reverse("exams:result", args=[started.pk])).content.decode()
    assert f"考试时间已于 {at} 结束，系统已自动交卷。" in html


@pytest.mark.postgres
def test_the_autosave_is_planned_once_per_connection_on_postgresql(started, client):
    # Server-side binding with prepared statements (lms.settings): after a few saves the
    # database keeps the autosave's UPDATE planned, and each click only executes it.
    from django.db import connection

    row = started.questions.order_by("position").first()
    keys = [choice["key"] for choice in row.snapshot["choices"]]
    for seq in range(1, 8):
        assert save(client, started, row.position, [keys[seq % 2]], seq).json()["ok"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [statement for (statement,) in cursor.fetchall()]
    assert any(s.startswith("WITH ") and 'UPDATE "exams_attemptquestion"' in s for s in prepared), (
        prepared
    )
    assert started.questions.get(pk=row.pk).selected == [keys[7 % 2]]
