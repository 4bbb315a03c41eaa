"""The public entry points: `load` a rubric file, or `loads` its text.

Both parse, check and compile; a rubric with errors raises `RubricError`
carrying every diagnostic, so nothing is scored with a broken rubric.
"""

from __future__ import annotations

from pathlib import Path

from rubricdsl.errors import RubricError
from rubricdsl.frontend import analyse, collector_paused, read_source
from rubricdsl.runtime import Rubric
from rubricdsl.source import Source


def load(path: str | Path, *, examples: bool = False) -> Rubric:
    """Read, check and compile a rubric file.

    The rubric's `example` blocks are tests (`rubric check` checks them,
    `rubric test` runs them) and scoring does not need them, so they are left
    out unless `examples=True`; then they are checked too and kept in
    `Rubric.ir.examples`.

    Raises `SourceReadError` when the file cannot be read and `RubricError`
    (with `.diagnostics`) when the rubric has errors.
    """
    return _rubric(read_source(path), examples)


def loads(text: str, name: str = "<string>", *, examples: bool = False) -> Rubric:
    """Check and compile rubric text; `name` is used in diagnostics."""
    return _rubric(Source(name, text.replace("\r\n", "\n")), examples)


def _rubric(source: Source, examples: bool) -> Rubric:
    with collector_paused():
        analysis = analyse(source, examples=examples)
        if analysis.ir is None:
            raise RubricError(analysis.diagnostics)
        rubric = Rubric(analysis.ir, analysis.warnings)
        del analysis  # the syntax tree goes before the collector looks at what is left
    return rubric
