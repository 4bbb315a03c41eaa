"""Excel and Word files read back with their own libraries."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import openpyxl
from docx.oxml.ns import qn

from render_support import FOUR_LEVEL, HOSTILE, SEED, Failure, load_ir, report_for
from rubricdsl.render import batch_report, render_rubric, score_report

SEED_HEADER_ROW = 3  # title, meta line, then the header


def seed_sheet():  # type: ignore[no-untyped-def]
    data = render_rubric(load_ir(SEED), "xlsx")
    assert isinstance(data, bytes)
    return openpyxl.load_workbook(io.BytesIO(data)).active


def test_xlsx_merges_groups_and_freezes_the_header() -> None:
    sheet = seed_sheet()
    merged = {str(r) for r in sheet.merged_cells.ranges}
    first = SEED_HEADER_ROW + 1
    assert {f"A{first}:A{first + 4}", f"B{first}:B{first + 4}", f"C{first}:C{first + 4}"} <= merged
    assert f"A{first + 5}:A{first + 15}" in merged  # 过程 over its 11 leaves
    assert sheet.freeze_panes == f"A{first}"
    assert sheet.print_title_rows == f"${SEED_HEADER_ROW}:${SEED_HEADER_ROW}"
    assert sheet.page_setup.orientation == "landscape"


def test_xlsx_stores_weights_as_numbers_and_texts_wrapped() -> None:
    sheet = seed_sheet()
    header = [c.value for c in sheet[SEED_HEADER_ROW]]
    assert header == ["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "评价标准", "指标说明"]
    leaf_weights = [
        sheet.cell(row=r, column=6).value for r in range(SEED_HEADER_ROW + 1, SEED_HEADER_ROW + 22)
    ]
    assert all(isinstance(w, int) for w in leaf_weights) and sum(leaf_weights) == 100
    total_row = SEED_HEADER_ROW + 22
    assert [sheet.cell(row=total_row, column=c).value for c in (1, 2, 4, 6)] == ["合计", 100, 100, 100]
    criterion = sheet.cell(row=SEED_HEADER_ROW + 1, column=7)
    assert criterion.value == "全部符合得3分，一项不符合扣0.5分，扣完为止。"
    assert criterion.alignment.wrap_text
    assert sheet.column_dimensions["G"].width > sheet.column_dimensions["B"].width


def test_xlsx_workbook_has_a_sheet_per_unit_with_scores(tmp_path: Path) -> None:
    rubric = load_ir(FOUR_LEVEL)
    results = [
        ("甲单位", report_for(rubric, {"质量": "1.25"})),
        ("乙/单位", report_for(rubric, {"实施进度": "0"})),
    ]
    (written,) = score_report(rubric, results, "xlsx", tmp_path / "scores.xlsx")
    book = openpyxl.load_workbook(written)
    assert book.sheetnames == ["甲单位", "乙_单位"]
    sheet = book["甲单位"]
    rows = list(sheet.iter_rows(values_only=True))
    header_at = next(i for i, row in enumerate(rows) if row[0] == "一级指标")
    score_column = len(rows[header_at]) - 2
    leaf_scores = [row[score_column] for row in rows[header_at + 1 :] if row[score_column] is not None]
    assert 1.25 in leaf_scores and all(isinstance(s, int | float) for s in leaf_scores)
    assert any(row[0] == "评价对象：甲单位" for row in rows)


def test_xlsx_workbook_ends_with_a_sheet_of_the_units_not_scored(tmp_path: Path) -> None:
    rubric = load_ir(FOUR_LEVEL)
    failures = [Failure.row(3, "丙单位", "input 满意度: no value given")]
    (written,) = score_report(
        rubric, [("甲单位", report_for(rubric, {}))], "xlsx", tmp_path / "s.xlsx", failures
    )
    book = openpyxl.load_workbook(written)
    assert book.sheetnames == ["甲单位", "未能评分的单位"]
    rows = [row for row in book["未能评分的单位"].iter_rows(values_only=True) if any(row)]
    assert ("位置", "单位", "未能评分的原因") in rows
    assert ("第3行", "丙单位", "input 满意度: no value given") in rows
    assert rows[2] == ("未能评分的单位（共1个）", None, None)


def test_docx_is_landscape_with_merged_cells_and_a_repeated_header() -> None:
    data = render_rubric(load_ir(SEED), "docx")
    assert isinstance(data, bytes)
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    assert section.page_width > section.page_height
    (table,) = document.tables
    assert len(table.rows) == 1 + 21 + 1
    header = table.rows[0]._tr
    assert header.trPr is not None and header.trPr.find(qn("w:tblHeader")) is not None
    assert [c.text for c in table.rows[0].cells][:3] == ["一级指标", "分值", "二级指标"]
    first_column = [row._tr.tc_lst[0] for row in table.rows[1:6]]
    assert first_column[0].vMerge == "restart" and all(tc.vMerge == "continue" for tc in first_column[1:])
    assert table.cell(1, 0).text == "投入"
    assert [table.rows[-1].cells[i].text for i in (0, 1, 3, 5)] == ["合计", "100", "100", "100"]
    texts = "\n".join(p.text for p in document.paragraphs)
    assert "部门整体支出绩效自评表" in texts and "评价等级：≥90分为优" in texts


def test_docx_reports_go_one_file_per_unit(tmp_path: Path) -> None:
    rubric = load_ir(FOUR_LEVEL)
    results = [("甲单位", report_for(rubric, {})), ("甲单位", report_for(rubric, {"质量": "1"}))]
    written = score_report(rubric, results, "docx", tmp_path / "out")
    assert [p.name for p in written] == ["甲单位.docx", "甲单位-2.docx"]
    second = docx.Document(str(written[1]))
    texts = [p.text for p in second.paragraphs]
    assert "产出方面得分为7分" in "".join(texts)


def test_xlsx_text_starting_with_equals_is_never_a_formula(tmp_path: Path) -> None:
    rubric = load_ir(HOSTILE)
    (table,) = score_report(
        rubric, [("=cmd|' /C calc'!A0", report_for(rubric, {}))], "xlsx", tmp_path / "t.xlsx"
    )
    sheet = openpyxl.load_workbook(table).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert any(str(cell.value).startswith("=HYPERLINK") for cell in cells)
    assert all(cell.data_type != "f" for cell in cells)
    data = batch_report(rubric, [("=1+1", report_for(rubric, {}))], "xlsx")
    assert isinstance(data, bytes)
    ranking = openpyxl.load_workbook(io.BytesIO(data))["排名"]
    assert (ranking["B2"].value, ranking["B2"].data_type) == ("=1+1", "s")
