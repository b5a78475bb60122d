"""Item statistics on constructed attempts with known answers."""

from __future__ import annotations

import io

import openpyxl
import pytest
import xlsxwriter
from django.urls import reverse

from exams import services
from exams.analysis import (
    ItemInfo,
    ItemResponse,
    compute_item_statistics,
    item_statistics,
    write_item_analysis_sheet,
)
from tests import factories as core
from tests.exams import factories as f


def responses(table: dict[str, list[float]]) -> list[ItemResponse]:
    """{item: [score of attempt 1, attempt 2, ...]} → responses."""
    return [
        ItemResponse(attempt=n, item=item, score=score, chosen=("对",) if score else ("错",))
        for item, scores in table.items()
        for n, score in enumerate(scores, start=1)
    ]


def test_facility_discrimination_and_flags():
    # Five attempts; learners 1 and 2 are the strongest, 5 the weakest.
    table = {
        "easy": [1, 1, 1, 1, 1],  # everybody right
        "hard": [0, 0, 0, 0, 0],
        "strong": [1, 1, 0, 0, 0],
        "solid": [1, 1, 1, 1, 0],
        "good": [1, 1, 0, 1, 0],  # right for the stronger learners
        "bad": [0, 0, 0, 1, 1],  # right only for weaker ones: negative discrimination
        "mid": [1, 1, 1, 0, 0],
    }
    info = {key: ItemInfo(name=key, choices=[("对", 1.0), ("错", 0.0)]) for key in table}
    stats = {s.item: s for s in compute_item_statistics(responses(table), info)}
    assert stats["easy"].facility == 1.0 and stats["easy"].flags == ["too_easy"]
    assert stats["easy"].discrimination is None  # no variance: cannot discriminate
    assert stats["hard"].facility == 0.0 and stats["hard"].flags == ["too_hard"]
    assert stats["good"].facility == pytest.approx(0.6)
    assert stats["good"].discrimination > 0.7 and stats["good"].flags == []
    assert stats["bad"].discrimination < 0
    assert "negative_discrimination" in stats["bad"].flags
    mid = stats["mid"]
    assert mid.attempts == 5
    assert 0 < mid.discrimination < stats["good"].discrimination
    assert [(c.text, c.count, c.share) for c in mid.choices] == [("对", 3, 0.6), ("错", 2, 0.4)]


def test_discrimination_is_the_correlation_with_the_rest_of_the_test():
    table = {"a": [1, 0, 1, 0], "b": [1, 0, 0, 1], "c": [1, 0, 1, 1]}
    stats = {s.item: s for s in compute_item_statistics(responses(table), {})}
    # Rest-of-test for "a": attempts score (b+c)/2 = [1, 0, 0.5, 1]; Pearson with [1, 0, 1, 0].
    xs, ys = [1, 0, 1, 0], [1, 0, 0.5, 1]
    mx, my = sum(xs) / 4, sum(ys) / 4
    cov = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    var = (sum((x - mx) ** 2 for x in xs) * sum((y - my) ** 2 for y in ys)) ** 0.5
    assert stats["a"].discrimination == pytest.approx(cov / var)


@pytest.fixture
def graded_exam(org):
    """Three learners sit an exam of one question each way they can."""
    course = f.make_course()
    question = f.make_question(qtype="single", article=13)
    exam = f.make_exam(course, rules=((13, 1),))
    learners = [org.aux_a, org.aux_b] + [
        core.make_learner(org.county_a, name=f"丙{i}") for i in range(2)
    ]
    picks = [0, 0, 1, None]  # right, right, wrong, blank
    for aux, pick in zip(learners, picks, strict=True):
        f.complete_course(aux.user, course)
        attempt = services.attempt_start(auxiliary=aux, exam=exam)
        row = attempt.questions.get()
        if pick is not None:
            text = question.choices.all()[pick].text
            key = next(c["key"] for c in row.snapshot["choices"] if c["text"] == text)
            services.attempt_save_answer(attempt=attempt, position=1, selected=[key], seq=1)
        services.attempt_submit(attempt=attempt)
    return exam, question


def test_item_statistics_from_the_database(graded_exam):
    exam, question = graded_exam
    [stat] = item_statistics(exam)
    assert stat.name == question.name and stat.attempts == 4
    assert stat.facility == 0.5
    shares = {c.text: c.share for c in stat.choices}
    first, second = [c.text for c in question.choices.all()[:2]]
    assert shares[first] == 0.5 and shares[second] == 0.25


def test_xlsx_sheet_and_admin_page(graded_exam, client, django_user_model):
    exam, question = graded_exam
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    write_item_analysis_sheet(workbook, exam, name="题目分析")
    workbook.close()
    sheet = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))["题目分析"]
    assert sheet.cell(2, 1).value == question.name
    assert sheet.cell(2, 5).value == 0.5
    admin = django_user_model.objects.create_superuser("boss", "b@example.com", "pw-123456")
    client.force_login(admin)
    html = client.get(reverse("exams_analysis", args=[exam.pk])).content.decode()
    assert question.name in html and "50%" in html
    xlsx = client.get(reverse("exams_analysis_xlsx", args=[exam.pk]))
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
