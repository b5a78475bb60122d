"""Drawing a paper from the bank according to an exam's blueprint.

The draw is a pure function of the exam's rules, the active bank and the attempt's seed: the
same seed gives the same questions in the same order. Each question is drawn at most once; a
rule that cannot be filled raises ``BlueprintError`` rather than handing out a short paper.
"""

from __future__ import annotations

import random
import secrets
from collections import defaultdict

from django.db.models import F, OuterRef, Subquery
from django.utils.translation import gettext as _

from exams.exceptions import BlueprintError
from exams.models import BlueprintRule, Choice, Exam, Question, QuestionCitation

# One bank question as the draw sees it: (pk, qtype, category path, primary article).
BankRow = tuple[int, str, str, "int | None"]


def _bank_rows() -> list[BankRow]:
    """The active bank in pk order, as plain rows. Every start reads the whole bank; building
    model instances with their choices and citations for it was the largest part of a start's
    CPU (with 117 questions, a start took about 39 ms of CPU before and 24 ms after), and at
    the start of an exam session everyone starts at once."""
    primary = (
        QuestionCitation.objects.filter(question=OuterRef("pk"))
        .order_by("sort_order", "pk")
        .values("article")[:1]
    )
    return list(
        Question.objects.filter(active=True)
        .annotate(primary_article=Subquery(primary))
        .order_by("pk")
        .values_list("pk", "qtype", "category__path", "primary_article")
    )


def _matches(row: BankRow, rule: BlueprintRule) -> bool:
    _pk, qtype, category_path, primary_article = row
    if rule.qtype and qtype != rule.qtype:
        return False
    if rule.category_id:
        path = rule.category.path
        if category_path != path and not category_path.startswith(path + "/"):
            return False
    if rule.article and primary_article != rule.article:
        return False
    return True


def draw_question_ids(exam: Exam, *, seed: int) -> list[int]:
    """The primary keys of the questions drawn for ``seed``, in paper order."""
    rng = random.Random(seed)
    bank = _bank_rows()
    drawn: list[int] = []
    taken: set[int] = set()
    # Same order on every database: rules without a position (made outside the admin) last.
    rules = exam.rules.select_related("category").order_by(
        F("sort_order").asc(nulls_last=True), "pk"
    )
    for rule in rules:
        candidates = [row[0] for row in bank if row[0] not in taken and _matches(row, rule)]
        if len(candidates) < rule.count:
            raise BlueprintError(
                _("The bank has %(have)d questions for a blueprint rule that needs %(need)d.")
                % {"have": len(candidates), "need": rule.count}
            )
        picked = rng.sample(candidates, rule.count)
        drawn.extend(picked)
        taken.update(picked)
    if exam.shuffle_questions:
        rng.shuffle(drawn)
    return drawn


def paper_snapshots(question_ids: list[int], *, rng: random.Random, shuffle: bool) -> list[dict]:
    """What the attempt keeps of each drawn question, in paper order (see question_snapshot).
    Three queries of plain rows, whatever the paper's length."""
    questions = {
        pk: rest
        for pk, *rest in Question.objects.filter(pk__in=question_ids).values_list(
            "pk",
            "name",
            "category__path",
            "qtype",
            "text",
            "text_format",
            "explanation",
            "answer_spec",
            "rubric",
        )
    }
    choices: dict[int, list[tuple]] = defaultdict(list)
    for question_id, *choice in (
        Choice.objects.filter(question_id__in=question_ids)
        .order_by("question_id", "sort_order", "pk")
        .values_list("question_id", "text", "weight", "feedback")
    ):
        choices[question_id].append(choice)
    citations: dict[int, list[list]] = defaultdict(list)
    for question_id, article, item in (
        QuestionCitation.objects.filter(question_id__in=question_ids)
        .order_by("question_id", "sort_order", "pk")
        .values_list("question_id", "article", "item")
    ):
        citations[question_id].append([article, item])
    if len(questions) != len(set(question_ids)):
        # An editor deleted a drawn question between the draw and this read.
        raise BlueprintError(_("The question bank changed while the paper was drawn; try again."))
    snapshots = []
    for pk in question_ids:
        name, category_path, qtype, text, text_format, explanation, spec, rubric = questions[pk]
        snapshots.append(
            question_snapshot(
                {
                    "name": name,
                    "category": category_path,
                    "qtype": qtype,
                    "text": text,
                    "text_format": text_format,
                    "explanation": explanation,
                    "citations": citations[pk],
                    "answer_spec": spec,
                    "rubric": rubric,
                },
                choices[pk],
                rng=rng,
                shuffle=shuffle,
            )
        )
    return snapshots


def question_snapshot(
    question: dict, choice_rows: list[tuple], *, rng: random.Random, shuffle: bool
) -> dict:
    """What the attempt keeps of a question: its fields and its choices, each choice given
    a random key so that neither the key nor its order hints at the right answer.

    - 填空题 keeps ``blanks`` (accepted answers per blank) and ``case_insensitive``;
    - 配对题 keeps ``pairs`` ({"key", "left", "answer"}: the left items in order, each with the
      key of its right item) and the right items as ``choices``, always shuffled, since their
      order would otherwise give the pairs away; one right item shared by two pairs is one
      choice;
    - 简答题 keeps its ``rubric`` for the grader.
    """
    question = dict(question)
    spec = question.pop("answer_spec", None) or {}
    if question["qtype"] == "shortanswer":
        return {
            **question,
            "choices": [],
            "blanks": spec.get("blanks", []),
            "case_insensitive": bool(spec.get("case_insensitive")),
        }
    if question["qtype"] == "matching":
        keys: dict[str, str] = {}
        for _left, right in spec.get("pairs", []):
            keys.setdefault(right, secrets.token_hex(4))
        for right in spec.get("extra", []):
            keys.setdefault(right, secrets.token_hex(4))
        choices = [
            {"key": key, "text": right, "weight": 0.0, "feedback": ""}
            for right, key in keys.items()
        ]
        rng.shuffle(choices)
        pairs = [
            {"key": secrets.token_hex(4), "left": left, "answer": keys[right]}
            for left, right in spec.get("pairs", [])
        ]
        return {**question, "choices": choices, "pairs": pairs}
    if question["qtype"] == "essay":
        return {**question, "choices": []}
    question.pop("rubric", None)
    choices = [
        {
            "key": secrets.token_hex(4),
            "text": text,
            "weight": float(weight),
            "feedback": feedback,
        }
        for text, weight, feedback in choice_rows
    ]
    # True/false keeps 正确 before 错误: shuffling two fixed words only confuses.
    if shuffle and question["qtype"] != "truefalse":
        rng.shuffle(choices)
    return {**question, "choices": choices}
