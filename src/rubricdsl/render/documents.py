"""Documents to render: the rubric table, or one unit's score report, with
the lines above (title, version) and below (grade scale, totals, summary)."""

from __future__ import annotations

from collections.abc import Sequence

from rubricdsl import ir
from rubricdsl.render.numfmt import plain
from rubricdsl.render.scoreview import ScoreView, grade_scale, summary_sentence
from rubricdsl.render.table import Document, build_table
from rubricdsl.render.unscored import UNSCORED_TITLE, Unscored, unscored_notes, unscored_table

GENERATED_NOTE = "注：未写明评价标准的指标，其评价标准由评分规则生成。"
GENERATED_COLOUR = "1F4E8C"  # generated wording is set in this blue wherever colour is possible


def rubric_document(rubric: ir.RubricIR, *, compare: bool = False) -> Document:
    notes = [grade_scale(rubric)]
    if not compare and any(leaf.criterion is None for leaf in rubric.leaves()):
        notes.append(GENERATED_NOTE)
    return Document(
        title=rubric.title,
        meta=meta_lines(rubric),
        table=build_table(rubric, compare=compare),
        notes=[note for note in notes if note],
    )


def report_document(
    rubric: ir.RubricIR, label: str, report: ScoreView, unscored: Sequence[Unscored] = ()
) -> Document:
    """One unit's filled-in table; `unscored` lists the units of the same data left out."""
    result = f"综合得分：{plain(report.total)}分"
    if report.grade:
        result += f"　评价结论：{report.grade}"
    return Document(
        title=rubric.title,
        meta=meta_lines(rubric),
        table=build_table(rubric, report=report),
        heading=f"评价对象：{label}" if label else "",
        notes=[
            result,
            summary_sentence(rubric, report),
            *filter(None, [grade_scale(rubric)]),
            *unscored_notes(unscored),
        ],
    )


def unscored_document(rubric: ir.RubricIR, rows: Sequence[Unscored]) -> Document:
    """The units not scored on their own: a file beside the units' reports, or a sheet."""
    return Document(
        title=rubric.title,
        meta=meta_lines(rubric),
        table=unscored_table(rows),
        heading=f"{UNSCORED_TITLE}（共{len(rows)}个）",
        notes=["以上单位的数据有误，未能评分，未列入评分结果；更正数据后可重新评分。"],
    )


def meta_lines(rubric: ir.RubricIR) -> list[str]:
    lines = [f"满分：{plain(rubric.total)}分"]
    if rubric.version:
        lines.insert(0, f"版本：{rubric.version}")
    if rubric.issuer:
        lines.append(f"发布单位：{rubric.issuer}")
    if rubric.effective:
        lines.append(f"施行日期：{rubric.effective}")
    return lines
