"""Tests for credentials.cards — the 行政执法辅助人员工作证 renderer (pure Pillow, no DB)."""

from __future__ import annotations

import datetime
import io
import zipfile
from dataclasses import replace

import pytest
import segno
import zxingcpp
from PIL import Image, ImageChops, ImageDraw, ImageFont

from credentials import cards
from credentials.cards import (
    BAND_HEIGHT,
    CARD_SIZE_PX,
    NAME_BOX,
    PHOTO_BOX,
    QR_BOX,
    CardData,
    CardDesign,
    card_png,
    cohort_zip,
    font_path,
    qr_image,
    render_back,
    render_front,
)

URL = "https://lms.example.gov.cn/v/SZCG-2026-000123-K"


def _photo(color=(200, 30, 30), size=(300, 500), fmt="JPEG") -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, fmt)
    return buf.getvalue()


def make_card(**overrides) -> CardData:
    base = {
        "name": "张晓明",
        "agency_name": "深圳市城市管理和综合执法局福田区分局",
        "number": "SZCG-2026-000123-K",
        "post": "窗口服务辅助岗",
        "duties": ["宣传法律法规", "信息采集录入"],
        "valid_until": datetime.date(2027, 6, 30),
        "verify_url": URL,
        "photo": None,
    }
    base.update(overrides)
    return CardData(**base)


DESIGN = CardDesign()


def _differs(a: Image.Image, b: Image.Image) -> bool:
    return ImageChops.difference(a.convert("RGB"), b.convert("RGB")).getbbox() is not None


# ---------------------------------------------------------------- size / dpi


@pytest.mark.parametrize("side", ["front", "back"])
def test_png_size_and_dpi(side):
    png = card_png(make_card(), DESIGN, side=side)
    img = Image.open(io.BytesIO(png))
    assert img.format == "PNG"
    assert img.size == CARD_SIZE_PX == (1011, 638)
    assert tuple(round(v) for v in img.info["dpi"]) == (300, 300)


def test_render_functions_return_card_sized_images():
    assert render_front(make_card(), DESIGN).size == (1011, 638)
    assert render_back(make_card(), DESIGN).size == (1011, 638)


def test_card_png_rejects_unknown_side():
    with pytest.raises(ValueError):
        card_png(make_card(), DESIGN, side="left")


# ---------------------------------------------------------------- font


def _glyph(font: ImageFont.FreeTypeFont, ch: str) -> Image.Image:
    img = Image.new("L", (80, 80), 0)
    ImageDraw.Draw(img).text((8, 8), ch, font=font, fill=255)
    return img


def test_font_renders_real_cjk_glyphs_not_tofu():
    path = font_path()
    assert path.is_file()
    font = ImageFont.truetype(str(path), 48)
    xing, zheng, tofu = (_glyph(font, c) for c in ("行", "政", "\U000f0000"))
    assert xing.getbbox() is not None and zheng.getbbox() is not None  # non-empty
    assert _differs(xing, zheng)
    assert _differs(xing, tofu) and _differs(zheng, tofu)


def test_shipped_font_is_preferred():
    assert font_path() == cards._SHIPPED_FONT
    assert font_path().name == "wqy-microhei.ttc"


def test_missing_font_raises_clear_error(monkeypatch, tmp_path):
    monkeypatch.setattr(cards, "_FONT_CANDIDATES", ((tmp_path / "nope.ttc", 0),))
    with pytest.raises(cards.FontNotFoundError, match="CJK font"):
        font_path()


# ---------------------------------------------------------------- QR


def test_qr_on_card_decodes_to_verify_url():
    url = "https://lms.example.gov.cn/verify/SZCG-2026-000123-K?t=9f8e7d6c5b4a"
    img = render_front(make_card(verify_url=url), DESIGN)
    results = zxingcpp.read_barcodes(img)
    assert [r.text for r in results] == [url]


def test_qr_image_size_and_quiet_zone():
    size = 232
    img = qr_image(URL, size)
    assert img.size == (size, size)
    results = zxingcpp.read_barcodes(img)
    assert [r.text for r in results] == [URL]
    assert results[0].ec_level == "M"
    modules = segno.make(URL, error="m", boost_error=False).symbol_size(scale=1, border=0)[0]
    scale = size // (modules + 8)
    left, top, right, bottom = ImageChops.invert(img.convert("L")).getbbox()
    quiet = 4 * scale  # 4-module quiet zone kept on every side
    assert min(left, top) >= quiet and max(size - right, size - bottom) >= quiet


