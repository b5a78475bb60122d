"""What the GIFT and Moodle XML tests share: the fixture files, each format's reader and
writer, and the true/false choices the parsers build."""

from __future__ import annotations

from pathlib import Path

from exams.interop import ParsedChoice
from exams.interop.gift import export_gift, parse_gift
from exams.interop.moodlexml import export_moodlexml, parse_moodlexml

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "interop"
PARSERS = {"gift": parse_gift, "moodlexml": parse_moodlexml}
EXPORTERS = {"gift": export_gift, "moodlexml": export_moodlexml}


def fixture_data(fmt: str, name: str) -> str | bytes:
    """A fixture as its parser is given it: GIFT as text, Moodle XML as the file's bytes
    (the XML declaration names the encoding)."""
    path = FIXTURES / name
    return path.read_text(encoding="utf-8") if fmt == "gift" else path.read_bytes()


def tf(correct: bool, true_feedback: str = "", false_feedback: str = "") -> list[ParsedChoice]:
    """The choices 正确, 错误 of a true/false question, in that order, with their feedback."""
    return [
        ParsedChoice("正确", 1.0 if correct else 0.0, true_feedback),
        ParsedChoice("错误", 0.0 if correct else 1.0, false_feedback),
    ]
