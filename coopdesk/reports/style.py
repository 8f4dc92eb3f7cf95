"""How every PDF report looks: the embedded fonts, the colours, the sizes of the page and its tables, and the
paragraph styles. Nothing here lays anything out."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import registerFont, registerFontFamily
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus.tables import CellStyle

from coopdesk.paths import fonts_dir

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
FONT_BOLD_ITALIC = "DejaVuSans-BoldOblique"

ACCENT = colors.HexColor("#1F4E79")
MUTED = colors.HexColor("#555B61")
RULE = colors.HexColor("#B8BEC4")
HEADER_FILL = colors.HexColor("#E4EAF0")
ZEBRA_FILL = colors.HexColor("#F4F6F8")

MARGIN = 42.0  # points, about 1.5 cm: room for binding holes on Letter paper
HEADER_HEIGHT = 40.0
FOOTER_HEIGHT = 22.0
CELL_FONT_SIZE = 8.5
CELL_LEADING = 10.5
CELL_PADDING = 3.0
COLUMN_GAP = 18.0  # between the Spanish and the English column


@cache
def register_fonts() -> None:
    """Embed DejaVu Sans (every accent and "ñ", unlike the PDF base fonts); done once, when first needed."""
    folder = fonts_dir()
    for name in (FONT, FONT_BOLD, FONT_ITALIC, FONT_BOLD_ITALIC):
        registerFont(TTFont(name, str(folder / f"{name}.ttf")))
    registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC)
    # A table cell without a FONT command falls back to CellStyle's default, Helvetica — which the PDF would then
    # list unembedded. Every cell starts on the embedded font instead.
    CellStyle.fontname = FONT


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    cell_head: ParagraphStyle
    cell_head_right: ParagraphStyle
    signature: ParagraphStyle


@cache
def stylesheet() -> Styles:
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5, spaceAfter=4)
    cell = ParagraphStyle("cell", body, fontSize=CELL_FONT_SIZE, leading=CELL_LEADING, spaceAfter=0)
    return Styles(
        title=ParagraphStyle("title", body, fontName=FONT_BOLD, fontSize=16, leading=20, alignment=TA_CENTER,
                             textColor=ACCENT, spaceAfter=4),
        subtitle=ParagraphStyle("subtitle", body, alignment=TA_CENTER, textColor=MUTED, spaceAfter=10),
        heading=ParagraphStyle("heading", body, fontName=FONT_BOLD, fontSize=11.5, leading=14, textColor=ACCENT,
                               spaceBefore=10, spaceAfter=5),
        body=body,
        small=ParagraphStyle("small", body, fontSize=7.5, leading=9.5, textColor=MUTED),
        cell=cell,
        cell_right=ParagraphStyle("cell_right", cell, alignment=TA_RIGHT),
        cell_head=ParagraphStyle("cell_head", cell, fontName=FONT_BOLD),
        cell_head_right=ParagraphStyle("cell_head_right", cell, fontName=FONT_BOLD, alignment=TA_RIGHT),
        signature=ParagraphStyle("signature", body, fontSize=9, leading=11.5, alignment=TA_CENTER, spaceAfter=0),
    )
