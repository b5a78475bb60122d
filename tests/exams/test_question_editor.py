"""The answer editor of 填空题, 配对题 and 简答题 in the Wagtail admin: an editor types rows, not
JSON; what is saved is the answer_spec and rubric the exam engine and the import/export read;
a mistake is shown at the top and on its field with what was typed kept."""

from __future__ import annotations

import html as htmllib
import re

import pytest
from django.urls import reverse

from exams.answer_editor import rubric_compose, rubric_split
from exams.bank import questions_export, questions_import
from exams.models import Question, QuestionCategory
from tests.exams import factories as f

pytestmark = pytest.mark.django_db

ADD = reverse("wagtailsnippets_exams_question:add")


@pytest.fixture
def editor(client, django_user_model):
    admin = django_user_model.objects.create_superuser("boss", "b@example.com", "pw-123456")
    client.force_login(admin)
    return client


def _form(qtype: str, **fields) -> dict:
    category = QuestionCategory.for_path("岗前培训/第十五条")
    data = {
        "name": fields.pop("name", f"{qtype}-editor"),
        "category": category.pk,
        "qtype": qtype,
        "text": "题干",
        "explanation": "解析：依据第十五条第（一）项。",
        "difficulty": 2,
        "active": "on",
        "choices-TOTAL_FORMS": 0,
        "choices-INITIAL_FORMS": 0,
        "choices-MIN_NUM_FORMS": 0,
        "choices-MAX_NUM_FORMS": 1000,
        "citations-TOTAL_FORMS": 1,
        "citations-INITIAL_FORMS": 0,
        "citations-MIN_NUM_FORMS": 1,
        "citations-MAX_NUM_FORMS": 1000,
        "citations-0-article": 15,
        "citations-0-item": 1,
        "citations-0-ORDER": 1,
    }
    data.update(fields)
    return data


def _edit_form(question: Question, **fields) -> dict:
    """The edit page's form as a browser would post it back, with ``fields`` changed."""
    data = _form(question.qtype, name=question.name, text=question.text)
    citation = question.citations.first()
    data.update(
        {
            "citations-INITIAL_FORMS": 1,
            "citations-0-id": citation.pk,
            "citations-0-article": citation.article,
            "citations-0-item": citation.item or "",
        }
    )
    data.update(fields)
    return data


def _top_errors(html: str) -> str:
    """The text of the error message at the top of the page."""
    match = re.search(r'<div class="messages".*?<template', html, re.S)
    assert match, "no message at the top of the page"
    return htmllib.unescape(re.sub(r"<[^>]+>", " ", match.group(0)))


def _value(html: str, name: str) -> str:
    """What the field called ``name`` holds on the page."""
    match = re.search(rf'<textarea[^>]*name="{re.escape(name)}"[^>]*>(.*?)</textarea>', html, re.S)
    if match:
        return htmllib.unescape(match.group(1)).strip()
    match = re.search(rf'<input[^>]*name="{re.escape(name)}"[^>]*value="([^"]*)"', html)
    assert match, f"no field {name}"
    return htmllib.unescape(match.group(1))


def test_a_fill_in_the_blanks_question_is_written_as_rows_and_stored_as_the_engine_reads_it(
    editor,
):
    page = editor.get(ADD).content.decode()
    assert 'name="blanks-0"' in page and 'name="answer_spec"' not in page
    response = editor.post(
        ADD,
        _form(
            "shortanswer",
            text="辅助人员应当在[[1]]的指挥和监督下，依照＿＿开展辅助工作。",
            **{"blanks-0": "行政执法人员\n执法人员\n", "blanks-1": "法定权限", "blanks-2": ""},
            case_insensitive="",
        ),
    )
    assert response.status_code == 302, _top_errors(response.content.decode())
    question = Question.objects.get(name="shortanswer-editor")
    assert question.text == "辅助人员应当在____的指挥和监督下，依照____开展辅助工作。"
    assert question.answer_spec == {
        "blanks": [["行政执法人员", "执法人员"], ["法定权限"]],
        "case_insensitive": False,
    }
    page = editor.get(reverse("wagtailsnippets_exams_question:edit", args=[question.pk]))
    page = page.content.decode()
    assert _value(page, "blanks-0") == "行政执法人员\n执法人员"
    assert _value(page, "blanks-1") == "法定权限"


def test_a_blank_without_answer_and_a_count_that_disagrees_are_refused_with_the_rows_kept(editor):
    text = "应当在____的指挥下，依照____开展工作。"
    response = editor.post(
        ADD,
        _form("shortanswer", text=text, **{"blanks-0": "执法人员", "blanks-1": " \n "}),
    )
    page = response.content.decode()
    assert response.status_code == 200 and not Question.objects.exists()
    assert "第 2 空没有可接受的答案。" in _top_errors(page)
    assert _value(page, "blanks-0") == "执法人员" and _value(page, "text") == text
    response = editor.post(
        ADD,
        _form("shortanswer", text=text, **{"blanks-0": "甲", "blanks-1": "乙", "blanks-2": "丙"}),
    )
    page = response.content.decode()
    assert "题干中标出了 2 个空，但有 3 行答案。" in _top_errors(page)
    assert [_value(page, f"blanks-{n}") for n in range(3)] == ["甲", "乙", "丙"]
    assert not Question.objects.exists()


