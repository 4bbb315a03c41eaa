"""The batch report: many units at a glance.

A ranking, the grade distribution, and for every indicator the average
score, the share of units that lost points on it and the average points
lost — in HTML with inline SVG charts, or in Excel with one sheet for each.
The units that could not be scored are counted and listed with their reasons;
the figures are over the units scored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from rubricdsl import ir
from rubricdsl.render.numfmt import plain
from rubricdsl.render.scoreview import ScoreView, score_of
from rubricdsl.render.svg import BarChart, bar_chart
from rubricdsl.render.unscored import UNSCORED_TITLE, Unscored, count_sentence

_HUNDREDTH = Decimal("0.01")
_TENTH = Decimal("0.1")


@dataclass(frozen=True, slots=True)
class RankRow:
    rank: int  # equal totals share a rank (1, 2, 2, 4)
    label: str
    total: Decimal
    grade: str
    tops: list[Decimal]  # each top-level group's score, in rubric order


@dataclass(frozen=True, slots=True)
class GradeRow:
    grade: str
    count: int
    share: Decimal  # percent of units


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    indicator: ir.Indicator
    average: Decimal
    losing_share: Decimal  # percent of units scoring below the weight
    average_lost: Decimal  # over all units


@dataclass(frozen=True, slots=True)
class BatchSummary:
    rubric: ir.RubricIR
    units: int  # scored
    mean: Decimal
    best: Decimal
    worst: Decimal
    ranking: list[RankRow]
    grades: list[GradeRow]
    indicators: list[IndicatorRow]
    unscored: list[Unscored]  # in data order

    @property
    def records(self) -> int:
        """Every unit in the data, scored or not."""
        return self.units + len(self.unscored)


def summarise(
    rubric: ir.RubricIR, results: Sequence[tuple[str, ScoreView]], unscored: Sequence[Unscored] = ()
) -> BatchSummary:
    if not results:
        raise ValueError("there are no scored units to report")
    reports = [report for _, report in results]
    totals = [report.total for report in reports]
    return BatchSummary(
        rubric=rubric,
        units=len(results),
        mean=_mean(totals),
        best=max(totals),
        worst=min(totals),
        ranking=_ranking(rubric, results),
        grades=_grades(rubric, reports),
        indicators=[_indicator_row(node, reports) for node in rubric.walk()],
        unscored=list(unscored),
    )


def _mean(values: Sequence[Decimal]) -> Decimal:
    return (sum(values, Decimal(0)) / len(values)).quantize(_HUNDREDTH, rounding=ROUND_HALF_UP)


def _percent(count: int, whole: int) -> Decimal:
    return (Decimal(count) * 100 / whole).quantize(_TENTH, rounding=ROUND_HALF_UP)


def _ranking(rubric: ir.RubricIR, results: Sequence[tuple[str, ScoreView]]) -> list[RankRow]:
    ordered = sorted(enumerate(results), key=lambda item: -item[1][1].total)  # stable for ties
    rows: list[RankRow] = []
    for position, (index, (label, report)) in enumerate(ordered, start=1):
        tied = rows and rows[-1].total == report.total
        rows.append(RankRow(
            rank=rows[-1].rank if tied else position,
            label=label or f"第{index + 1}个单位",
            total=report.total,
            grade=report.grade or "",
            tops=[score_of(report, top) for top in rubric.indicators],
        ))  # fmt: skip
    return rows


def _grades(rubric: ir.RubricIR, reports: Sequence[ScoreView]) -> list[GradeRow]:
    names = [grade.name for grade in rubric.grades]
    names += sorted({r.grade for r in reports if r.grade and r.grade not in names})
    counts = {name: sum(1 for r in reports if r.grade == name) for name in names}
    return [GradeRow(name, count, _percent(count, len(reports))) for name, count in counts.items()]


def _indicator_row(node: ir.Indicator, reports: Sequence[ScoreView]) -> IndicatorRow:
    scores = [score_of(report, node) for report in reports]
    losing = sum(1 for score in scores if score < node.weight)
    return IndicatorRow(
        indicator=node,
        average=_mean(scores),
        losing_share=_percent(losing, len(scores)),
        average_lost=_mean([node.weight - score for score in scores]),
    )


def grade_chart(summary: BatchSummary) -> BarChart:
    items = [(g.grade, Decimal(g.count), f"{g.count}个（{plain(g.share)}%）") for g in summary.grades]
    return bar_chart("等级分布", items, Decimal(max([g.count for g in summary.grades] + [1])))


def loss_chart(summary: BatchSummary) -> BarChart:
    """Leaves where units lose points, the most lost first."""
    leaves = [row for row in summary.indicators if row.indicator.is_leaf and row.average_lost > 0]
    leaves.sort(key=lambda row: -row.average_lost)
    items = [
        (
            row.indicator.name,
            row.average_lost,
            f"平均失{plain(row.average_lost)}分，{plain(row.losing_share)}%单位失分",
        )
        for row in leaves
    ]
    return bar_chart("各指标平均失分", items, max([row.average_lost for row in leaves] + [Decimal(0)]))


def render_batch(
    rubric: ir.RubricIR,
    results: Sequence[tuple[str, ScoreView]],
    to: str,
    unscored: Sequence[Unscored] = (),
) -> str | bytes:
    summary = summarise(rubric, results, unscored)
    if to == "xlsx":
        from rubricdsl.render.batch_xlsx import render_batch_xlsx

        return render_batch_xlsx(summary)
    if to != "html":
        raise ValueError(f"the batch report is html or xlsx, not {to!r}")
    from rubricdsl.render.documents import meta_lines
    from rubricdsl.render.templating import render_template

    return render_template(
        "batch.html",
        summary=summary,
        meta=meta_lines(rubric),
        plain=plain,
        grade_chart=grade_chart(summary),
        loss_chart=loss_chart(summary),
        unscored_title=UNSCORED_TITLE,
        unscored_sentence=count_sentence(summary.unscored, "排名和统计"),
    )
