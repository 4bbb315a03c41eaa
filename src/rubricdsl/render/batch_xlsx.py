"""The batch report as a workbook, numbers as numbers.

Sheets: 概况 (the counts and figures), 排名, 等级分布, 指标失分, and — when
some units could not be scored — 未能评分的单位 with each one's reason.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from rubricdsl.render.batch import BatchSummary
from rubricdsl.render.numfmt import plain
from rubricdsl.render.unscored import UNSCORED_TITLE

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet


def render_batch_xlsx(summary: BatchSummary) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    overview = book.active
    overview.title = "概况"
    _overview_sheet(overview, summary)
    _ranking_sheet(book.create_sheet("排名"), summary)
    _grades_sheet(book.create_sheet("等级分布"), summary)
    _indicators_sheet(book.create_sheet("指标失分"), summary)
    if summary.unscored:
        _unscored_sheet(book.create_sheet(UNSCORED_TITLE), summary)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _number(value: Decimal) -> int | Decimal:
    return int(value) if value == value.to_integral_value() else value


def _overview_sheet(sheet: Worksheet, summary: BatchSummary) -> None:
    rows: list[list[Any]] = [
        ["评价体系", summary.rubric.title],
        ["参评单位", summary.records],
        ["已评分单位", summary.units],
        [UNSCORED_TITLE, len(summary.unscored)],
        ["平均得分", _number(summary.mean)],
        ["最高分", _number(summary.best)],
        ["最低分", _number(summary.worst)],
    ]
    _table(sheet, ["项目", "数值"], rows, [14, 40])


def _unscored_sheet(sheet: Worksheet, summary: BatchSummary) -> None:
    from openpyxl.styles import Alignment

    rows = [[row.position, row.label, row.reason] for row in summary.unscored]
    _table(sheet, ["位置", "单位", "未能评分的原因"], rows, [12, 30, 80])
    for (cell,) in sheet.iter_rows(min_row=2, min_col=3, max_col=3):
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _ranking_sheet(sheet: Worksheet, summary: BatchSummary) -> None:
    tops = [f"{top.name}（{plain(top.weight)}）" for top in summary.rubric.indicators]
    rows = [
        [row.rank, row.label, _number(row.total), row.grade, *map(_number, row.tops)]
        for row in summary.ranking
    ]
    _table(sheet, ["排名", "单位", "综合得分", "等级", *tops], rows, [6, 30, 10, 6] + [14] * len(tops))


def _grades_sheet(sheet: Worksheet, summary: BatchSummary) -> None:
    rows = [[g.grade, g.count, _number(g.share)] for g in summary.grades]
    _table(sheet, ["等级", "单位数", "占比（%）"], rows, [10, 10, 12])
    _bar_chart(sheet, "等级分布", len(rows), value_column=2, anchor="E2")


def _indicators_sheet(sheet: Worksheet, summary: BatchSummary) -> None:
    rows = [
        [
            "　" * (row.indicator.level - 1) + row.indicator.name,
            "/".join(row.indicator.path),
            _number(row.indicator.weight),
            _number(row.average),
            _number(row.losing_share),
            _number(row.average_lost),
        ]
        for row in summary.indicators
    ]
    header = ["指标", "路径", "分值", "平均得分", "失分单位占比（%）", "平均失分"]
    _table(sheet, header, rows, [26, 40, 8, 10, 16, 10])


def _table(sheet: Worksheet, header: list[str], rows: Sequence[Sequence[Any]], widths: list[int]) -> None:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    from rubricdsl.render.to_xlsx import put_value

    for r, values in enumerate([header, *rows], start=1):
        for c, value in enumerate(values, start=1):
            put_value(sheet, r, c, value)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="EEF1F5")
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"


def _bar_chart(sheet: Worksheet, title: str, count: int, value_column: int, anchor: str) -> None:
    from openpyxl.chart import BarChart, Reference

    chart = BarChart()
    chart.type = "bar"
    chart.title = title
    chart.legend = None
    data = Reference(sheet, min_col=value_column, min_row=1, max_row=count + 1)
    labels = Reference(sheet, min_col=1, min_row=2, max_row=count + 1)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(labels)
    sheet.add_chart(chart, anchor)
