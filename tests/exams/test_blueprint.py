"""The blueprint draw: counts per article, no duplicates, reproducible per attempt."""

from __future__ import annotations

from collections import Counter

import pytest

from exams import services
from exams.blueprint import draw_question_ids
from exams.exceptions import BlueprintError
from exams.models import BlueprintRule, Question, QuestionCategory
from tests.exams import factories as f


def draw_questions(exam, *, seed):
    ids = draw_question_ids(exam, seed=seed)
    by_pk = Question.objects.in_bulk(ids)
    return [by_pk[pk] for pk in ids]


@pytest.fixture
def bank_exam(db):
    course = f.make_course()
    for article in (13, 15, 19):
        for i in range(6):
            f.make_question(
                category=f"岗前培训/第{article}条",
                article=article,
                qtype=("single", "multiple", "truefalse")[i % 3],
            )
    f.make_question(article=13, active=False, name="retired")
    return f.make_exam(course, rules=((13, 3), (15, 2), (19, 4)))


def test_draw_counts_per_article_without_duplicates(bank_exam):
    drawn = draw_questions(bank_exam, seed=42)
    assert len(drawn) == 9
    assert len({q.pk for q in drawn}) == 9
    articles = Counter(q.citations.first().article for q in drawn)
    assert articles == {13: 3, 15: 2, 19: 4}
    assert all(q.active for q in drawn)


def test_same_seed_same_paper_other_seed_other_order(bank_exam):
    first = [q.pk for q in draw_questions(bank_exam, seed=7)]
    assert first == [q.pk for q in draw_questions(bank_exam, seed=7)]
    others = {tuple(q.pk for q in draw_questions(bank_exam, seed=s)) for s in range(8, 16)}
    assert len(others) > 1


def test_rule_by_category_subtree_and_type(bank_exam):
    bank_exam.rules.all().delete()
    bank_exam.shuffle_questions = False
    bank_exam.save()
    BlueprintRule.objects.create(
        exam=bank_exam,
        count=2,
        qtype="truefalse",
        category=QuestionCategory.for_path("岗前培训/第13条"),
        sort_order=0,
    )
    # A parent category draws from its subcategories too.
    f.make_question(category="岗前培训/第19条/情景题", article=19)
    BlueprintRule.objects.create(
        exam=bank_exam, count=7, category=QuestionCategory.for_path("岗前培训/第19条"), sort_order=1
    )
    drawn = draw_questions(bank_exam, seed=1)
    assert [(q.qtype, q.category.path) for q in drawn[:2]] == [("truefalse", "岗前培训/第13条")] * 2
    assert {q.category.path for q in drawn[2:]} == {"岗前培训/第19条", "岗前培训/第19条/情景题"}
    assert len({q.pk for q in drawn}) == 9


def test_a_rule_the_bank_cannot_fill_is_an_error(bank_exam):
    BlueprintRule.objects.create(exam=bank_exam, article=13, count=10, sort_order=9)
    with pytest.raises(BlueprintError):
        draw_questions(bank_exam, seed=1)


def test_paper_and_choice_order_survive_reload(bank_exam, org):
    f.complete_course(org.learner_a, bank_exam.course)
    attempt = services.attempt_start(auxiliary=org.aux_a, exam=bank_exam)
    before = [
        (r.question_id, [c["key"] for c in r.snapshot["choices"]]) for r in attempt.questions.all()
    ]
    again = services.attempt_start(auxiliary=org.aux_a, exam=bank_exam)
    after = [
        (r.question_id, [c["key"] for c in r.snapshot["choices"]]) for r in again.questions.all()
    ]
    assert before == after
    # The stored paper is exactly what the seed draws.
    assert [q for q, _keys in before] == [
        q.pk for q in draw_questions(bank_exam, seed=attempt.seed)
    ]


def test_the_stored_paper_keeps_each_question_as_the_bank_had_it(bank_exam, org):
    f.complete_course(org.learner_a, bank_exam.course)
    attempt = services.attempt_start(auxiliary=org.aux_a, exam=bank_exam)
    for row in attempt.questions.select_related("question__category"):
        question = row.question
        snapshot = row.snapshot
        assert snapshot["name"] == question.name
        assert snapshot["category"] == question.category.path
        assert (snapshot["qtype"], snapshot["text"]) == (question.qtype, question.text)
        assert snapshot["explanation"] == question.explanation
        assert snapshot["citations"] == [[c.article, c.item] for c in question.citations.all()]
        # The choices are the bank's (shuffled, re-keyed), with their weights and feedback.
        bank_choices = sorted((c.text, c.weight, c.feedback) for c in question.choices.all())
        kept = sorted((c["text"], c["weight"], c["feedback"]) for c in snapshot["choices"])
        assert kept == bank_choices
        assert len({c["key"] for c in snapshot["choices"]}) == len(kept)


def test_a_question_deleted_after_the_draw_refuses_the_paper_instead_of_a_short_one(bank_exam):
    import random

    from exams.blueprint import paper_snapshots

    ids = draw_question_ids(bank_exam, seed=3)
    Question.objects.filter(pk=ids[0]).delete()
    with pytest.raises(BlueprintError, match="题库发生了变化"):
        paper_snapshots(ids, rng=random.Random(3), shuffle=True)
