"""Markdown: a GitHub-style table; merged cells are written once, their repeats left blank."""

from __future__ import annotations

from rubricdsl.render.table import Document, without_spans
from rubricdsl.render.templating import render_template

_NUMERIC = ("weight", "score")


def render_markdown(doc: Document) -> str:
    columns = doc.table.columns
    return render_template(
        "table.md",
        doc=doc,
        header=[column.title for column in columns],
        rules=["---:" if column.role in _NUMERIC else "---" for column in columns],
        rows=without_spans(doc.table),
    )
