"""Text → Lark tree → AST, with syntax errors turned into diagnostics.

The LALR parser is built once per process (and cached on disk by Lark), and
recovers from an error by dropping the offending token, so one run reports
every syntax error it can tell apart.  Users never see Lark's terminal names:
`_expected_words` says what was expected in words.
"""

from __future__ import annotations

import functools
import importlib.resources
from dataclasses import dataclass
from pathlib import Path

from lark import Lark, UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken
from lark.lexer import PatternStr

from rubricdsl import codes
from rubricdsl.diagnostics import Diagnostic
from rubricdsl.nodes import RubricFile
from rubricdsl.source import Source, Span

MAX_SYNTAX_ERRORS = 20

# What a terminal means to someone writing a rubric.
_TERMINAL_WORDS = {
    "NAME": "a name",
    "QUOTED_NAME": "a name",
    "NUMBER": "a number",
    "STRING": 'a quoted text ("…")',
    "PERCENT_SIGN": "`%`",
    "ROUND_MODE": "a rounding mode (half-up, half-even, down, …)",
    "POLICY": "a partial-step policy (started, whole or pro-rata)",
    "FUNC": "abs, min or max",
    "TYPE_WITH_UNIT": "an input type (count, amount, number, percent, yes/no, judged)",
    "YESNO": "an input type (count, amount, number, percent, yes/no, judged)",
    "ARROW": "`→`",
    "CMP": "a comparison (≥, ≤, >, <, =)",
    "PLUSMINUS": "`±`",
    "PLUS": "`+`",
    "MINUS": "`−`",
    "TIMES": "`×`",
    "DIVIDE": "`/`",
    "LPAR": "`(`",
    "RPAR": "`)`",
    "LBRACKET": "`[`",
    "RBRACKET": "`]`",
    "_COMMA": "`,`",
    "_ENUM": "`、`",
    "_SEMI": "`;`",
    "_COLON": "`:`",
    "$END": "the end of the file",
}


def _grammar_text() -> str:
    """The grammar shipped in the wheel, or the repository's copy in a checkout."""
    packaged = importlib.resources.files("rubricdsl").joinpath("grammar/rubric.lark")
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    checkout = Path(__file__).resolve().parents[2] / "grammar" / "rubric.lark"
    return checkout.read_text(encoding="utf-8")


@functools.cache
def lark_parser() -> Lark:
    return Lark(
        _grammar_text(),
        parser="lalr",
        lexer="contextual",
        propagate_positions=True,
        maybe_placeholders=False,
        cache=True,
    )


@functools.cache
def _words_of_terminals() -> dict[str, str]:
    words = dict(_TERMINAL_WORDS)
    for term in lark_parser().terminals:
        if term.name not in words and isinstance(term.pattern, PatternStr):
            words[term.name] = f"`{term.pattern.value}`"
    return words


def _expected_words(expected: set[str] | frozenset[str]) -> str:
    words = _words_of_terminals()
    names = sorted({words.get(name, name.lower()) for name in expected if name != "COMMENT"})
    if len(names) > 10:
        names = names[:10] + ["…"]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " or " + names[-1]


@dataclass(frozen=True, slots=True)
class ParseResult:
    file: RubricFile | None
    diagnostics: list[Diagnostic]


def _syntax_diagnostic(error: UnexpectedInput, source: Source) -> Diagnostic:
    text = source.text
    if isinstance(error, UnexpectedCharacters):
        pos = error.pos_in_stream
        ch = text[pos] if pos < len(text) else ""
        shown = "a line break" if ch == "\n" else f"`{ch}`"
        hint = f"expected {_expected_words(error.allowed)}" if error.allowed else None
        if ch == '"':
            return codes.make(
                "E001", "unclosed text: a `\"` starts a text that never ends",
                Span(pos, pos + 1), source, hint='close the text with `"`',
            )
        return codes.make(
            "E001", f"unexpected character {shown}", Span(pos, pos + 1), source, hint=hint
        )
    if isinstance(error, UnexpectedToken) and error.token.type != "$END":
        tok = error.token
        start = tok.start_pos if tok.start_pos is not None else len(text)
        end = tok.end_pos if tok.end_pos is not None else start + len(str(tok))
        return codes.make(
            "E002",
            f"unexpected `{tok}`",
            Span(start, max(end, start + 1)),
            source,
            hint=f"expected {_expected_words(error.expected)}",
        )
    expected = getattr(error, "expected", None) or set()
    end = len(text.rstrip())
    return codes.make(
        "E003",
        "unexpected end of file",
        Span(max(end - 1, 0), end),
        source,
        hint=f"expected {_expected_words(set(expected))}" if expected else None,
    )


def parse(source: Source) -> ParseResult:
    """Parse and build the AST; with syntax errors, the file is None."""
    from rubricdsl.builder import build  # the builder imports nodes; keep import light

    errors: list[Diagnostic] = []

    def recover(error: UnexpectedInput) -> bool:
        diag = _syntax_diagnostic(error, source)
        previous = errors[-1] if errors else None
        if previous is None or previous.position() != diag.position():
            # Errors on one line after the first are usually its echo.
            if previous is None or (previous.position() or (0,))[0] != (diag.position() or (0,))[0]:
                errors.append(diag)
        return len(errors) < MAX_SYNTAX_ERRORS and not isinstance(error, UnexpectedEOF)

    try:
        tree = lark_parser().parse(source.text, on_error=recover)
    except UnexpectedInput as error:
        if not errors or errors[-1].position() != _syntax_diagnostic(error, source).position():
            errors.append(_syntax_diagnostic(error, source))
        return ParseResult(None, errors)
    if errors:
        return ParseResult(None, errors)
    file, diagnostics = build(tree, source)
    return ParseResult(file if not diagnostics else None, diagnostics)