def test_a_matching_question_keeps_its_pairs_and_distractors_and_refuses_a_duplicate(editor):
    rows = {
        "pairs-0-left": "第十三条",
        "pairs-0-right": "可以从事的辅助事务",
        "pairs-1-left": "第十九条",
        "pairs-1-right": "不得从事的事项",
        "pairs-2-left": "第十三条",
        "pairs-2-right": "考核",
    }
    response = editor.post(ADD, _form("matching", extra="第二十条\n", **rows))
    page = response.content.decode()
    assert response.status_code == 200 and not Question.objects.exists()
    assert "第 3 组与第 1 组的左项相同：“第十三条”。" in _top_errors(page)
    assert _value(page, "pairs-2-left") == "第十三条" and _value(page, "pairs-2-right") == "考核"
    assert _value(page, "extra") == "第二十条"
    rows["pairs-2-left"] = "第二十四条"
    response = editor.post(ADD, _form("matching", extra="第二十条\n", **rows))
    assert response.status_code == 302
    assert Question.objects.get().answer_spec == {
        "pairs": [
            ["第十三条", "可以从事的辅助事务"],
            ["第十九条", "不得从事的事项"],
            ["第二十四条", "考核"],
        ],
        "extra": ["第二十条"],
    }


def test_an_essay_has_a_reference_answer_and_scoring_points_for_the_grader(editor):
    response = editor.post(ADD, _form("essay", reference_answer="", scoring_points=""))
    page = response.content.decode()
    assert "请为阅卷人填写参考答案或评分要点。" in _top_errors(page)
    response = editor.post(
        ADD,
        _form(
            "essay",
            reference_answer="不得独立执法。",
            scoring_points="指出第十九条第（二）项（5分）\n说明应在执法人员指挥下（5分）",
        ),
    )
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.rubric == (
        "参考答案：\n不得独立执法。\n\n评分要点：\n指出第十九条第（二）项（5分）\n"
        "说明应在执法人员指挥下（5分）"
    )
    page = editor.get(reverse("wagtailsnippets_exams_question:edit", args=[question.pk]))
    page = page.content.decode()
    assert _value(page, "reference_answer") == "不得独立执法。"
    assert _value(page, "scoring_points").startswith("指出第十九条第（二）项（5分）")


def test_imported_questions_saved_unchanged_export_the_same(editor):
    gift = (
        "::sa:: 消防通道{=不得 =禁止 ####依据第十五条第（一）项。}堆放杂物。\n\n"
        "::mt:: 将条文与内容配对。{=第十三条 -> 可以从事 =第十九条 -> 不得从事 = -> 考核"
        " ####依据第十五条第（一）项。}\n"
    )
    questions_import(data=gift.encode(), fmt="gift", category="岗前培训/第十五条")
    f.make_typed_question("essay", rubric="参考答案：\n不得独立执法。\n\n评分要点：\n第十九条")
    assert Question.objects.get(name="sa").answer_spec["case_insensitive"] is True
    before = {fmt: questions_export(fmt=fmt) for fmt in ("gift", "moodlexml")}
    for question in Question.objects.all():
        edit = reverse("wagtailsnippets_exams_question:edit", args=[question.pk])
        page = editor.get(edit).content.decode()
        fields = {"explanation": question.explanation}
        for name in re.findall(r'name="((?:blanks|pairs)-[^"]+)"', page):
            fields[name] = _value(page, name)
        for name in ("extra", "reference_answer", "scoring_points"):
            fields[name] = _value(page, name)
        if re.search(r'<input[^>]*name="case_insensitive"[^>]*checked', page):
            fields["case_insensitive"] = "on"
        response = editor.post(edit, _edit_form(question, **fields))
        assert response.status_code == 302, _top_errors(response.content.decode())
    assert {fmt: questions_export(fmt=fmt) for fmt in ("gift", "moodlexml")} == before


def test_rubric_parts_come_back_as_they_were_written():
    for reference, points in [("甲", "乙\n丙"), ("甲", ""), ("", "乙")]:
        assert rubric_split(rubric_compose(reference, points)) == (reference, points)
    assert rubric_split("要点：不得独立执法。") == ("要点：不得独立执法。", "")
    assert rubric_compose(*rubric_split("要点：不得独立执法。")) == "要点：不得独立执法。"


def test_a_choice_question_still_saves_with_its_choices(editor):
    question = f.make_question(category="岗前培训/第十五条", article=15)
    edit = reverse("wagtailsnippets_exams_question:edit", args=[question.pk])
    data = _edit_form(question)
    choices = list(question.choices.all())
    data.update({"choices-TOTAL_FORMS": len(choices), "choices-INITIAL_FORMS": len(choices)})
    for n, choice in enumerate(choices):
        data.update(
            {
                f"choices-{n}-id": choice.pk,
                f"choices-{n}-text": choice.text,
                f"choices-{n}-weight": choice.weight,
                f"choices-{n}-feedback": choice.feedback,
                f"choices-{n}-ORDER": n + 1,
            }
        )
    data["text"] = "改过的题干"
    response = editor.post(edit, data)
    assert response.status_code == 302, _top_errors(response.content.decode())
    question.refresh_from_db()
    assert question.text == "改过的题干" and question.choices.count() == len(choices)
