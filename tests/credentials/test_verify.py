"""Public verification: status in big words, only public fields, typo vs unknown, rate limit."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from credentials import numbers
from credentials.models import Credential, CredentialStatus
from tests.credentials.factories import credential

STATUS_WORDS = {
    CredentialStatus.ACTIVE: "有效",
    CredentialStatus.SUSPENDED: "已暂停",
    CredentialStatus.REVOKED: "已吊销",
    CredentialStatus.EXPIRED: "已过期",
}


def _photo_file() -> SimpleUploadedFile:
    buf = io.BytesIO()
    Image.new("RGB", (300, 400), (200, 30, 30)).save(buf, "JPEG")
    return SimpleUploadedFile("p.jpg", buf.getvalue(), content_type="image/jpeg")


def _private_values(aux) -> list[str]:
    return [
        aux.id_number,
        aux.id_number[-4:] + "",
        aux.masked_id_number,
        aux.birth_date.isoformat(),
        f"{aux.birth_date.year}年{aux.birth_date.month}月{aux.birth_date.day}日",
        aux.contract_start.isoformat(),
        f"{aux.contract_start.year}年{aux.contract_start.month}月{aux.contract_start.day}日",
        aux.mobile,
        aux.get_hire_method_display(),
    ]


@pytest.mark.parametrize("status", list(CredentialStatus))
def test_verify_page_for_each_status(client, org, status):
    aux = org.aux_a
    aux.contract_end = datetime.date(2029, 3, 31)
    aux.save()
    cred = credential(aux, valid_until=datetime.date(2029, 3, 31))
    Credential.objects.filter(pk=cred.pk).update(status=status)
    response = client.get(f"/verify/{cred.number}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'verify--{status}"' in html or f"verify--{status} " in html
    assert f'<span class="verify__word">{STATUS_WORDS[status]}</span>' in html
    assert "甲一" in html and "甲县执法局" in html and "2029年3月31日" in html
    for value in _private_values(aux):
        assert value not in html, value


@pytest.mark.parametrize("status", list(CredentialStatus))
def test_verify_json_same_fields_nothing_private(client, org, status):
    cred = credential(org.aux_a)
    Credential.objects.filter(pk=cred.pk).update(status=status)
    data = client.get(f"/verify/{cred.number}/?format=json").json()
    assert set(data) == {
        "number",
        "name",
        "agency",
        "status",
        "status_label",
        "valid_until",
        "photo_url",
        "checked_at",
    }
    assert data["status"] == status and data["status_label"] == STATUS_WORDS[status]
    assert data["name"] == "甲一" and data["agency"] == "甲县执法局"
    text = str(data)
    for value in _private_values(org.aux_a):
        assert value not in text


def test_active_but_past_date_reads_expired(client, org):
    cred = credential(org.aux_a, valid_until=timezone.localdate() + datetime.timedelta(days=1))
    Credential.objects.filter(pk=cred.pk).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert client.get(f"/verify/{cred.number}/?format=json").json()["status_label"] == "已过期"


def test_photo_is_served_only_through_its_credential(client, org):
    org.aux_a.photo = _photo_file()
    org.aux_a.save()
    cred = credential(org.aux_a)
    other = credential(org.aux_b)  # no photo
    html = client.get(f"/verify/{cred.number}/").content.decode()
    assert f"/verify/{cred.number}/photo.jpg" in html
    photo = client.get(f"/verify/{cred.number}/photo.jpg")
    assert photo.status_code == 200 and photo["Content-Type"] == "image/jpeg"
    assert Image.open(io.BytesIO(photo.content)).size == (360, 480)
    assert client.get(f"/verify/{other.number}/photo.jpg").status_code == 404
    assert client.get("/verify/CTYA-2026-999999-X/photo.jpg").status_code == 404
    assert "/media/" not in html  # the stored file's address is never revealed


def test_unknown_number_with_a_correct_check_character(client, db):
    number = numbers.format_number(agency_code="CTYA", year=2026, sequence=424242)
    response = client.get(f"/verify/{number}/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "查无此证" in html and "核对证件上的编号" in html
    data = client.get(f"/verify/{number}/?format=json").json()
    assert data["error"] == "not_found"


def test_mistyped_check_character_is_called_a_typo(client, org):
    cred = credential(org.aux_a)
    wrong = next(c for c in "0123456789" if c != cred.number[-1])
    typo = cred.number[:-1] + wrong
    response = client.get(f"/verify/{typo}/")
    assert response.status_code == 404
    assert "编号有误" in response.content.decode() and "校验码" in response.content.decode()
    assert client.get(f"/verify/{typo}/?format=json").json()["error"] == "typo"
    assert "甲一" not in response.content.decode()


def test_garbage_is_not_a_number(client, db):
    response = client.get("/verify/hello/")
    assert response.status_code == 404
    assert "不是工作证编号" in response.content.decode()


def test_lower_case_number_redirects_to_the_canonical_page(client, org):
    cred = credential(org.aux_a)
    response = client.get(f"/verify/{cred.number.lower()}/")
    assert response.status_code == 302 and response["Location"] == f"/verify/{cred.number}/"


def test_lookup_form_goes_to_the_page(client, db):
    response = client.get("/verify/", {"number": " ctya-2026-000001-x "})
    assert response.status_code == 302 and response["Location"] == "/verify/CTYA-2026-000001-X/"


def test_rate_limited_per_client(client, org, settings):
    settings.CREDENTIALS_VERIFY_RATE_LIMIT = 5
    cred = credential(org.aux_a)
    for _ in range(5):
        assert client.get(f"/verify/{cred.number}/").status_code == 200
    blocked = client.get(f"/verify/{cred.number}/")
    assert blocked.status_code == 429
    assert "查询过于频繁" in blocked.content.decode()
    assert blocked["Retry-After"] == "60"
    assert client.get(f"/verify/{cred.number}/?format=json").json()["error"] == "rate_limited"
    # Another client is not affected.
    other = client.get(f"/verify/{cred.number}/", REMOTE_ADDR="10.9.8.7")
    assert other.status_code == 200


def test_default_limit_is_thirty_a_minute(client, db):
    statuses = [client.get("/verify/CTYA-2026-000001-X/").status_code for _ in range(31)]
    assert statuses[:30] == [404] * 30 and statuses[30] == 429


def test_verify_page_query_count(client, org, django_assert_max_num_queries):
    cred = credential(org.aux_a)
    with django_assert_max_num_queries(3):
        client.get(f"/verify/{cred.number}/")


def test_active_credential_shows_the_holders_photo_to_compare(client, org):
    org.aux_a.photo = _photo_file()
    org.aux_a.save()
    cred = credential(org.aux_a)
    response = client.get(f"/verify/{cred.number}/")
    html = response.content.decode()
    assert f'<img class="verify__photo" src="/verify/{cred.number}/photo.jpg"' in html
    assert "请将照片、姓名与本人及证件进行比对" in html and "未留存照片" not in html
    # Same origin, so the page's Content-Security-Policy lets the browser load it.
    assert "img-src 'self'" in response["Content-Security-Policy"]
    photo = client.get(f"/verify/{cred.number}/photo.jpg")
    assert photo.status_code == 200 and photo["Content-Type"] == "image/jpeg"
    assert not Image.open(io.BytesIO(photo.content)).getexif()  # nothing but the picture


def test_no_photo_on_file_says_so_instead_of_asking_to_compare_one(client, org):
    cred = credential(org.aux_a)  # no photo uploaded
    html = client.get(f"/verify/{cred.number}/").content.decode()
    assert '<p class="verify__photo verify__photo--none">未留存照片</p>' in html
    assert "<img" not in html.split('class="verify__person"')[1].split("</section>")[0]
    assert "请将照片" not in html and "未留存持证人照片" in html
    assert client.get(f"/verify/{cred.number}/?format=json").json()["photo_url"] is None


@pytest.mark.parametrize(
    "status", [CredentialStatus.SUSPENDED, CredentialStatus.REVOKED, CredentialStatus.EXPIRED]
)
def test_photo_is_public_only_while_the_credential_is_valid(client, org, status):
    org.aux_a.photo = _photo_file()
    org.aux_a.save()
    cred = credential(org.aux_a)
    Credential.objects.filter(pk=cred.pk).update(status=status)
    html = client.get(f"/verify/{cred.number}/").content.decode()
    assert "photo.jpg" not in html and "证件无效，不显示照片" in html
    assert "请将照片" not in html
    assert client.get(f"/verify/{cred.number}/photo.jpg").status_code == 404
    assert client.get(f"/verify/{cred.number}/?format=json").json()["photo_url"] is None


def test_photo_of_an_active_card_past_its_date_is_not_served(client, org):
    org.aux_a.photo = _photo_file()
    org.aux_a.save()
    cred = credential(org.aux_a, valid_until=timezone.localdate() + datetime.timedelta(days=1))
    Credential.objects.filter(pk=cred.pk).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert client.get(f"/verify/{cred.number}/photo.jpg").status_code == 404
