"""The item analysis of one sitting, on the session report and in its xlsx: per question the
difficulty (share right), the upper–lower 27% discrimination and, for choice questions, the share
of each choice; flagged when difficulty > 0.9 or < 0.2 or discrimination < 0.2. Only this
session's handed-in papers count."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.urls import reverse

from exams import services as exam_services
from exams.analysis import SITTING_THRESHOLDS, ItemInfo, ItemResponse, compute_item_statistics
from exams.sessions import report, services
from tests.exams import factories as f
from tests.exams.session_helpers import at, confirmed_session, eligible_learner

pytestmark = pytest.mark.django_db


def test_upper_lower_discrimination_takes_the_best_and_weakest_27_percent():
    # Ten attempts; attempt n has n of the ten "filler" items right, so 10, 9, 8 are the upper
    # 27% (3 attempts) and 1, 2, 3 the lower.
    responses = []
    for attempt in range(1, 11):
        for k in range(10):
            responses.append(ItemResponse(attempt, f"filler{k}", 1.0 if k < attempt else 0.0))
        responses.append(ItemResponse(attempt, "sharp", 1.0 if attempt >= 8 else 0.0))
        responses.append(ItemResponse(attempt, "flat", 1.0 if attempt % 2 else 0.0))
    info = {"sharp": ItemInfo(name="sharp"), "flat": ItemInfo(name="flat")}
    stats = {s.item: s for s in compute_item_statistics(responses, info, SITTING_THRESHOLDS)}
    assert stats["sharp"].upper_lower == pytest.approx(1.0)  # 3/3 upper, 0/3 lower
    assert stats["sharp"].facility == pytest.approx(0.3)
    assert "weak_discrimination" not in stats["sharp"].flags
    # Right for 1, 3, 5, 7, 9: upper (8, 9, 10) 1/3, lower (1, 2, 3) 2/3.
    assert stats["flat"].upper_lower == pytest.approx(1 / 3 - 2 / 3)
    assert "weak_discrimination" in stats["flat"].flags
    assert stats["filler9"].facility == pytest.approx(0.1)
    assert "too_hard" in stats["filler9"].flags
    assert stats["filler0"].facility == 1.0 and "too_easy" in stats["filler0"].flags
    # 0.9 is not "above 0.9": the sitting's bound is strict.
    assert stats["filler1"].facility == pytest.approx(0.9)
    assert "too_easy" not in stats["filler1"].flags


@pytest.fixture
def graded_sitting(org, django_capture_on_commit_callbacks):
    """Six candidates of a session whose paper is the whole bank of six questions, handed in
    with known answers: q0 right for everyone, q1 only for the strongest, q2-q5 for the three
    strongest. And an on-demand attempt of the same exam outside the session, all wrong."""
    course = f.make_course()
    bank = f.make_bank()
    exam = f.make_exam(course, rules=((13, 3), (19, 3)))
    people = [eligible_learner(org.county_a, course, name=f"考生{i}") for i in range(6)]
    session = confirmed_session(
        org=org, exam=exam, people=people, capture=django_capture_on_commit_callbacks
    )
    ids = [q.pk for q in bank]
    for rank, person in enumerate(people):
        candidate = session.candidates.get(auxiliary=person)
        attempt = services.session_open_paper(candidate_id=candidate.pk, now=at(session))
        for row in attempt.questions.all():
            j = ids.index(row.question_id)
            right = j == 0 or (j == 1 and rank == 0) or (j >= 2 and rank < 3)
            keys = [c["key"] for c in row.snapshot["choices"] if (c["weight"] > 0) == right]
            chosen = keys if right else keys[:1]
            exam_services.attempt_save_answer(
                attempt=attempt, position=row.position, selected=chosen, seq=1
            )
        exam_services.attempt_submit(attempt=attempt, now=at(session, minutes=30))
    outsider = eligible_learner(org.county_a, course, name="场外")
    exam_services.attempt_submit(attempt=exam_services.attempt_start(auxiliary=outsider, exam=exam))
    return session, bank


def test_the_sitting_report_has_difficulty_discrimination_choices_and_flags(graded_sitting):
    session, bank = graded_sitting
    items = {s.item: s for s in report.session_report(session=session)["items"]}
    easy, hard = items[str(bank[0].pk)], items[str(bank[1].pk)]
    assert easy.attempts == 6  # the outsider's attempt does not count
    assert easy.facility == 1.0 and easy.upper_lower == 0.0
    assert easy.flag_labels == ["过易", "区分度低"]
    key = next(c for c in easy.choices if c.weight > 0)
    assert key.share == 1.0 and all(c.share == 0 for c in easy.choices if c.weight == 0)
    assert hard.facility == pytest.approx(1 / 6) and hard.flag_labels == ["过难"]
    assert hard.upper_lower == pytest.approx(0.5)
    sharp = items[str(bank[2].pk)]
    assert sharp.facility == pytest.approx(0.5) and sharp.upper_lower == 1.0
    assert sharp.flags == []


def test_the_item_analysis_is_on_the_report_page_and_in_the_xlsx(client, graded_sitting, org):
    session, bank = graded_sitting
    client.force_login(org.admin_a)
    html = client.get(reverse("exams:sessions:report", args=[session.pk])).content.decode()
    assert "本场题目分析" in html and "总分最高的 27% 考生的答对率" in html
    assert html.count("item--flagged") == 2
    assert "过易" in html and "过难" in html and "区分度低" in html
    response = client.get(reverse("exams:sessions:report_xlsx", args=[session.pk]))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book["题目分析"]
    rows = list(sheet.values)
    head = rows[0]
    assert "高低分组区分度（27%）" in head
    by_name = {row[0]: row for row in rows[1:]}
    easy = by_name[bank[0].name]
    assert easy[3] == 6
    assert easy[4] == 1.0 and easy[8] == 0.0
    assert "过易" in easy[6] and "区分度低" in easy[6]
    assert "100%" in easy[7]
