"""Word (.docx) import and export in the layout Chinese question banks are kept in.

::

    一、单选题（每题2分）
    1. 辅助人员可以从事下列哪项工作？（  ）
    A. 宣传教育  B. 独立作出行政处罚决定
    C. 签发法律文书  D. 行政强制
    答案：A
    解析：……
    依据：第十三条第（一）项、第十九条第二项
    难度：易
    分类：岗前培训/第十三条

- **Section headings** 单选题 多选题 判断题 填空题 配对题 简答题 案例分析题, optionally numbered
  (``一、``) and with a note in brackets (``（每题2分）``), set the type of what follows.
- **A question** starts with its number: ``1.`` ``1．`` ``1、`` or ``（1）``; its stem may span
  paragraphs; placeholders ``（  ）`` / ``(   )`` are removed. In 填空题 each run of underscores
  ``____`` or an empty ``（  ）`` is a blank (written back as ``____``).
- **Options** ``A.`` ``A．`` ``A、`` ``A:`` at the start of a paragraph, or several on one line
  separated by spaces. In 配对题 the options are the left items and the right items follow
  as ``1.`` ``2.`` …
- **Labelled lines** (full-width or half-width colon): ``答案：`` ``B`` / ``ABD`` / ``A,B,D`` /
  ``正确`` ``错误`` ``对`` ``错`` ``√`` ``×``; for 填空题 the accepted answers per blank, blanks
  separated by ``；`` and alternatives by ``/``; for 配对题 the pairs ``A-3；B-1``; for 简答题
  the reference answer, kept as the rubric. ``解析：`` (may continue over the following
  paragraphs), ``依据：`` citations separated by ``、`` (``第十九条第（三）项``, ``第十九条第三项``,
  ``第14条``), ``难度：易/中/难``, ``分类：岗前培训/第十九条``.
- Paragraphs before the first section heading (a title, notes) are ignored.
- **Errors** stop the whole file: :class:`ImportFormatError` names the paragraph (counting
  every paragraph of the document from 1, empty ones included, as Word's navigation does) and
  the question number.

Multiple-choice weights: the right options share 1.0 exactly (the last takes the rest of the
rounding), each wrong option weighs minus one right option's share, so that with partial
credit ticking everything earns nothing.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import docx
from docx.opc.exceptions import PackageNotFoundError

from exams.exceptions import ImportFormatError
from lms.measures import citation_exists, citation_label, parse_chinese_numeral

from .types import (
    FALSE_LABEL,
    TRUE_LABEL,
    ParsedChoice,
    ParsedQuestion,
    ParseResult,
    checked,
    default_name,
)

__all__ = ["export_docx", "parse_docx"]

SECTIONS = {
    "单选题": "single",
    "多选题": "multiple",
    "判断题": "truefalse",
    "填空题": "shortanswer",
    "配对题": "matching",
    "简答题": "essay",
    "案例分析题": "essay",
}
SECTION_OF = {
    "single": "单选题",
    "multiple": "多选题",
    "truefalse": "判断题",
    "shortanswer": "填空题",
    "matching": "配对题",
    "essay": "简答题",
}
CN_ORDINALS = "一二三四五六七八九十"
DIFFICULTY = {"易": 1, "中": 2, "难": 3}
DIFFICULTY_LABEL = {1: "易", 2: "中", 3: "难"}
TRUE_WORDS = {"正确", "对", "√", "✓", "T", "TRUE"}
FALSE_WORDS = {"错误", "错", "×", "✗", "X", "F", "FALSE"}
BLANK = "____"

_NUM = r"[0-9一二三四五六七八九十百零〇]+"
_SECTION_RE = re.compile(
    r"^(?:[一二三四五六七八九十]+\s*[、.．]\s*)?(单选题|多选题|判断题|填空题|配对题|简答题|案例分析题)"
    r"\s*(?:[（(][^）)]*[）)])?\s*$"
)
_QUESTION_RE = re.compile(r"^(?:(\d+)\s*[.．、]|[（(]\s*(\d+)\s*[）)])\s*(.*)$", re.S)
_OPTION_RE = re.compile(r"(?:^|(?<=\s))([A-Z])\s*[.．、:：]\s*")
_LABEL_RE = re.compile(r"^(答案|解析|依据|难度|分类)\s*[:：]\s*(.*)$", re.S)
_PLACEHOLDER_RE = re.compile(r"[（(][\s\u3000]*[）)]")
_BLANK_RE = re.compile(r"_{2,}|[（(][\s\u3000]*[）)]")
_CITATION_RE = re.compile(rf"^第({_NUM})条(?:第[（(]?({_NUM})[）)]?[项款])?$")
_PAIR_RE = re.compile(r"^([A-Z])\s*[-－—–~～]+\s*(\d+)$")


def _number(text: str) -> int:
    return int(text) if text.isdigit() else parse_chinese_numeral(text)


def parse_citation(text: str) -> tuple[int, int | None] | None:
    match = _CITATION_RE.match(text.strip().replace(" ", ""))
    if not match:
        return None
    article = _number(match.group(1))
    item = _number(match.group(2)) if match.group(2) else None
    return (article, item) if citation_exists(article, item) else None


@dataclass
class _Draft:
    qtype: str
    number: int
    paragraph: int
    category: str
    stem: list[str] = field(default_factory=list)
    options: list[tuple[str, str]] = field(default_factory=list)  # (letter, text)
    rights: list[tuple[int, str]] = field(default_factory=list)  # 配对题: (number, text)
    labels: dict[str, tuple[int, str]] = field(default_factory=dict)  # label -> (para, text)
    last: str = "stem"  # what a continuation paragraph extends


class _Parser:
    def __init__(self, default_category: str):
        self.default_category = default_category
        self.qtype: str | None = None
        self.draft: _Draft | None = None
        self.questions: list[ParsedQuestion] = []

    def fail(self, paragraph: int, message: str) -> ImportFormatError:
        number = self.draft.number if self.draft else None
        return ImportFormatError(message, paragraph=paragraph, number=number)

    def feed(self, paragraph: int, text: str) -> None:
        section = _SECTION_RE.match(text)
        if section:
            self.finish()
            self.qtype = SECTIONS[section.group(1)]
            return
        label = _LABEL_RE.match(text)
        if label and self.draft is not None:
            name, value = label.group(1), label.group(2).strip()
            if name in self.draft.labels:
                raise self.fail(paragraph, f"a second '{name}：' line")
            self.draft.labels[name] = (paragraph, value)
            self.draft.last = name
            return
        question = _QUESTION_RE.match(text)
        draft = self.draft
        if (
            question
            and draft
            and draft.qtype == "matching"
            and draft.options
            and "答案" not in draft.labels
        ):
            # 配对题: the numbered right items follow the lettered left items.
            draft.rights.append(
                (int(question.group(1) or question.group(2)), question.group(3).strip())
            )
            draft.last = "right"
            return
        if question:
            self.finish()
            if self.qtype is None:
                raise ImportFormatError(
                    "a question before any section heading (单选题, 多选题, 判断题, 填空题, "
                    "配对题, 简答题 or 案例分析题)",
                    paragraph=paragraph,
                    number=int(question.group(1) or question.group(2)),
                )
            self.draft = _Draft(
                qtype=self.qtype,
                number=int(question.group(1) or question.group(2)),
                paragraph=paragraph,
                category=self.default_category,
                stem=[question.group(3).strip()],
            )
            return
        if draft is None and self.qtype is None:
            return  # the file's title and notes before the first section heading
        if draft is None:
            raise ImportFormatError(
                f"text outside any question: {text[:30]!r}", paragraph=paragraph
            )
        if draft.qtype in ("single", "multiple", "matching") and _OPTION_RE.match(text):
            if draft.labels:
                raise self.fail(paragraph, "an option after the answer line")
            self._options(paragraph, text)
            return
        if draft.last == "stem" and not draft.options:
            draft.stem.append(text)
        elif draft.last == "解析":
            para, value = draft.labels["解析"]
            draft.labels["解析"] = (para, f"{value}\n{text}")
        elif draft.last == "答案" and draft.qtype == "essay":
            para, value = draft.labels["答案"]
            draft.labels["答案"] = (para, f"{value}\n{text}")
        else:
            raise self.fail(paragraph, f"unexpected paragraph {text[:30]!r}")

    def _options(self, paragraph: int, text: str) -> None:
        matches = list(_OPTION_RE.finditer(text))
        for index, match in enumerate(matches):
            end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
            letter, body = match.group(1), text[match.end() : end].strip()
            if not body:
                raise self.fail(paragraph, f"option {letter} has no text")
            if any(existing == letter for existing, _t in self.draft.options):
                raise self.fail(paragraph, f"option {letter} appears twice")
            self.draft.options.append((letter, body))
        self.draft.last = "option"

    def finish(self) -> None:
        if self.draft is not None:
            self.questions.append(self._build(self.draft))
            self.draft = None

    def _build(self, draft: _Draft) -> ParsedQuestion:
        def fail(message: str, paragraph: int | None = None) -> ImportFormatError:
            return ImportFormatError(
                message, paragraph=paragraph or draft.paragraph, number=draft.number
            )

        stem = "\n".join(part for part in draft.stem if part)
        if draft.qtype == "shortanswer":
            blanks = len(_BLANK_RE.findall(stem))
            stem = _BLANK_RE.sub(BLANK, stem)
        else:
            stem = _PLACEHOLDER_RE.sub("", stem).strip()
        if not stem:
            raise fail("the question has no text")
        question = ParsedQuestion(
            name=default_name(stem), qtype=draft.qtype, text=stem, text_format="plain"
        )
        if "答案" not in draft.labels and draft.qtype != "essay":
            raise fail("no '答案：' line")
        answer_para, answer = draft.labels.get("答案", (draft.paragraph, ""))
        if draft.qtype in ("single", "multiple"):
            question.choices = self._choices(draft, answer, lambda m: fail(m, answer_para))
        elif draft.qtype == "truefalse":
            word = answer.strip().upper()
            if word not in TRUE_WORDS | FALSE_WORDS:
                raise fail(f"a true/false answer is 正确 or 错误, not {answer!r}", answer_para)
            is_true = word in TRUE_WORDS
            question.choices = [
                ParsedChoice(TRUE_LABEL, 1.0 if is_true else 0.0),
                ParsedChoice(FALSE_LABEL, 0.0 if is_true else 1.0),
            ]
        elif draft.qtype == "shortanswer":
            accepted = [
                [alt.strip() for alt in part.split("/") if alt.strip()]
                for part in re.split(r"[；;]", answer)
                if part.strip()
            ]
            if blanks == 0:
                raise fail("a 填空题 needs blanks in its text: ____ or （  ）")
            if len(accepted) != blanks:
                raise fail(
                    f"the text has {blanks} blanks but the answer line gives {len(accepted)}",
                    answer_para,
                )
            question.blanks = accepted
        elif draft.qtype == "matching":
            self._pairs(draft, question, answer, lambda m: fail(m, answer_para))
        else:
            question.rubric = answer.strip()
        if "解析" in draft.labels:
            question.general_feedback = draft.labels["解析"][1].strip()
        if "依据" in draft.labels:
            para, value = draft.labels["依据"]
            citations = []
            for part in re.split(r"[、，,；;]", value):
                if not part.strip():
                    continue
                citation = parse_citation(part)
                if citation is None:
                    raise fail(f"the measures have no {part.strip()!r}", para)
                if citation not in citations:
                    citations.append(citation)
            question.citations = citations
        if "难度" in draft.labels:
            para, value = draft.labels["难度"]
            if value not in DIFFICULTY:
                raise fail(f"difficulty is 易, 中 or 难, not {value!r}", para)
            question.difficulty = DIFFICULTY[value]
        if "分类" in draft.labels:
            question.category = draft.labels["分类"][1].strip().strip("/")
        else:
            question.category = draft.category
        return checked(question, lambda problem: fail(problem, answer_para))

    def _choices(self, draft: _Draft, answer: str, fail) -> list[ParsedChoice]:
        letters = [letter for letter in re.sub(r"[\s,，、;；]", "", answer.upper())]
        if not letters or not all("A" <= letter <= "Z" for letter in letters):
            raise fail(f"the answer {answer!r} names no option letters")
        known = [letter for letter, _t in draft.options]
        for letter in letters:
            if letter not in known:
                raise fail(f"the answer names option {letter}, which the question does not have")
        if len(draft.options) < 2:
            raise fail("a choice question needs at least 2 options")
        right = list(dict.fromkeys(letters))
        if draft.qtype == "single" and len(right) != 1:
            raise fail("a 单选题 has one answer; put it under 多选题")
        if draft.qtype == "single":
            return [
                ParsedChoice(text, 1.0 if letter in right else 0.0)
                for letter, text in draft.options
            ]
        share = round(1 / len(right), 7)
        shares = {letter: share for letter in right}
        shares[right[-1]] = round(1 - share * (len(right) - 1), 7)
        return [ParsedChoice(text, shares.get(letter, -share)) for letter, text in draft.options]

    def _pairs(self, draft: _Draft, question: ParsedQuestion, answer: str, fail) -> None:
        lefts = dict(draft.options)
        rights = dict(draft.rights)
        if len(rights) != len(draft.rights):
            raise fail("two right items have the same number")
        paired: dict[str, int] = {}
        for part in re.split(r"[；;，,、\s]+", answer.strip()):
            if not part:
                continue
            match = _PAIR_RE.match(part.upper())
            if not match:
                raise fail(f"a pair is written like A-3, not {part!r}")
            letter, number = match.group(1), int(match.group(2))
            if letter not in lefts:
                raise fail(f"the answer names item {letter}, which the question does not have")
            if number not in rights:
                raise fail(f"the answer names item {number}, which the question does not have")
            paired[letter] = number
        missing = [letter for letter in lefts if letter not in paired]
        if missing:
            raise fail(f"no pair for item {missing[0]}")
        question.pairs = [(lefts[letter], rights[paired[letter]]) for letter, _t in draft.options]
        used = set(paired.values())
        question.extra = [text for number, text in draft.rights if number not in used]


def parse_docx(data: bytes, *, default_category: str = "") -> ParseResult:
    """Parse a .docx question file; all or nothing (see the module docstring)."""
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise ImportFormatError(f"not a Word .docx file ({exc.__class__.__name__})") from None
    parser = _Parser(default_category)
    for paragraph, para in enumerate(document.paragraphs, start=1):
        text = para.text.replace("\u3000", " ").strip()
        if text:
            parser.feed(paragraph, text)
    if parser.draft is not None:
        parser.finish()
    return ParseResult(questions=parser.questions, skipped=[])


# ---------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _citation_text(citations) -> str:
    return "、".join(citation_label(article, item) for article, item in citations)


def export_docx(questions: Iterable[ParsedQuestion]) -> bytes:
    """The questions as a .docx in the layout above, one section per type, in the order of
    SECTION_OF; parse_docx reads it back to the same questions."""
    by_type: dict[str, list[ParsedQuestion]] = {}
    for q in questions:
        checked(q)
        by_type.setdefault(q.qtype, []).append(q)
    document = docx.Document()
    add = document.add_paragraph
    for index, qtype in enumerate(t for t in SECTION_OF if t in by_type):
        document.add_heading(f"{CN_ORDINALS[index]}、{SECTION_OF[qtype]}", level=1)
        for number, q in enumerate(by_type[qtype], start=1):
            text = q.text
            if qtype == "shortanswer" and BLANK not in text:
                text = f"{text}{BLANK}"
            add(
                f"{number}. {text}"
                + ("（  ）" if qtype in ("single", "multiple", "truefalse") else "")
            )
            if qtype in ("single", "multiple"):
                for letter, choice in zip(LETTERS, q.choices, strict=False):
                    add(f"{letter}. {choice.text}")
                right = [
                    letter
                    for letter, c in zip(LETTERS, q.choices, strict=False)
                    if (c.fraction == 1.0 if qtype == "single" else c.fraction > 0)
                ]
                add(f"答案：{''.join(right)}")
            elif qtype == "truefalse":
                add(f"答案：{TRUE_LABEL if q.choices[0].fraction == 1.0 else FALSE_LABEL}")
            elif qtype == "shortanswer":
                add("答案：" + "；".join("/".join(accepted) for accepted in q.blanks))
            elif qtype == "matching":
                rights = list(dict.fromkeys([right for _l, right in q.pairs] + q.extra))
                for letter, (left, _r) in zip(LETTERS, q.pairs, strict=False):
                    add(f"{letter}. {left}")
                for n, right in enumerate(rights, start=1):
                    add(f"{n}. {right}")
                pairs = "；".join(
                    f"{letter}-{rights.index(right) + 1}"
                    for letter, (_l, right) in zip(LETTERS, q.pairs, strict=False)
                )
                add(f"答案：{pairs}")
            elif q.rubric:
                add(f"答案：{q.rubric}")
            if q.general_feedback:
                add(f"解析：{q.general_feedback}")
            if q.citations:
                add(f"依据：{_citation_text(q.citations)}")
            if q.difficulty:
                add(f"难度：{DIFFICULTY_LABEL[q.difficulty]}")
            if q.category:
                add(f"分类：{q.category}")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
