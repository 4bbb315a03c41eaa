"""The public entry points: `load` a rubric file, or `loads` its text.

Both parse, check and compile; a rubric with errors raises `RubricError`
carrying every diagnostic, so nothing is scored with a broken rubric.
"""

from __future__ import annotations

from pathlib import Path

from rubricdsl.errors import RubricError
from rubricdsl.frontend import Analysis, analyse, read_source
from rubricdsl.runtime import Rubric
from rubricdsl.source import Source


def load(path: str | Path) -> Rubric:
    """Read, check and compile a rubric file.

    Raises `SourceReadError` when the file cannot be read and `RubricError`
    (with `.diagnostics`) when the rubric has errors.
    """
    return _rubric(analyse(read_source(path)))


def loads(text: str, name: str = "<string>") -> Rubric:
    """Check and compile rubric text; `name` is used in diagnostics."""
    return _rubric(analyse(Source(name, text.replace("\r\n", "\n"))))


def _rubric(analysis: Analysis) -> Rubric:
    if analysis.ir is None:
        raise RubricError(analysis.diagnostics)
    return Rubric(analysis.ir, analysis.warnings)
