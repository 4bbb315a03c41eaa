"""The batch report: ranking, grade distribution, per-indicator losses, inline SVG."""

from __future__ import annotations

import io
from decimal import Decimal
from html.parser import HTMLParser

import openpyxl

from render_support import FOUR_LEVEL, HOSTILE, load_ir, report_for
from rubricdsl.render import batch_report
from rubricdsl.render.batch import summarise
from rubricdsl.render.svg import bar_chart


def three_units():  # type: ignore[no-untyped-def]
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
    assert (summary.units, summary.mean, summary.best, summary.worst) == (3, Decimal("16.67"), 18, 16)


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
    assert book.sheetnames == ["排名", "等级分布", "指标失分"]
    ranking = list(book["排名"].iter_rows(values_only=True))
    assert ranking[0][:4] == ("排名", "单位", "综合得分", "等级")
    assert ranking[1][:4] == (1, "甲", 18, "优")
    losses = {row[1]: row for row in book["指标失分"].iter_rows(values_only=True)}
    assert losses["产出/产出数量与质量/完成情况/质量"][3:] == (0.67, 100, 1.33)
    assert book["等级分布"]._charts
