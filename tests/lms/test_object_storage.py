"""Files on an S3-compatible object store (moto's S3 server on 127.0.0.1, tests/s3.py): what
the pages upload and the jobs generate lands in the bucket as private objects, which nobody
can fetch without a signature, and which reach a person only through the scoped views."""

from __future__ import annotations

import html
import io
import re
import urllib.error
import urllib.request
import uuid
import zipfile
from urllib.parse import parse_qs, urlsplit

import openpyxl
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from courses.models import LessonPage
from credentials.models import CardBatch
from lms import storage
from lms.jobs.models import JobStatus
from lms.models import Auxiliary, AuxiliaryStatus, RosterImport
from reports.models import ReportFile
from reports.services import reports_cleanup
from tests.courses.conftest import client_for
from tests.courses.test_video import video_block
from tests.credentials.factories import credential
from tests.exams.factories import make_course
from tests.lms.test_roster_import import csv_bytes, row
from tests.reports.factories import make_cycle, make_people
from tests.training.factories import category
from training.models import OutsideTraining

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (60, 80), (200, 30, 30)).save(buf, "PNG")
    return buf.getvalue()


def _anonymous_get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def _no_local_files(settings) -> bool:
    root = settings.MEDIA_ROOT
    return not root.exists() or not any(path.is_file() for path in root.rglob("*"))


