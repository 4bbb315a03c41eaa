"""What the renderers read from a score report, and the sentences made of it.

The renderers depend on this shape, not on the runtime's classes, so a
report can be rendered from anything that has these attributes (the runtime's
`ScoreReport`, or a record read back from JSON).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Protocol

from rubricdsl import ir
from rubricdsl.render.numfmt import plain


class TraceView(Protocol):
    """How one leaf was scored."""

    @property
    def score(self) -> Decimal: ...
    @property
    def lost(self) -> Decimal: ...
    @property
    def applied(self) -> str: ...


class ScoreView(Protocol):
    """One unit's scores: every indicator's by path ('投入/预算编制'), the leaves' traces."""

    @property
    def total(self) -> Decimal: ...
    @property
    def grade(self) -> str | None: ...
    @property
    def scores(self) -> Mapping[str, Decimal]: ...
    @property
    def traces(self) -> Mapping[str, TraceView]: ...


def path_key(indicator: ir.Indicator) -> str:
    return "/".join(indicator.path)


def score_of(report: ScoreView, indicator: ir.Indicator) -> Decimal:
    return report.scores[path_key(indicator)]


def lost_text(report: ScoreView, leaf: ir.Indicator) -> str:
    """Why the leaf lost points (扣分说明); empty when it lost none."""
    trace = report.traces.get(path_key(leaf))
    if trace is None or trace.lost <= 0:
        return ""
    reason = trace.applied.strip().rstrip("。")
    return f"扣{plain(trace.lost)}分：{reason}。" if reason else f"扣{plain(trace.lost)}分。"


def summary_sentence(rubric: ir.RubricIR, report: ScoreView) -> str:
    """投入方面得分为13分；过程方面得分为55分；…；综合得分为93分，评价结论为优。"""
    parts = [f"{top.name}方面得分为{plain(score_of(report, top))}分" for top in rubric.indicators]
    closing = f"综合得分为{plain(report.total)}分"
    if report.grade:
        closing += f"，评价结论为{report.grade}"
    return "；".join([*parts, closing]) + "。"


def grade_scale(rubric: ir.RubricIR) -> str:
    """评价等级：≥90分为优；80（含）－90分为良；60（含）－80分为中；低于60分为差。"""
    if not rubric.grades:
        return ""
    phrases = []
    above: ir.Grade | None = None  # the next better grade, whose threshold is this one's top
    for grade in rubric.grades:
        phrases.append(f"{_grade_range(grade, above)}为{grade.name}")
        above = grade
    return "评价等级：" + "；".join(phrases) + "。"


def _grade_range(grade: ir.Grade, above: ir.Grade | None) -> str:
    top = above.threshold if above is not None else None
    if grade.threshold is None:
        if top is None:
            return "任何得分"
        return f"{'≤' if above is not None and above.strict else '低于'}{plain(top)}分"
    low = plain(grade.threshold)
    if top is None:
        return f"{'＞' if grade.strict else '≥'}{low}分"
    low_text = low if grade.strict else f"{low}（含）"
    top_text = f"{plain(top)}（含）" if above is not None and above.strict else plain(top)
    return f"{low_text}－{top_text}分"
