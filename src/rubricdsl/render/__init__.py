"""Renderers: the rubric as the official table, filled-in score reports, batch reports.

    render_rubric(ir, "html")                     # the table, as text or bytes
    render_report(ir, "曲沃县…", report, "docx")   # one unit's filled-in table
    score_report(ir, [(label, report), …], "xlsx", "out.xlsx", failures=[outcome, …])
    batch_report(ir, [(label, report), …], "html", failures=[outcome, …])

Text formats (md, html, csv) come back as `str`, binary ones (xlsx, docx) as
`bytes`.  jinja2, openpyxl and python-docx are imported only when used.

`failures` are the records of the same data that could not be scored (the
runtime's batch `Outcome`s with an error, or anything with their `number`,
`where`, `label` and `error`): the reports list them, so no unit silently
drops out of a report over many units.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from rubricdsl import ir
from rubricdsl.render.documents import report_document, rubric_document
from rubricdsl.render.scoreview import ScoreView, summary_sentence
from rubricdsl.render.table import Document
from rubricdsl.render.unscored import FailureView, unscored

Format = Literal["md", "html", "csv", "xlsx", "docx"]
FORMATS: tuple[Format, ...] = ("md", "html", "csv", "xlsx", "docx")
BINARY_FORMATS: tuple[Format, ...] = ("xlsx", "docx")
BATCH_FORMATS = ("html", "xlsx")

Results = Sequence[tuple[str, ScoreView]]
Failures = Sequence[FailureView]


def render_rubric(rubric: ir.RubricIR, to: Format, *, compare: bool = False) -> str | bytes:
    """The rubric's table; `compare` adds the generated wording beside the official text."""
    return render_document(rubric_document(rubric, compare=compare), to)


def render_report(
    rubric: ir.RubricIR, label: str, report: ScoreView, to: Format, failures: Failures = ()
) -> str | bytes:
    """One unit's score report: the table with 得分 and 扣分说明, totals and summary.

    `failures`: the other units of the same data that could not be scored, noted below.
    """
    return render_document(report_document(rubric, label, report, unscored(failures)), to)


# format → (module in this package, function taking a Document)
_RENDERERS = {
    "md": ("to_markdown", "render_markdown"),
    "html": ("to_html", "render_html"),
    "csv": ("to_csv", "render_csv"),
    "xlsx": ("to_xlsx", "render_xlsx"),
    "docx": ("to_docx", "render_docx"),
}


def render_document(doc: Document, to: Format) -> str | bytes:
    if to not in _RENDERERS:
        raise ValueError(f"unknown format {to!r}; expected one of {', '.join(FORMATS)}")
    module, function = _RENDERERS[to]
    renderer = getattr(importlib.import_module(f"rubricdsl.render.{module}"), function)
    rendered: str | bytes = renderer(doc)
    return rendered


def score_report(
    rubric: ir.RubricIR, results: Results, to: Format, out: str | Path, failures: Failures = ()
) -> list[Path]:
    """Write score reports; the paths written.

    One unit: the file `out`.  Several: for xlsx one workbook `out` with a
    sheet per unit, for the other formats a directory `out` with one file per
    unit, named after the unit.  `failures` are listed too: a note under a
    single report, else a sheet or a file of their own (未能评分的单位).
    """
    from rubricdsl.render.output import write_reports

    return write_reports(rubric, results, to, Path(out), unscored(failures))


def batch_report(
    rubric: ir.RubricIR, results: Results, to: Literal["html", "xlsx"], failures: Failures = ()
) -> str | bytes:
    """Many units at a glance: ranking, grade distribution, where points are lost,
    and the units in `failures` that could not be scored."""
    from rubricdsl.render.batch import render_batch

    return render_batch(rubric, results, to, unscored(failures))


__all__ = [
    "BATCH_FORMATS",
    "BINARY_FORMATS",
    "FORMATS",
    "FailureView",
    "Failures",
    "Format",
    "ScoreView",
    "batch_report",
    "render_document",
    "render_report",
    "render_rubric",
    "score_report",
    "summary_sentence",
]
