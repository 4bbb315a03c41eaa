"""Writing rendered reports to files: one file, a directory of files, or one workbook.

Units that could not be scored are listed with the others: in a note under a
single report, in a file of their own beside the units' files, or on a sheet
of their own after the units' sheets.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rubricdsl import ir
from rubricdsl.render.documents import report_document, unscored_document
from rubricdsl.render.unscored import UNSCORED_TITLE, Unscored

if TYPE_CHECKING:
    from rubricdsl.render import Format
    from rubricdsl.render.scoreview import ScoreView
    from rubricdsl.render.table import Document

# Characters no file system or archive tool is happy with in a name.
_UNSAFE_IN_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def write_reports(
    rubric: ir.RubricIR,
    results: Sequence[tuple[str, ScoreView]],
    to: Format,
    out: Path,
    unscored: Sequence[Unscored] = (),
) -> list[Path]:
    from rubricdsl.render import render_document

    if not results:
        raise ValueError("there are no scored units to report")
    if len(results) == 1 and to != "xlsx":
        label, report = results[0]
        write_output(out, render_document(report_document(rubric, label, report, unscored), to))
        return [out]
    docs = [(label, report_document(rubric, label, report)) for label, report in results]
    if unscored:
        docs.append((UNSCORED_TITLE, unscored_document(rubric, unscored)))
    if to == "xlsx":
        from rubricdsl.render.to_xlsx import render_workbook

        write_output(out, render_workbook(docs))
        return [out]
    return _write_each(docs, to, out)


def _write_each(docs: Sequence[tuple[str, Document]], to: Format, out: Path) -> list[Path]:
    """One file per unit in the directory `out`, made if missing."""
    from rubricdsl.render import render_document

    if out.exists() and not out.is_dir():
        raise NotADirectoryError(f"{out}: several units need a directory, one {to} file per unit")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (_, doc) in zip(unit_file_names([label for label, _ in docs], to), docs, strict=True):
        path = out / name
        write_output(path, render_document(doc, to))
        written.append(path)
    return written


def unit_file_names(labels: Sequence[str], extension: str) -> list[str]:
    """A safe, unique file name per unit: its label, or its position when it has none."""
    names: list[str] = []
    taken: set[str] = set()
    for index, label in enumerate(labels, start=1):
        stem = _UNSAFE_IN_NAME.sub("_", label).strip(" .")[:100] or f"unit-{index}"
        candidate, counter = stem, 1
        while candidate.lower() in taken:
            counter += 1
            candidate = f"{stem}-{counter}"
        taken.add(candidate.lower())
        names.append(f"{candidate}.{extension}")
    return names


def write_output(path: Path, data: str | bytes) -> None:
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8", newline="\n")
    else:
        path.write_bytes(data)
