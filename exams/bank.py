"""Import and export of the question bank (GIFT, Moodle XML, Word) and loading the shipped
bank.

Duplicates: a question is identified by its name and category path. Importing a question
that already exists updates it in place (text, type, choices, explanation; citations when the
explanation names them). Attempts already taken are unaffected: they keep snapshots.
A file is imported all or nothing: any error leaves the bank as it was.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q

from exams.interop import ParsedChoice, ParsedQuestion, parse_file
from exams.interop.docx import export_docx
from exams.interop.gift import export_gift
from exams.interop.moodlexml import export_moodlexml
from exams.models import Choice, Question, QuestionCategory, QuestionCitation
from lms.measures import citation_exists, parse_chinese_numeral

FALLBACK_CATEGORY = "导入"
_NUM = "[一二三四五六七八九十]+"
_CITATION_RE = re.compile(rf"第({_NUM})条(?:第（({_NUM})）项|第({_NUM})款)?")


def citations_in(explanation: str) -> list[tuple[int, int | None]]:
    """Citations named after the last “依据” of an explanation, as the bank writes them:
    （依据第十三条第（一）项、第十九条第（二）项）."""
    _before, marker, tail = explanation.rpartition("依据")
    if not marker:
        return []
    found: list[tuple[int, int | None]] = []
    for match in _CITATION_RE.finditer(tail):
        article = parse_chinese_numeral(match.group(1))
        item_text = match.group(2) or match.group(3)
        item = parse_chinese_numeral(item_text) if item_text else None
        if citation_exists(article, item) and (article, item) not in found:
            found.append((article, item))
    return found


@dataclass
class ImportSummary:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (qtype, name)
    dry_run: bool = False

    @property
    def imported(self) -> int:
        return len(self.created) + len(self.updated)

    def as_text(self) -> str:
        text = f"imported {self.imported}, skipped {len(self.skipped)}"
        if self.skipped:
            counts = Counter(qtype for qtype, _name in self.skipped)
            text += " (" + ", ".join(f"{k}: {counts[k]}" for k in sorted(counts)) + ")"
        text += f"; new {len(self.created)}, updated {len(self.updated)}"
        if self.dry_run:
            text += " (dry run: nothing saved)"
        return text

    def as_dict(self) -> dict:
        return {
            "imported": self.imported,
            "created": self.created,
            "updated": self.updated,
            "skipped": [{"qtype": qtype, "name": name} for qtype, name in self.skipped],
            "dry_run": self.dry_run,
        }


def _text_format(value: str) -> str:
    return "html" if value == "moodle" else value


def _store(parsed: ParsedQuestion, *, category_path: str) -> bool:
    """Create or update one question; True when it was new."""
    category = QuestionCategory.for_path(category_path)
    question = Question.objects.filter(category=category, name=parsed.name).first()
    created = question is None
    if created:
        question = Question(category=category, name=parsed.name)
    question.qtype = parsed.qtype
    question.text = parsed.text
    question.text_format = _text_format(parsed.text_format)
    question.explanation = parsed.general_feedback
    question.answer_spec = parsed.answer_spec
    question.rubric = parsed.rubric
    if parsed.difficulty:
        question.difficulty = parsed.difficulty
    question.save()
    question.choices.all().delete()
    Choice.objects.bulk_create(
        Choice(question=question, text=c.text, weight=c.fraction, feedback=c.feedback, sort_order=i)
        for i, c in enumerate(parsed.choices)
    )
    citations = (
        parsed.citations if parsed.citations is not None else citations_in(parsed.general_feedback)
    )
    if citations or created:
        question.citations.all().delete()
        QuestionCitation.objects.bulk_create(
            QuestionCitation(question=question, article=a, item=i, sort_order=n)
            for n, (a, i) in enumerate(citations)
        )
    return created


@transaction.atomic
def questions_import(
    *,
    data: bytes,
    fmt: str | None = None,
    filename: str = "",
    category: str = "",
    dry_run: bool = False,
) -> ImportSummary:
    """Import a GIFT or Moodle XML file. Raises ``ImportFormatError`` (naming the line or the
    question) before anything is written; ``dry_run`` checks and counts, then rolls back."""
    result = parse_file(data, fmt=fmt, filename=filename, default_category=category)
    summary = ImportSummary(skipped=[(s.qtype, s.name) for s in result.skipped], dry_run=dry_run)
    for parsed in result.questions:
        path = parsed.category or category or FALLBACK_CATEGORY
        label = f"{path}/{parsed.name}"
        (summary.created if _store(parsed, category_path=path) else summary.updated).append(label)
    if dry_run:
        transaction.set_rollback(True)
    return summary


def questions_for_export(category: str = "") -> list[ParsedQuestion]:
    questions = Question.objects.select_related("category").prefetch_related("choices", "citations")
    category = category.strip("/")
    if category:
        questions = questions.filter(
            Q(category__path=category) | Q(category__path__startswith=category + "/")
        )
    return [
        ParsedQuestion(
            name=q.name,
            qtype=q.qtype,
            text=q.text,
            text_format=q.text_format,
            choices=[ParsedChoice(c.text, c.weight, c.feedback) for c in q.choices.all()],
            general_feedback=q.explanation,
            category=q.category.path,
            citations=[(c.article, c.item) for c in q.citations.all()],
            difficulty=q.difficulty,
            **_typed_fields(q),
        )
        for q in questions.order_by("category__path", "name")
    ]


def _typed_fields(question: Question) -> dict:
    """The ParsedQuestion fields of a 填空题, 配对题 or 简答题 (empty for choice questions)."""
    spec = question.answer_spec or {}
    return {
        "blanks": [list(accepted) for accepted in spec.get("blanks", [])],
        "case_insensitive": bool(spec.get("case_insensitive")),
        "pairs": [tuple(pair) for pair in spec.get("pairs", [])],
        "extra": list(spec.get("extra", [])),
        "rubric": question.rubric,
    }


def questions_export(*, fmt: str, category: str = "") -> str | bytes:
    """The bank as GIFT or Moodle XML text, or as Word (.docx) bytes."""
    questions = questions_for_export(category)
    if fmt == "docx":
        return export_docx(questions)
    return export_moodlexml(questions) if fmt == "moodlexml" else export_gift(questions)
