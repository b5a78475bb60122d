"""Seed data for exams: the shipped question bank and the credential exam (seed step 30, also
run by seed_course). Idempotent.

The bank keeps the seeding's promise that an editor's change is never overwritten: a shipped
question is updated only while it is still exactly a version that was shipped. Each question's
content has a fingerprint; ``exams/content/shipped.json`` lists, per question name, the
fingerprint of every version ever shipped (oldest first, the current one last). A question in
the database whose fingerprint is one of those was never touched by an editor and is brought
up to date; any other fingerprint means an editor changed it, and it is kept as it is. Installs
seeded before this file existed are covered too: the first entries are the versions they got.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from exams import courses_api
from exams.content import questions as shipped_questions
from exams.models import (
    BlueprintRule,
    Choice,
    Exam,
    ExamPurpose,
    Question,
    QuestionCategory,
    QuestionCitation,
)

SHIPPED_FILE = Path(__file__).resolve().parent / "content" / "shipped.json"

# Questions drawn per article (category 岗前培训/第X条): 24 in all, weighted by how many
# numbered items the article has and how often its mistakes happen on the job; hiring
# (Arts. 5–12) and liability (Arts. 25–31) are drawn from a category each.
BLUEPRINT = [
    ("岗前培训/聘用与管理", 2),
    ("岗前培训/第十三条", 3),
    ("岗前培训/第十四条", 2),
    ("岗前培训/第十五条", 3),
    ("岗前培训/第十六条", 3),
    ("岗前培训/第十七条", 2),
    ("岗前培训/第十八条", 3),
    ("岗前培训/第十九条", 4),
    ("岗前培训/责任追究", 2),
]
EXAM_TITLE = "行政执法辅助人员岗前培训考试"


@dataclass
class BankReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)  # a shipped version, brought up to date
    kept: list[str] = field(default_factory=list)  # changed by an editor: left alone
    unchanged: list[str] = field(default_factory=list)


def fingerprint(data: dict) -> str:
    """A hash of what the seeding writes of a question (in the ``exams.content`` format)."""
    content = {
        "qtype": data["qtype"],
        "text": data["text"],
        "explanation": data["explanation"],
        "difficulty": data["difficulty"],
        "scenario": data["scenario"],
        # Rounded: a weight read back from the database may differ in the last bits.
        "choices": [
            [c["text"], round(float(c["weight"]), 6), c.get("feedback", "")]
            for c in data["choices"]
        ],
        "citations": [[c["article"], c.get("item")] for c in data["citations"]],
    }
    raw = json.dumps(content, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def question_data(question: Question) -> dict:
    """A bank question in the ``exams.content`` format, for :func:`fingerprint`."""
    return {
        "qtype": question.qtype,
        "text": question.text,
        "explanation": question.explanation,
        "difficulty": question.difficulty,
        "scenario": question.scenario,
        "choices": [
            {"text": c.text, "weight": c.weight, "feedback": c.feedback}
            for c in question.choices.order_by("sort_order", "pk")
        ],
        "citations": [
            {"article": c.article, "item": c.item}
            for c in question.citations.order_by("sort_order", "pk")
        ],
    }


def shipped_versions(path: Path = SHIPPED_FILE) -> dict[str, list[str]]:
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def _write(question: Question, data: dict) -> None:
    question.qtype = data["qtype"]
    question.text = data["text"]
    question.text_format = "plain"
    question.explanation = data["explanation"]
    question.difficulty = data.get("difficulty", 2)
    question.scenario = data.get("scenario", False)
    question.save()
    # Attempts keep snapshots of their questions, so replacing the choices changes no attempt.
    question.choices.all().delete()
    Choice.objects.bulk_create(
        Choice(
            question=question,
            text=c["text"],
            weight=c["weight"],
            feedback=c.get("feedback", ""),
            sort_order=i,
        )
        for i, c in enumerate(data["choices"])
    )
    question.citations.all().delete()
    QuestionCitation.objects.bulk_create(
        QuestionCitation(question=question, article=c["article"], item=c.get("item"), sort_order=i)
        for i, c in enumerate(data["citations"])
    )


@transaction.atomic
def bank_sync(questions: list[dict], versions: dict[str, list[str]] | None = None) -> BankReport:
    """Create the shipped questions that are missing and update those still exactly as some
    shipped version left them; keep every question an editor changed."""
    versions = shipped_versions() if versions is None else versions
    report = BankReport()
    for data in questions:
        category = QuestionCategory.for_path(data["category"])
        question = Question.objects.filter(category=category, name=data["name"]).first()
        label = data["name"]
        if question is None:
            _write(Question(category=category, name=data["name"]), data)
            report.created.append(label)
            continue
        current = fingerprint(question_data(question))
        if current == fingerprint(data):
            report.unchanged.append(label)
        elif current in versions.get(data["name"], []):
            _write(question, data)
            report.updated.append(label)
        else:
            report.kept.append(label)
    return report


def seed_question_bank() -> BankReport:
    return bank_sync(shipped_questions.QUESTIONS)


@transaction.atomic
def seed_exam() -> Exam | None:
    """The exam of the required course (None while there is no course yet)."""
    course = courses_api.required_course()
    if course is None:
        return None
    exam = Exam.objects.filter(course=course, purpose=ExamPurpose.PRE_JOB).order_by("pk").first()
    if exam is not None:
        return exam
    exam = Exam.objects.create(course=course, title=EXAM_TITLE)
    for order, (path, count) in enumerate(BLUEPRINT):
        BlueprintRule.objects.create(
            exam=exam,
            count=count,
            category=QuestionCategory.for_path(path),
            sort_order=order,
        )
    return exam


def seed_step(stdout=None, **kwargs) -> None:
    report = seed_question_bank()
    exam = seed_exam()
    if stdout is not None:
        stdout.write(
            "  "
            + _("Question bank: %(new)d new, %(updated)d updated, %(kept)d kept as edited")
            % {"new": len(report.created), "updated": len(report.updated), "kept": len(report.kept)}
        )
        stdout.write(
            "  "
            + (
                _("Exam: %(title)s") % {"title": exam.title}
                if exam
                else _("Exam: skipped (there is no required course yet)")
            )
        )


def record_shipped_versions(questions: list[dict], path: Path = SHIPPED_FILE) -> list[str]:
    """Append each question's current fingerprint to ``shipped.json`` when it is new; returns
    the names recorded. Earlier versions stay listed: installs may still hold them."""
    versions = shipped_versions(path)
    added = []
    for data in questions:
        known = versions.setdefault(data["name"], [])
        current = fingerprint(data)
        if not known or known[-1] != current:
            if current in known:
                known.remove(current)
            known.append(current)
            added.append(data["name"])
    path.write_text(
        json.dumps(dict(sorted(versions.items())), indent=1, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    return added
