"""The card as people get it: scoped PNGs that follow the Wagtail design settings and carry a QR
code of the verify URL; the learner's page and home panel; cohort batches in the background."""

from __future__ import annotations

import io
import zipfile

import pytest
import zxingcpp
from django.conf import settings as django_settings
from PIL import Image

from credentials.cards import BAND_HEIGHT
from credentials.models import CardBatch, Credential, CredentialDesignSettings
from lms.jobs.models import JobStatus
from lms.models import Role
from tests import factories
from tests.credentials.factories import credential


def _png(response) -> Image.Image:
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    return Image.open(io.BytesIO(response.content)).convert("RGB")


def test_card_qr_decodes_to_the_verify_url(client, holder):
    client.force_login(holder.learner_a)
    img = _png(client.get(f"/credentials/{holder.cred.pk}/card.png"))
    assert img.size == (1011, 638)
    url = f"{django_settings.SITE_URL}/verify/{holder.cred.number}/"
    assert [r.text for r in zxingcpp.read_barcodes(img)] == [url]
    # …and that URL is the public page of this credential
    assert client.get(f"/verify/{holder.cred.number}/").status_code == 200


def test_card_follows_the_provincial_design_settings(client, holder):
    client.force_login(holder.admin_a)
    url = f"/credentials/{holder.cred.pk}/card.png"
    assert _png(client.get(url)).getpixel((1000, 10)) == (0x0F, 0x76, 0x6E)
    design = CredentialDesignSettings.load()
    design.band_color = "#5B21B6"
    design.title = "××省行政执法辅助人员证"
    design.save()
    front = _png(client.get(url))
    assert front.getpixel((1000, 10)) == (0x5B, 0x21, 0xB6)
    back = _png(client.get(url + "?side=back"))
    assert back.getpixel((1000, 10)) == (0x5B, 0x21, 0xB6)
    assert back.tobytes() != front.tobytes()


def test_card_is_scoped(client, holder):
    url = f"/credentials/{holder.cred.pk}/card.png"
    allowed = [
        holder.learner_a,
        holder.admin_a,
        holder.city_admin,
        holder.oversight,
        holder.provincial_admin,
    ]
    for user in allowed:
        client.force_login(user)
        assert client.get(url).status_code == 200, user
    for user in (holder.learner_b, holder.admin_b):
        client.force_login(user)
        assert client.get(url).status_code == 404, user
    # Supervisors work with people, not credential records: refused whoever's the card is.
    for user in (holder.supervisor_b, holder.supervisor_a):
        client.force_login(user)
        assert client.get(url).status_code == 403, user
    client.logout()
    assert client.get(url).status_code == 302


def test_learner_sees_my_credential_and_home_panel(client, holder):
    client.force_login(holder.learner_a)
    page = client.get("/credentials/mine/").content.decode()
    assert holder.cred.number in page and f"/credentials/{holder.cred.pk}/card.png" in page
    assert "有效" in page
    home = client.get("/").content.decode()
    assert f"/credentials/{holder.cred.pk}/card.png" in home and "我的工作证" in home


def test_learner_without_credential_is_told_why(client, org):
    client.force_login(org.learner_b)
    page = client.get("/credentials/mine/").content.decode()
    assert "还没有工作证" in page and "通过考试" in page


def test_staff_home_panel_counts_and_expiring(client, holder):
    import datetime

    from django.utils import timezone

    Credential.objects.filter(pk=holder.cred.pk).update(
        valid_until=timezone.localdate() + datetime.timedelta(days=10)
    )
    client.force_login(holder.admin_a)
    home = client.get("/").content.decode()
    assert "30 天内到期" in home and "甲一" in home
    client.force_login(holder.admin_b)
    assert "甲一" not in client.get("/").content.decode()


def test_credential_list_is_scoped_with_bounded_queries(
    client, holder, django_assert_max_num_queries
):
    for _ in range(5):
        credential(factories.AuxiliaryFactory(agency=holder.county_a))
    credential(factories.AuxiliaryFactory(agency=holder.county_b, name="乙县人"))
    client.force_login(holder.admin_a)
    with django_assert_max_num_queries(12):
        html = client.get("/credentials/").content.decode()
    assert holder.cred.number in html and "乙县人" not in html


def test_detail_page_queries(client, holder, django_assert_max_num_queries):
    client.force_login(holder.admin_a)
    with django_assert_max_num_queries(12):
        response = client.get(f"/credentials/{holder.cred.pk}/")
    assert holder.cred.number in response.content.decode()


def test_admin_suspends_and_reissues_from_the_detail_page(client, holder):
    client.force_login(holder.admin_a)
    url = f"/credentials/{holder.cred.pk}/action/"
    client.post(url, {"action": "suspend", "reason": "调查中", "confirmed": "1"})
    holder.cred.refresh_from_db()
    assert holder.cred.status == "suspended"
    client.post(url, {"action": "reactivate", "reason": "调查结束", "confirmed": "1"})
    response = client.post(url, {"action": "reissue", "reason": "遗失"}, follow=True)
    new = Credential.objects.exclude(pk=holder.cred.pk).get()
    assert new.number in response.content.decode() and new.replaces_id == holder.cred.pk
    client.force_login(holder.admin_b)
    assert (
        client.post(
            f"/credentials/{new.pk}/action/", {"action": "revoke", "reason": "x"}
        ).status_code
        == 404
    )


def test_nav_links(client, holder):
    client.force_login(holder.learner_a)
    assert 'href="/credentials/mine/"' in client.get("/").content.decode()
    client.force_login(holder.oversight)
    assert 'href="/credentials/"' in client.get("/").content.decode()


