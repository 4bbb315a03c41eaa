"""Word: a landscape A4 document with a real table.

Group cells are merged, the header row repeats on every page (`w:tblHeader`),
and the body text is 宋体 as in the official forms.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from rubricdsl.render.documents import GENERATED_COLOUR
from rubricdsl.render.table import Column, Document, Table

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.table import Table as WordTable

_WIDTHS_CM = {"name": 2.2, "weight": 1.1, "score": 1.1, "lost": 3.6}
_PAGE_TEXT_WIDTH_CM = 26.7  # A4 landscape less 1.5 cm margins
_CENTERED = ("name", "weight", "score", "total")
_FONT = "宋体"


def render_docx(doc: Document) -> bytes:
    from docx import Document as new_document

    word = new_document()
    _page_setup(word)
    _base_font(word)
    _paragraph(word, doc.title, size=16, bold=True, centered=True)
    if doc.meta:
        _paragraph(word, "　".join(doc.meta), centered=True)
    if doc.heading:
        _paragraph(word, doc.heading, size=12, bold=True)
    _table(word, doc.table)
    for note in doc.notes:
        _paragraph(word, note)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _page_setup(word: WordDocument) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    section = word.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))


def _base_font(word: WordDocument) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    style = word.styles["Normal"]
    style.font.size = Pt(9)
    style.font.name = "Times New Roman"
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), _FONT)


def _paragraph(
    word: WordDocument, text: str, size: int | None = None, bold: bool = False, centered: bool = False
) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = word.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if centered:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _table(word: WordDocument, table: Table) -> None:
    grid = word.add_table(rows=len(table.rows) + 1, cols=len(table.columns))
    grid.style = "Table Grid"
    grid.autofit = False
    _repeat_header(grid)
    _set_widths(grid, table.columns)
    for index, column in enumerate(table.columns):
        _fill(grid.cell(0, index), column.title, "name", bold=True)
    for r, c, cell in table.origins():
        target = grid.cell(r + 1, c)
        if cell.merged:
            target = target.merge(grid.cell(r + cell.rowspan, c + cell.colspan - 1))
        _fill(target, cell.text, cell.role, bold=table.has_total and r == len(table.rows) - 1)


def _repeat_header(grid: WordTable) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = grid.rows[0]._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    properties.append(flag)


def _fill(cell: Any, text: str, role: str, bold: bool = False) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import RGBColor

    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold
    if role == "generated":
        run.font.color.rgb = RGBColor.from_string(GENERATED_COLOUR)
    centered = role in _CENTERED
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if centered else WD_ALIGN_PARAGRAPH.LEFT
    cell.vertical_alignment = (
        WD_CELL_VERTICAL_ALIGNMENT.CENTER if centered else WD_CELL_VERTICAL_ALIGNMENT.TOP
    )


def _set_widths(grid: WordTable, columns: list[Column]) -> None:
    """Fixed columns for names and numbers; the text columns share what is left.

    Set before merging: a merged cell's width is then the sum of its columns'.
    """
    from docx.shared import Cm

    fixed = [_WIDTHS_CM.get(column.role) for column in columns]
    flexible = sum(1 for width in fixed if width is None)
    rest = (_PAGE_TEXT_WIDTH_CM - sum(w for w in fixed if w is not None)) / max(flexible, 1)
    widths = [Cm(width if width is not None else rest) for width in fixed]
    for index, width in enumerate(widths):
        grid.columns[index].width = width
    for row in grid.rows:
        for index, cell in enumerate(row.cells):
            cell.width = widths[index]
