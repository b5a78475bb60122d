"""How a drawn question looks on the page, from its snapshot alone: the paper as the candidate
sees it (no weights, answers, feedback or rubrics) and, after hand-in, the review with what was
right. Pure functions shared by the exam page, a session's sealed paper and the grading pages."""

from __future__ import annotations

from types import SimpleNamespace

from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exams.answers import blank_right
from exams.grading import correct_keys


def display_text(snapshot_text: str, text_format: str) -> str:
    """Imported HTML is shown as text: question text never carries markup into the page."""
    return strip_tags(snapshot_text) if text_format == "html" else snapshot_text


LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def paper(rows) -> list[dict]:
    """The questions as the learner sees them: no weights, feedback, answers or rubrics."""
    return [paper_question(row) for row in rows]


def sealed_paper(drawn: list) -> list[dict]:
    """A session candidate's pre-drawn paper ([[question id, snapshot], …]) as the exam page
    shows a fresh attempt of it: the same positions, nothing answered."""
    return [
        paper_question(SimpleNamespace(position=position, snapshot=snapshot, selected=[]))
        for position, (_qid, snapshot) in enumerate(drawn, start=1)
    ]


# What each type of question asks for, as its card heads it.
TYPE_LABELS = {
    "multiple": gettext_lazy("Multiple choice: choose all that apply"),
    "truefalse": gettext_lazy("True or false"),
    "shortanswer": gettext_lazy("Fill in the blanks"),
    "matching": gettext_lazy("Matching: pick the item that goes with each"),
    "essay": gettext_lazy("Answer in your own words"),
}
SINGLE_CHOICE_LABEL = gettext_lazy("Single choice")


def paper_question(row) -> dict:
    """One question of the exam page. Numbers are given as text and the labels and the checked
    state worked out here: the page repeats them for every choice of every question, and the
    template would otherwise localize and compare each one as it renders (most of a page's
    cost when a cohort opens its papers together)."""
    snapshot = row.snapshot
    qtype = snapshot["qtype"]
    position = str(row.position)
    selected = set(row.selected)
    question = {
        "position": position,
        "heading": _("Question %(n)s") % {"n": position},
        "qtype": qtype,
        "type_label": str(TYPE_LABELS.get(qtype, SINGLE_CHOICE_LABEL)),
        "input_type": "checkbox" if qtype == "multiple" else "radio",
        "text": display_text(snapshot["text"], snapshot.get("text_format", "plain")),
        "choices": [
            {
                "key": c["key"],
                "text": display_text(c["text"], "html"),
                "letter": "" if qtype in ("truefalse", "matching") else LETTERS[i],
                "checked": c["key"] in selected,
            }
            for i, c in enumerate(snapshot["choices"])
        ],
        "selected": row.selected,
    }
    if qtype == "shortanswer":
        typed = row.selected + [""] * len(snapshot.get("blanks") or [])
        question["blanks"] = [
            {"label": _("Blank %(n)s") % {"n": n}, "value": typed[n - 1]}
            for n in range(1, len(snapshot.get("blanks") or []) + 1)
        ]
    elif qtype == "matching":
        chosen = row.selected + [""] * len(snapshot.get("pairs") or [])
        question["pairs"] = [
            {
                "letter": LETTERS[i],
                "left": pair["left"],
                "options": [
                    {"key": c["key"], "text": c["text"], "selected": c["key"] == chosen[i]}
                    for c in question["choices"]
                ],
            }
            for i, pair in enumerate(snapshot.get("pairs") or [])
        ]
    elif qtype == "essay":
        question["essay"] = row.selected[0] if row.selected else ""
    return question


def review_question(row) -> dict:
    """One question after submission: what was answered, what was right, the explanation."""
    snapshot = row.snapshot
    qtype = snapshot["qtype"]
    right = set(correct_keys(snapshot))
    question = {
        "position": row.position,
        "qtype": qtype,
        "text": display_text(snapshot["text"], snapshot.get("text_format", "")),
        "score": row.score,
        "explanation": snapshot.get("explanation", ""),
        "choices": []
        if qtype in ("matching", "shortanswer", "essay")
        else [
            {
                "letter": "" if qtype == "truefalse" else LETTERS[i],
                "text": display_text(c["text"], "html"),
                "correct": c["key"] in right,
                "chosen": c["key"] in row.selected,
            }
            for i, c in enumerate(snapshot["choices"])
        ],
    }
    if qtype == "shortanswer":
        typed = row.selected + [""] * len(snapshot["blanks"])
        case_insensitive = bool(snapshot.get("case_insensitive"))
        question["blanks"] = [
            {
                "number": n,
                "typed": typed[n - 1],
                "accepted": " / ".join(accepted),
                "right": blank_right(typed[n - 1], accepted, case_insensitive=case_insensitive),
            }
            for n, accepted in enumerate(snapshot["blanks"], start=1)
        ]
    elif qtype == "matching":
        texts = {c["key"]: display_text(c["text"], "html") for c in snapshot["choices"]}
        chosen = row.selected + [""] * len(snapshot["pairs"])
        question["pairs"] = [
            {
                "letter": LETTERS[i],
                "left": pair["left"],
                "chosen": texts.get(chosen[i], ""),
                "answer": texts[pair["answer"]],
                "right": chosen[i] == pair["answer"],
            }
            for i, pair in enumerate(snapshot["pairs"])
        ]
    elif qtype == "essay":
        question["essay"] = row.selected[0] if row.selected else ""
        question["mark"] = round((row.score or 0) * 100)
        question["comments"] = [m.comment for m in row.marks.all() if m.comment]
    return question
