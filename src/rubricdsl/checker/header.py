"""Passes over the header: required statements, repeats, and their values."""

from __future__ import annotations

import datetime
import re

from rubricdsl import nodes as n
from rubricdsl.checker.context import Context
from rubricdsl.diagnostics import Label
from rubricdsl.source import Span

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def check_required_header(ctx: Context) -> None:
    """E601, E602, E604: `rubric`, `total` and `levels` must be given."""
    file = ctx.file
    top = _first_line(ctx)
    if file.title is None:
        hint = 'start the file with `rubric "标题" version "1"`'
        ctx.report("E601", "the rubric has no title", top, hint=hint)
    if file.total is None:
        ctx.report("E602", "the rubric has no `total`", top, hint="declare the full score: `total 100`")
    if not file.levels:
        ctx.report(
            "E604", "the rubric does not name its levels", top,
            hint="declare them, e.g. `levels 一级指标, 二级指标, 三级指标`",
        )  # fmt: skip


def _first_line(ctx: Context) -> Span:
    """Where a missing header statement belongs: the top of the file."""
    return Span(0, len(ctx.source.line_text(1)))


def check_repeated_header(ctx: Context) -> None:
    """E603: each header statement once."""
    first_at: dict[str, n.Header] = {}
    for header in ctx.file.headers:
        first = first_at.setdefault(header.keyword, header)
        if first is not header:
            ctx.report(
                "E603", f"`{header.keyword}` is given twice", header.span,
                labels=[Label(first.span, "first given here")],
                hint="keep one; the first one counts",
            )  # fmt: skip


def check_total_positive(ctx: Context) -> None:
    """E607: a total of 0 leaves nothing to score."""
    total = ctx.file.total
    if total is not None and total.value <= 0:
        ctx.report(
            "E607", f"the total must be greater than 0, not {total.text}", total.span,
            hint="declare the full score, e.g. `total 100`",
        )  # fmt: skip


def check_rounding(ctx: Context) -> None:
    """E605: rounding to a multiple of 0 means nothing."""
    rounding = ctx.file.rounding
    if rounding is not None and rounding.quantum.value <= 0:
        ctx.report(
            "E605", f"scores cannot be rounded to multiples of {rounding.quantum.text}",
            rounding.quantum.span, hint="round to a positive step, e.g. `rounding 0.01 half-up`",
        )  # fmt: skip


def check_effective_date(ctx: Context) -> None:
    """E606: `effective` is a real date written YYYY-MM-DD."""
    effective = ctx.file.effective
    if effective is None or _is_iso_date(effective.value):
        return
    ctx.report(
        "E606", f"`{effective.value}` is not a date written YYYY-MM-DD", effective.span,
        hint='write the date as `effective "2021-01-01"`',
    )  # fmt: skip


def _is_iso_date(text: str) -> bool:
    if not _ISO_DATE.fullmatch(text):
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True
