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

``compute_item_statistics`` is a pure function over plain responses so other reports can reuse
it; ``item_statistics(exam)`` reads the attempts; ``write_item_analysis_sheet`` adds a sheet to
an existing xlsxwriter workbook.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from lms.measures import citation_label

TOO_EASY = 0.95
TOO_HARD = 0.20


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

    @property
    def flag_labels(self) -> list[str]:
        labels = {
            "too_easy": _("Too easy"),
            "too_hard": _("Too hard"),
            "negative_discrimination": _("Negative discrimination"),
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


def compute_item_statistics(
    responses: Iterable[ItemResponse], items: dict[str, ItemInfo]
) -> list[ItemStat]:
    by_attempt: dict[int, list[ItemResponse]] = defaultdict(list)
    by_item: dict[str, list[ItemResponse]] = defaultdict(list)
    for response in responses:
        by_attempt[response.attempt].append(response)
        by_item[response.item].append(response)
    totals = {a: (sum(r.score for r in rs), len(rs)) for a, rs in by_attempt.items()}

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
        if facility > TOO_EASY:
            flags.append("too_easy")
        if facility < TOO_HARD:
            flags.append("too_hard")
        if discrimination is not None and discrimination < 0:
            flags.append("negative_discrimination")
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
            )
        )
    return sorted(stats, key=lambda s: (s.order, s.name))


def _responses_of(exam) -> tuple[list[ItemResponse], dict[str, ItemInfo]]:
    from exams.models import AttemptQuestion, AttemptStatus

    rows = (
        AttemptQuestion.objects.filter(attempt__exam=exam)
        .exclude(attempt__status=AttemptStatus.OPEN)
        .only("attempt_id", "question_id", "snapshot", "selected", "score")
        .order_by("attempt_id", "position")
    )
    responses: list[ItemResponse] = []
    items: dict[str, ItemInfo] = {}
    for row in rows:
        snapshot = row.snapshot
        key = str(row.question_id) if row.question_id else f"name:{snapshot['name']}"
        texts = {c["key"]: c["text"] for c in snapshot["choices"]}
        citations = snapshot.get("citations") or []
        # The latest snapshot describes the item (attempts are ordered by id).
        items[key] = ItemInfo(
            name=snapshot["name"],
            qtype=snapshot["qtype"],
            citation=citation_label(*citations[0]) if citations else "",
            choices=[(c["text"], float(c["weight"])) for c in snapshot["choices"]],
            order=(citations[0][0], citations[0][1] or 0) if citations else (),
        )
        responses.append(
            ItemResponse(
                attempt=row.attempt_id,
                item=key,
                score=row.score or 0.0,
                chosen=tuple(texts[k] for k in row.selected if k in texts),
            )
        )
    return responses, items


def item_statistics(exam) -> list[ItemStat]:
    responses, items = _responses_of(exam)
    return compute_item_statistics(responses, items)


def write_item_analysis_sheet(workbook, exam, *, name: str | None = None) -> None:
    """Add the item analysis of ``exam`` as a sheet of an open xlsxwriter workbook."""
    stats = item_statistics(exam)
    sheet = workbook.add_worksheet((name or str(_("Item analysis")))[:31])
    bold = workbook.add_format({"bold": True, "bg_color": "#E6F4F1", "border": 1})
    pct = workbook.add_format({"num_format": "0.0%"})
    dec = workbook.add_format({"num_format": "0.00"})
    warn = workbook.add_format({"font_color": "#991B1B", "bold": True})
    headers = [
        _("Question"),
        _("Citation"),
        _("Type"),
        _("Attempts"),
        _("Facility index"),
        _("Discrimination index"),
        _("Flags"),
        _("Choices (share picked)"),
    ]
    for col, header in enumerate(headers):
        sheet.write(0, col, str(header), bold)
    for row, stat in enumerate(stats, start=1):
        sheet.write(row, 0, stat.name)
        sheet.write(row, 1, stat.citation)
        sheet.write(row, 2, stat.qtype)
        sheet.write_number(row, 3, stat.attempts)
        sheet.write_number(row, 4, stat.facility, pct)
        if stat.discrimination is None:
            sheet.write(row, 5, "—")
        else:
            sheet.write_number(row, 5, stat.discrimination, dec)
        sheet.write(row, 6, "、".join(stat.flag_labels), warn)
        sheet.write(
            row,
            7,
            "\n".join(
                f"{'✓ ' if c.weight > 0 else ''}{c.text}: {c.share:.0%}" for c in stat.choices
            ),
        )
    sheet.freeze_panes(1, 1)
    sheet.set_column(0, 0, 14)
    sheet.set_column(1, 1, 22)
    sheet.set_column(2, 6, 12)
    sheet.set_column(7, 7, 70)
