"""Excel: one sheet per document, merged group cells, numbers stored as numbers.

The header row is frozen and repeated on every printed page; text wraps,
and row heights are estimated from the text so merged cells show it whole
(Excel does not grow a row for text in a merged cell by itself).
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rubricdsl.render.documents import GENERATED_COLOUR
from rubricdsl.render.table import Cell, Column, Document, Table
from rubricdsl.render.textwidth import display_width

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

_WIDTHS = {"name": 14, "weight": 7, "score": 7, "total": 14, "lost": 30}
_TEXT_WIDTH = 44  # 评价标准, 指标说明 and generated wording
_LINE_HEIGHT = 15.0  # points per line of 10.5pt text
_CENTERED = ("name", "weight", "score", "total")
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def render_xlsx(doc: Document) -> bytes:
    return render_workbook([("评分表", doc)])


def render_workbook(sheets: Sequence[tuple[str, Document]]) -> bytes:
    """A workbook with one sheet per (name, document), names made valid and unique."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for name, doc in sheets:
        sheet = book.create_sheet(sheet_title(name, used))
        _write_document(sheet, doc)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def sheet_title(name: str, used: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique in the book."""
    base = _BAD_SHEET_CHARS.sub("_", name).strip("'") or "Sheet"
    title, counter = base[:31], 1
    while title.lower() in used:
        counter += 1
        suffix = f"({counter})"
        title = base[: 31 - len(suffix)] + suffix
    used.add(title.lower())
    return title


def excel_value(cell: Cell) -> Any:
    """A number for numeric cells (13, 4.5), else the text; None for an empty cell."""
    if cell.number is not None:
        return int(cell.number) if cell.number == cell.number.to_integral_value() else cell.number
    return cell.text or None


def put_value(sheet: Worksheet, row: int, column: int, value: Any) -> Any:
    """Write a value; text is always text, even when it starts with `=` (no formula injection)."""
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    return cell


def _write_document(sheet: Worksheet, doc: Document) -> None:
    width = len(doc.table.columns)
    row = _write_banner(sheet, 1, doc.title, width, size=16)
    row = _write_banner(sheet, row, "　".join(doc.meta), width)
    if doc.heading:
        row = _write_banner(sheet, row, doc.heading, width, size=12)
    header_row = row
    _write_table(sheet, header_row, doc.table)
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    row = header_row + len(doc.table.rows) + 2
    for note in doc.notes:
        row = _write_banner(sheet, row, note, width, size=None, align="left")
    _page_setup(sheet)


def _write_banner(
    sheet: Worksheet, row: int, text: str, width: int, size: int | None = None, align: str = "center"
) -> int:
    from openpyxl.styles import Alignment, Font

    cell = put_value(sheet, row, 1, text or None)
    cell.font = Font(bold=size is not None, size=size or 11)
    cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
    if width > 1:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    if size:
        sheet.row_dimensions[row].height = size * 1.6  # room for the larger type
    return row + 1


def _write_header(sheet: Worksheet, top: int, table: Table) -> None:
    from openpyxl.styles import Font, PatternFill

    for index, column in enumerate(table.columns, start=1):
        header = put_value(sheet, top, index, column.title)
        header.font = Font(bold=True)
        header.fill = PatternFill("solid", fgColor="EEF1F5")
        _style(header, "name")
        sheet.column_dimensions[_letter(index)].width = _column_width(column)


def _write_table(sheet: Worksheet, top: int, table: Table) -> None:
    from openpyxl.styles import Font

    _write_header(sheet, top, table)
    for r, c, cell in table.origins():
        target = put_value(sheet, top + 1 + r, c + 1, excel_value(cell))
        if table.has_total and r == len(table.rows) - 1:
            target.font = Font(bold=True)
        elif cell.role == "generated":
            target.font = Font(color=GENERATED_COLOUR)
        if cell.merged:
            sheet.merge_cells(
                start_row=top + 1 + r,
                start_column=c + 1,
                end_row=top + r + cell.rowspan,
                end_column=c + cell.colspan,
            )
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row):
            _style(sheet.cell(row=top + 1 + r, column=c + 1), cell.role)
    _fit_heights(sheet, top + 1, table)


def _style(target: Any, role: str) -> None:
    from openpyxl.styles import Alignment, Border, Side

    thin = Side(style="thin", color="444444")
    target.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    horizontal = "center" if role in _CENTERED else "left"
    vertical = "center" if role in _CENTERED else "top"
    target.alignment = Alignment(horizontal=horizontal, vertical=vertical, wrap_text=True)


def _column_width(column: Column) -> float:
    return _WIDTHS.get(column.role, _TEXT_WIDTH)


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index))


def _fit_heights(sheet: Worksheet, first_row: int, table: Table) -> None:
    """Give each row room for its text; a merged cell's text shares its rows."""
    widths = [_column_width(column) for column in table.columns]
    heights = [_LINE_HEIGHT] * len(table.rows)
    for r, c, cell in sorted(table.origins(), key=lambda item: item[2].rowspan):
        span_width = sum(widths[c : c + cell.colspan])
        needed = _lines(cell.text, span_width) * _LINE_HEIGHT
        rows = range(r, r + cell.rowspan)
        shortfall = needed - sum(heights[i] for i in rows)
        if shortfall > 0:
            for i in rows:
                heights[i] += shortfall / cell.rowspan
    for offset, height in enumerate(heights):
        sheet.row_dimensions[first_row + offset].height = round(height, 1)


def _lines(text: str, width: float) -> int:
    """How many lines `text` takes in a column `width` characters wide."""
    usable = max(width - 1.5, 1.0)  # padding inside the cell
    return sum(max(1, math.ceil(display_width(line) / usable)) for line in text.splitlines() or [""])


def _page_setup(sheet: Worksheet) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
