"""Steps the GIFT and Moodle XML importers/exporters take alike, over the types of
:mod:`.types`: finishing a parsed question, sorting what a file held into imported and
skipped questions, and where an export names a category."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .types import ParsedQuestion, ParseResult, SkippedQuestion, checked

# A short answer whose alternatives earn different shares (GIFT's =%50%Cat, a Moodle answer
# with fraction 50): the platform's blanks are right or wrong, so it is skipped under this
# name rather than imported with other marks.
PARTIAL_SHORTANSWER = "shortanswer-partial"


def add_matching_item(question: ParsedQuestion, left: str, right: str) -> None:
    """One row of a matching question: a pair, or, without a left item, a right item that
    pairs with nothing."""
    if left:
        question.pairs.append((left, right))
    else:
        question.extra.append(right)


def finished_question(
    question: ParsedQuestion,
    fail,
    *,
    name: str,
    text: str,
    text_format: str,
    general_feedback: str,
    category: str,
    line: int | None = None,
) -> ParsedQuestion:
    """``question`` as the parser of its type built it (choices, blanks, pairs or rubric),
    with what every question of a file has, :func:`~.types.checked`: ``fail(problem)``
    builds the parser's exception, naming the line (GIFT) or the question (Moodle XML)."""
    question.name, question.text, question.text_format = name, text, text_format
    question.general_feedback, question.category, question.line = general_feedback, category, line
    return checked(question, fail)


def parse_result(items: Iterable[ParsedQuestion | SkippedQuestion]) -> ParseResult:
    """The imported and the skipped questions of a file, each in the file's order."""
    questions: list[ParsedQuestion] = []
    skipped: list[SkippedQuestion] = []
    for item in items:
        if isinstance(item, ParsedQuestion):
            questions.append(item)
        else:
            skipped.append(item)
    return ParseResult(questions=questions, skipped=skipped)


def with_category_changes(
    questions: Iterable[ParsedQuestion],
) -> Iterator[tuple[ParsedQuestion, bool]]:
    """Each question, :func:`~.types.checked`, and whether an export names its category before
    it (GIFT's ``$CATEGORY:``, Moodle XML's category pseudo-question): when the category
    differs from the previous question's. Before the first question only when it has one, as
    a file without any imports into the default category anyway."""
    current: str | None = None
    for q in questions:
        checked(q)
        changed = q.category != current and (current is not None or bool(q.category))
        current = q.category
        yield q, changed
