"""Legal coverage: every numbered item of Arts. 13–19 with the lessons (and, once other apps
register a source, the questions) that cite it. Shared by ``legal_coverage`` and the admin."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from lms.measures import citation_key, citation_label, coverage_items

CoverageSource = Callable[[], dict[tuple[int, int | None], list[str]]]
_sources: dict[str, CoverageSource] = {}

QUESTIONS_SOURCE = "questions"
MIN_QUESTIONS = 2
SOURCE_LABELS = {QUESTIONS_SOURCE: _("Questions")}


def register_coverage_source(name: str, func: CoverageSource) -> CoverageSource:
    """Add a column: ``func()`` maps (article, item) → labels of the things citing it."""
    _sources[name] = func
    return func


def coverage_sources() -> dict[str, CoverageSource]:
    return dict(_sources)


@dataclass
class CoverageRow:
    article: int
    item: int | None
    lessons: list = field(default_factory=list)
    sources: dict[str, list[str]] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return citation_key(self.article, self.item)

    @property
    def label(self) -> str:
        return citation_label(self.article, self.item)


@dataclass
class CoverageTable:
    rows: list[CoverageRow]
    source_names: list[str]
    # A source counts for --strict only once it has anything at all (an empty bank is not
    # a failing bank: the exam engine may not have questions yet).
    active_sources: list[str]

    @property
    def source_columns(self) -> list[tuple[str, str]]:
        return [(name, SOURCE_LABELS.get(name, name)) for name in self.source_names]

    def problems(self) -> list[str]:
        problems = []
        for row in self.rows:
            if not row.lessons:
                problems.append(f"{row.key} {row.label}: no lesson cites it")
            if QUESTIONS_SOURCE in self.active_sources:
                count = len(row.sources.get(QUESTIONS_SOURCE, []))
                if count < MIN_QUESTIONS:
                    problems.append(
                        f"{row.key} {row.label}: {count} question(s), at least {MIN_QUESTIONS}"
                    )
        return problems

    def as_json(self) -> dict:
        return {
            "sources": self.source_names,
            "items": [
                {
                    "key": row.key,
                    "article": row.article,
                    "item": row.item,
                    "label": row.label,
                    "lessons": [
                        {
                            "id": lesson.pk,
                            "title": lesson.title,
                            "slug": lesson.slug,
                            "url": lesson.url,
                        }
                        for lesson in row.lessons
                    ],
                    **{name: row.sources.get(name, []) for name in self.source_names},
                }
                for row in self.rows
            ],
            "problems": self.problems(),
        }


def coverage_table() -> CoverageTable:
    from courses.selectors import lesson_citations

    by_citation = lesson_citations()
    source_data = {name: func() or {} for name, func in sorted(_sources.items())}
    rows = [
        CoverageRow(
            article=article,
            item=item,
            lessons=by_citation.get((article, item), []),
            sources={
                name: list(data.get((article, item), [])) for name, data in source_data.items()
            },
        )
        for article, item in coverage_items()
    ]
    active = [name for name, data in source_data.items() if any(data.values())]
    return CoverageTable(rows=rows, source_names=list(source_data), active_sources=active)
