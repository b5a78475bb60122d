"""填空题 and 配对题 end to end: the bank, the blueprint's draw, the exam page, the save,
grading, the result and the credential."""

from __future__ import annotations

import pytest
from django.urls import reverse

from credentials.models import Credential
from exams import services
from exams.analysis import item_statistics
from exams.answers import normalise
from exams.grading import question_score
from exams.models import AttemptStatus, BlueprintRule
from tests.exams import factories as f


@pytest.mark.parametrize(
    ("typed", "accepted", "case_insensitive", "right"),
    [
        ("行政执法机关", "行政执法机关", False, True),
        (" 行政 执法机关。", "行政执法机关", False, True),  # spaces and punctuation dropped
        ("ＡＢＣ１２３", "ABC123", False, True),  # full-width letters and digits
        ("第（三）项", "第(三)项", False, True),  # full-width brackets
        ("abc", "ABC", False, False),
        ("abc", "ABC", True, True),
        ("行政机关", "行政执法机关", False, False),
        ("", "行政执法机关", False, False),
    ],
)
def test_a_blank_is_compared_after_normalisation(typed, accepted, case_insensitive, right):
    snapshot = {
        "qtype": "shortanswer",
        "blanks": [[accepted]],
        "case_insensitive": case_insensitive,
    }
    assert question_score(snapshot, [typed], partial_credit=False) == (1.0 if right else 0.0)


def test_normalise_keeps_chinese_and_drops_what_does_not_decide():
    assert normalise("  指挥、监督！ ") == "指挥监督"


def test_blanks_and_pairs_score_their_share(db):
    blanks = {"qtype": "shortanswer", "blanks": [["甲"], ["乙", "丙"], ["丁"]]}
    assert question_score(blanks, ["甲", "丙", "错"], partial_credit=False) == pytest.approx(2 / 3)
    pairs = {
        "qtype": "matching",
        "pairs": [{"answer": "k1"}, {"answer": "k2"}, {"answer": "k3"}, {"answer": "k4"}],
    }
    assert question_score(pairs, ["k1", "k2", "k4", ""], partial_credit=False) == 0.5


@pytest.fixture
def typed_exam(exam_setup):
    """The exam's blueprint also draws one 填空题 and one 配对题."""
    f.make_typed_question("shortanswer")
    f.make_typed_question("matching")
    exam = exam_setup.exam
    BlueprintRule.objects.create(exam=exam, qtype="shortanswer", count=1, sort_order=5)
    BlueprintRule.objects.create(exam=exam, qtype="matching", count=1, sort_order=6)
    return exam_setup


def _right(row) -> list[str]:
    snapshot = row.snapshot
    if snapshot["qtype"] == "shortanswer":
        return [accepted[-1] for accepted in snapshot["blanks"]]
    if snapshot["qtype"] == "matching":
        return [pair["answer"] for pair in snapshot["pairs"]]
    return [c["key"] for c in snapshot["choices"] if c["weight"] > 0]


def test_the_blueprint_draws_each_type_and_the_paper_hides_the_answers(typed_exam, client):
    attempt = services.attempt_start(auxiliary=typed_exam.org.aux_a, exam=typed_exam.exam)
    types = sorted(row.snapshot["qtype"] for row in attempt.questions.all())
    assert types.count("shortanswer") == 1 and types.count("matching") == 1
    client.force_login(typed_exam.org.learner_a)
    page = client.get(reverse("exams:attempt", args=[attempt.pk])).content.decode()
    assert page.count('class="blank__input"') == 2
    assert page.count('class="pair__select"') == 2
    # Every right item (with the unpaired one) is offered; the accepted answers are not on it.
    assert "可以从事的辅助事务" in page and "考核" in page
    assert "书面通知" not in page and "聘用单位" not in page


def test_a_full_paper_of_blanks_and_pairs_passes_and_issues_the_credential(typed_exam, client):
    aux = typed_exam.org.aux_a
    attempt = services.attempt_start(auxiliary=aux, exam=typed_exam.exam)
    client.force_login(typed_exam.org.learner_a)
    url = reverse("exams:save", args=[attempt.pk])
    for seq, row in enumerate(attempt.questions.all(), start=1):
        answer = _right(row)
        if row.snapshot["qtype"] == "shortanswer":
            answer = ["　用人单位。", "书面 通知"]  # full-width space, punctuation
        reply = client.post(
            url,
            {"position": row.position, "selected": answer, "seq": seq},
            content_type="application/json",
        )
        assert reply.status_code == 200, reply.content
    assert reply.json()["answered"] == 6
    client.post(reverse("exams:submit", args=[attempt.pk]))
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.SUBMITTED
    assert attempt.score == 100 and attempt.passed
    assert Credential.objects.filter(auxiliary=aux).exists()
    result = client.get(reverse("exams:result", args=[attempt.pk])).content.decode()
    assert "100" in result