def test_qr_on_card_is_large_enough_to_scan_when_printed():
    assert QR_BOX[2] - QR_BOX[0] >= 200 and QR_BOX[3] - QR_BOX[1] >= 200
    # still decodes after a 2× downscale (a rough stand-in for a phone camera)
    img = render_front(make_card(), DESIGN)
    small = img.resize((img.width // 2, img.height // 2), Image.Resampling.BILINEAR)
    assert [r.text for r in zxingcpp.read_barcodes(small)] == [URL]


# ---------------------------------------------------------------- design is followed


def _band_pixel(img: Image.Image) -> tuple[int, int, int]:
    return img.getpixel((img.width - 10, 10))


@pytest.mark.parametrize("render", [render_front, render_back])
def test_band_uses_design_colour(render):
    teal = render(make_card(), DESIGN)
    assert _band_pixel(teal) == (0x0F, 0x76, 0x6E)
    purple = render(make_card(), replace(DESIGN, band_color="#5B21B6"))
    assert _band_pixel(purple) == (0x5B, 0x21, 0xB6)


def test_band_spans_full_width():
    img = render_front(make_card(), DESIGN)
    assert img.getpixel((1, BAND_HEIGHT - 3)) == (0x0F, 0x76, 0x6E)
    assert img.getpixel((img.width - 2, BAND_HEIGHT - 3)) == (0x0F, 0x76, 0x6E)


def test_title_follows_design():
    band = (0, 0, CARD_SIZE_PX[0], BAND_HEIGHT)
    a = render_front(make_card(), DESIGN)
    b = render_front(make_card(), replace(DESIGN, title="××省行政执法辅助人员证"))
    assert _differs(a.crop(band), b.crop(band))
    # …and only the band changed: the body is identical
    body = (0, BAND_HEIGHT + 10, CARD_SIZE_PX[0], CARD_SIZE_PX[1])
    assert not _differs(a.crop(body), b.crop(body))


def test_issuer_follows_design():
    band = (0, 0, CARD_SIZE_PX[0], BAND_HEIGHT)
    a = render_front(make_card(), DESIGN)
    b = render_front(make_card(), replace(DESIGN, issuer_name="××省司法厅"))
    assert _differs(a.crop(band), b.crop(band))


def test_logo_is_drawn_when_given():
    buf = io.BytesIO()
    Image.new("RGB", (64, 64), (255, 0, 255)).save(buf, "PNG")
    img = render_front(make_card(), replace(DESIGN, logo_png=buf.getvalue()))
    band = img.crop((0, 0, 200, BAND_HEIGHT))
    assert (255, 0, 255) in {c for _, c in band.getcolors(1 << 16)}


def test_invalid_design_colour_rejected():
    with pytest.raises(ValueError):
        CardDesign(band_color="teal")


def test_statement_strip_uses_accent_colour_and_has_text():
    img = render_front(make_card(), DESIGN)
    strip = img.crop((0, cards.FOOTER_TOP, img.width, img.height))
    colors = {c for _, c in strip.getcolors(1 << 16)}
    assert (0xF5, 0x9E, 0x0B) in colors
    assert (0x11, 0x18, 0x27) in colors  # dark statement text drawn on it


# ---------------------------------------------------------------- content


def test_name_is_drawn():
    a = render_front(make_card(name="张晓明"), DESIGN)
    b = render_front(make_card(name="李四"), DESIGN)
    assert _differs(a.crop(NAME_BOX), b.crop(NAME_BOX))
    assert not _differs(a.crop((0, 0, a.width, BAND_HEIGHT)), b.crop((0, 0, b.width, BAND_HEIGHT)))


def test_other_fields_are_drawn():
    base = render_front(make_card(), DESIGN)
    for change in (
        {"agency_name": "广州市交通运输局"},
        {"number": "GZJT-2026-000999-Z"},
        {"post": "交通秩序辅助岗"},
        {"duties": ["劝阻违法行为"]},
        {"valid_until": datetime.date(2028, 1, 1)},
    ):
        assert _differs(base, render_front(make_card(**change), DESIGN)), change


def test_many_duties_and_long_texts_do_not_crash():
    card = make_card(
        name="买买提·艾力江·阿卜杜热合曼",
        agency_name="××省××市××县综合行政执法局（县城市管理和综合执法大队）第三中队" * 2,
        post="市容秩序巡查及违法线索发现辅助岗位（夜间）" * 2,
        duties=[f"辅助职责第{i}项内容" for i in range(30)],
    )
    assert render_front(card, DESIGN).size == CARD_SIZE_PX
    assert render_back(card, DESIGN).size == CARD_SIZE_PX


def test_wrap_text_respects_width_and_punctuation():
    font = ImageFont.truetype(str(font_path()), 25)
    text = "本证仅限持证人在行政执法机关及其执法人员的指挥和监督下从事辅助性工作时使用；持证人不具有独立的执法资格。"
    lines = cards.wrap_text(text, font, 300)
    assert len(lines) > 1
    assert "".join(lines) == text
    assert all(font.getlength(line) <= 300 for line in lines)
    assert not any(line[0] in "，。；、）" for line in lines)


def test_fit_lines_truncates_with_ellipsis():
    font = ImageFont.truetype(str(font_path()), 25)
    lines = cards.fit_lines("宣传法律法规、" * 20, font, 300, 2)
    assert len(lines) == 2
    assert lines[-1].endswith("…")
    assert all(font.getlength(line) <= 300 for line in lines)


def test_duties_truncate_at_whole_labels():
    font = ImageFont.truetype(str(font_path()), 25)
    lines = cards._fit_duties([f"职责{i:02d}" for i in range(40)], font, 300, 2)
    assert len(lines) == 2 and lines[-1].endswith("…")
    assert "".join(lines).rstrip("…").endswith(tuple(f"职责{i:02d}" for i in range(40)))


def test_date_format():
    assert cards._format_date(datetime.date(2027, 6, 3)) == "2027年6月3日"


# ---------------------------------------------------------------- photo


def test_photo_is_used_and_cover_cropped():
    img = render_front(make_card(photo=_photo((200, 30, 30), size=(900, 300))), DESIGN)
    x0, y0, x1, y1 = PHOTO_BOX
    assert (x1 - x0) * 4 == (y1 - y0) * 3  # 3:4 box
    # a wide photo is cropped, not letterboxed: the whole box is the photo colour
    for xy in ((x0 + 2, y0 + 2), (x1 - 3, y1 - 3), ((x0 + x1) // 2, (y0 + y1) // 2)):
        r, g, b = img.getpixel(xy)
        assert r > 180 and g < 60 and b < 60, xy


def test_corrupt_photo_falls_back_to_placeholder():
    placeholder = render_front(make_card(photo=None), DESIGN)
    for bad in (b"not an image", _photo()[:40], b"\x89PNG\r\n\x1a\n" + b"\0" * 50):
        img = render_front(make_card(photo=bad), DESIGN)
        assert not _differs(img.crop(PHOTO_BOX), placeholder.crop(PHOTO_BOX))
    real = render_front(make_card(photo=_photo()), DESIGN)
    assert _differs(real.crop(PHOTO_BOX), placeholder.crop(PHOTO_BOX))


def test_transparent_png_photo():
    buf = io.BytesIO()
    Image.new("RGBA", (300, 400), (0, 0, 0, 0)).save(buf, "PNG")
    img = render_front(make_card(photo=buf.getvalue()), DESIGN)
    cx = (PHOTO_BOX[0] + PHOTO_BOX[2]) // 2
    assert img.getpixel((cx, PHOTO_BOX[1] + 10)) == (255, 255, 255)


# ---------------------------------------------------------------- cohort outputs


def test_cohort_zip_entries():
    batch = [make_card(number=f"SZCG-2026-{i:06d}-K") for i in range(3)]
    data = cohort_zip(iter(batch), DESIGN)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
        assert len(names) == 2 * len(batch)
        assert sorted(names) == sorted(
            f"SZCG-2026-{i:06d}-K-{side}.png" for i in range(3) for side in ("front", "back")
        )
        img = Image.open(io.BytesIO(zf.read("SZCG-2026-000001-K-back.png")))
        assert img.size == CARD_SIZE_PX


def test_cohort_zip_sanitises_names_and_rejects_duplicates():
    data = cohort_zip([make_card(number="../A/B 1")], DESIGN)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert all("/" not in n and not n.startswith(".") for n in zf.namelist())
    with pytest.raises(ValueError):
        cohort_zip([make_card(number="X-1"), make_card(number="X-1")], DESIGN)
