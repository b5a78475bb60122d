"""Hostile roster uploads (huge sheets, zip bombs) get a clear answer at once; nothing imported."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from lms import roster_import, uploads
from lms.models import Auxiliary, RosterImport
from lms.roster_import import TEMPLATE_HEADERS
from tests.lms.test_roster_import import csv_bytes, row

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
</Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Target="xl/workbook.xml"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>
</Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Target="worksheets/sheet1.xml"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>
</Relationships>"""


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def raw_xlsx(rows: int, *, header: list[str] | None = None, numbered: bool = True) -> bytes:
    """A workbook written as a raw zip: an optional header row, then ``rows`` one-cell rows."""
    parts = ['<?xml version="1.0" encoding="UTF-8"?>'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             "<sheetData>"]  # fmt: skip
    first = 1
    if header:
        letters = [chr(ord("A") + i) for i in range(len(header))]
        cells = "".join(_cell(f"{c}1", h) for c, h in zip(letters, header, strict=True))
        parts.append(f'<row r="1">{cells}</row>')
        first = 2
    if numbered:
        parts.extend(
            f'<row r="{n}"><c r="A{n}"><v>1</v></c></row>' for n in range(first, first + rows)
        )
    else:  # rows without references compress about 350 times
        parts.append("<row><c><v>1</v></c></row>" * rows)
    parts.append("</sheetData></worksheet>")
    buffer = io.BytesIO()
    # Numbered rows compress poorly whatever the level: the fastest one keeps the test quick.
    level = 1 if numbered else 9
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", "".join(parts))
    return buffer.getvalue()


def zip_bomb(megabytes: int = 80) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(megabytes):
                member.write(chunk)
    return buffer.getvalue()


def upload(client, org, data, name):
    client.force_login(org.admin_a)
    return client.post(
        "/people/import/",
        {"agency": org.county_a.pk, "file": SimpleUploadedFile(name, data)},
    )


@pytest.fixture(scope="module")
def million_rows() -> bytes:
    """A million numbered rows: it expands only 10 times, so the row count must stop it."""
    return raw_xlsx(1_000_000, header=TEMPLATE_HEADERS)


def test_a_million_row_workbook_is_refused_with_a_clear_message(client, org, million_rows):
    response = upload(client, org, million_rows, "roster.xlsx")
    assert response.status_code == 200
    assert "每个文件最多 50000 行" in response.content.decode()
    assert not RosterImport.objects.exists()
    assert not Auxiliary.objects.filter(name="1").exists()


def test_a_tiny_workbook_of_a_million_rows_is_refused_by_its_expansion(client, org):
    data = raw_xlsx(1_000_000, header=TEMPLATE_HEADERS, numbered=False)
    assert len(data) < 400_000  # small on the wire: the danger is in the unpacking
    html = upload(client, org, data, "roster.xlsx").content.decode()
    assert "解压后膨胀" in html and "未读取其中任何内容" in html
    assert not RosterImport.objects.exists()


def test_a_zip_bomb_is_refused_before_parsing(client, org):
    bomb = zip_bomb()
    assert len(bomb) < 200_000
    response = upload(client, org, bomb, "roster.xlsx")
    assert "压缩炸弹" in response.content.decode()
    assert not RosterImport.objects.exists()


def test_the_same_bounds_hold_for_the_management_command(org, tmp_path, million_rows):
    path = tmp_path / "roster.xlsx"
    path.write_bytes(million_rows)
    with pytest.raises(CommandError, match="最多 50000 行"):
        call_command("import_roster", str(path), agency=org.county_a.code)
    assert Auxiliary.objects.filter(agency=org.county_a).count() == 1  # the fixture's own


def test_a_zip_sent_under_a_csv_name_is_checked_too(client, org):
    response = upload(client, org, zip_bomb(), "roster.csv")
    assert "压缩炸弹" in response.content.decode()


def test_reading_stops_at_the_first_row_past_the_limit(client, org, monkeypatch):
    monkeypatch.setattr(roster_import, "MAX_ROWS", 10)
    response = upload(client, org, raw_xlsx(11, header=TEMPLATE_HEADERS), "roster.xlsx")
    assert "每个文件最多 10 行" in response.content.decode()
    assert not RosterImport.objects.exists()
    # Exactly at the limit is read (and each row is then checked on its own).
    upload(client, org, raw_xlsx(10, header=TEMPLATE_HEADERS), "roster.xlsx")
    assert RosterImport.objects.get().row_count == 10


def test_csv_rows_past_the_limit_are_refused(client, org, monkeypatch):
    monkeypatch.setattr(roster_import, "MAX_ROWS", 2)
    response = upload(client, org, csv_bytes([row(1), row(2), row(3)]), "roster.csv")
    assert "每个文件最多 2 行" in response.content.decode()


def test_a_sheet_without_the_columns_is_refused_on_its_header(org):
    # One message naming the columns, not one error for each of the rows below.
    with pytest.raises(roster_import.RosterFileError, match="缺少列：姓名、身份证号"):
        roster_import.read_rows(raw_xlsx(5_000), "roster.xlsx")


def test_a_truncated_workbook_is_refused_clearly(client, org):
    data = raw_xlsx(10, header=TEMPLATE_HEADERS)
    response = upload(client, org, data[: len(data) // 2], "roster.xlsx")
    assert "文件已损坏" in response.content.decode()


def test_real_workbooks_pass_the_archive_check():
    from lms.roster_template import roster_template_xlsx

    uploads.upload_check(roster_template_xlsx(), "roster-template.xlsx")
    uploads.upload_check(raw_xlsx(2000, header=TEMPLATE_HEADERS), "roster.xlsx")


def test_oversized_uploads_are_refused_by_size(settings):
    settings.IMPORT_MAX_BYTES = 1024
    with pytest.raises(uploads.UploadRejected, match="MB"):
        uploads.upload_check(b"x" * 2048, "roster.csv")
