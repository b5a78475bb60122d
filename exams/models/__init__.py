"""Exam models: the question bank (questions.py) and exams with their attempts (attempts.py)."""

from exams.models.attempts import (
    Attempt,
    AttemptQuestion,
    AttemptStatus,
    BlueprintRule,
    Exam,
    ReviewMode,
)
from exams.models.questions import (
    Choice,
    Question,
    QuestionCategory,
    QuestionCitation,
    QuestionType,
)

__all__ = [
    "Attempt",
    "AttemptQuestion",
    "AttemptStatus",
    "BlueprintRule",
    "Choice",
    "Exam",
    "Question",
    "QuestionCategory",
    "QuestionCitation",
    "QuestionType",
    "ReviewMode",
]
