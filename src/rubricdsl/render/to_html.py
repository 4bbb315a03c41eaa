"""HTML: a standalone page (inline CSS, A4 landscape when printed), autoescaped."""

from __future__ import annotations

from rubricdsl.render.documents import GENERATED_NOTE
from rubricdsl.render.table import Document
from rubricdsl.render.templating import render_template


def render_html(doc: Document) -> str:
    return render_template("table.html", doc=doc, table=doc.table, generated_note=GENERATED_NOTE)