def test_a_photo_uploaded_on_the_edit_page_is_a_private_object_shown_only_in_scope(
    client, org, s3, settings
):
    client.force_login(org.admin_a)
    form = client.get(f"/people/{org.aux_a.pk}/edit/").context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data["photo"] = SimpleUploadedFile("face.png", _png(), content_type="image/png")
    response = client.post(f"/people/{org.aux_a.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors

    key = Auxiliary.objects.get(pk=org.aux_a.pk).photo.name
    assert key.startswith("photos/") and s3.keys() == [key]
    assert s3.read(key) == _png()
    assert _no_local_files(settings)
    # The bucket gives the object to nobody without a signature.
    assert _anonymous_get(s3.object_url(key)) == 403

    photo = client.get(f"/people/{org.aux_a.pk}/photo/")
    assert photo.status_code == 200 and _body(photo) == _png()
    client.force_login(org.admin_b)
    assert client.get(f"/people/{org.aux_a.pk}/photo/").status_code == 404


def test_a_renewal_report_built_by_the_job_is_in_the_bucket_and_downloads_in_scope(
    client, org, s3, django_capture_on_commit_callbacks
):
    cycle = make_cycle(org.county_a)
    names = {assessment.auxiliary.name for assessment in make_people(org.county_a, 2, cycle=cycle)}
    client.force_login(org.admin_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:cycle", args=[cycle.pk]), {"kind": "renewal"})
    report = ReportFile.objects.get()
    assert report.status == JobStatus.DONE
    stored = s3.read(report.file.name)
    book = openpyxl.load_workbook(io.BytesIO(stored))
    cells = {cell for line in book["明细"].iter_rows(values_only=True) for cell in line}
    assert names <= cells
    assert _anonymous_get(s3.object_url(report.file.name)) == 403

    response = client.get(reverse("reports:download", args=[report.pk]))
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert _body(response) == stored
    client.force_login(org.admin_b)
    assert client.get(reverse("reports:download", args=[report.pk])).status_code == 404

    # Old reports are cleaned up with their objects.
    report.finished_at = report.finished_at.replace(year=report.finished_at.year - 1)
    report.save(update_fields=["finished_at"])
    assert reports_cleanup() == 1 and s3.keys() == []


def test_with_signed_urls_a_download_redirects_only_after_the_scope_check(
    client, org, s3, settings
):
    settings.S3_PRESIGN_SECONDS = 30
    from reports.services import report_build_now

    cycle = make_cycle(org.county_a)
    make_people(org.county_a, 1, cycle=cycle)
    report = report_build_now(kind="renewal", agency=org.county_a, cycle=cycle)
    client.force_login(org.admin_b)
    assert client.get(reverse("reports:download", args=[report.pk])).status_code == 404

    client.force_login(org.admin_a)
    response = client.get(reverse("reports:download", args=[report.pk]))
    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"
    url = response["Location"]
    assert url.startswith(s3.object_url(report.file.name) + "?")
    query = parse_qs(urlsplit(url).query)
    assert query["X-Amz-Expires"] == ["30"] and "X-Amz-Signature" in query
    with urllib.request.urlopen(url, timeout=10) as signed:
        assert signed.read() == s3.read(report.file.name)
        # The signed answer names the file as the platform would.
        assert "filename*=UTF-8''" in signed.headers["Content-Disposition"]
        assert signed.headers["Content-Disposition"].startswith("attachment")
    # Without its signature the same address is refused.
    assert _anonymous_get(url.split("?", 1)[0]) == 403


def test_a_card_batch_zip_and_pdf_are_objects_in_the_bucket(
    client, org, s3, django_capture_on_commit_callbacks
):
    org.aux_a.status = AuxiliaryStatus.CREDENTIALED
    org.aux_a.save()
    card = credential(org.aux_a)
    client.force_login(org.admin_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/credentials/batches/", {"agency": org.county_a.pk})
    batch = CardBatch.objects.get()
    assert batch.status == JobStatus.DONE
    assert sorted(s3.keys()) == sorted([batch.zip_file.name, batch.pdf_file.name])
    with zipfile.ZipFile(io.BytesIO(s3.read(batch.zip_file.name))) as archive:
        assert f"{card.number}-front.png" in archive.namelist()
    assert s3.read(batch.pdf_file.name).startswith(b"%PDF")
    assert _anonymous_get(s3.object_url(batch.zip_file.name)) == 403

    zipped = client.get(f"/credentials/batches/{batch.pk}/cards.zip")
    assert zipped.status_code == 200 and _body(zipped) == s3.read(batch.zip_file.name)
    client.force_login(org.admin_b)
    assert client.get(f"/credentials/batches/{batch.pk}/cards.zip").status_code == 404
    assert client.get(f"/credentials/batches/{batch.pk}/cards.pdf").status_code == 404


def test_an_outside_training_scan_is_stored_in_the_bucket_and_shown_in_scope(client, org, s3):
    client.force_login(org.admin_a)
    response = client.post(
        "/training/outside/new/",
        {
            "auxiliary": org.aux_a.pk, "date": "2026-05-01", "title": "急救培训",
            "issuer": "红十字会", "category": category("安全与应急").pk, "hours": "8",
            "scan": SimpleUploadedFile("证书.pdf", b"%PDF-1.4 scan"),
        },
    )  # fmt: skip
    assert response.status_code == 302
    record = OutsideTraining.objects.get()
    assert s3.read(record.scan.name) == b"%PDF-1.4 scan"
    assert _anonymous_get(s3.object_url(record.scan.name)) == 403
    scan = client.get(f"/training/outside/{record.pk}/scan/")
    assert scan.status_code == 200 and _body(scan) == b"%PDF-1.4 scan"
    assert scan["Content-Disposition"].startswith("inline")
    client.force_login(org.admin_b)
    assert client.get(f"/training/outside/{record.pk}/scan/").status_code == 404


def test_an_uploaded_roster_is_kept_in_the_bucket_and_imports_from_it(client, org, s3):
    data = csv_bytes([row(1), row(2)])
    client.force_login(org.admin_a)
    client.post(
        "/people/import/", {"agency": org.county_a.pk, "file": SimpleUploadedFile("r.csv", data)}
    )
    record = RosterImport.objects.get()
    assert s3.read(record.file.name) == data
    assert _anonymous_get(s3.object_url(record.file.name)) == 403
    client.post(f"/people/import/{record.pk}/confirm/")
    assert Auxiliary.objects.filter(name__startswith="导入").count() == 2


def test_half_an_object_store_configuration_refuses_to_start():
    with pytest.raises(ImproperlyConfigured, match="S3_SECRET_ACCESS_KEY"):
        storage.s3_enabled(
            {"S3_ENDPOINT_URL": "http://s3.local", "S3_BUCKET": "b", "S3_ACCESS_KEY_ID": "k"}
        )
    assert storage.s3_enabled({}) is False


def test_a_lesson_videos_poster_is_a_rendition_in_the_bucket_shown_by_a_signed_url(org, s3):
    """Wagtail makes the poster's rendition on first view and writes it to the store; the
    page points at it with a signed URL that works, while the plain address is refused."""
    buf = io.BytesIO()
    Image.new("RGB", (1280, 720), (11, 31, 51)).save(buf, "JPEG")
    poster = get_image_model().objects.create(
        title="封面", file=SimpleUploadedFile("poster.jpg", buf.getvalue())
    )
    video = get_document_model().objects.create(
        title="示范", file=SimpleUploadedFile("demo.mp4", b"\x00\x00\x00\x18ftypmp42")
    )
    block = video_block(video)
    block["value"]["poster"] = poster.pk
    lesson = make_course("现场安全").add_child(
        instance=LessonPage(
            title="冲突现场", slug=f"poster-{uuid.uuid4().hex[:6]}", estimated_minutes=0,
            body=[block],
        )
    )  # fmt: skip
    page = client_for(org.learner_a).get(lesson.url).content.decode()
    url = html.unescape(re.search(r'poster="([^"]+)"', page).group(1))
    rendition = poster.renditions.get()
    assert rendition.file.name in s3.keys()
    assert rendition.width == 640
    assert url.startswith(s3.endpoint) and "Signature=" in url
    assert _anonymous_get(url) == 200
    assert _anonymous_get(s3.object_url(rendition.file.name)) == 403
