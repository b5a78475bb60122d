"""Importing into the bank (command, service and admin upload), exporting, and the round trip."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from exams.bank import citations_in, questions_export, questions_import
from exams.content.questions import QUESTIONS
from exams.interop import ImportFormatError
from exams.models import Question
from exams.seeding import bank_sync

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
    assert summary.as_text().startswith("imported 7, skipped 2")
    assert sorted(q for q, _n in summary.skipped) == ["numerical", "shortanswer-partial"]
    # The file holds two questions named "2-08 TSL": the second updates the first.
    assert len(summary.created) == 6 and len(summary.updated) == 1
    assert Question.objects.count() == 6
    activities = Question.objects.get(name="Moodle activities")
    assert activities.qtype == "matching" and activities.answer_spec["extra"] == ["Chat"]
    assert Question.objects.get(name="Q8").qtype == "essay"
    colours = Question.objects.get(name="colours")
    assert colours.qtype == "multiple"
    assert Question.objects.get(name="Q1").category.path == "导入"


@pytest.mark.django_db
def test_import_is_idempotent():
    questions_import(data=read("questions.gift.txt"), filename="questions.gift.txt")
    before = bank_state()
    again = questions_import(data=read("questions.gift.txt"), filename="questions.gift.txt")
    assert again.created == [] and len(again.updated) == 7
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
    assert Question.objects.filter(category__path="岗前培训/补充").count() == 6


@pytest.mark.django_db
def test_chinese_gift_and_xml_with_nested_categories():
    gift = questions_import(data=read("zh_questions.gift.txt"), filename="zh.gift.txt")
    assert gift.imported == 11 and len(gift.skipped) == 3
    xml = questions_import(data=read("zh_questions.xml"), filename="zh.xml")
    assert xml.imported == 7 and len(xml.skipped) == 3
    assert Question.objects.filter(category__path="岗前培训/第十九条/补充").count() == 5
    essay = Question.objects.get(name="问答", category__path="岗前培训/第十九条/补充")
    assert essay.rubric == "要点：不得独立执法。"
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
    assert summary.imported == 7 and "dry run" in summary.as_text()
    assert Question.objects.count() == 0


@pytest.mark.django_db
def test_command_prints_summary_and_json(tmp_path):
    out = StringIO()
    call_command("import_questions", str(FIXTURES / "questions.gift.txt"), stdout=out)
    assert out.getvalue().startswith("imported 7, skipped 2")
    out = StringIO()
    call_command(
        "import_questions", str(FIXTURES / "zh_questions.xml"), "--json", "--dry-run", stdout=out
    )
    data = json.loads(out.getvalue())
    assert data["imported"] == 7 and data["dry_run"] is True
    assert {s["qtype"] for s in data["skipped"]} == {"numerical", "cloze", "description"}


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
    bank_sync(QUESTIONS)
    before = bank_state()
    exported = questions_export(fmt=fmt)
    Question.objects.all().delete()
    summary = questions_import(data=exported.encode(), fmt=fmt)
    assert summary.imported == len(QUESTIONS) and not summary.skipped
    assert bank_state() == before


@pytest.mark.django_db
def test_export_one_category():
    bank_sync(QUESTIONS)
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
    assert "导入 7 道题（新增 6 道，更新 1 道）；跳过 2 道。" in response.content.decode()
    with (FIXTURES / "broken_no_correct.xml").open("rb") as handle:
        response = client.post(url, {"file": handle})
    assert response.status_code == 200
    assert Question.objects.count() == 6
    export = client.get(reverse("exams_export", args=["moodlexml"]))
    assert export["Content-Type"].startswith("application/xml")
    assert b"colours" in export.content


@pytest.mark.django_db
def test_admin_upload_needs_permission(client, org):
    client.force_login(org.admin_a)
    assert client.get(reverse("exams_import")).status_code in (302, 403)


def _zip_bomb(name: str = "quiz.xml", megabytes: int = 80) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open(name, "w") as member:
            for _ in range(megabytes):
                member.write(b" " * (1024 * 1024))
    return buffer.getvalue()


@pytest.mark.django_db
def test_a_zip_bomb_named_like_moodle_xml_is_refused_before_unpacking(tmp_path):
    bomb = tmp_path / "questions.xml"
    bomb.write_bytes(_zip_bomb())
    with pytest.raises(CommandError, match="压缩炸弹") as raised:
        call_command("import_questions", str(bomb))
    assert "nothing was imported" in str(raised.value)
    assert not Question.objects.exists()


@pytest.mark.django_db
def test_a_zip_archive_is_named_as_such_not_parsed_as_gift():
    with pytest.raises(ImportFormatError, match="zip archive"):
        questions_import(data=_zip_bomb(megabytes=1), filename="backup.mbz")
    assert not Question.objects.exists()


@pytest.mark.django_db
def test_the_command_has_the_web_forms_size_limit(tmp_path):
    big = tmp_path / "big.gift.txt"
    big.write_bytes(read("questions.gift.txt") + b"\n" * (6 * 1024 * 1024))
    with pytest.raises(CommandError, match="5 MB"):
        call_command("import_questions", str(big))
    assert not Question.objects.exists()


@pytest.mark.django_db
def test_admin_upload_of_a_zip_bomb_explains_and_imports_nothing(client, django_user_model):
    from django.core.files.uploadedfile import SimpleUploadedFile

    admin = django_user_model.objects.create_superuser("boss", "b@example.com", "pw-123456")
    client.force_login(admin)
    response = client.post(
        reverse("exams_import"), {"file": SimpleUploadedFile("quiz.xml", _zip_bomb())}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "压缩炸弹" in html and "quiz.xml" in html
    assert not Question.objects.exists()
