"""Rendering of 行政执法辅助人员工作证 (work credentials for law-enforcement auxiliaries).

Pure rendering: no Django models, no database, no network. Everything works on the two
frozen dataclasses below and returns Pillow images or bytes.

Legal constraints the design encodes (see ``lms/data/measures-zh.txt``):

* Art. 3 — 辅助人员不具有独立的执法资格: the front always carries the statement
  「持证人不具有独立执法资格」 in a high-visibility strip, and the back repeats it.
* Art. 20 para 2 — one province-wide design set by the provincial legal-affairs office:
  the layout is fixed here; only the :class:`CardDesign` knobs (colours, title, issuer,
  logo, back text) are configurable, and the issuer is printed as the design authority.
* Art. 22 — clearly distinct from an officer's 行政执法证: the words 「行政执法辅助人员」
  are the largest text on the card and the default colour band is teal/amber, not the
  red/blue used on officers' certificates.

Cards are CR80 (85.6 × 54 mm) at 300 dpi = 1011 × 638 px.
"""

from __future__ import annotations

import datetime
import io
import logging
import math
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import segno
from PIL import Image, ImageColor, ImageDraw, ImageFont, ImageOps

from credentials.exceptions import FontNotFoundError

logger = logging.getLogger(__name__)

__all__ = [
    "CARD_SIZE_PX",
    "DPI",
    "CardData",
    "CardDesign",
    "card_png",
    "cohort_zip",
    "fit_lines",
    "font_path",
    "qr_image",
    "render_back",
    "render_front",
    "wrap_text",
]

# --------------------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------------------

DEFAULT_BACK_TEXT = (
    "本证仅限持证人在行政执法机关及其执法人员的指挥和监督下从事辅助性工作时使用；"
    "持证人不具有独立的执法资格。"
    "离职时应交回本证（第二十三条）。"
    "拾到请交当地行政执法机关。"
)

#: The role words that must be the most prominent text on the front (Art. 22).
ROLE_WORDS = "行政执法辅助人员"
#: The Art. 3 statement shown on every card.
STATEMENT = "持证人不具有独立执法资格"


@dataclass(frozen=True)
class CardDesign:
    """The province-wide card design (Art. 20 para 2). Colours are ``#RRGGBB`` hex."""

    issuer_name: str = "××省人民政府法制机构"  # shown on the card as the design authority
    title: str = "行政执法辅助人员工作证"
    # Teal band: deliberately NOT the red/blue of an officer's 执法证 (Art. 22).
    band_color: str = "#0F766E"
    accent_color: str = "#F59E0B"
    text_color: str = "#111827"
    logo_png: bytes | None = None
    back_text: str = DEFAULT_BACK_TEXT

    def __post_init__(self) -> None:
        for name in ("band_color", "accent_color", "text_color"):
            value = getattr(self, name)
            if not re.fullmatch(r"#[0-9A-Fa-f]{6}", value or ""):
                raise ValueError(f"CardDesign.{name} must be a #RRGGBB hex colour, got {value!r}")


@dataclass(frozen=True)
class CardData:
    """One holder's card content."""

    name: str
    agency_name: str
    number: str  # e.g. "SZCG-2026-000123-K"
    post: str  # e.g. "窗口服务辅助岗"
    duties: list[str] = field(hash=False)  # short duty labels
    valid_until: datetime.date
    verify_url: str
    photo: bytes | None = None  # any image bytes Pillow opens; None → silhouette placeholder


# --------------------------------------------------------------------------------------
# Geometry (pixels at 300 dpi). Public so tests and previews can address regions.
# --------------------------------------------------------------------------------------

DPI = 300
CARD_SIZE_PX = (1011, 638)  # CR80 85.6 × 54 mm at 300 dpi
CARD_W, CARD_H = CARD_SIZE_PX
MARGIN = 40  # ≈ 3.4 mm safe area

BAND_HEIGHT = 112  # full-width colour band (band_color) with title + issuer
RULE_HEIGHT = 6  # accent rule under the band
FOOTER_TOP = 566  # Art. 3 statement strip (accent_color) runs to the bottom edge

