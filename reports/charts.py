"""Small server-rendered SVG charts (no JavaScript, nothing fetched). Colours come from classes
styled in reports.css, so the charts follow the site's palette and work under a strict CSP."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 330
LABEL_WIDTH = 120  # seven CJK characters (续聘并责令改正) at the chart font size
VALUE_WIDTH = 44
ROW = 30
BAR = 18


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    shown: str  # the value as printed next to the bar ("12", "83%")
    tone: str = "accent"  # accent | ok | warn | bad | muted
    # False for a category with nothing to measure (a month without exams): no track is drawn,
    # so it does not look like a 0 % bar.
    track: bool = True


def _short(text: str, limit: int = 14) -> str:
    """Cut a label to ``limit`` display units (a CJK character is two), so that Chinese and
    Latin labels both fit the label column."""
    width = 0
    for index, ch in enumerate(text):
        width += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if width > limit:
            return text[: max(index - 1, 1)] + "…"
    return text


def hbar_chart(
    bars: list[Bar],
    *,
    title: str,
    chart_id: str,
    maximum: float | None = None,
    label_width: int = LABEL_WIDTH,
    value_width: int = VALUE_WIDTH,
) -> SafeString:
    """Horizontal bars: one row per category, label left, value right."""
    height = max(1, len(bars)) * ROW + 8
    peak = maximum or max((bar.value for bar in bars), default=0) or 1
    span = WIDTH - label_width - value_width
    parts = [
        f'<svg class="chart chart--hbar" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-data" '
        'preserveAspectRatio="xMinYMin meet">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
    ]
    for index, bar in enumerate(bars):
        y = 4 + index * ROW
        length = 0 if bar.value <= 0 else max(2.0, span * bar.value / peak)
        parts.append(
            f'<text class="chart__label" x="{label_width - 8}" y="{y + BAR - 4}" '
            f'text-anchor="end">{escape(_short(bar.label))}</text>'
        )
        if bar.track:
            parts.append(
                f'<rect class="chart__track" x="{label_width}" y="{y}" width="{span}" '
                f'height="{BAR}" rx="4"/>'
                f'<rect class="chart__bar chart__bar--{bar.tone}" x="{label_width}" y="{y}" '
                f'width="{length:.1f}" height="{BAR}" rx="4"/>'
            )
        value_class = "chart__value" if bar.track else "chart__value chart__value--none"
        value_x = label_width + span + 6 if bar.track else label_width
        parts.append(
            f'<text class="{value_class}" x="{value_x}" y="{y + BAR - 4}">'
            f"{escape(bar.shown)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def column_chart(
    bars: list[Bar], *, title: str, chart_id: str, maximum: float | None = None
) -> SafeString:
    """Vertical columns (time series): label under each column, value above it."""
    height = 170
    top, bottom = 22, 28
    plot = height - top - bottom
    count = max(1, len(bars))
    slot = (WIDTH - 8) / count
    width = min(36.0, slot * 0.66)
    peak = maximum or max((bar.value for bar in bars), default=0) or 1
    parts = [
        f'<svg class="chart chart--columns" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-data" '
        'preserveAspectRatio="xMinYMin meet">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<line class="chart__axis" x1="4" x2="{WIDTH - 4}" y1="{top + plot}" y2="{top + plot}"/>',
    ]
    for index, bar in enumerate(bars):
        x = 4 + index * slot + (slot - width) / 2
        length = 0 if bar.value <= 0 else max(2.0, plot * bar.value / peak)
        y = top + plot - length
        centre = x + width / 2
        parts.append(
            f'<rect class="chart__bar chart__bar--{bar.tone}" x="{x:.1f}" y="{y:.1f}" '
            f'width="{width:.1f}" height="{length:.1f}" rx="3"/>'
            f'<text class="chart__value chart__value--small" x="{centre:.1f}" y="{y - 5:.1f}" '
            f'text-anchor="middle">{escape(bar.shown)}</text>'
            f'<text class="chart__label chart__label--small" x="{centre:.1f}" '
            f'y="{top + plot + 18}" text-anchor="middle">{escape(bar.label)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
