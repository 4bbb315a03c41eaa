"""CSV: the table alone (header, rows, 合计), merged cells written once."""

from __future__ import annotations

import csv
import io

from rubricdsl.render.table import Document, without_spans


def render_csv(doc: Document) -> str:
    table = doc.table
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([column.title for column in table.columns])
    writer.writerows(without_spans(table))
    return buffer.getvalue()
