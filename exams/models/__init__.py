"""Exam models: the question bank (questions.py) and exams with their attempts (attempts.py)."""

from exams.models.attempts import (
    Attempt,
    AttemptQuestion,
    AttemptStatus,
    BlueprintRule,
    EssayMark,
    Exam,
    ExamPurpose,
    MarkRound,
    ReadyPaper,
    ReviewMode,
)
from exams.models.questions import (
    CHOICE_TYPES,
    Choice,
    Question,
    QuestionCategory,
    QuestionCitation,
    QuestionType,
)

# Sessions live in their own package; imported here so that Django registers them with exams.
from exams.sessions.models import (
    ExamSession,
    IntegrityEvent,
    PaperDraw,
    ProctorAction,
    SessionCandidate,
)

__all__ = [
    "Attempt",
    "AttemptQuestion",
    "AttemptStatus",
    "BlueprintRule",
    "CHOICE_TYPES",
    "Choice",
    "EssayMark",
    "Exam",
    "ExamPurpose",
    "ExamSession",
    "IntegrityEvent",
    "PaperDraw",
    "ProctorAction",
    "MarkRound",
    "ReadyPaper",
    "Question",
    "QuestionCategory",
    "QuestionCitation",
    "QuestionType",
    "ReviewMode",
    "SessionCandidate",
]
