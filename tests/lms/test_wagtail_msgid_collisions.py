"""The project's catalogues come before Wagtail's (lms/locale is first in LOCALE_PATHS and the
project's apps are listed before Wagtail's), so a project msgid that Wagtail also uses changes
Wagtail's admin too: "Back" translated 背面 for a card's side would make Wagtail's back buttons
say 背面. A project string whose meaning is its own carries a context; the few deliberate
rewordings of Wagtail's Chinese are listed here, each with its reason."""

from __future__ import annotations

import gettext
from pathlib import Path

from django.apps import apps
from django.utils import translation
from django.utils.translation import trans_real

# msgid → why the project's Chinese is meant to replace Wagtail's wherever Wagtail shows it.
DELIBERATE_OVERRIDES = {
    "%(range_start)s - %(range_end)s": "a date range is written with an en dash, 1–5",
    "Action": "操作 reads as what was done in a log; 行为 reads as behaviour",
    "All": "filters offer 全部, as every filter of the project does",
    "Filter": "筛选 is the usual word on a filter button; 过滤器 names a device",
    "Format": "格式 is the noun; Wagtail's 格式化 means 'to format'",
    "History": "变更记录 says what Wagtail's history lists: the changes",
    "ID": "编号, not the Latin letters, for staff who read Chinese",
    "Log out": "退出登录 signs out; 注销 reads as deleting the account",
    "Reports": "报表, the word the agencies use for the reports menu",
    "Saving…": "保存中… with one ellipsis, as in the project's own save indicators",
    "URL": "网址 for staff who read Chinese",
    "description": "说明, the project's word for a description field",
    "finished at": "完成时间, a point in time (a background job's finish), not 完成于",
    "requested by": "申请人, who asked for it",
    "started at": "开始时间, a point in time",
}


def _wagtail_catalogue() -> dict:
    """What Wagtail's own zh_Hans catalogues say, the first Wagtail app winning as Django does."""
    merged: dict = {}
    for app in apps.get_app_configs():
        if not app.name.startswith("wagtail"):
            continue
        mo = Path(app.path) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.mo"
        if not mo.exists():
            continue
        with mo.open("rb") as handle:
            catalogue = gettext.GNUTranslations(handle)._catalog
        for key, text in catalogue.items():
            if key and text:
                merged.setdefault(key, text)
    return merged


def _collisions() -> dict:
    shown = trans_real.translation("zh-hans")._catalog
    result = {}
    for key, wagtail_text in _wagtail_catalogue().items():
        text = shown[key] if key in shown else None
        if text is not None and text != wagtail_text:
            msgid = key[0] if isinstance(key, tuple) else key
            result[msgid.split("\x04")[-1]] = (text, wagtail_text)
    return result


def test_project_strings_do_not_change_wagtails_wording_by_accident():
    unintended = {k: v for k, v in _collisions().items() if k not in DELIBERATE_OVERRIDES}
    assert unintended == {}, (
        "give the project's use a context (pgettext / {% translate … context … %}) "
        "or, if the rewording is meant for Wagtail too, list it in DELIBERATE_OVERRIDES"
    )


def test_every_listed_override_still_overrides():
    assert set(DELIBERATE_OVERRIDES) <= set(_collisions())


def test_project_meanings_keep_their_chinese_and_wagtail_keeps_its_own():
    with translation.override("zh-hans"):
        pairs = [
            (translation.pgettext("card side", "Back"), translation.gettext("Back")),
            (translation.pgettext("exam attempt", "Submitted"), translation.gettext("Submitted")),
            (translation.pgettext("person", "Name"), translation.gettext("Name")),
            (translation.pgettext("exam", "Locked"), translation.gettext("Locked")),
            (translation.pgettext("pagination", "Next"), translation.gettext("Next")),
        ]
    assert pairs == [
        ("背面", "返回"),
        ("已交卷", "已提交"),
        ("姓名", "名字"),
        ("未解锁", "已锁定"),
        ("下一页", "下一个"),
    ]
