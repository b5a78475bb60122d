"""岗前培训题库 — the shipped question bank, read from ``questions/art-NN.yaml`` beside this module.

One file per article: ``category`` (岗前培训/第X条, the article of each question's first
citation) and ``questions``, each with

``name``
    Unique, stable ASCII key ``<first citation key>-<letter>``, e.g. ``"19.3-a"``. Seeding is
    idempotent on it: never rename or reuse a name, add a new letter instead.
``qtype``
    ``single`` (4 choices, one weight 1, others 0), ``multiple`` (4–5 choices, 2–4 correct with
    positive weights adding up to exactly 1 — write thirds as ``1/3`` — wrong ones -0.5 so that
    ticking everything earns nothing) or ``truefalse`` (choices 正确, 错误 in that order).
``scenario``
    true when the stem puts named people in a concrete on-the-job situation.
``difficulty``
    1 easy … 3 hard.
``text``, ``choices`` (``{text, weight, feedback}``; feedback explains that choice)
``explanation``
    Why; ends with （依据 + the citations' labels, first one first）, and names any other law it
    relies on (劳动合同法第五十八条 …).
``citations``
    ``[{article: 19, item: 3}, ...]``; the first is the item the question is about.

Every file is validated when it is read; a problem is reported as ``file:line: message``.
``tests/exams/test_question_content.py`` checks the rest (coverage, weights, citations named).
When a shipped question changes, ``shipped.json`` gets the new version's fingerprint
(``manage.py shipped_bank_lock``) so that installs seeded before update the questions no editor
has touched.
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
    optional_text,
    read_yaml,
    text,
    weight,
)

QUESTIONS_DIR = Path(__file__).resolve().parent / "questions"
QTYPES = ("single", "multiple", "truefalse")

_CHOICE = fields(
    text=Field(text),
    weight=Field(weight),
    feedback=Field(optional_text, required=False, default=""),
)
_QUESTION = fields(
    name=Field(text),
    qtype=Field(one_of(*QTYPES)),
    scenario=Field(boolean),
    difficulty=Field(integer(1, 3)),
    text=Field(text),
    choices=Field(list_of(_CHOICE, min_items=2)),
    explanation=Field(text),
    citations=Field(citations()),
)
_FILE = fields(category=Field(text), questions=Field(list_of(_QUESTION, min_items=1)))


def load_file(path: Path) -> list[dict]:
    checker = Checker(path)
    data = _FILE(checker, read_yaml(path), 1, "file")
    checker.raise_if_failed()
    return [{"category": data["category"], **question} for question in data["questions"]]


def load_questions(directory: Path = QUESTIONS_DIR) -> list[dict]:
    questions: list[dict] = []
    problems: list[str] = []
    seen: dict[str, Path] = {}
    for path in sorted(directory.glob("*.yaml")):
        try:
            loaded = load_file(path)
        except ContentFileError as error:
            problems += error.problems
            continue
        for question in loaded:
            if question["name"] in seen:
                problems.append(f"{path}:1: {question['name']} is also in {seen[question['name']]}")
            seen[question["name"]] = path
        questions += loaded
    if problems:
        raise ContentFileError(problems)
    return questions


@lru_cache(maxsize=1)
def _shipped() -> list[dict]:
    return load_questions()


def __getattr__(name: str):
    # ``QUESTIONS`` is read on first use, so importing the app does not parse the files.
    if name == "QUESTIONS":
        return _shipped()
    raise AttributeError(name)
