"""Passes over the grade scale: order, names, coverage of [0, total], bounds."""

from __future__ import annotations

import itertools
from decimal import Decimal

from rubricdsl import nodes as n
from rubricdsl.checker.context import Context, num
from rubricdsl.diagnostics import Label


def _text(ctx: Context, grade: n.Grade) -> str:
    return ctx.source.snippet(grade.span)


def check_grade_order(ctx: Context) -> None:
    """E611: thresholds fall from first to last, `otherwise` last."""
    grades = ctx.file.grades
    for earlier, later in itertools.pairwise(grades):
        if earlier.threshold is None:
            problem = "comes after `otherwise`, so it never applies"
        elif later.threshold is not None and _lower_end(later) >= _lower_end(earlier):
            problem = "is not lower than the grade before it"
        else:
            continue
        ctx.report(
            "E611", f"`{_text(ctx, later)}` {problem}", later.span,
            labels=[Label(earlier.span, "tried first")],
            hint="list the grades from the highest threshold to the lowest, `otherwise` last",
        )  # fmt: skip
        return


def _lower_end(grade: n.Grade) -> tuple[Decimal, bool]:
    assert grade.threshold is not None
    return grade.threshold.value, grade.strict


def check_grade_names(ctx: Context) -> None:
    """E612: each grade has its own name."""
    seen: dict[str, n.Grade] = {}
    for grade in ctx.file.grades:
        first = seen.setdefault(grade.name.name, grade)
        if first is not grade:
            ctx.report(
                "E612", f"the grade `{grade.name.name}` is named twice", grade.name.span,
                labels=[Label(first.name.span, "first named here")], hint="give each grade its own name",
            )  # fmt: skip


def check_grade_coverage(ctx: Context) -> None:
    """E613: every total from 0 up gets a grade."""
    header = next((h for h in ctx.file.headers if h.keyword == "grades"), None)
    grades = ctx.file.grades
    if header is None or any(g.threshold is None for g in grades):
        return
    if not grades:
        ctx.report(
            "E613", "the grade scale is empty", header.span,
            hint="give at least one grade, e.g. `grades { 合格 ≥ 60; 不合格 otherwise }`",
        )  # fmt: skip
        return
    lowest = min(grades, key=_lower_end)
    assert lowest.threshold is not None
    if lowest.threshold.value < 0 or (lowest.threshold.value == 0 and not lowest.strict):
        return
    bracket = "]" if lowest.strict else ")"
    ctx.report(
        "E613", f"totals in `[0, {num(lowest.threshold.value)}{bracket}` get no grade", lowest.span,
        hint=f"end the scale with a grade for the rest, e.g. `{_rest_name(grades)} otherwise`",
    )  # fmt: skip


def _rest_name(grades: tuple[n.Grade, ...]) -> str:
    return "差" if all(g.name.name != "差" for g in grades) else "不合格"


def check_grade_thresholds(ctx: Context) -> None:
    """E614: thresholds between 0 and the total."""
    total = ctx.file.total
    for grade in ctx.file.grades:
        threshold = grade.threshold
        if threshold is None:
            continue
        if threshold.value < 0 or (total is not None and threshold.value > total.value):
            ctx.report(
                "E614", f"the threshold {threshold.text} of `{grade.name.name}` is outside 0 to "
                f"{total.text if total else 'the total'}",
                threshold.span, hint="a total can only be between 0 and the rubric's `total`",
            )  # fmt: skip
