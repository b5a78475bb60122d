"""ID numbers appear masked in every place an ID appears: pages, admin lists, exports."""

import io

from openpyxl import load_workbook

from lms.roster_import import read_rows
from tests.factories import AuxiliaryFactory


def test_roster_list_detail_and_admin_show_masked_ids_only(client, org, admin_user):
    aux = AuxiliaryFactory(agency=org.county_a, name="王掩码")
    full, masked = aux.id_number, aux.masked_id_number
    assert masked[:4] == full[:4] and masked[-4:] == full[-4:] and "*" * 10 in masked
    client.force_login(org.admin_a)
    for url in ("/people/", f"/people/{aux.pk}/", f"/people/?q={full}"):
        html = client.get(url).content.decode()
        assert masked in html, url
        assert full not in html, url
    client.force_login(admin_user)
    for url in ("/django-admin/lms/auxiliary/", f"/django-admin/lms/auxiliary/{aux.pk}/change/"):
        html = client.get(url).content.decode()
        assert full not in html, url
    assert masked in client.get("/django-admin/lms/auxiliary/").content.decode()


def test_search_by_full_id_number_finds_the_person_without_showing_the_number(client, org):
    aux = AuxiliaryFactory(agency=org.county_a, name="李查找")
    client.force_login(org.admin_a)
    html = client.get(f"/people/?q={aux.id_number}").content.decode()
    assert "李查找" in html and aux.id_number not in html


def test_edit_form_does_not_reveal_the_full_number(client, org):
    aux = AuxiliaryFactory(agency=org.county_a)
    client.force_login(org.admin_a)
    html = client.get(f"/people/{aux.pk}/edit/").content.decode()
    assert aux.id_number not in html


def test_roster_template_holds_no_ones_data_but_its_example(client, org):
    AuxiliaryFactory(agency=org.county_a)
    client.force_login(org.admin_a)
    data = client.get("/people/import/template.xlsx").content
    sheet = load_workbook(io.BytesIO(data)).active
    assert [c.value for c in sheet[1]][:4] == ["姓名", "性别", "出生日期", "身份证号"]
    # One example row, marked as such, and nobody from the roster.
    assert sheet.max_row == 2 and sheet.cell(2, 1).value.startswith("示例")
    # The template round-trips through the importer: headers are recognised, the example
    # row is skipped, so nothing would be imported.
    assert read_rows(data, "template.xlsx") == []
