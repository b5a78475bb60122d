"""The one paged-table layout and pagination partial of staff lists: links keep the page's
filters, and an empty list says so instead of drawing an empty table."""

import re

import pytest
from django.urls import reverse

from lms.models import AuxiliaryStatus
from tests.exams.factories import make_course
from tests.factories import AuxiliaryFactory, make_learner
from tests.reports.factories import make_credential

pytestmark = pytest.mark.django_db


def _links(html: str) -> list[str]:
    nav = re.search(r'<nav class="pagination".*?</nav>', html, re.S).group(0)
    return [href.replace("&amp;", "&") for href in re.findall(r'href="([^"]+)"', nav)]


def test_credential_list_keeps_its_filter_on_the_next_page(client, org):
    for _ in range(51):
        make_credential(AuxiliaryFactory(agency=org.county_a, status=AuxiliaryStatus.CREDENTIALED))
    client.force_login(org.admin_a)
    (next_link,) = _links(client.get("/credentials/?status=active").content.decode())
    assert next_link == "?status=active&page=2"
    page_two = client.get(f"/credentials/{next_link}").content.decode()
    assert _links(page_two) == ["?status=active&page=1"]


def test_roster_keeps_its_filters_as_the_view_gives_them(client, org):
    AuxiliaryFactory.create_batch(51, agency=org.county_a)
    client.force_login(org.admin_a)
    (next_link,) = _links(client.get("/people/?status=in_training").content.decode())
    assert "status=in_training" in next_link and next_link.endswith("page=2")


def test_the_three_staff_tables_share_one_layout_and_empty_state(client, org):
    make_course()
    for _ in range(51):
        make_learner(org.county_a)
    client.force_login(org.admin_a)
    reading = client.get(reverse("courses:reading_table")).content.decode()
    assert reading.count('class="table-wrap"') == 1 and "reading-table" in reading
    assert _links(reading) == ["?page=2"]
    client.force_login(org.admin_b)  # county B: one learner, no credentials
    empty = client.get("/credentials/").content.decode()
    assert 'class="card empty-state"' in empty and "table-wrap" not in empty
