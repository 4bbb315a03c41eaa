"""Score reports: the seed's Quwo example scored for real and rendered."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import rubricdsl
from render_support import FOUR_LEVEL, SEED, Failure, load_ir, report_for
from rubricdsl.render import render_report, score_report
from rubricdsl.render.documents import report_document
from rubricdsl.render.numfmt import plain
from rubricdsl.render.scoreview import summary_sentence
from rubricdsl.render.table import without_spans

QUWO = "曲沃县综合检验检测中心2021年度"


@pytest.fixture(scope="module")
def quwo() -> rubricdsl.ScoreReport:
    rubric = rubricdsl.load(SEED, examples=True)
    example = next(e for e in rubric.ir.examples if e.name == QUWO)
    record = {k: v.number if v.number is not None else v.word for k, v in example.given.items()}
    return rubric.score(record)


def test_summary_sentence_in_the_seed_style(quwo: rubricdsl.ScoreReport) -> None:
    assert summary_sentence(load_ir(SEED), quwo) == (
        "投入方面得分为13分；过程方面得分为55分；产出及效率方面得分为25分；综合得分为93分，评价结论为优。"
    )


def test_report_table_has_subtotals_scores_and_reasons(quwo: rubricdsl.ScoreReport) -> None:
    doc = report_document(load_ir(SEED), "曲沃县综合检验检测中心", quwo)
    grid = without_spans(doc.table)
    titles = [column.title for column in doc.table.columns]
    assert titles[-2:] == ["得分", "扣分说明"]
    subtotals = {row[3]: row[5] for row in grid if row[3]}
    expected = {"预算编制": "13", "预算执行": "18", "预算管理": "37", "职责履行": "15", "履职效益": "10"}
    assert subtotals == expected
    by_leaf = {row[6]: (row[-2], row[-1]) for row in grid if row[6]}
    assert by_leaf["预算控制率"][0] == "4" and by_leaf["预算控制率"][1].startswith("扣1分：")
    assert by_leaf["职责相关性"] == ("3", "")
    assert grid[-1][0] == "合计" and grid[-1][-2] == "93"
    assert doc.heading == "评价对象：曲沃县综合检验检测中心"
    assert doc.notes[:2] == ["综合得分：93分　评价结论：优", summary_sentence(load_ir(SEED), quwo)]


def test_numbers_print_without_trailing_zeros() -> None:
    assert [plain(Decimal(v)) for v in ("93.00", "4.50", "0.10", "100", "-0", "1E+2")] == [
        "93",
        "4.5",
        "0.1",
        "100",
        "0",
        "100",
    ]


def test_one_unit_goes_to_the_file(tmp_path: Path) -> None:
    rubric = load_ir(FOUR_LEVEL)
    (written,) = score_report(rubric, [("甲", report_for(rubric, {}))], "md", tmp_path / "r.md")
    assert written == tmp_path / "r.md"
    assert written.read_text(encoding="utf-8") == render_report(rubric, "甲", report_for(rubric, {}), "md")


def test_many_units_go_to_a_directory_named_after_them(tmp_path: Path) -> None:
    rubric = load_ir(FOUR_LEVEL)
    results = [("甲/局", report_for(rubric, {})), ("", report_for(rubric, {"质量": "0"}))]
    written = score_report(rubric, results, "html", tmp_path / "out")
    assert [p.name for p in written] == ["甲_局.html", "unit-2.html"]
    assert "评价对象：甲/局" in written[0].read_text(encoding="utf-8")


def test_many_units_refuse_an_existing_file(tmp_path: Path) -> None:
    rubric = load_ir(FOUR_LEVEL)
    target = tmp_path / "taken.md"
    target.write_text("x", encoding="utf-8")
    results = [("甲", report_for(rubric, {})), ("乙", report_for(rubric, {}))]
    with pytest.raises(NotADirectoryError, match="one md file per unit"):
        score_report(rubric, results, "md", target)


BAD_ROW = Failure.row(4, "丙局", "input 预算数: '很多' is not an amount ≥ 0")


def test_many_units_get_a_file_listing_those_not_scored(tmp_path: Path) -> None:
    rubric = load_ir(FOUR_LEVEL)
    results = [("甲", report_for(rubric, {})), ("乙", report_for(rubric, {"质量": "0"}))]
    written = score_report(rubric, results, "md", tmp_path / "out", failures=[BAD_ROW])
    assert [p.name for p in written] == ["甲.md", "乙.md", "未能评分的单位.md"]
    listing = written[-1].read_text(encoding="utf-8")
    assert "## 未能评分的单位（共1个）" in listing
    assert "| 第4行 | 丙局 | input 预算数: '很多' is not an amount ≥ 0 |" in listing
    assert "丙局" not in written[0].read_text(encoding="utf-8")


def test_a_single_report_notes_the_units_not_scored(tmp_path: Path) -> None:
    rubric = load_ir(FOUR_LEVEL)
    (written,) = score_report(
        rubric, [("甲", report_for(rubric, {}))], "html", tmp_path / "r.html", [BAD_ROW]
    )
    page = written.read_text(encoding="utf-8")
    assert "另有1个单位未能评分，未列入本报告。" in page
    assert "第4行　丙局：input 预算数: &#39;很多&#39; is not an amount ≥ 0" in page
    alone = render_report(rubric, "甲", report_for(rubric, {}), "md")
    assert isinstance(alone, str) and "未能评分" not in alone
