"""`manage.py messages` (make messages): the catalogue tidy-up after msgmerge keeps every
translation, including those of Wagtail's strings that no project file holds, and never keeps
msgmerge's fuzzy guesses as translations; a template string with a percent sign is
translated on the page."""

from __future__ import annotations

from django.test import Client

from lms.management.commands.messages import template_folders, tidy_catalogue

PO = """# header
#, fuzzy
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

#: ../site/templates/assessments/pdf/assessment.html:12
#, fuzzy
#| msgid "Amended"
msgid "Gender"
msgstr "已更正"

#: ../site/templates/training/pdf/record.html:32
#, fuzzy, python-format
#| msgid "Counted on %(date)s"
msgid ""
"Printed on %(date)s."
msgstr ""
"统计于 %(date)s。"

#~ msgid "Autosave is paused"
#~ msgstr "自动保存已暂停"
"""


def test_obsolete_entries_stay_translated_and_fuzzy_guesses_are_emptied(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(PO, encoding="utf-8")
    tidy_catalogue(po)
    text = po.read_text(encoding="utf-8")
    assert 'msgid "Autosave is paused"\nmsgstr "自动保存已暂停"' in text
    assert "#~" not in text and "#|" not in text
    assert 'msgid "Gender"\nmsgstr ""' in text
    assert '#, python-format\nmsgid ""\n"Printed on %(date)s."\nmsgstr ""\n' in text
    assert "已更正" not in text and "统计于" not in text
    assert text.startswith('# header\n#, fuzzy\nmsgid ""')  # the header keeps its flag


def test_each_app_reads_its_own_template_folder_and_lms_the_shared_ones():
    names = {folder.name for folder, _recursive in template_folders("lms")}
    assert {"lms", "includes", "registration", "templates"} <= names
    assert [folder.name for folder, _ in template_folders("exams")] == ["exams"]


def test_a_template_string_with_a_percent_sign_is_translated(db):
    html = Client().get("/accessibility/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "浏览器放大到 200% 时页面自动重排" in html
    assert "Browser zoom" not in html
