"""Texts that run on: a `"` left out makes every later `"` the wrong way round.

Texts may span lines, so a text whose closing quote is missing ends only at
the next `"` (the one meant to open the next text), and the parser fails
somewhere after that, on words that look fine.  The tell is a text whose
body holds a line that reads like a new statement or item (`score: …`,
`explain "…`, `名称 3 {`, an input declaration, a lone `}`); closing the text
before that line, and seeing the file parse past it, confirms it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from rubricdsl import codes
from rubricdsl.diagnostics import Diagnostic, Label
from rubricdsl.parser.braces import NOT_CODE
from rubricdsl.source import Source, Span

_KEYWORDS = (
    "criterion|explain|score|let|example|when|else|given|expect|inputs|grades"
    "|rubric|issuer|effective|total|levels|rounding|steps"
)
_TYPES = r"count|amount|number|percent|yes/no|yesno|judged|是否"
# A line of a text's body that reads like code: a keyword, an indicator
# (`名称 3 {`), an input declaration (`名称 count`), a checklist item
# (`名称 → 2`) or a lone `}`.
_CODE_LINE = re.compile(
    rf"\n[ \t\u3000]*(?:(?:{_KEYWORDS})\b"
    rf"|[^\s\"{{}}]+[ \t]+(?:\d+(?:\.\d+)?[ \t]*\{{|(?:{_TYPES})(?![\w/]))"
    r"|[^\s\"{}]+[ \t]*(?:→|->)|\}[ \t]*(?=\n))"
)
_MAX_TRIED = 3  # candidates checked by parsing again, first ones first


@dataclass(frozen=True, slots=True)
class RunOn:
    """A text that may run on: where it opens and closes, and the line
    break where its closing quote is probably missing."""

    opening: int
    closing: int  # the offset of the `"` that closes it now
    missing_at: int  # where a `"` would close it before the line that reads like code
    code_line_end: int  # the end of that line


def _run_on(text: str, start: int, end: int) -> RunOn | None:
    code_line = _CODE_LINE.search(text, start, end)
    if code_line is None:
        return None
    missing_at = code_line.start()
    if text[missing_at - 1] == "\r":
        missing_at -= 1
    line_end = text.find("\n", code_line.end())
    return RunOn(start, end - 1, missing_at, len(text) if line_end < 0 else line_end)


def _candidates(text: str, until: int) -> list[RunOn]:
    found: list[RunOn] = []
    for match in NOT_CODE.finditer(text):
        if match.start() > until:
            break
        if match.group().startswith('"') and "\n" in match.group():
            run_on = _run_on(text, match.start(), match.end())
            if run_on is not None:
                found.append(run_on)
                if len(found) == _MAX_TRIED:
                    break
    return found


def find_run_on(
    source: Source, first_error: int, first_error_from: Callable[[str, int], int | None]
) -> Diagnostic | None:
    """The first text opening at or before `first_error` that runs on,
    confirmed by `first_error_from(text, offset)` (where the first syntax
    error at or after `offset` falls) once the text is closed; None if none
    is.  Texts after the first error are not suspects: once one text has run
    on, every later `"` is the wrong way round."""
    text = source.text
    for run_on in _candidates(text, first_error):
        closed = text[: run_on.missing_at] + '"' + text[run_on.missing_at :]
        error = first_error_from(closed, run_on.missing_at)
        if error is None or error > run_on.code_line_end + 1:
            return _diagnostic(source, run_on)
    return None


def _diagnostic(source: Source, run_on: RunOn) -> Diagnostic:
    runs_to = source.line_col(run_on.closing)[0]
    close_on = source.line_col(run_on.missing_at)[0]
    return codes.make(
        "E001", f"this text is never closed: it runs on to line {runs_to}",
        Span(run_on.opening, run_on.opening + 1), source,
        labels=(Label(Span(run_on.closing, run_on.closing + 1), "the text ends only at this `\"`"),),
        hint=f'close it with `"`, probably at the end of line {close_on}',
    )  # fmt: skip
