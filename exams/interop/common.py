"""Steps the GIFT and Moodle XML importers/exporters take alike, over the types of
:mod:`.types`: sorting what a file held into imported and skipped questions, and where an
export names a category."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .types import ParsedQuestion, ParseResult, SkippedQuestion, checked


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
