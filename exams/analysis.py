"""Item analysis, Moodle style, over the finished attempts of an exam.

Per question:

- **facility index**: the mean score on the question (0..1) — the share of learners who got it
  right, with partial credit counted as a fraction;
- **discrimination index**: the Pearson correlation between the score on the question and the
  score on the *rest of the test* (the attempt's other questions, as a fraction of their
  maximum), over the attempts that drew it. This is the coefficient Moodle's quiz statistics
  report as "discrimination index" (it shows it ×100). It is ``None`` when it cannot be
  computed (fewer than two attempts, or everybody scored the same);
- **choice frequencies**: how often each choice was picked, as a share of the attempts.

Flags: too easy (facility > 0.95), too hard (facility < 0.20), negative discrimination
(stronger learners do worse on it — usually a wrong key or an ambiguous stem).

For one sitting (an exam session) the classical test-theory figures are given as well, with
the thresholds examiners use for a single cohort: the **upper–lower discrimination index**
D = (facility among the best 27% of the attempts by total score) − (facility among the weakest
27%), and the flags facility > 0.9, facility < 0.2 and D < 0.2 (``SITTING_THRESHOLDS``).

``compute_item_statistics`` is a pure function over plain responses so other reports can reuse
it; ``item_statistics(exam)`` reads the attempts; ``write_item_analysis_sheet`` adds a sheet to
an existing xlsxwriter workbook.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from exams.answers import blank_right
from exams.models import CHOICE_TYPES, AttemptQuestion, AttemptStatus
from lms.measures import citation_label
from lms.spreadsheets import write_text, write_text_row

TOO_EASY = 0.95
TOO_HARD = 0.20
# The share of the attempts in each of the upper and lower groups.
GROUP_SHARE = 0.27


@dataclass(frozen=True)
class Thresholds:
    too_easy: float = TOO_EASY
    too_hard: float = TOO_HARD
    # Flag an upper–lower index below this (None: no such flag, the Moodle-style report).
    weak_discrimination: float | None = None


SITTING_THRESHOLDS = Thresholds(too_easy=0.9, too_hard=0.2, weak_discrimination=0.2)


@dataclass(frozen=True)
class ItemResponse:
    attempt: int
    item: str  # stable key of the question (its id, or its name once deleted)
    score: float  # 0..1
    chosen: tuple[str, ...] = ()  # texts of the choices picked


@dataclass
class ItemInfo:
    name: str
    qtype: str = ""
    citation: str = ""
    choices: list[tuple[str, float]] = field(default_factory=list)  # (text, weight)
    order: tuple = ()  # sorts the rows: (article, item) of the first citation


@dataclass
class ChoiceStat:
    text: str
    weight: float
    count: int
    share: float


@dataclass
class ItemStat:
    item: str
    name: str
    qtype: str
    citation: str
    attempts: int
    facility: float
    discrimination: float | None
    choices: list[ChoiceStat]
    flags: list[str]
    order: tuple = ()
    # Facility in the upper 27% minus facility in the lower 27% (None: too few attempts, or
    # nobody of one group drew the question).
    upper_lower: float | None = None

    @property
    def is_choice(self) -> bool:
        return self.qtype in CHOICE_TYPES

    @property
    def flag_labels(self) -> list[str]:
        labels = {
            "too_easy": _("Too easy"),
            "too_hard": _("Too hard"),
            "negative_discrimination": _("Negative discrimination"),
            "weak_discrimination": _("Weak discrimination"),
        }
        return [str(labels[flag]) for flag in self.flags]


def _pearson(xs: list[float], ys: list[float]) -> float | None:
    n = len(xs)
    if n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    return sxy / math.sqrt(sxx * syy)


def _groups(totals: dict[int, tuple[float, int]]) -> tuple[set[int], set[int]]:
    """The attempts of the upper and lower 27% by their share of the test right (at least one
    each; none when there are fewer than two attempts). Ties are cut by attempt id."""
    if len(totals) < 2:
        return set(), set()
    ranked = sorted(totals, key=lambda a: (totals[a][0] / max(totals[a][1], 1), a))
    size = max(1, round(GROUP_SHARE * len(ranked)))
    size = min(size, len(ranked) // 2)
    return set(ranked[-size:]), set(ranked[:size])


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def compute_item_statistics(
    responses: Iterable[ItemResponse],
    items: dict[str, ItemInfo],
    thresholds: Thresholds = Thresholds(),
) -> list[ItemStat]:
    by_attempt: dict[int, list[ItemResponse]] = defaultdict(list)
    by_item: dict[str, list[ItemResponse]] = defaultdict(list)
    for response in responses:
        by_attempt[response.attempt].append(response)
        by_item[response.item].append(response)
    totals = {a: (sum(r.score for r in rs), len(rs)) for a, rs in by_attempt.items()}
    upper, lower = _groups(totals)

    stats: list[ItemStat] = []
    for key, item_responses in by_item.items():
        info = items.get(key) or ItemInfo(name=key)
        n = len(item_responses)
        scores = [r.score for r in item_responses]
        rest = []
        for r in item_responses:
            total, count = totals[r.attempt]
            rest.append((total - r.score) / (count - 1) if count > 1 else 0.0)
        facility = sum(scores) / n
        discrimination = _pearson(scores, rest)
        high = _mean([r.score for r in item_responses if r.attempt in upper])
        low = _mean([r.score for r in item_responses if r.attempt in lower])
        upper_lower = None if high is None or low is None else high - low
        counts: dict[str, int] = defaultdict(int)
        for r in item_responses:
            for text in set(r.chosen):
                counts[text] += 1
        known = [text for text, _w in info.choices]
        weights = dict(info.choices)
        extra = [text for text in counts if text not in weights]
        choices = [
            ChoiceStat(text, weights.get(text, 0.0), counts[text], counts[text] / n)
            for text in known + extra
        ]
        flags = []
        if facility > thresholds.too_easy:
            flags.append("too_easy")
        if facility < thresholds.too_hard:
            flags.append("too_hard")
        if discrimination is not None and discrimination < 0:
            flags.append("negative_discrimination")
        weak = thresholds.weak_discrimination
        if weak is not None and upper_lower is not None and upper_lower < weak:
            flags.append("weak_discrimination")
        stats.append(
            ItemStat(
                item=key,
                name=info.name,
                qtype=info.qtype,
                citation=info.citation,
                attempts=n,
                facility=facility,
                discrimination=discrimination,
                choices=choices,
                flags=flags,
                order=info.order,
                upper_lower=upper_lower,
            )
        )
    return sorted(stats, key=lambda s: (s.order, s.name))


def _responses_of(
    exam, attempt_ids: Iterable[int] | QuerySet | None = None
) -> tuple[list[ItemResponse], dict[str, ItemInfo]]:
    rows = AttemptQuestion.objects.filter(attempt__exam=exam)
    if attempt_ids is not None:
        # A queryset stays a subquery: a sitting's ids as a list would bind one parameter each.
        if not isinstance(attempt_ids, QuerySet):
            attempt_ids = list(attempt_ids)
        rows = rows.filter(attempt_id__in=attempt_ids)
    rows = (
        rows.exclude(attempt__status__in=[AttemptStatus.OPEN, AttemptStatus.GRADING])
        .only("attempt_id", "question_id", "snapshot", "selected", "score")
        .order_by("attempt_id", "position")
    )
    responses: list[ItemResponse] = []
    items: dict[str, ItemInfo] = {}
    for row in rows:
        snapshot = row.snapshot
        key = str(row.question_id) if row.question_id else f"name:{snapshot['name']}"
        citations = snapshot.get("citations") or []
        options, chosen = _options_and_chosen(snapshot, row.selected)
        # The latest snapshot describes the item (attempts are ordered by id).
        items[key] = ItemInfo(
            name=snapshot["name"],
            qtype=snapshot["qtype"],
            citation=citation_label(*citations[0]) if citations else "",
            choices=options,
            order=(citations[0][0], citations[0][1] or 0) if citations else (),
        )
        responses.append(
            ItemResponse(attempt=row.attempt_id, item=key, score=row.score or 0.0, chosen=chosen)
        )
    return responses, items


def _options_and_chosen(
    snapshot: dict, selected: list[str]
) -> tuple[list[tuple[str, float]], tuple[str, ...]]:
    """What the frequencies count for each type: the choices picked; for 填空题 each blank's
    answer ("1. 聘用单位"; a right one under its first accepted spelling, so variants count
    together); for 配对题 each pair made ("甲 → 乙"); for 简答题 nothing (its score is the
    graders' mark)."""
    qtype = snapshot["qtype"]
    if qtype == "shortanswer":
        case_insensitive = bool(snapshot.get("case_insensitive"))
        options = [(f"{n}. {accepted[0]}", 1.0) for n, accepted in enumerate(snapshot["blanks"], 1)]
        chosen = []
        for n, (typed, accepted) in enumerate(zip(selected, snapshot["blanks"], strict=False), 1):
            if blank_right(typed, accepted, case_insensitive=case_insensitive):
                chosen.append(f"{n}. {accepted[0]}")
            elif typed.strip():
                chosen.append(f"{n}. {typed.strip()}")
        return options, tuple(chosen)
    texts = {c["key"]: c["text"] for c in snapshot["choices"]}
    if qtype == "matching":
        pairs = snapshot["pairs"]
        options = [(f"{p['left']} → {texts[p['answer']]}", 1.0) for p in pairs]
        chosen = tuple(
            f"{pair['left']} → {texts[key]}"
            for pair, key in zip(pairs, selected, strict=False)
            if key in texts
        )
        return options, chosen
    options = [(c["text"], float(c["weight"])) for c in snapshot["choices"]]
    return options, tuple(texts[k] for k in selected if k in texts)


def item_statistics(
    exam,
    *,
    attempt_ids: Iterable[int] | QuerySet | None = None,
    thresholds: Thresholds = Thresholds(),
) -> list[ItemStat]:
    """Over every finished attempt of ``exam``, or over ``attempt_ids`` only (one sitting: ids,
    or a queryset of one column of them, run as a subquery)."""
    responses, items = _responses_of(exam, attempt_ids)
    return compute_item_statistics(responses, items, thresholds)


def write_item_analysis_sheet(
    workbook, exam, *, name: str | None = None, stats: list[ItemStat] | None = None
) -> None:
    """Add the item analysis of ``exam`` (or the ``stats`` given: one sitting's) as a sheet of
    an open xlsxwriter workbook."""
    stats = item_statistics(exam) if stats is None else stats
    sheet = workbook.add_worksheet((name or str(_("Item analysis")))[:31])
    bold = workbook.add_format({"bold": True, "bg_color": "#E6F4F1", "border": 1})
    pct = workbook.add_format({"num_format": "0.0%"})
    dec = workbook.add_format({"num_format": "0.00"})
    warn = workbook.add_format({"font_color": "#991B1B", "bold": True})
    headers = [
        _("Question"),
        _("Citation"),
        pgettext("question", "Type"),
        _("Attempts"),
        _("Facility index"),
        _("Discrimination index"),
        _("Flags"),
        _("Choices (share picked)"),
        _("Upper–lower discrimination (27%)"),
    ]
    # Question names and choices are typed or imported by people: string cells, never formulas.
    write_text_row(sheet, 0, 0, [str(header) for header in headers], bold)
    for row, stat in enumerate(stats, start=1):
        write_text_row(sheet, row, 0, [stat.name, stat.citation, stat.qtype])
        sheet.write_number(row, 3, stat.attempts)
        sheet.write_number(row, 4, stat.facility, pct)
        if stat.discrimination is None:
            write_text(sheet, row, 5, "—")
        else:
            sheet.write_number(row, 5, stat.discrimination, dec)
        write_text(sheet, row, 6, "、".join(stat.flag_labels), warn)
        write_text(
            sheet,
            row,
            7,
            "\n".join(
                f"{'✓ ' if c.weight > 0 else ''}{c.text}: {c.share:.0%}" for c in stat.choices
            ),
        )
        if stat.upper_lower is None:
            write_text(sheet, row, 8, "—")
        else:
            sheet.write_number(row, 8, stat.upper_lower, dec)
    sheet.freeze_panes(1, 1)
    sheet.set_column(0, 0, 14)
    sheet.set_column(1, 1, 22)
    sheet.set_column(2, 6, 12)
    sheet.set_column(7, 7, 70)
    sheet.set_column(8, 8, 14)
