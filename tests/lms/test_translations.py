"""The Chinese UI speaks Chinese: Django's and Wagtail's strings the project shows, one form of
address for the learner (你), and no project string shadowing Wagtail's with another meaning."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import translation

from tests import factories

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(ROOT.glob("*/locale/zh_Hans/LC_MESSAGES/django.po"))
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def _msgstrs(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', text, re.M)


def test_catalogues_found():
    assert {p.parts[-5] for p in CATALOGUES} >= {"lms", "exams", "credentials", "assessments"}


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-5])
def test_learner_is_addressed_as_ni_never_nin(path):
    offending = [s for s in _msgstrs(path) if "您" in s]
    assert offending == []


@pytest.mark.parametrize(
    "password",
    ["ab1", "12345678901", "password", "abcdefgh", "5201314ab"],
)
def test_password_validators_speak_chinese(db, password):
    user = factories.UserFactory.build(username="zhangsan")
    with translation.override("zh-hans"):
        with pytest.raises(ValidationError) as raised:
            validate_password(password, user=user)
    for message in raised.value.messages:
        assert not LATIN_WORD.search(message.replace("%", "")), message
        assert re.search(r"[\u4e00-\u9fff]", message), message


def test_password_too_short_message_names_the_minimum(db):
    with translation.override("zh-hans"):
        with pytest.raises(ValidationError) as raised:
            validate_password("ab1")
    assert any("8" in m and "密码" in m for m in raised.value.messages)


@pytest.fixture
def editor_client(client, org):
    org.provincial_admin.is_superuser = True
    org.provincial_admin.save()
    client.force_login(org.provincial_admin)
    return client


ENGLISH_IN_ADMIN = [
    "Pages <span",
    "Page <span",
    "Images <span",
    "Documents <span",
    "Search all pages",
    "editor guide",
    "Pages created here will not be accessible",
]


@pytest.mark.parametrize(
    "url",
    ["/admin/", "/admin/pages/", "/admin/snippets/exams/question/", "/admin/snippets/exams/exam/"],
)
def test_wagtail_admin_in_chinese_has_no_english_left(editor_client, url):
    from tests.exams.factories import make_bank, make_course, make_exam

    make_bank(per_article=1)
    make_exam(make_course())  # so that the listings have rows and column headings
    response = editor_client.get(url, **ZH)
    assert response.status_code == 200
    html = response.content.decode()
    for english in ENGLISH_IN_ADMIN:
        assert english not in html, english
    assert not re.search(r">\s*Active\s*<", html)  # a column heading Wagtail derives


def test_wagtail_sidebar_calls_pages_yemian_not_fenye(editor_client):
    # The sidebar is built from the menu items; "Pages" there is content, not pagination.
    with translation.override("zh-hans"):
        from django.utils.translation import gettext

        assert gettext("Pages") == "页面"
        assert gettext("Pagination") == "分页"


def test_wagtail_page_listing_type_column_is_leixing(editor_client):
    with translation.override("zh-hans"):
        from django.utils.translation import gettext, pgettext

        assert gettext("Type") == "类型"
        assert pgettext("question", "Type") == "题型"


def _compiled(path: Path) -> dict:
    with path.with_suffix(".mo").open("rb") as handle:
        return {k: v for k, v in gettext.GNUTranslations(handle)._catalog.items() if k}


def test_one_msgid_reads_the_same_in_every_apps_catalogue():
    """Django merges the apps' catalogues into one, so a msgid two apps translate differently
    shows one app's Chinese on the other's pages: the assessment history read 合计 (the hours
    table's sum row) instead of 总分, and the report's retry button said 重新考试. A string whose
    meaning differs carries a context; the same meaning carries the same words."""
    readings: dict = {}
    for path in CATALOGUES:
        for key, text in _compiled(path).items():
            readings.setdefault(key, {})[path.parts[-5]] = text
    differing = {k: v for k, v in readings.items() if len(set(v.values())) > 1}
    assert differing == {}


@pytest.mark.parametrize(
    "page_words",
    [
        (("score", "Total"), "总分"),
        (("job", "Try again"), "重试"),
        (("delivery", "Failed"), "发送失败"),
        (("unanswered", "(blank)"), "（未作答）"),
    ],
)
def test_words_that_once_collided_keep_their_own_chinese(page_words):
    (context, msgid), chinese = page_words
    with translation.override("zh-hans"):
        assert translation.pgettext(context, msgid) == chinese
