"""`rubric fmt`: print a rubric in the canonical layout.

The layout is a function of the AST, its comments and where the source had
blank lines, so formatting is idempotent and parsing the output gives the same
tree as parsing the input.  A file with syntax errors is not formatted: its
diagnostics are returned instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from rubricdsl.diagnostics import Diagnostic
from rubricdsl.errors import InternalError, RubricError
from rubricdsl.formatter.comments import Scanner, attach
from rubricdsl.formatter.printer import Printer
from rubricdsl.formatter.statements import file_unit
from rubricdsl.frontend import collector_paused
from rubricdsl.nodes import RubricFile
from rubricdsl.source import Source

__all__ = ["FormatResult", "format_file", "format_source", "format_text"]


@dataclass(frozen=True, slots=True)
class FormatResult:
    text: str | None  # None when the source has syntax errors
    diagnostics: list[Diagnostic]


def format_file(file: RubricFile, source: Source) -> str:
    """The canonical text of a parsed file; `source` is the text it was parsed from."""
    scanner = Scanner(source.text, file.comments)
    root = file_unit(file, scanner)
    attach(root, file.comments, scanner)
    return Printer(scanner).print_file(root)


def format_source(source: Source) -> FormatResult:
    with collector_paused():  # see `collector_paused`: a large file is two large trees here
        return _format_source(source)


def _format_source(source: Source) -> FormatResult:
    from rubricdsl.parser import parse

    parsed = parse(source)
    if parsed.file is None:
        return FormatResult(None, parsed.diagnostics)
    text = format_file(parsed.file, source)
    _verify(parsed.file, Source(source.name, text))
    return FormatResult(text, [])


def _verify(before: RubricFile, formatted: Source) -> None:
    """Refuse output that would not parse or would lose a comment: a bug, never a user error.

    `rubric fmt --write` replaces the user's file, so this costs one more parse.
    """
    from rubricdsl.parser import parse

    after = parse(formatted).file
    if after is None:
        raise InternalError(f"{formatted.name}: the formatted text does not parse")
    if sorted(c.text for c in after.comments) != sorted(c.text for c in before.comments):
        raise InternalError(f"{formatted.name}: formatting would lose a comment")


def format_text(text: str, name: str = "<text>") -> str:
    """The canonical text; raises `RubricError` with the syntax diagnostics."""
    result = format_source(Source(name, text))
    if result.text is None:
        raise RubricError(result.diagnostics)
    return result.text
