"""Selects as an agency admin meets them in Chinese: none opens on Django's "---------" (a
required choice says 请选择…, an optional one 无), an admin of one agency finds it chosen on
every form that asks for an agency, and a person's status change has no status chosen
beforehand."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}
FORMS = ["/people/enrol/", "/people/staff/", "/credentials/batches/", "/assessments/cycles/new/"]


def _selects(html: str) -> dict[str, str]:
    return dict(re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S))


def _first_option(select: str) -> str:
    return re.sub(r"<[^>]+>", "", re.search(r"<option.*?</option>", select, re.S).group(0))


@pytest.mark.parametrize("path", FORMS)
def test_no_select_opens_on_dashes(client, org, path):
    client.force_login(org.city_admin)
    html = client.get(path, **ZH).content.decode()
    selects = _selects(html)
    assert selects, path
    for name, select in selects.items():
        assert "---------" not in select, (path, name)


def test_blank_choices_say_choose_or_none(client, org):
    client.force_login(org.city_admin)
    selects = _selects(client.get("/people/enrol/", **ZH).content.decode())
    assert _first_option(selects["gender"]) == "请选择…"
    assert _first_option(selects["education"]) == "请选择…"
    assert _first_option(selects["agency"]) == "请选择…"
    # The supervisor is optional: the blank is "no one".
    assert _first_option(selects["supervisor"]) == "无"


@pytest.mark.parametrize("path", FORMS)
def test_admin_of_one_agency_finds_it_chosen(client, org, path):
    client.force_login(org.admin_a)
    select = _selects(client.get(path, **ZH).content.decode())["agency"]
    options = re.findall(r"<option[^>]*>", select)
    assert len(options) == 1, (path, options)
    assert f'value="{org.county_a.pk}"' in options[0] and "selected" in options[0]


def test_status_change_has_nothing_chosen_beforehand(client, org):
    client.force_login(org.admin_a)
    html = client.get(f"/people/{org.aux_a.pk}/", **ZH).content.decode()
    select = _selects(html)["to_status"]
    assert _first_option(select) == "请选择…"
    assert re.findall(r"<option[^>]*selected[^>]*>", select) == ['<option value="" selected>']
    # Sent without a choice, nothing changes and the page says what is missing.
    status = org.aux_a.status
    response = client.post(
        f"/people/{org.aux_a.pk}/status/", {"to_status": "", "reason": "测试"}, follow=True, **ZH
    )
    org.aux_a.refresh_from_db()
    assert org.aux_a.status == status
    assert not org.aux_a.status_changes.exists()
    assert "请选择新状态并填写原因" in response.content.decode()
