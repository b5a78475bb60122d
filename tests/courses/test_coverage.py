"""legal_coverage: every numbered item of Arts. 13–19 with the lessons (and questions)."""

import copy
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from wagtail import hooks

from courses.content.lessons import LESSONS
from courses.seed import course_seed


def run(*args):
    out = io.StringIO()
    call_command("legal_coverage", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def _bank(data):
    """A question bank holding ``data`` in place of the exam engine's (registered later, so it
    replaces the exams app's "questions" column)."""
    return hooks.register_temporarily(
        "courses_coverage_sources", lambda: {"questions": lambda: data}
    )


@pytest.fixture
def no_question_bank():
    # The exam engine registers its bank; these tests decide what the bank holds.
    with _bank({}):
        yield


def test_json_lists_every_item_with_its_lessons(course, no_question_bank):
    data = json.loads(run("--json"))
    keys = [row["key"] for row in data["items"]]
    assert len(keys) == 45
    assert keys[:2] == ["13.1", "13.2"] and keys[-1] == "19.13"
    assert {"14", "17.1", "17.2", "18.5", "15.9", "16.6"} <= set(keys)
    row = next(row for row in data["items"] if row["key"] == "19.3")
    assert row["label"] == "第十九条第（三）项"
    assert "art-19" in [lesson["slug"] for lesson in row["lessons"]]
    assert all(row["lessons"] for row in data["items"])
    assert data["problems"] == []


def test_the_shipped_course_passes_strict(course, no_question_bank):
    assert "45 items, 31 articles, 0 problem(s)" in run("--strict")


def test_strict_fails_when_an_item_loses_its_lessons(db, no_question_bank):
    def cites_19_13(kind, value):
        if kind == "article":
            return value["article"] == 19 and 13 in value["items"]
        if kind in ("scenario", "knowledge_check"):
            return {"article": 19, "item": 13} in value["citations"]
        return False

    broken = copy.deepcopy(LESSONS)
    for lesson in broken:
        lesson["body"] = [(k, v) for k, v in lesson["body"] if not cites_19_13(k, v)]
    course_seed(lessons=broken)
    with pytest.raises(CommandError):
        run("--strict")
    data = json.loads(run("--json"))
    assert data["problems"] == ["19.13 第十九条第（十三）项: no lesson cites it"]


def test_strict_counts_questions_once_the_bank_has_any(course, no_question_bank):
    run("--strict")  # an empty bank is not a failure yet

    with _bank({(13, 1): ["Q1", "Q2"], (14, None): ["Q3"]}):
        with pytest.raises(CommandError):
            run("--strict")
        data = json.loads(run("--json"))
    row = next(row for row in data["items"] if row["key"] == "13.1")
    assert row["questions"] == ["Q1", "Q2"]
    assert "14 第十四条: 1 question(s), at least 2" in data["problems"]
    assert not any(p.startswith("13.1 ") for p in data["problems"])


def test_editors_see_the_table_in_the_admin(course, org, no_question_bank):
    org.provincial_admin.is_superuser = True
    org.provincial_admin.save()
    client = Client()
    client.force_login(org.provincial_admin)
    response = client.get("/admin/legal-coverage/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "第十九条第（十三）项" in html and "19.13" in html


def test_the_admin_page_names_each_gap_in_chinese(course, org):
    """The list of gaps at the top says what each row lacks in the page's language, as the
    table does; the command's JSON keeps its English for the tools that read it."""
    org.provincial_admin.is_superuser = True
    org.provincial_admin.save()
    client = Client()
    client.force_login(org.provincial_admin)
    with _bank({(13, 1): ["Q1", "Q2"], (14, None): ["Q3"]}):
        html = client.get("/admin/legal-coverage/", HTTP_ACCEPT_LANGUAGE="zh-hans").content
        data = json.loads(run("--json"))
    html = html.decode()
    assert "<li>14 第十四条: 1 道题，至少需要 2 道</li>" in html
    assert "<li>8 第八条: 没有试题考查</li>" in html
    assert "question(s), at least" not in html and "no question tests it" not in html
    assert "8 第八条: no question tests it" in data["problems"]


def test_learners_cannot_open_the_admin_table(course, learner_client, no_question_bank):
    response = learner_client.get("/admin/legal-coverage/")
    assert response.status_code in (302, 403)


def test_lessons_citing_an_item_for_reread_links(course):
    from courses.selectors import lessons_citing

    # The lesson that quotes the item comes first, then others that refer to it.
    assert [lesson.slug for lesson in lessons_citing(19, 3)] == ["art-19", "art-18"]
    assert lessons_citing(13, 7)[0].slug == "art-13"
    assert len(lessons_citing(13, 7)) > 1
    assert lessons_citing(13, 99) == []