def test_half_the_pairs_right_scores_half_a_question(typed_exam):
    attempt = services.attempt_start(auxiliary=typed_exam.org.aux_a, exam=typed_exam.exam)
    row = next(r for r in attempt.questions.all() if r.snapshot["qtype"] == "matching")
    wrong = next(c["key"] for c in row.snapshot["choices"] if c["text"] == "考核")
    services.attempt_save_answer(
        attempt=attempt, position=row.position, selected=[_right(row)[0], wrong], seq=1
    )
    services.attempt_submit(attempt=attempt)
    row.refresh_from_db()
    assert row.score == 0.5


def test_the_review_shows_typed_answers_and_the_accepted_ones(typed_exam, client):
    exam = typed_exam.exam
    exam.review = "answers"
    exam.save()
    attempt = services.attempt_start(auxiliary=typed_exam.org.aux_a, exam=exam)
    row = next(r for r in attempt.questions.all() if r.snapshot["qtype"] == "shortanswer")
    services.attempt_save_answer(
        attempt=attempt, position=row.position, selected=["聘用机关", ""], seq=1
    )
    services.attempt_submit(attempt=attempt)
    client.force_login(typed_exam.org.learner_a)
    page = client.get(reverse("exams:result", args=[attempt.pk])).content.decode()
    assert "聘用机关" in page
    assert "聘用单位 / 用人单位" in page


@pytest.mark.parametrize(
    ("qtype", "selected", "message"),
    [
        ("shortanswer", ["甲", "乙", "丙"], "空"),
        ("shortanswer", ["甲" * 201], "200"),
        ("matching", ["not-a-key"], "选项"),
    ],
)
def test_a_typed_answer_that_does_not_fit_is_refused_clearly(
    typed_exam, client, qtype, selected, message
):
    attempt = services.attempt_start(auxiliary=typed_exam.org.aux_a, exam=typed_exam.exam)
    row = next(r for r in attempt.questions.all() if r.snapshot["qtype"] == qtype)
    client.force_login(typed_exam.org.learner_a)
    reply = client.post(
        reverse("exams:save", args=[attempt.pk]),
        {"position": row.position, "selected": selected, "seq": 1},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert reply.status_code == 400
    assert reply.json()["ok"] is False
    row.refresh_from_db()
    assert row.selected == []


def test_blanks_left_empty_count_as_unanswered(typed_exam):
    attempt = services.attempt_start(auxiliary=typed_exam.org.aux_a, exam=typed_exam.exam)
    row = next(r for r in attempt.questions.all() if r.snapshot["qtype"] == "shortanswer")
    result = services.attempt_save_answer(
        attempt=attempt, position=row.position, selected=["  ", ""], seq=1
    )
    assert result.answered == 0


def test_item_analysis_counts_blanks_and_pairs(typed_exam):
    """A paper with every blank and pair right: the frequencies name what was answered."""
    first = services.attempt_start(auxiliary=typed_exam.org.aux_a, exam=typed_exam.exam)
    for seq, row in enumerate(first.questions.all(), start=1):
        services.attempt_save_answer(
            attempt=first, position=row.position, selected=_right(row), seq=seq
        )
    services.attempt_submit(attempt=first)
    stats = {
        s.qtype: s
        for s in item_statistics(typed_exam.exam)
        if s.qtype in ("shortanswer", "matching")
    }
    blanks, pairs = stats["shortanswer"], stats["matching"]
    assert blanks.facility == 1.0 and pairs.facility == 1.0
    # Typed "用人单位" counts under the first accepted spelling.
    assert {c.text: c.count for c in blanks.choices} == {"1. 聘用单位": 1, "2. 书面通知": 1}
    assert {c.text: c.share for c in pairs.choices} == {
        "第十三条 → 可以从事的辅助事务": 1.0,
        "第十九条 → 不得从事的事项": 1.0,
    }
