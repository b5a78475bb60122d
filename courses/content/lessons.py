"""The pre-job course as data: ``COURSE`` and ``LESSONS`` read from the YAML files beside this
module (``course.yaml`` and ``lessons/<slug>.yaml``).

``course.yaml`` holds the course page and the reading order (``lessons:`` lists the slugs, and
every file in ``lessons/`` must be listed). A lesson file holds ``slug`` (the file's name),
``title``, ``summary``, ``minutes`` and ``body``: a list of blocks, each a mapping of one block
type to its value —

``rich_text``
    HTML (p, h3, strong, em, ul, ol, li).
``article``
    ``{article, items, note}``: the page shows the law's own words of those items
    (``items: []`` for the whole article); ``note`` paraphrases.
``scenario``
    ``{title, situation, verdict, explanation, citations}``; verdict is allowed, forbidden or
    call_officer; the explanation names each citation.
``key_points``
    ``{heading, points}``.
``knowledge_check``
    ``{question, choices: [{text, correct}], feedback_correct, feedback_wrong, citations}``.

Citations are ``{article, item}`` (item null for a whole article; for Art. 17 the paragraph)
and must exist in the measures. Quotation marks “…” hold only the law's exact words. The loaded
``LESSONS`` keep the shape the seeding code reads: bodies are lists of ``(type, value)`` tuples.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lms.content_files import (
    Checker,
    ContentFileError,
    Field,
    boolean,
    citations,
    fields,
    integer,
    list_of,
    one_of,
    read_yaml,
    text,
)

CONTENT_DIR = Path(__file__).resolve().parent
COURSE_FILE = CONTENT_DIR / "course.yaml"
LESSONS_DIR = CONTENT_DIR / "lessons"

_CHOICE = fields(text=Field(text), correct=Field(boolean))
BLOCKS = {
    "rich_text": text,
    "article": fields(
        article=Field(integer(1, 32)),
        items=Field(list_of(integer(1, 20))),
        note=Field(text),
    ),
    "scenario": fields(
        title=Field(text),
        situation=Field(text),
        verdict=Field(one_of("allowed", "forbidden", "call_officer")),
        explanation=Field(text),
        citations=Field(citations()),
    ),
    "key_points": fields(heading=Field(text), points=Field(list_of(text, min_items=1))),
    "knowledge_check": fields(
        question=Field(text),
        choices=Field(list_of(_CHOICE, min_items=2)),
        feedback_correct=Field(text),
        feedback_wrong=Field(text),
        citations=Field(citations()),
    ),
}


def _block(checker: Checker, value, line: int, where: str):
    if not isinstance(value, dict) or len(value) != 1:
        checker.fail(line, f"{where}: a block is one of {', '.join(BLOCKS)} with its value")
        return ("", None)
    ((kind, data),) = value.items()
    if kind not in BLOCKS:
        checker.fail(line, f"{where}: unknown block type {kind!r}")
        return (kind, data)
    return (kind, BLOCKS[kind](checker, data, value.key_lines.get(kind, line), f"{where}.{kind}"))


_LESSON = fields(
    slug=Field(text),
    title=Field(text),
    summary=Field(text),
    minutes=Field(integer(1, 240)),
    body=Field(list_of(_block, min_items=1)),
)
_COURSE = fields(
    slug=Field(text),
    title=Field(text),
    summary=Field(text),
    lessons=Field(list_of(text, min_items=1)),
)


def load_lesson(path: Path) -> dict:
    checker = Checker(path)
    lesson = _LESSON(checker, read_yaml(path), 1, "lesson")
    if lesson.get("slug") and lesson["slug"] != path.stem:
        checker.fail(1, f"lesson: slug {lesson['slug']!r} differs from the file name")
    checker.raise_if_failed()
    return lesson


def load_course(
    course_file: Path = COURSE_FILE, lessons_dir: Path = LESSONS_DIR
) -> tuple[dict, list[dict]]:
    checker = Checker(course_file)
    raw = read_yaml(course_file)
    course = _COURSE(checker, raw, 1, "course")
    checker.raise_if_failed()
    order = course.pop("lessons")
    files = {path.stem: path for path in sorted(lessons_dir.glob("*.yaml"))}
    lines = raw["lessons"].item_lines
    problems = [
        f"{course_file}:{line}: lesson {slug!r} has no file {lessons_dir / (slug + '.yaml')}"
        for slug, line in zip(order, lines, strict=True)
        if slug not in files
    ]
    problems += [
        f"{path}:1: lesson {slug!r} is not listed in {course_file.name}"
        for slug, path in files.items()
        if slug not in order
    ]
    if problems:
        raise ContentFileError(problems)
    lessons = [load_lesson(files[slug]) for slug in order]
    course["minutes"] = sum(lesson["minutes"] for lesson in lessons)
    return course, lessons


@lru_cache(maxsize=1)
def _shipped() -> tuple[dict, list[dict]]:
    return load_course()


def __getattr__(name: str):
    # ``COURSE`` and ``LESSONS`` are read on first use, not when the app is imported.
    if name == "COURSE":
        return _shipped()[0]
    if name == "LESSONS":
        return _shipped()[1]
    raise AttributeError(name)
