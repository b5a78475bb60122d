"""The colours of site/static/css/app.css meet the contrast GB/T 37668-2019 takes from WCAG 2:
text 4.5:1 on the backgrounds it is used on, focus rings and field edges 3:1. A change to a
colour variable that breaks a pair fails here, before any page is opened."""

import re
from pathlib import Path

import pytest

CSS = Path(__file__).resolve().parents[2] / "site" / "static" / "css" / "app.css"


def _variables() -> dict[str, str]:
    root = re.search(r":root\s*{(.*?)}", CSS.read_text(), re.S).group(1)
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", root))


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


WHITE = "#ffffff"
# (foreground, background, minimum): every pairing the stylesheet uses.
PAIRS = [
    ("ink", "bg", 4.5),
    ("ink", "card", 4.5),
    ("ink-soft", "card", 4.5),
    ("ink-soft", "bg", 4.5),
    ("accent-dark", "card", 4.5),  # links
    ("accent-dark", "accent-soft", 4.5),  # status badges in training / pending
    ("ok", "ok-soft", 4.5),
    ("warn", "warn-soft", 4.5),
    ("bad", "bad-soft", 4.5),
    ("bad", "card", 4.5),  # error messages
    (WHITE, "accent", 4.5),  # header text, primary buttons
    (WHITE, "accent-dark", 4.5),
    (WHITE, "bad", 4.5),  # danger buttons
    ("focus", "card", 3),
    ("focus", "bg", 3),
    ("control-line", "card", 3),
]


@pytest.mark.parametrize(("fg", "bg", "minimum"), PAIRS)
def test_each_colour_pair_reads(fg, bg, minimum):
    colours = {**_variables(), WHITE: WHITE}
    ratio = contrast(colours[fg], colours[bg])
    assert ratio >= minimum, f"{fg} on {bg}: {ratio:.2f}:1 < {minimum}:1"


def test_the_header_focus_ring_is_seen_on_the_teal_header():
    css = CSS.read_text()
    ring = re.search(r"\.site-header :focus-visible \{ outline-color: (#[0-9a-f]{6})", css)
    assert contrast(ring.group(1), _variables()["accent"]) >= 3
