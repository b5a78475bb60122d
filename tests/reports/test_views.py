"""Who may see, build and download which report files."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lms.jobs.models import JobStatus
from reports.models import ReportFile, ReportKind
from reports.services import report_build_now
from tests.reports.factories import make_cycle, make_people

pytestmark = pytest.mark.django_db


@pytest.fixture
def county_a_report(org):
    cycle = make_cycle(org.county_a)
    make_people(org.county_a, 2, cycle=cycle)
    return report_build_now(kind=ReportKind.RENEWAL, agency=org.county_a, cycle=cycle)


@pytest.mark.parametrize("name", ["reports:download", "reports:status"])
def test_another_agencys_admin_gets_404_even_with_the_url(org, client, county_a_report, name):
    client.force_login(org.admin_b)
    assert client.get(reverse(name, args=[county_a_report.pk])).status_code == 404
    assert client.post(reverse("reports:retry", args=[county_a_report.pk])).status_code == 404
    cycle_url = reverse("reports:cycle", args=[county_a_report.cycle_id])
    assert client.get(cycle_url).status_code == 404


@pytest.mark.parametrize("who", ["admin_a", "city_admin", "oversight", "provincial_admin"])
def test_people_whose_scope_covers_the_agency_can_download(org, client, county_a_report, who):
    client.force_login(getattr(org, who))
    response = client.get(reverse("reports:download", args=[county_a_report.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content)[:2] == b"PK"  # an xlsx (zip) file


def test_supervisors_and_learners_get_no_reports(org, client, county_a_report):
    for user in (org.supervisor_a, org.learner_a):
        client.force_login(user)
        assert client.get(reverse("reports:download", args=[county_a_report.pk])).status_code in (
            403,
            404,
        )


def test_county_admin_report_on_a_city_cycle_covers_only_their_county(
    org, client, django_capture_on_commit_callbacks
):
    cycle = make_cycle(org.city)
    make_people(org.county_a, 1, cycle=cycle)
    make_people(org.county_b, 2, cycle=cycle)
    client.force_login(org.admin_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:cycle", args=[cycle.pk]), {"kind": "renewal"})
    report = ReportFile.objects.get()
    assert report.agency == org.county_a and report.done == 1
    client.force_login(org.admin_b)
    assert client.get(reverse("reports:download", args=[report.pk])).status_code == 404


def test_only_provincial_and_oversight_may_build_a_rollup(
    org, client, django_capture_on_commit_callbacks
):
    cycle = make_cycle(org.city)
    make_people(org.county_a, 1, cycle=cycle)
    client.force_login(org.city_admin)
    page = client.get(reverse("reports:cycle", args=[cycle.pk])).content.decode()
    assert 'value="renewal_rollup"' not in page
    response = client.post(reverse("reports:cycle", args=[cycle.pk]), {"kind": "renewal_rollup"})
    assert response.status_code == 403
    client.force_login(org.oversight)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:cycle", args=[cycle.pk]), {"kind": "renewal_rollup"})
    report = ReportFile.objects.get()
    assert report.kind == ReportKind.RENEWAL_ROLLUP and report.status == JobStatus.DONE


def test_cycle_page_lists_reports_with_progress_in_constant_queries(
    org, client, django_assert_max_num_queries
):
    cycle = make_cycle(org.county_a)
    make_people(org.county_a, 1, cycle=cycle)
    for _ in range(3):
        ReportFile.objects.create(
            kind=ReportKind.RENEWAL, cycle=cycle, agency=org.county_a, requested_by=org.admin_a,
            status=JobStatus.RUNNING, total=10, done=4,
        )  # fmt: skip
    client.force_login(org.admin_a)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("reports:cycle", args=[cycle.pk]))
    page = response.content.decode()
    assert page.count('class="job-progress"') == 3
    assert page.count('value="40"') == 3 and page.count("4 / 10") >= 3
    assert "js/jobs.js" in page and "<script>" not in page
    assert page.count("data-job-status=") == 3


def test_index_lists_cycles_in_scope_and_offers_the_training_report(org, client):
    mine = make_cycle(org.county_a, name="甲县周期")
    make_cycle(org.county_b, name="乙县周期")
    client.force_login(org.admin_a)
    page = client.get(reverse("reports:index")).content.decode()
    assert "甲县周期" in page and "乙县周期" not in page
    assert reverse("reports:cycle", args=[mine.pk]) in page
    assert reverse("reports:training") in page


def test_training_report_for_another_agency_is_refused(org, client):
    client.force_login(org.admin_a)
    response = client.post(reverse("reports:training"), {"agency": org.county_b.pk})
    assert response.status_code == 404
    assert not ReportFile.objects.exists()


@pytest.mark.parametrize("status", [JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.FAILED])
def test_a_report_that_is_not_ready_answers_its_download_url_with_a_page_saying_so(
    org, client, status
):
    cycle = make_cycle(org.county_a)
    report = ReportFile.objects.create(
        kind=ReportKind.RENEWAL,
        agency=org.county_a,
        cycle=cycle,
        status=status,
        total=40,
        done=10,
    )
    client.force_login(org.admin_a)
    response = client.get(reverse("reports:download", args=[report.pk]))
    assert response.status_code == 200
    assert "attachment" not in response.get("Content-Disposition", "")
    page = response.content.decode()
    assert str(report.get_status_display()) in page
    assert "10 / 40" in page
    assert f'href="{reverse("reports:cycle", args=[cycle.pk])}"' in page
    if status == JobStatus.FAILED:
        assert "报表生成失败" in page
    else:
        assert "报表尚未生成完毕" in page


def test_a_report_whose_file_was_removed_says_so_instead_of_404(org, client, county_a_report):
    county_a_report.file.delete()
    county_a_report.refresh_from_db()
    client.force_login(org.admin_a)
    response = client.get(reverse("reports:download", args=[county_a_report.pk]))
    assert response.status_code == 200
    assert "报表文件已不再保留" in response.content.decode()
