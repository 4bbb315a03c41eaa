"""The batch report: ranking, grade distribution, per-indicator losses, inline SVG."""

from __future__ import annotations

import io
from decimal import Decimal
from html.parser import HTMLParser

import openpyxl

from render_support import FOUR_LEVEL, HOSTILE, Failure, Report, load_ir, report_for
from rubricdsl.ir import RubricIR
from rubricdsl.render import batch_report
from rubricdsl.render.batch import summarise
from rubricdsl.render.svg import bar_chart
from rubricdsl.render.unscored import unscored


def three_units() -> tuple[RubricIR, list[tuple[str, Report]]]:
    rubric = load_ir(FOUR_LEVEL)
    return rubric, [
        ("甲", report_for(rubric, {"质量": "1", "实施进度": "2"}, grade="优")),  # 18
        ("乙", report_for(rubric, {"质量": "0", "实施进度": "2", "资金到位率": "3"}, grade="良")),  # 16
        ("丙", report_for(rubric, {"实施进度": "0", "质量": "1"}, grade="良")),  # 16
    ]


def test_ranking_shares_ranks_on_equal_totals() -> None:
    rubric, results = three_units()
    summary = summarise(rubric, results)
    assert [(r.rank, r.label, r.total) for r in summary.ranking] == [
        (1, "甲", Decimal(18)),
        (2, "乙", Decimal(16)),
        (2, "丙", Decimal(16)),
    ]
    assert (summary.units, summary.mean, summary.best, summary.worst) == (
        3,
        Decimal("16.67"),
        Decimal(18),
        Decimal(16),
    )


def test_grade_distribution_lists_every_grade_of_the_scale() -> None:
    rubric, results = three_units()
    grades = summarise(rubric, results).grades
    assert [(g.grade, g.count, g.share) for g in grades] == [
        ("优", 1, Decimal("33.3")),
        ("良", 2, Decimal("66.7")),
        ("中", 0, Decimal("0.0")),
        ("差", 0, Decimal("0.0")),
    ]


def test_indicator_losses() -> None:
    rubric, results = three_units()
    rows = {row.indicator.name: row for row in summarise(rubric, results).indicators}
    quality = rows["质量"]  # weight 2; scores 1, 0, 1
    assert (quality.average, quality.losing_share, quality.average_lost) == (
        Decimal("0.67"),
        Decimal("100.0"),
        Decimal("1.33"),
    )
    assert rows["违规情况"].losing_share == 0
    assert rows["过程"].average_lost == Decimal("1.67")


def test_bar_lengths_scale_to_the_largest_value() -> None:
    items = [("a", Decimal(2), "2"), ("b", Decimal(1), "1"), ("c", Decimal(0), "0")]
    chart = bar_chart("t", items, Decimal(2))
    assert [bar.width for bar in chart.bars] == ["420.0", "210.0", "0"]
    assert [bar.y for bar in chart.bars] == [0, 24, 48]


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_has_inline_svg_charts_and_escapes_every_name() -> None:
    rubric = load_ir(HOSTILE)
    results = [("<script>alert('unit')</script>", report_for(rubric, {'"引号"指标': "5"}))]
    results.append(("B&B", report_for(rubric, {'"引号"指标': "3"})))
    page = batch_report(rubric, results, "html")
    assert isinstance(page, str)
    parser = _Tags()
    parser.feed(page)
    assert "script" not in parser.tags and "img" not in parser.tags and "a" not in parser.tags
    assert {"svg", "rect", "text"} <= set(parser.tags)
    assert "<script>alert('unit')</script>" in parser.text
    assert "<script>alert(1)</script>" in parser.text  # the top-level indicator's name, as text


def test_xlsx_has_a_sheet_each_with_numbers() -> None:
    rubric, results = three_units()
    data = batch_report(rubric, results, "xlsx")
    assert isinstance(data, bytes)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["概况", "排名", "等级分布", "指标失分"]  # none unscored: no such sheet
    ranking = list(book["排名"].iter_rows(values_only=True))
    assert ranking[0][:4] == ("排名", "单位", "综合得分", "等级")
    assert ranking[1][:4] == (1, "甲", 18, "优")
    losses = {row[1]: row for row in book["指标失分"].iter_rows(values_only=True)}
    assert losses["产出/产出数量与质量/完成情况/质量"][3:] == (0.67, 100, 1.33)
    assert book["等级分布"]._charts


FAILURES = [
    Failure.row(5, "丁局", "input 预算数: '很多' is not an amount ≥ 0"),
    Failure(7, "record 7", "record 7", "input 满意度: no value given"),  # a record with no name
]


def test_unscored_units_are_counted_apart_from_the_figures() -> None:
    rubric, results = three_units()
    summary = summarise(rubric, results, unscored(FAILURES))
    assert (summary.units, summary.records, summary.mean) == (3, 5, Decimal("16.67"))
    assert [(u.position, u.label, u.reason) for u in summary.unscored] == [
        ("第5行", "丁局", "input 预算数: '很多' is not an amount ≥ 0"),
        ("第7条记录", "—", "input 满意度: no value given"),
    ]


def test_html_lists_the_unscored_units_with_their_count_and_reasons() -> None:
    rubric, results = three_units()
    page = batch_report(rubric, results, "html", FAILURES)
    assert isinstance(page, str)
    parser = _Tags()
    parser.feed(page)
    text = "".join(parser.text)
    assert "5参评单位" in text.replace("\n", "") and "2未能评分" in text.replace("\n", "")
    assert "另有2个单位未能评分，未列入排名和统计。" in text
    assert "四、未能评分的单位" in text
    assert "第5行丁局input 预算数: '很多' is not an amount ≥ 0" in text.replace("\n", "")
    assert "&#39;很多&#39;" in page  # the reason is escaped like every other text


def test_html_without_failures_has_no_unscored_section() -> None:
    rubric, results = three_units()
    page = batch_report(rubric, results, "html")
    assert isinstance(page, str)
    assert "未能评分" not in page and "3</b>参评单位" in page


def test_xlsx_has_an_overview_and_a_sheet_of_the_unscored_units() -> None:
    rubric, results = three_units()
    failures = [*FAILURES, Failure.row(9, "=1+1", "=cmd")]
    data = batch_report(rubric, results, "xlsx", failures)
    assert isinstance(data, bytes)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["概况", "排名", "等级分布", "指标失分", "未能评分的单位"]
    overview = dict(book["概况"].iter_rows(min_row=2, values_only=True))
    assert (overview["参评单位"], overview["已评分单位"], overview["未能评分的单位"]) == (6, 3, 3)
    rows = list(book["未能评分的单位"].iter_rows(values_only=True))
    assert rows[0] == ("位置", "单位", "未能评分的原因")
    assert rows[1] == ("第5行", "丁局", "input 预算数: '很多' is not an amount ≥ 0")
    assert rows[3] == ("第9行", "=1+1", "=cmd")
    sheet = book["未能评分的单位"]
    assert all(cell.data_type == "s" for row in sheet.iter_rows(min_row=2) for cell in row)