PHOTO_BOX = (MARGIN, 150, MARGIN + 192, 150 + 256)  # 3:4
NAME_BOX = (MARGIN - 10, 418, MARGIN + 192 + 10, 490)  # name, centred under the photo
QR_SIZE = 232
QR_BOX = (CARD_W - MARGIN - QR_SIZE + 8, 136, CARD_W - MARGIN + 8, 136 + QR_SIZE)
INFO_X = PHOTO_BOX[2] + 34  # left edge of the text column
INFO_RIGHT = QR_BOX[0] - 22  # right edge of the text column

# --------------------------------------------------------------------------------------
# Fonts
# --------------------------------------------------------------------------------------

_SHIPPED_FONT = Path(__file__).resolve().parent / "fonts" / "wqy-microhei.ttc"
# (path, face index) — shipped font first, then common system CJK fonts.
_FONT_CANDIDATES: tuple[tuple[Path, int], ...] = (
    (_SHIPPED_FONT, 0),
    (Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"), 0),
    (Path("/usr/share/fonts/wqy-microhei/wqy-microhei.ttc"), 0),
    (Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"), 2),  # SC face
    (Path("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc"), 2),
    (Path("/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc"), 2),
    (Path("/usr/share/fonts/opentype/source-han-sans/SourceHanSansSC-Regular.otf"), 0),
    (Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"), 0),
    (Path("/System/Library/Fonts/PingFang.ttc"), 0),
    (Path("/System/Library/Fonts/STHeiti Medium.ttc"), 0),
    (Path("C:/Windows/Fonts/msyh.ttc"), 0),
    (Path("C:/Windows/Fonts/simhei.ttf"), 0),
)


def _font_candidate() -> tuple[Path, int]:
    for path, index in _FONT_CANDIDATES:
        if path.is_file():
            return path, index
    tried = "\n  ".join(str(p) for p, _ in _FONT_CANDIDATES)
    raise FontNotFoundError(
        "No CJK font found for rendering 工作证 cards. Restore credentials/fonts/wqy-microhei.ttc "
        "or install a CJK font (e.g. `apt-get install fonts-wqy-microhei`). Tried:\n  " + tried
    )


def font_path() -> Path:
    """Path of the CJK font used for cards: the shipped one first, then system fonts."""
    return _font_candidate()[0]


@lru_cache(maxsize=64)
def _font_at(path: str, index: int, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size, index=index)


def _font(size: int) -> ImageFont.FreeTypeFont:
    path, index = _font_candidate()
    return _font_at(str(path), index, int(size))


def _stroke(size: int, bold: bool) -> int:
    """Faux-bold stroke width (the shipped font has a single weight)."""
    return max(1, round(size / 30)) if bold else 0


# --------------------------------------------------------------------------------------
# Text layout (CJK-aware wrapping by measured width)
# --------------------------------------------------------------------------------------

# Characters that must not start a line / end a line (simplified 禁则).
_NO_LINE_START = set("，。、；：？！）》」』】〕〉”’…·,.;:?!)]}%")
_NO_LINE_END = set("（《「『【〔〈“‘([{")
_TOKEN_RE = re.compile(r"[A-Za-z0-9_\-./:@#%+=&?~]+|\s+|.", re.DOTALL)
ELLIPSIS = "…"


def _width(text: str, font: ImageFont.FreeTypeFont, stroke: int = 0) -> float:
    return font.getlength(text) + (2 * stroke if text else 0)


def wrap_text(
    text: str, font: ImageFont.FreeTypeFont, max_width: float, *, stroke: int = 0
) -> list[str]:
    """Wrap ``text`` to lines no wider than ``max_width`` (measured with ``font.getlength``).

    Breaks between any two CJK characters, keeps runs of Latin letters/digits (numbers,
    URLs) together unless a run alone is too wide, honours explicit newlines, and applies
    simple 禁则: closing punctuation never starts a line, opening brackets never end one.
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph, font, max_width, stroke))
    return lines


def _wrap_paragraph(
    text: str, font: ImageFont.FreeTypeFont, max_width: float, stroke: int
) -> list[str]:
    tokens: list[str] = []
    for tok in _TOKEN_RE.findall(text):
        if len(tok) > 1 and not tok.isspace() and _width(tok, font, stroke) > max_width:
            tokens.extend(tok)  # an over-long Latin run: break anywhere
        else:
            tokens.append(tok)

    lines: list[str] = []
    line = ""
    for tok in tokens:
        if _width(line + tok, font, stroke) <= max_width or not line.strip():
            line = line + tok if (line or not tok.isspace()) else line
            continue
        if tok.isspace():
            lines.append(line.rstrip())
            line = ""
            continue
        carry = ""
        if tok[0] in _NO_LINE_START and len(line) > 1:
            # pull the previous character down so the punctuation does not start a line
            carry, line = line[-1], line[:-1]
        while len(line) > 1 and line[-1] in _NO_LINE_END:
            carry, line = line[-1] + carry, line[:-1]
        lines.append(line.rstrip())
        line = carry + tok
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def _truncate(text: str, font: ImageFont.FreeTypeFont, max_width: float, stroke: int = 0) -> str:
    """Cut ``text`` so that ``text + '…'`` fits; returns the text with the ellipsis."""
    text = text.rstrip()
    while text and _width(text + ELLIPSIS, font, stroke) > max_width:
        text = text[:-1].rstrip()
    while text and text[-1] in "，、；：。,;:":
        text = text[:-1]
    return text + ELLIPSIS


def fit_lines(
    text: str,
    font: ImageFont.FreeTypeFont,
    max_width: float,
    max_lines: int,
    *,
    stroke: int = 0,
) -> list[str]:
    """Wrap to at most ``max_lines`` lines, ending with ``…`` if anything was cut."""
    lines = wrap_text(text, font, max_width, stroke=stroke)
    if len(lines) <= max_lines:
        return lines
    kept = lines[:max_lines]
    kept[-1] = _truncate(kept[-1], font, max_width, stroke)
    return kept


def _fit_duties(
    duties: Sequence[str], font: ImageFont.FreeTypeFont, max_width: float, max_lines: int
) -> list[str]:
    labels = [d.strip() for d in duties if d and d.strip()]
    if not labels:
        return ["—"]
    sep = "、"
    for n in range(len(labels), 0, -1):
        text = sep.join(labels[:n]) + ("" if n == len(labels) else ELLIPSIS)
        lines = wrap_text(text, font, max_width)
        if len(lines) <= max_lines:
            return lines
    return fit_lines(sep.join(labels), font, max_width, max_lines)


def _wrap_name(name: str, font: ImageFont.FreeTypeFont, max_width: float, stroke: int) -> list[str]:
    """Wrap a personal name, preferring breaks after the middle dot of transliterated names."""
    segments = re.findall(r"[^·・•]+[·・•]?", name)
    lines: list[str] = []
    line = ""
    for seg in segments:
        if _width(seg, font, stroke) > max_width:
            return wrap_text(name, font, max_width, stroke=stroke)
        if line and _width(line + seg, font, stroke) > max_width:
            lines.append(line)
            line = ""
        line += seg
    lines.append(line)
    return lines


def _fit_size(
    text: str, max_width: float, max_size: int, min_size: int, *, bold: bool = False
) -> int:
    size = max_size
    while size > min_size and _width(text, _font(size), _stroke(size, bold)) > max_width:
        size -= 1
    return size


def _draw_text(
    draw: ImageDraw.ImageDraw,
    xy: tuple[float, float],
    text: str,
    size: int,
    fill,
    *,
    bold: bool = False,
    anchor: str = "la",
) -> None:
    stroke = _stroke(size, bold)
    draw.text(
        xy,
        text,
        font=_font(size),
        fill=fill,
        anchor=anchor,
        stroke_width=stroke,
        stroke_fill=fill if stroke else None,
    )


# --------------------------------------------------------------------------------------
# Colour helpers
# --------------------------------------------------------------------------------------

RGB = tuple[int, int, int]


def _rgb(hex_color: str) -> RGB:
    return ImageColor.getrgb(hex_color)[:3]


def _mix(a: RGB, b: RGB, t: float) -> RGB:
    """Blend a → b by t (0 = a, 1 = b)."""
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _luminance(c: RGB) -> float:
    def lin(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (lin(v) for v in c)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: RGB, b: RGB) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _on(bg: RGB, dark: RGB) -> RGB:
    """Legible text colour on ``bg``: white, or the design's dark text colour."""
    white = (255, 255, 255)
    return white if _contrast(bg, white) >= _contrast(bg, dark) else dark


WHITE: RGB = (255, 255, 255)
MUTED: RGB = (75, 85, 99)  # labels


class _Palette:
    def __init__(self, design: CardDesign) -> None:
        self.band = _rgb(design.band_color)
        self.accent = _rgb(design.accent_color)
        self.text = _rgb(design.text_color)
        self.on_band = _on(self.band, self.text)
        self.on_accent = _on(self.accent, self.text)
        self.paper = _mix(WHITE, self.band, 0.045)
        self.hairline = _mix(self.paper, self.band, 0.25)
        # Role words in the band colour when it is legible on paper, else in text colour.
        self.role = self.band if _contrast(self.band, self.paper) >= 4.5 else self.text
        self.label = MUTED if _contrast(MUTED, self.paper) >= 4.5 else self.text


# --------------------------------------------------------------------------------------
# Images: QR, photo, logo
# --------------------------------------------------------------------------------------

QR_BORDER_MODULES = 4


def qr_image(url: str, size_px: int) -> Image.Image:
    """QR code for ``url`` (error correction M) as a ``size_px`` square RGB image.

    Modules are drawn at an integer scale (crisp edges, no resampling); the mandatory
    4-module quiet zone is always kept and any leftover pixels are added as extra white.
    """
    if not url:
        raise ValueError("qr_image: empty URL")
    qr = segno.make(url, error="m", micro=False, boost_error=False)
    modules = qr.symbol_size(scale=1, border=QR_BORDER_MODULES)[0]
    scale = size_px // modules
    if scale < 1:
        raise ValueError(
            f"qr_image: {size_px}px is too small for this URL ({modules} modules incl. quiet zone)"
        )
    buf = io.BytesIO()
    qr.save(buf, kind="png", scale=scale, border=QR_BORDER_MODULES, dark="#000", light="#fff")
    buf.seek(0)
    code = Image.open(buf).convert("RGB")
    out = Image.new("RGB", (size_px, size_px), WHITE)
    offset = (size_px - code.width) // 2
    out.paste(code, (offset, offset))
    return out


def _placeholder_photo(size: tuple[int, int]) -> Image.Image:
    """Neutral head-and-shoulders silhouette (drawn at 3× and downsampled for smooth edges)."""
    w, h = size
    k = 3
    img = Image.new("RGB", (w * k, h * k), (229, 231, 235))
    d = ImageDraw.Draw(img)
    fg = (156, 163, 175)
    W, H = w * k, h * k
    cx = W / 2
    r = W * 0.2
    cy = H * 0.40
    d.ellipse((cx - r, cy - r * 1.12, cx + r, cy + r * 1.12), fill=fg)
    d.ellipse((W * 0.12, H * 0.66, W * 0.88, H * 1.25), fill=fg)
    return img.resize(size, Image.Resampling.LANCZOS)


def _load_photo(photo: bytes | None, size: tuple[int, int]) -> Image.Image:
    """Cover-crop the photo to ``size`` (3:4); any unreadable input → placeholder."""
    if not photo:
        return _placeholder_photo(size)
    try:
        with Image.open(io.BytesIO(photo)) as src:
            src.draft("RGB", (size[0] * 2, size[1] * 2))  # cheap JPEG downscale
            img = ImageOps.exif_transpose(src)
            img.load()
        if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
            rgba = img.convert("RGBA")
            img = Image.new("RGB", rgba.size, WHITE)
            img.paste(rgba, mask=rgba.getchannel("A"))
        else:
            img = img.convert("RGB")
        # Faces sit in the upper part of ID photos: bias the crop upwards a little.
        return ImageOps.fit(img, size, Image.Resampling.LANCZOS, centering=(0.5, 0.4))
    except Exception as exc:
        logger.warning("cards: unreadable photo (%s), using placeholder", exc)
        return _placeholder_photo(size)


def _load_logo(logo: bytes | None, box: int) -> Image.Image | None:
    if not logo:
        return None
    try:
        with Image.open(io.BytesIO(logo)) as src:
            img = src.convert("RGBA")
        img.thumbnail((box, box), Image.Resampling.LANCZOS)
        return img
    except Exception as exc:
        logger.warning("cards: unreadable design logo (%s), skipping it", exc)
        return None


# --------------------------------------------------------------------------------------
# Card sides
# --------------------------------------------------------------------------------------


def _format_date(d: datetime.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _draw_band(
    img: Image.Image, design: CardDesign, pal: _Palette, height: int, *, title_max: int
) -> None:
    """Full-width colour band with optional logo, title and the issuer as design authority."""
    d = ImageDraw.Draw(img)
    d.rectangle((0, 0, CARD_W, height - 1), fill=pal.band)
    d.rectangle((0, height, CARD_W, height + RULE_HEIGHT - 1), fill=pal.accent)

    x = MARGIN
    logo = _load_logo(design.logo_png, height - 28)
    if logo is not None:
        img.paste(logo, (x, (height - logo.height) // 2), logo)
        x += logo.width + 18

    max_w = CARD_W - MARGIN - x
    issuer = f"{design.issuer_name}　统一式样"
    title_size = _fit_size(design.title, max_w, title_max, 22, bold=True)
    issuer_size = _fit_size(issuer, max_w, max(18, round(height * 0.19)), 14)
    title_h = title_size
    gap = round(height * 0.09)
    top = (height - (title_h + gap + issuer_size)) // 2
    _draw_text(d, (x, top), design.title, title_size, pal.on_band, bold=True, anchor="lt")
    issuer_fill = _mix(pal.band, pal.on_band, 0.85)
    _draw_text(d, (x, top + title_h + gap), issuer, issuer_size, issuer_fill, anchor="lt")


def _draw_statement_strip(img: Image.Image, pal: _Palette) -> None:
    """Art. 3 statement in a high-visibility accent strip along the bottom edge."""
    d = ImageDraw.Draw(img)
    top = FOOTER_TOP
    d.rectangle((0, top, CARD_W, CARD_H), fill=pal.accent)
    size = 34
    text_w = _width(STATEMENT, _font(size), _stroke(size, True))
    icon = 36
    gap = 14
    total = icon + gap + text_w
    x0 = (CARD_W - total) / 2
    cy = top + (CARD_H - top) / 2
    # "!" warning roundel
    d.ellipse((x0, cy - icon / 2, x0 + icon, cy + icon / 2), fill=pal.on_accent)
    _draw_text(d, (x0 + icon / 2, cy + 1), "!", 28, pal.accent, bold=True, anchor="mm")
    _draw_text(d, (x0 + icon + gap, cy), STATEMENT, size, pal.on_accent, bold=True, anchor="lm")


def render_front(data: CardData, design: CardDesign) -> Image.Image:
    pal = _Palette(design)
    img = Image.new("RGB", CARD_SIZE_PX, pal.paper)
    d = ImageDraw.Draw(img)

    _draw_band(img, design, pal, BAND_HEIGHT, title_max=40)
    _draw_statement_strip(img, pal)

    # Photo with a band-coloured frame.
    px0, py0, px1, py1 = PHOTO_BOX
    img.paste(_load_photo(data.photo, (px1 - px0, py1 - py0)), (px0, py0))
    d.rectangle((px0 - 4, py0 - 4, px1 + 3, py1 + 3), outline=pal.role, width=4)

    # Name under the photo: one line if possible, else two smaller lines; never silently
    # shrunk below legibility (truncated with … only as a last resort).
    nx0, ny0, nx1, _ = NAME_BOX
    name = " ".join(data.name.split()) or "—"
    box_w = nx1 - nx0
    name_size = _fit_size(name, box_w, 40, 26, bold=True)
    stroke = _stroke(name_size, True)
    if _width(name, _font(name_size), stroke) <= box_w:
        name_lines = [name]
    else:
        for name_size in range(26, 19, -1):
            stroke = _stroke(name_size, True)
            name_lines = _wrap_name(name, _font(name_size), box_w, stroke)
            if len(name_lines) <= 2:
                break
        if len(name_lines) > 2:
            name_lines = fit_lines(name, _font(name_size), box_w, 2, stroke=stroke)
    name_lh = round(name_size * 1.25)
    name_top = ny0 + 4 if len(name_lines) > 1 else ny0
    for i, line in enumerate(name_lines):
        _draw_text(
            d,
            ((nx0 + nx1) / 2, name_top + i * name_lh),
            line,
            name_size,
            pal.text,
            bold=True,
            anchor="mt",
        )

    # Role words: the largest text on the card (Art. 22).
    col_w = INFO_RIGHT - INFO_X
    role_size = _fit_size(ROLE_WORDS, col_w, 56, 40, bold=True)
    _draw_text(d, (INFO_X, 148), ROLE_WORDS, role_size, pal.role, bold=True, anchor="lt")
    rule_y = 148 + role_size + 14
    d.rectangle((INFO_X, rule_y, INFO_X + 64, rule_y + 4), fill=pal.accent)
    d.rectangle((INFO_X + 64, rule_y + 1, INFO_RIGHT, rule_y + 2), fill=pal.hairline)

    # Labelled fields.
    label_size, value_size, line_h = 22, 25, 35
    label_font, value_font = _font(label_size), _font(value_size)
    label_w = math.ceil(label_font.getlength("有效期至")) + 14
    value_x = INFO_X + label_w
    value_w = INFO_RIGHT - value_x
    rows: list[tuple[str, list[str], bool]] = [
        ("单　　位", fit_lines(data.agency_name.strip() or "—", value_font, value_w, 2), False),
        ("岗　　位", fit_lines(data.post.strip() or "—", value_font, value_w, 2), False),
        ("职　　责", _fit_duties(data.duties, value_font, value_w, 2), False),
        ("编　　号", fit_lines(data.number.strip() or "—", value_font, value_w, 1), True),
        ("有效期至", [_format_date(data.valid_until)], True),
    ]
    y = rule_y + 20
    for label, lines, strong in rows:
        _draw_text(d, (INFO_X, y + 2), label, label_size, pal.label, anchor="lt")
        for i, line in enumerate(lines):
            _draw_text(
                d, (value_x, y + i * line_h), line, value_size, pal.text, bold=strong, anchor="lt"
            )
        y += line_h * len(lines) + 9

    # QR code + caption.
    qx0, qy0, qx1, qy1 = QR_BOX
    img.paste(qr_image(data.verify_url, qx1 - qx0), (qx0, qy0))
    _draw_text(d, ((qx0 + qx1) / 2, qy1 + 8), "扫码核验", 26, pal.text, bold=True, anchor="mt")
    hint = "核验持证人身份与证件状态"
    hint_size = _fit_size(hint, qx1 - qx0 - 8, 17, 12)
    _draw_text(d, ((qx0 + qx1) / 2, qy1 + 44), hint, hint_size, pal.label, anchor="mt")

    return img


def _back_items(text: str) -> list[str]:
    """Explicit lines if given, else one item per sentence."""
    text = text.strip()
    if "\n" in text:
        return [p.strip() for p in text.splitlines() if p.strip()]
    parts = [p for p in re.split(r"(?<=[。！？!?])", text) if p.strip()]
    return parts or [text]


def render_back(data: CardData, design: CardDesign) -> Image.Image:
    pal = _Palette(design)
    img = Image.new("RGB", CARD_SIZE_PX, pal.paper)
    d = ImageDraw.Draw(img)

    band_h = 92
    _draw_band(img, design, pal, band_h, title_max=34)
    _draw_statement_strip(img, pal)

    y = band_h + RULE_HEIGHT + 22
    _draw_text(d, (MARGIN, y), "使用须知", 30, pal.role, bold=True, anchor="lt")
    y += 46

    # Numbered notices with hanging indent, at the largest size that fits the area.
    items = _back_items(design.back_text)
    numbered = len(items) > 1
    bottom_limit = 424
    for size in range(30, 17, -1):
        font = _font(size)
        line_h = round(size * 1.42)
        indent = math.ceil(font.getlength("0. ")) + 4 if numbered else 0
        text_w = CARD_W - 2 * MARGIN - indent
        wrapped = [wrap_text(item, font, text_w) for item in items]
        needed = sum(len(w) * line_h for w in wrapped) + (len(items) - 1) * (line_h // 4)
        if y + needed <= bottom_limit:
            break
    for i, (item, lines) in enumerate(zip(items, wrapped, strict=True), 1):
        room = max(0, (bottom_limit - y) // line_h)
        if room == 0:
            break
        if len(lines) > room:
            lines = fit_lines(item, font, text_w, room)
        if numbered:
            _draw_text(d, (MARGIN, y), f"{i}.", size, pal.role, bold=True, anchor="lt")
        for line in lines:
            _draw_text(d, (MARGIN + indent, y), line, size, pal.text, anchor="lt")
            y += line_h
        y += line_h // 4

    # Issuing agency (seal area) and card number.
    base = 436
    d.rectangle((MARGIN, base, CARD_W - MARGIN, base + 1), fill=pal.hairline)
    label_size, value_size = 21, 25
    left_w = CARD_W - 2 * MARGIN - 300
    _draw_text(d, (MARGIN, base + 16), "发证机关（盖章）", label_size, pal.label, anchor="lt")
    agency_lines = fit_lines(data.agency_name.strip() or "—", _font(value_size), left_w, 2)
    for i, line in enumerate(agency_lines):
        _draw_text(
            d, (MARGIN, base + 46 + i * 34), line, value_size, pal.text, bold=True, anchor="lt"
        )
    rx = CARD_W - MARGIN - 280
    _draw_text(d, (rx, base + 16), "证件编号", label_size, pal.label, anchor="lt")
    num_size = _fit_size(data.number, 280, value_size, 14, bold=True)
    _draw_text(d, (rx, base + 46), data.number, num_size, pal.text, bold=True, anchor="lt")
    _draw_text(
        d, (rx, base + 84), "有效期至 " + _format_date(data.valid_until), 21, pal.text, anchor="lt"
    )
    return img


# --------------------------------------------------------------------------------------
# Outputs
# --------------------------------------------------------------------------------------


def _png_bytes(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="PNG", dpi=(DPI, DPI))
    return buf.getvalue()


def card_png(data: CardData, design: CardDesign, *, side: str = "front") -> bytes:
    """One side of a card as PNG bytes (300 dpi metadata)."""
    if side == "front":
        return _png_bytes(render_front(data, design))
    if side == "back":
        return _png_bytes(render_back(data, design))
    raise ValueError(f"side must be 'front' or 'back', got {side!r}")


_UNSAFE_FILENAME = re.compile(r'[\\/:*?"<>|\x00-\x1f\s]+')


def _safe_stem(number: str) -> str:
    stem = _UNSAFE_FILENAME.sub("_", number.strip()).strip("._")
    if not stem:
        raise ValueError(f"card number {number!r} cannot be used as a file name")
    return stem


def cohort_zip(cards: Iterable[CardData], design: CardDesign) -> bytes:
    """ZIP with ``<number>-front.png`` and ``<number>-back.png`` for every card."""
    buf = io.BytesIO()
    seen: set[str] = set()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_STORED) as zf:  # PNG is compressed
        for card in cards:
            stem = _safe_stem(card.number)
            if stem in seen:
                raise ValueError(f"cohort_zip: duplicate card number {card.number!r}")
            seen.add(stem)
            zf.writestr(f"{stem}-front.png", card_png(card, design, side="front"))
            zf.writestr(f"{stem}-back.png", card_png(card, design, side="back"))
    return buf.getvalue()
