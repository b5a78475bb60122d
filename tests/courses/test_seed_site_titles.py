"""The page tree an editor opens in Wagtail's admin after the demo or course seed: the site's
home page and the tree's root carry Chinese titles, not Wagtail's "Welcome to your new
Wagtail site!" and "Root"; a title an editor gave them is kept."""

from __future__ import annotations

import re

from wagtail.models import Page, Site

from courses.seed import course_seed

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def _editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.org", "x")


def _explorer(client, page_id: int) -> str:
    return client.get(f"/admin/pages/{page_id}/", **ZH).content.decode()


def test_seed_gives_home_and_root_chinese_titles(client, django_user_model):
    home = Site.objects.get(is_default_site=True).root_page
    assert home.title == "Welcome to your new Wagtail site!"  # as Wagtail's migration made it
    course_seed()
    home.refresh_from_db()
    assert home.title == home.draft_title == "首页"
    assert Page.get_first_root_node().title == "根目录"
    client.force_login(_editor(django_user_model))
    html = _explorer(client, Page.get_first_root_node().pk)
    assert "Welcome to your new Wagtail site" not in html
    assert "首页" in html
    # The home page still serves the same address.
    assert Site.objects.get(is_default_site=True).root_page.url_path == "/home/"


def test_seed_keeps_a_title_an_editor_gave_the_home_page(db):
    home = Site.objects.get(is_default_site=True).root_page
    Page.objects.filter(pk=home.pk).update(title="辅助人员平台", draft_title="辅助人员平台")
    course_seed()
    home.refresh_from_db()
    assert home.title == "辅助人员平台"


def test_admin_page_search_counts_pages_not_none(client, django_user_model):
    course_seed()
    client.force_login(_editor(django_user_model))
    html = client.get("/admin/pages/search/?q=辅助", **ZH).content.decode()
    assert "条None" not in html
    assert re.search(r"第 1–\d+ 条，共 \d+ 条页面", html)