# ---------------------------------------------------------------- cohort batches


def test_cohort_batch_builds_zip_and_pdf_in_the_background(
    client, holder, django_capture_on_commit_callbacks
):
    credential(factories.AuxiliaryFactory(agency=holder.county_a, name="甲二"))
    client.force_login(holder.admin_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/credentials/batches/", {"agency": holder.county_a.pk})
    batch = CardBatch.objects.get()
    assert response["Location"] == f"/credentials/batches/{batch.pk}/"
    status = client.get(f"/credentials/batches/{batch.pk}/status.json").json()
    assert status["status"] == JobStatus.DONE and status["percent"] == 100
    assert status["done"] == status["total"] == 4
    page = client.get(f"/credentials/batches/{batch.pk}/").content.decode()
    assert "js/jobs.js" in page and "<script>" not in page
    zipped = client.get(f"/credentials/batches/{batch.pk}/cards.zip")
    with zipfile.ZipFile(io.BytesIO(b"".join(zipped.streaming_content))) as zf:
        assert len(zf.namelist()) == 4
        assert f"{holder.cred.number}-front.png" in zf.namelist()
    pdf = b"".join(client.get(f"/credentials/batches/{batch.pk}/cards.pdf").streaming_content)
    assert pdf.startswith(b"%PDF")
    client.force_login(holder.admin_b)
    assert client.get(f"/credentials/batches/{batch.pk}/cards.zip").status_code == 404
    assert client.get(f"/credentials/batches/{batch.pk}/status.json").status_code == 404


def test_batch_only_for_own_agencies(client, holder):
    client.force_login(holder.admin_b)
    client.post("/credentials/batches/", {"agency": holder.county_a.pk})
    assert not CardBatch.objects.exists()


def test_empty_batch_fails_with_a_message(holder):
    from credentials.batches import card_batch_build

    batch = CardBatch.objects.create(agency=holder.county_b, requested_by=holder.admin_b)
    batch = card_batch_build(batch_id=batch.pk)
    assert batch.status == JobStatus.FAILED and "没有可打印" in batch.error


# ---------------------------------------------------------------- Wagtail design preview


def test_design_preview_for_provincial_admins_only(client, holder):
    from django.contrib.auth.models import Group

    from lms.setup import editor_permissions_grant_all

    Group.objects.get_or_create(name="Editors")
    editor_permissions_grant_all()
    superuser = factories.UserFactory(is_superuser=True, is_staff=True)
    client.force_login(superuser)
    page = client.get("/admin/credentials/card-preview/")
    assert page.status_code == 200
    front = _png(client.get("/admin/credentials/card-preview/front.png"))
    assert front.crop((0, 0, 1011, BAND_HEIGHT)).getpixel((1000, 10)) == (0x0F, 0x76, 0x6E)
    prov = holder.provincial_admin
    prov.is_staff = True
    prov.save()
    prov.groups.add(Group.objects.get(name="Editors"))
    client.force_login(prov)
    assert client.get("/admin/credentials/card-preview/front.png").status_code == 200
    edit = client.get("/admin/settings/credentials/credentialdesignsettings/", follow=True)
    assert edit.status_code == 200
    assert 'href="/admin/credentials/card-preview/"' in edit.content.decode()
    staff = factories.make_user(Role.AGENCY_ADMIN, holder.county_a, is_staff=True)
    client.force_login(staff)
    assert client.get("/admin/credentials/card-preview/front.png").status_code in (302, 403)


def test_preview_tries_unsaved_values_without_saving(client, holder):
    superuser = factories.UserFactory(is_superuser=True, is_staff=True)
    client.force_login(superuser)
    tried = _png(client.get("/admin/credentials/card-preview/front.png?band_color=%235b21b6"))
    assert tried.getpixel((1000, 10)) == (0x5B, 0x21, 0xB6)
    page = client.get("/admin/credentials/card-preview/?band_color=%235b21b6").content.decode()
    assert "band_color=%235B21B6" in page and "尚未保存" in page
    assert CredentialDesignSettings.load().band_color == "#0F766E"
    # a half-typed colour is ignored, not an error
    broken = client.get("/admin/credentials/card-preview/front.png?band_color=%235b2")
    assert _png(broken).getpixel((1000, 10)) == (0x0F, 0x76, 0x6E)


@pytest.mark.parametrize(
    ("field", "value"),
    [("band_color", "#C8102E"), ("band_color", "#1D4ED8"), ("title", "行政执法证")],
)
def test_design_cannot_imitate_an_officers_credential(db, field, value):
    from django.core.exceptions import ValidationError

    design = CredentialDesignSettings.load()
    setattr(design, field, value)
    with pytest.raises(ValidationError) as error:
        design.full_clean()
    assert field in error.value.message_dict and "第二十二条" in error.value.message_dict[field][0]


def test_design_accepts_other_colours(db):
    design = CredentialDesignSettings.load()
    for colour in ("#0F766E", "#5B21B6", "#166534", "#6B7280"):
        design.band_color = colour
        design.full_clean()


def test_the_persons_record_links_to_their_credentials_for_staff_only(client, org):
    client.force_login(org.admin_a)
    html = client.get(f"/people/{org.aux_a.pk}/").content.decode()
    assert f'href="/credentials/auxiliary/{org.aux_a.pk}/"' in html
    client.force_login(org.supervisor_a)
    html = client.get(f"/people/{org.aux_a.pk}/").content.decode()
    assert "/credentials/auxiliary/" not in html
