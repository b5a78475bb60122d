"""Drawing a paper from the bank according to an exam's blueprint.

The draw is a pure function of the exam's rules, the active bank and the attempt's seed: the
same seed gives the same questions in the same order. Each question is drawn at most once; a
rule that cannot be filled raises ``BlueprintError`` rather than handing out a short paper.
"""

from __future__ import annotations

import random
import secrets

from django.db.models import F
from django.utils.translation import gettext as _

from exams.models import BlueprintRule, Exam, Question


class BlueprintError(Exception):
    pass


def _primary_article(question: Question) -> int | None:
    citations = list(question.citations.all())
    return citations[0].article if citations else None


def _matches(question: Question, rule: BlueprintRule) -> bool:
    if rule.qtype and question.qtype != rule.qtype:
        return False
    if rule.category_id:
        path = rule.category.path
        own = question.category.path
        if own != path and not own.startswith(path + "/"):
            return False
    if rule.article and _primary_article(question) != rule.article:
        return False
    return True


def draw_questions(exam: Exam, *, seed: int) -> list[Question]:
    rng = random.Random(seed)
    bank = list(
        Question.objects.filter(active=True)
        .select_related("category")
        .prefetch_related("choices", "citations")
        .order_by("pk")
    )
    drawn: list[Question] = []
    taken: set[int] = set()
    # Same order on every database: rules without a position (made outside the admin) last.
    rules = exam.rules.select_related("category").order_by(
        F("sort_order").asc(nulls_last=True), "pk"
    )
    for rule in rules:
        candidates = [q for q in bank if q.pk not in taken and _matches(q, rule)]
        if len(candidates) < rule.count:
            raise BlueprintError(
                _("The bank has %(have)d questions for a blueprint rule that needs %(need)d.")
                % {"have": len(candidates), "need": rule.count}
            )
        picked = rng.sample(candidates, rule.count)
        drawn.extend(picked)
        taken.update(q.pk for q in picked)
    if exam.shuffle_questions:
        rng.shuffle(drawn)
    return drawn


def question_snapshot(question: Question, *, rng: random.Random, shuffle: bool) -> dict:
    """What the attempt keeps of a question. Choice keys are random so that neither the key
    nor its order hints at the right answer."""
    choices = [
        {
            "key": secrets.token_hex(4),
            "text": choice.text,
            "weight": float(choice.weight),
            "feedback": choice.feedback,
        }
        for choice in question.choices.all()
    ]
    # True/false keeps 正确 before 错误: shuffling two fixed words only confuses.
    if shuffle and question.qtype != "truefalse":
        rng.shuffle(choices)
    return {
        "name": question.name,
        "category": question.category.path,
        "qtype": question.qtype,
        "text": question.text,
        "text_format": question.text_format,
        "explanation": question.explanation,
        "citations": [[c.article, c.item] for c in question.citations.all()],
        "choices": choices,
    }
