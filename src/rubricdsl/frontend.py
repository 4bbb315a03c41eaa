"""The front of the pipeline: read → parse → check → lower to IR.

`analyse` never raises for a bad rubric: it returns every diagnostic, and the
IR only when there is no error.  `load` in the public API and every CLI
command go through here, so they agree on what a valid rubric is.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rubricdsl.diagnostics import Diagnostic, sort_key
from rubricdsl.errors import SourceReadError
from rubricdsl.source import Source

if TYPE_CHECKING:  # the IR's pydantic models load only when a command needs them
    from rubricdsl.ir import RubricIR
    from rubricdsl.nodes import RubricFile


@dataclass(frozen=True, slots=True)
class Analysis:
    source: Source
    file: RubricFile | None  # None when the text does not parse
    diagnostics: list[Diagnostic]
    ir: RubricIR | None  # None when there is any error

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]


def read_source(path: str | Path) -> Source:
    """Read a rubric file as UTF-8 (a byte-order mark is allowed)."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise SourceReadError(f"{p}: no such file") from None
    except IsADirectoryError:
        raise SourceReadError(f"{p}: is a directory, not a rubric file") from None
    except OSError as error:
        raise SourceReadError(f"{p}: cannot read: {error.strerror or error}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SourceReadError(
            f"{p}: not UTF-8 text (byte {error.start}); save the rubric as UTF-8"
        ) from None
    return Source(str(path), text.replace("\r\n", "\n"))


@contextmanager
def collector_paused() -> Iterator[None]:
    """Building a rubric allocates many small acyclic objects; the cycle
    collector would rescan them again and again (most of the time of loading a
    5,000-leaf rubric), so it waits until the rubric is built."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def analyse(source: Source, *, examples: bool = True) -> Analysis:
    """Parse, check and lower; `examples=False` leaves the example blocks out
    (see `rubricdsl.skim`): what scoring needs, in a third of the time."""
    if not examples:
        from rubricdsl.skim import without_examples

        source = Source(source.name, without_examples(source.text))
    with collector_paused():
        return _analyse(source)


def _analyse(source: Source) -> Analysis:
    from rubricdsl.checker import check
    from rubricdsl.lowering import lower
    from rubricdsl.parser import parse

    parsed = parse(source)
    if parsed.file is None:
        return Analysis(source, None, sorted(parsed.diagnostics, key=sort_key), None)
    result = check(parsed.file, source)
    diagnostics = sorted(result.diagnostics, key=sort_key)
    if any(d.severity == "error" for d in diagnostics):
        return Analysis(source, parsed.file, diagnostics, None)
    return Analysis(source, parsed.file, diagnostics, lower(parsed.file, source, result.ranges))


def analyse_path(path: str | Path) -> Analysis:
    return analyse(read_source(path))
