"""Importing into the bank (command, service and admin upload), exporting, and the round trip."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from exams.bank import citations_in, question_bank_load, questions_export, questions_import
from exams.content.questions import QUESTIONS
from exams.interop import ImportFormatError
from exams.models import Question

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "interop"
BROKEN = sorted(p.name for p in FIXTURES.glob("broken_*")) + [
    "billion_laughs.xml",
    "external_entity.xml",
]


def read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def bank_state() -> list[tuple]:
    return [
        (
            q.category.path,
            q.name,
            q.qtype,
            q.text,
            q.explanation,
            tuple((c.text, round(c.weight, 5), c.feedback) for c in q.choices.all()),
            tuple((c.article, c.item) for c in q.citations.all()),
        )
        for q in Question.objects.select_related("category")
        .prefetch_related("choices", "citations")
        .order_by("category__path", "name")
    ]


@pytest.mark.django_db
def test_moodle_gift_fixture_imports_supported_types_and_counts_the_rest():
    summary = questions_import(data=read("questions.gift.txt"), filename="questions.gift.txt")
    assert summary.as_text().startswith("imported 5, skipped 4")
    assert sorted(q for q, _n in summary.skipped) == [
        "essay",
        "matching",
        "numerical",
        "shortanswer",
    ]
    # The file holds two questions named "2-08 TSL": the second updates the first.
    assert len(summary.created) == 4 and len(summary.updated) == 1
    assert Question.objects.count() == 4
    colours = Question.objects.get(name="colours")
    assert colours.qtype == "multiple"
    assert Question.objects.get(name="Q1").category.path == "导入"


@pytest.mark.django_db
def test_import_is_idempotent():
    questions_import(data=read("questions.gift.txt"), filename="questions.gift.txt")
    before = bank_state()
    again = questions_import(data=read("questions.gift.txt"), filename="questions.gift.txt")
    assert again.created == [] and len(again.updated) == 5
    assert bank_state() == before


@pytest.mark.django_db
def test_moodle_category_fixture_and_default_category():
    questions_import(
        data=read("questions_in_category.gift.txt"), filename="x.gift", category="岗前培训/补充"
    )
    assert set(Question.objects.values_list("category__path", flat=True)) == {
        "Default for New Features"
    }
    questions_import(data=read("questions.gift.txt"), filename="x.gift", category="岗前培训/补充")
    assert Question.objects.filter(category__path="岗前培训/补充").count() == 4


@pytest.mark.django_db
def test_chinese_gift_and_xml_with_nested_categories():
    gift = questions_import(data=read("zh_questions.gift.txt"), filename="zh.gift.txt")
    assert gift.imported == 8 and len(gift.skipped) == 6
    xml = questions_import(data=read("zh_questions.xml"), filename="zh.xml")
    assert xml.imported == 4 and len(xml.skipped) == 6
    assert Question.objects.filter(category__path="岗前培训/第十九条/补充").count() == 2
    tf = Question.objects.get(name="用电", category__path="岗前培训/第十九条")
    assert [c.text for c in tf.choices.all()] == ["正确", "错误"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", BROKEN)
def test_broken_files_import_nothing(name):
    questions_import(data=read("zh_questions.gift.txt"), filename="zh.gift.txt")
    before = bank_state()
    with pytest.raises(ImportFormatError) as error:
        questions_import(data=read(name), filename=name)
    message = str(error.value)
    if name.endswith(".gift.txt"):
        assert message.startswith("line ")
    elif "broken_" in name and name not in ("broken_root.xml", "broken_malformed.xml"):
        assert message.startswith("question '")
    assert bank_state() == before


@pytest.mark.django_db
def test_error_after_good_questions_imports_none_of_them():
    good = read("zh_questions.gift.txt").decode()
    data = (good + "\n\n::坏题:: 没有闭合的括号 {=甲 ~乙\n").encode()
    with pytest.raises(ImportFormatError) as error:
        questions_import(data=data, filename="mixed.gift.txt")
    assert "line" in str(error.value)
    assert Question.objects.count() == 0


@pytest.mark.django_db
def test_dry_run_saves_nothing():
    summary = questions_import(data=read("zh_questions.xml"), filename="zh.xml", dry_run=True)
    assert summary.imported == 4 and "dry run" in summary.as_text()
    assert Question.objects.count() == 0


@pytest.mark.django_db
def test_command_prints_summary_and_json(tmp_path):
    out = StringIO()
    call_command("import_questions", str(FIXTURES / "questions.gift.txt"), stdout=out)
    assert out.getvalue().startswith("imported 5, skipped 4")
    out = StringIO()
    call_command(
        "import_questions", str(FIXTURES / "zh_questions.xml"), "--json", "--dry-run", stdout=out
    )
    data = json.loads(out.getvalue())
    assert data["imported"] == 4 and data["dry_run"] is True
    assert {s["qtype"] for s in data["skipped"]} >= {"essay", "cloze"}


@pytest.mark.django_db
def test_command_names_the_line_of_a_broken_file():
    with pytest.raises(CommandError) as error:
        call_command("import_questions", str(FIXTURES / "broken_unclosed_brace.gift.txt"))
    assert "line" in str(error.value) and "nothing was imported" in str(error.value)
    assert Question.objects.count() == 0


def test_citations_are_read_from_the_explanation():
    assert citations_in("……（依据第十三条第（一）项、第十九条第（二）项）") == [(13, 1), (19, 2)]
    assert citations_in("（依据第十七条第二款、第十四条）") == [(17, 2), (14, None)]
    assert citations_in("没有依据") == []


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["gift", "moodlexml"])
def test_round_trip_of_the_shipped_bank(fmt):
    question_bank_load(QUESTIONS)
    before = bank_state()
    exported = questions_export(fmt=fmt)
    Question.objects.all().delete()
    summary = questions_import(data=exported.encode(), fmt=fmt)
    assert summary.imported == len(QUESTIONS) and not summary.skipped
    assert bank_state() == before


@pytest.mark.django_db
def test_export_one_category():
    question_bank_load(QUESTIONS)
    text = questions_export(fmt="gift", category="岗前培训/第十七条")
    assert "::17." in text and "::19." not in text


@pytest.mark.django_db
def test_admin_upload_and_export(client, django_user_model):
    admin = django_user_model.objects.create_superuser("boss", "b@example.com", "pw-123456")
    client.force_login(admin)
    url = reverse("exams_import")
    assert client.get(url).status_code == 200
    with (FIXTURES / "questions.gift.txt").open("rb") as handle:
        response = client.post(url, {"file": handle, "format": "gift"})
    assert "导入 5 道题（新增 4 道，更新 1 道）；跳过 4 道。" in response.content.decode()
    with (FIXTURES / "broken_no_correct.xml").open("rb") as handle:
        response = client.post(url, {"file": handle})
    assert response.status_code == 200
    assert Question.objects.count() == 4
    export = client.get(reverse("exams_export", args=["moodlexml"]))
    assert export["Content-Type"].startswith("application/xml")
    assert b"colours" in export.content


@pytest.mark.django_db
def test_admin_upload_needs_permission(client, org):
    client.force_login(org.admin_a)
    assert client.get(reverse("exams_import")).status_code in (302, 403)
