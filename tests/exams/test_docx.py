"""Word (.docx) question files: the layout Chinese banks are kept in, read exactly, refused
whole with the paragraph and question named, exported and read back the same."""

from __future__ import annotations

import io
import zipfile
from io import StringIO
from pathlib import Path

import docx
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse

from exams.bank import questions_export, questions_import
from exams.interop import ImportFormatError, parse_file
from exams.interop.docx import parse_docx
from exams.interop.docx_example import EXAMPLE_PATH, build_example
from exams.models import Question

SHIPPED = Path(settings.BASE_DIR) / "site" / "static" / EXAMPLE_PATH


def word(*paragraphs: str) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def bank() -> list[tuple]:
    return [
        (
            q.category.path,
            q.name,
            q.qtype,
            q.text,
            q.explanation,
            q.difficulty,
            q.answer_spec,
            q.rubric,
            tuple((c.text, round(c.weight, 7)) for c in q.choices.all()),
            tuple((c.article, c.item) for c in q.citations.all()),
        )
        for q in Question.objects.select_related("category")
        .prefetch_related("choices", "citations")
        .order_by("category__path", "name")
    ]


def test_the_shipped_example_is_the_one_the_project_writes():
    assert parse_docx(SHIPPED.read_bytes()) == parse_docx(build_example())


def test_the_example_reads_exactly():
    questions = parse_docx(SHIPPED.read_bytes()).questions
    assert [q.qtype for q in questions] == [
        "single", "multiple", "truefalse", "shortanswer", "shortanswer", "matching", "essay",
    ]  # fmt: skip
    single, multiple, truefalse, blanks, blank, matching, essay = questions
    assert single.text == "辅助人员可以承担下列哪项工作？"  # the （  ） placeholder is removed
    assert [c.fraction for c in single.choices] == [1.0, 0.0, 0.0, 0.0]
    assert single.choices[1].text == "独立作出行政处罚决定"  # two options on one line
    assert single.citations == [(13, 1), (19, 2)]  # 第（一）项 and 第二项
    assert (single.difficulty, single.category) == (1, "岗前培训/第十三条")
    # The right options share exactly 1; a wrong one costs one share.
    assert sum(c.fraction for c in multiple.choices if c.fraction > 0) == 1.0
    assert [c.fraction > 0 for c in multiple.choices] == [True, True, False, True]
    assert [c.fraction for c in truefalse.choices] == [0.0, 1.0]  # 答案：×
    assert truefalse.citations == [(19, None)]  # 第19条
    assert blanks.text.count("____") == 2 and blanks.blanks == [["指挥"], ["监督"]]
    assert blank.text == "招聘辅助人员可以采取公开招聘、____或者人事代理管理等方式。"
    assert blank.blanks == [["劳务派遣", "劳务派遣方式"]]
    assert matching.pairs == [
        ("宣传相关法律、法规、规章和政策", "第十三条"),
        ("制作行政执法文书", "第十九条"),
        ("岗前培训和工作证件", "第二十条"),
    ]
    assert matching.extra == ["第二十五条"]
    assert essay.text.endswith("\n请分析小王应当如何处理，并说明理由。")  # two paragraphs
    assert essay.rubric.startswith("小王不应照办")


def test_other_ways_of_writing_the_same_lines():
    data = word(
        "单选题",
        "（1）辅助人员可以（ ）",
        "A: 宣传法律",
        "B: 立案",
        "答案： a",
        "多选题（每题3分）",
        "2．不得有的行为有（   ）",
        "A、制作文书 B、立案 C、宣传",
        "答案:A、B",
        "依据：第十九条第三项、第十九条第（一）项",
        "判断题",
        "3、辅助人员可以立案。",
        "答案：错",
    )
    single, multiple, truefalse = parse_docx(data).questions
    assert single.text == "辅助人员可以" and single.choices[0].fraction == 1.0
    assert [c.text for c in multiple.choices] == ["制作文书", "立案", "宣传"]
    assert [c.fraction for c in multiple.choices] == [0.5, 0.5, -0.5]
    assert multiple.citations == [(19, 3), (19, 1)]
    assert truefalse.choices[1].fraction == 1.0


