"""Legal coverage: every numbered item of Arts. 13–19, and every article 1–31, with the lessons
(and the questions, or whatever else other apps offer through the ``courses_coverage_sources``
hook) that cite it. Shared by ``legal_coverage`` and the admin."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext, pgettext_lazy

from courses.selectors import lesson_citations
from lms import hooks
from lms.measures import citation_key, citation_label, coverage_items

# A column: ``source()`` maps (article, item) → labels of the things citing it.
CoverageSource = Callable[[], dict[tuple[int, int | None], list[str]]]

QUESTIONS_SOURCE = "questions"
MIN_QUESTIONS = 2
TAUGHT_ARTICLES = range(1, 32)  # Art. 32 is only the date the measures take effect
# Of Arts. 5–12 and 25–31, those that bind or protect the auxiliary need a question too. Not
# required: 5 and 6 (which governments manage and fund), 7 and 12 (an agency's hiring plan and
# its filing with other departments): lessons explain them, nothing in them is the auxiliary's.
# 8 decides who the employer is, 9 and 10 the conditions to keep and the bars, 11 the labour
# contract; 25–31 the liabilities, protections and which rules prevail.
ARTICLES_NEEDING_A_QUESTION = (8, 9, 10, 11, 25, 26, 27, 28, 29, 30, 31)
SOURCE_LABELS = {QUESTIONS_SOURCE: pgettext_lazy("count", "Questions")}


@dataclass(frozen=True)
class Gap:
    """What a row lacks: ``text`` for the command and its JSON (English, as other tools read
    it), ``message`` for people (the admin page, in the active language)."""

    code: str  # "no-lesson" | "few-questions" | "no-question"
    text: str
    message: str
    count: int = 0


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
class ArticleRow:
    """One article 1–31 as a whole: what cites the article or any of its items."""

    article: int
    lessons: list = field(default_factory=list)
    sources: dict[str, list[str]] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return citation_key(self.article)

    @property
    def label(self) -> str:
        return citation_label(self.article)


@dataclass
class CoverageTable:
    rows: list[CoverageRow]
    source_names: list[str]
    # A source counts for --strict only once it has anything at all (an empty bank is not
    # a failing bank: the exam engine may not have questions yet).
    active_sources: list[str]
    articles: list[ArticleRow] = field(default_factory=list)

    @property
    def source_columns(self) -> list[tuple[str, str]]:
        return [(name, SOURCE_LABELS.get(name, name)) for name in self.source_names]

    def item_gaps(self, row: CoverageRow) -> list[Gap]:
        """What an item of Arts. 13–19 lacks (empty when it is covered)."""
        gaps = []
        if not row.lessons:
            gaps.append(Gap("no-lesson", "no lesson cites it", gettext("No lesson cites it")))
        if QUESTIONS_SOURCE in self.active_sources:
            count = len(row.sources.get(QUESTIONS_SOURCE, []))
            if count < MIN_QUESTIONS:
                wording = {"n": count, "m": MIN_QUESTIONS}
                gaps.append(
                    Gap(
                        "few-questions",
                        f"{count} question(s), at least {MIN_QUESTIONS}",
                        gettext("%(n)s question(s), at least %(m)s") % wording,
                        count,
                    )
                )
        return gaps

    def article_gaps(self, row: ArticleRow) -> list[Gap]:
        """What an article 1–31 lacks (empty when it is covered)."""
        gaps = []
        if not row.lessons:
            gaps.append(Gap("no-lesson", "no lesson teaches it", gettext("No lesson teaches it")))
        if (
            QUESTIONS_SOURCE in self.active_sources
            and row.article in ARTICLES_NEEDING_A_QUESTION
            and not row.sources.get(QUESTIONS_SOURCE)
        ):
            gaps.append(Gap("no-question", "no question tests it", gettext("No question tests it")))
        return gaps

    def problems(self, *, for_people: bool = False) -> list[str]:
        """Every gap, one line each: in English for the command and its JSON, or with
        ``for_people`` in the active language."""
        return [
            f"{row.key} {row.label}: {gap.message if for_people else gap.text}"
            for rows, gaps in ((self.rows, self.item_gaps), (self.articles, self.article_gaps))
            for row in rows
            for gap in gaps(row)
        ]

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
            "articles": [
                {
                    "article": row.article,
                    "label": row.label,
                    "lessons": [lesson.slug for lesson in row.lessons],
                    "needs_question": row.article in ARTICLES_NEEDING_A_QUESTION,
                    **{name: row.sources.get(name, []) for name in self.source_names},
                }
                for row in self.articles
            ],
            "problems": self.problems(),
        }


def coverage_table() -> CoverageTable:
    by_citation = lesson_citations()
    source_data = {name: func() or {} for name, func in sorted(hooks.coverage_sources().items())}
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
    return CoverageTable(
        rows=rows,
        source_names=list(source_data),
        active_sources=active,
        articles=_article_rows(by_citation, source_data),
    )


def _article_rows(by_citation: dict, source_data: dict) -> list[ArticleRow]:
    rows = []
    for article in TAUGHT_ARTICLES:
        lessons = []
        for (cited, _item), pages in sorted(
            by_citation.items(), key=lambda e: (e[0][0], e[0][1] or 0)
        ):
            if cited == article:
                lessons += [page for page in pages if page not in lessons]
        sources = {
            name: sorted(
                {
                    label
                    for (cited, _item), labels in data.items()
                    if cited == article
                    for label in labels
                }
            )
            for name, data in source_data.items()
        }
        rows.append(ArticleRow(article=article, lessons=lessons, sources=sources))
    return rows
