"""Diagnostics as data, and their three renderings: text, JSON and GitHub.

Passes collect `Diagnostic` records; nothing is printed until the edge (the
CLI or an exception message) chooses a format.  The text format follows
rustc: a header with the code, the location, the source line with a caret
under the exact span, secondary labels, then `= note:` and `= help:` lines.
What reaches the terminal never holds a raw control character (it could act
on the terminal), and tabs are expanded so that the caret lines up.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from rubricdsl.source import Source, Span

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Label:
    """A secondary place worth showing, with a short message."""

    span: Span
    message: str


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    severity: Severity
    message: str
    span: Span | None
    source: Source | None = field(default=None, compare=False, repr=False)
    labels: tuple[Label, ...] = ()
    notes: tuple[str, ...] = ()
    hint: str | None = None

    @property
    def file(self) -> str | None:
        return self.source.name if self.source else None

    def position(self) -> tuple[int, int] | None:
        if self.source is None or self.span is None:
            return None
        return self.source.line_col(self.span.start)

    def location(self) -> str:
        pos = self.position()
        if pos is None:
            return self.file or "<input>"
        return f"{self.file}:{pos[0]}:{pos[1]}"

    def one_line(self) -> str:
        return f"{self.location()}: {self.severity}[{self.code}]: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "file": self.file,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
        }
        record.update(_range_dict(self.source, self.span))
        record["labels"] = [
            {"message": label.message, **_range_dict(self.source, label.span)}
            for label in self.labels
        ]
        record["notes"] = list(self.notes)
        record["help"] = self.hint
        return record


def _range_dict(source: Source | None, span: Span | None) -> dict[str, int | None]:
    if source is None or span is None:
        return {"line": None, "col": None, "end_line": None, "end_col": None}
    line, col = source.line_col(span.start)
    end_line, end_col = source.line_col(span.end)
    return {"line": line, "col": col, "end_line": end_line, "end_col": end_col}


def sort_key(diag: Diagnostic) -> tuple[str, int, str]:
    return (diag.file or "", diag.span.start if diag.span else -1, diag.code)


def has_errors(diagnostics: Iterable[Diagnostic], strict: bool = False) -> bool:
    return any(d.severity == "error" or strict for d in diagnostics)


# ---------------------------------------------------------------- text


def _width(text: str) -> int:
    """Display width: Chinese characters take two terminal columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


_TAB_STOP = 4
# Characters that reorder the text around them on a terminal.
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _shown_char(ch: str) -> str:
    """A control character as an escape (`\\x1b`): raw, it would act on the terminal."""
    if unicodedata.category(ch) == "Cc" or ch in _BIDI_CONTROLS:
        return ch.encode("unicode_escape").decode("ascii")
    return ch


def _visible(text: str) -> str:
    return "".join(_shown_char(ch) for ch in text)


def _shown_line(line: str) -> list[str]:
    """Each character of a source line as printed: tabs expanded to the next
    stop, control characters escaped; the caret line is measured on these."""
    pieces: list[str] = []
    column = 0
    for ch in line.removesuffix("\r"):
        piece = " " * (_TAB_STOP - column % _TAB_STOP) if ch == "\t" else _shown_char(ch)
        pieces.append(piece)
        column += _width(piece)
    return pieces


@dataclass(frozen=True, slots=True)
class _Mark:
    line: int
    start_col: int  # 1-based, in characters
    end_col: int  # exclusive
    char: str
    message: str


def _mark(source: Source, span: Span, char: str, message: str) -> _Mark:
    line, col = source.line_col(span.start)
    end_line, end_col = source.line_col(span.end)
    line_len = len(source.line_text(line))
    if end_line != line:
        end_col = line_len + 1
    end_col = max(end_col, col + 1)
    return _Mark(line, col, end_col, char, message)


def _paint(source: Source, marks: Sequence[_Mark], colour: _Colour) -> list[str]:
    gutter = len(str(max(m.line for m in marks)))
    pad = " " * gutter
    out = [f"{pad} {colour.blue('|')}"]
    shown: set[int] = set()
    for mark in sorted(marks, key=lambda m: (m.line, m.char != "^")):
        pieces = _shown_line(source.line_text(mark.line))
        if mark.line not in shown:
            out.append(f"{colour.blue(str(mark.line).rjust(gutter) + ' |')} {''.join(pieces)}")
            shown.add(mark.line)
        lead = _width("".join(pieces[: mark.start_col - 1]))
        size = max(1, _width("".join(pieces[mark.start_col - 1 : mark.end_col - 1])))
        under = mark.char * size + (f" {_visible(mark.message)}" if mark.message else "")
        painted = colour.red(under) if mark.char == "^" else colour.blue(under)
        out.append(f"{pad} {colour.blue('|')} {' ' * lead}{painted}")
    return out


class _Colour:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def _wrap(self, code: str, text: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.enabled else text

    def red(self, text: str) -> str:
        return self._wrap("1;31", text)

    def yellow(self, text: str) -> str:
        return self._wrap("1;33", text)

    def blue(self, text: str) -> str:
        return self._wrap("1;34", text)

    def bold(self, text: str) -> str:
        return self._wrap("1", text)


def render_text(diag: Diagnostic, colour: bool = False) -> str:
    """One diagnostic in the rustc style, ending without a newline."""
    paint = _Colour(colour)
    level = paint.red("error") if diag.severity == "error" else paint.yellow("warning")
    lines = [f"{level}{paint.bold(f'[{diag.code}]: {_visible(diag.message)}')}"]
    pad = " "
    if diag.source is not None and diag.span is not None:
        marks = [_mark(diag.source, diag.span, "^", "")]
        marks += [_mark(diag.source, lab.span, "-", lab.message) for lab in diag.labels]
        pad = " " * len(str(max(m.line for m in marks)))
        lines.append(f"{pad}{paint.blue('-->')} {_visible(diag.location())}")
        lines.extend(_paint(diag.source, marks, paint))
    else:
        lines.append(f"{pad}{paint.blue('-->')} {_visible(diag.location())}")
    for note in diag.notes:
        lines.append(f"{pad} {paint.blue('=')} note: {_visible(note)}")
    if diag.hint:
        lines.append(f"{pad} {paint.blue('=')} help: {_visible(diag.hint)}")
    return "\n".join(lines)


def render_all_text(diagnostics: Sequence[Diagnostic], colour: bool = False) -> str:
    return "\n\n".join(render_text(d, colour) for d in diagnostics)


# ---------------------------------------------------------------- json / github


def render_json(diagnostics: Sequence[Diagnostic]) -> str:
    return json.dumps([d.to_dict() for d in diagnostics], ensure_ascii=False, indent=2)


def _github_escape(text: str, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def render_github(diag: Diagnostic) -> str:
    """A GitHub Actions workflow command that annotates the line."""
    kind = "error" if diag.severity == "error" else "warning"
    props = [f"file={_github_escape(diag.file or '<input>', True)}"]
    record = diag.to_dict()
    if record["line"] is not None:
        props += [
            f"line={record['line']}",
            f"col={record['col']}",
            f"endLine={record['end_line']}",
            f"endColumn={record['end_col']}",
        ]
    props.append(f"title={_github_escape(diag.code, True)}")
    body = diag.message
    if diag.hint:
        body += f"\nhelp: {diag.hint}"
    return f"::{kind} {','.join(props)}::{_github_escape(body)}"