@pytest.mark.parametrize(
    ("paragraphs", "where", "message"),
    [
        (
            ("单选题", "1. 题干", "A. 甲", "B. 乙", "2. 下一题", "A. 甲", "B. 乙", "答案：A"),
            "paragraph 2, question 1",
            "no '答案：' line",
        ),
        (
            ("单选题", "1. 题干", "A. 甲", "B. 乙", "答案：C"),
            "paragraph 5, question 1",
            "option C, which the question does not have",
        ),
        (
            ("判断题", "1. 题干", "答案：对", "依据：第九十九条"),
            "paragraph 4, question 1",
            "the measures have no '第九十九条'",
        ),
        (
            ("填空题", "7. 辅助人员在____下工作。", "答案：指挥；监督"),
            "paragraph 3, question 7",
            "1 blanks but the answer line gives 2",
        ),
        (
            ("配对题", "1. 配对", "A. 甲", "B. 乙", "1. 一", "2. 二", "答案：A-1；B-3"),
            "paragraph 7, question 1",
            "item 3, which the question does not have",
        ),
        (
            ("单选题", "1. 题干", "A. 甲", "B. 乙", "答案：A", "难度：很难"),
            "paragraph 6, question 1",
            "difficulty is 易, 中 or 难",
        ),
    ],
)
def test_a_malformed_question_stops_the_file_naming_paragraph_and_question(
    db, paragraphs, where, message
):
    good = ("判断题", "9. 先导入的题。", "答案：对")
    data = word(*good, *paragraphs)
    with pytest.raises(ImportFormatError) as error:
        questions_import(data=data, filename="bank.docx")
    shifted = where.replace(
        where.split(",")[0], f"paragraph {int(where.split(',')[0].split()[1]) + len(good)}"
    )
    assert str(error.value).startswith(shifted)
    assert message in str(error.value)
    assert Question.objects.count() == 0  # the good question before it is not imported either


def test_a_docx_bomb_is_refused_before_it_is_unpacked():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w:p/>" * 20_000_000)
    with pytest.raises(ImportFormatError):
        parse_file(buffer.getvalue(), fmt="docx", filename="bank.docx")


def test_command_imports_a_docx_and_the_bank_round_trips(db, tmp_path):
    out = StringIO()
    call_command(
        "import_questions", str(SHIPPED), "--format", "docx", "--category", "示例", stdout=out
    )
    assert out.getvalue().startswith("imported 7, skipped 0; new 7")
    before = bank()
    essay = Question.objects.get(qtype="essay")
    assert essay.rubric.startswith("小王不应照办") and essay.category.path == "示例"
    assert Question.objects.get(qtype="matching").answer_spec["extra"] == ["第二十五条"]
    exported = questions_export(fmt="docx")
    Question.objects.all().delete()
    questions_import(data=exported, filename="export.docx")
    assert bank() == before
    # Importing the export again changes nothing: every question is matched and updated.
    again = questions_import(data=exported, filename="export.docx")
    assert again.created == [] and len(again.updated) == 7
    assert bank() == before


def test_command_names_the_paragraph_and_imports_nothing(db, tmp_path):
    path = tmp_path / "bad.docx"
    path.write_bytes(word("单选题", "1. 题干", "A. 甲", "B. 乙"))
    with pytest.raises(CommandError) as error:
        call_command("import_questions", str(path), "--format", "docx")
    assert "paragraph 2, question 1: no '答案：' line; nothing was imported" in str(error.value)


def test_admin_upload_example_link_and_word_export(client, django_user_model):
    admin = django_user_model.objects.create_superuser("boss", "b@example.com", "pw-123456")
    client.force_login(admin)
    url = reverse("exams_import")
    page = client.get(url).content.decode()
    assert "/static/exams/question-import-example.docx" in page
    with SHIPPED.open("rb") as handle:
        response = client.post(url, {"file": handle})
    assert "导入 7 道题（新增 7 道，更新 0 道）；跳过 0 道。" in response.content.decode()
    export = client.get(reverse("exams_export", args=["docx"]))
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    assert len(parse_docx(export.content).questions) == 7


def test_gift_export_of_a_two_blank_question_says_to_use_word(client, django_user_model):
    admin = django_user_model.objects.create_superuser("boss", "b@example.com", "pw-123456")
    client.force_login(admin)
    questions_import(data=SHIPPED.read_bytes(), filename="example.docx")
    response = client.get(reverse("exams_export", args=["gift"]), follow=True)
    assert response.status_code == 200
    assert "Word" in response.content.decode()
