"""The registry of diagnostic codes: one place for every code, its severity,
a one-line title and the long explanation `rubric explain CODE` prints.

Numbering: E0xx syntax; E1xx names; E2xx types and units; E3xx the indicator
tree and weights; E4xx bands and steps; E5xx reachable scores; E6xx grades
and header; E7xx examples.  Warnings use W with the same families.
"""

from __future__ import annotations

from dataclasses import dataclass

from rubricdsl.diagnostics import Diagnostic, Label, Severity
from rubricdsl.source import Source, Span


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    severity: Severity
    title: str
    explanation: str


_ALL: tuple[Code, ...] = (
    Code(
        "E001",
        "error",
        "unexpected character",
        "The file holds a character that starts no word of the language here, such as a\n"
        "stray symbol or an unclosed string.  Quote names that need unusual characters\n"
        "with backticks: `my name`.",
    ),
    Code(
        "E002",
        "error",
        "unexpected word or symbol",
        "The parser read a word or symbol where the language does not allow it.  The\n"
        "message lists what could have come at that point; a common cause is a missing\n"
        "`{`, `}`, `:` or `;` just before the caret, or a weight missing after a name.",
    ),
    Code(
        "E003",
        "error",
        "unexpected end of file",
        "The file ended in the middle of a statement, usually because a `{` was never\n"
        "closed.  Count the braces of the last indicator or block.",
    ),
    Code(
        "E004",
        "error",
        "operator not allowed here",
        "Some places take only one spelling of an operator: `let` and `expect` use `=`,\n"
        "grades use `≥` (or `>`), and constraints on inputs use a comparison.",
    ),
    Code(
        "E005",
        "error",
        "step direction said twice, differently",
        "A step clause gives its direction either by a sign (`each +0.1pp`, `each −5%`,\n"
        "`each ±5%`) or by a word (`each 5% above`, `each 5% below`).  Here the two\n"
        "disagree, so the clause could be read two ways.",
    ),
)

CODES: dict[str, Code] = {c.code: c for c in _ALL}


def make(
    code: str,
    message: str,
    span: Span | None,
    source: Source | None = None,
    *,
    labels: tuple[Label, ...] = (),
    notes: tuple[str, ...] = (),
    hint: str | None = None,
) -> Diagnostic:
    """A diagnostic whose severity comes from the registry."""
    return Diagnostic(
        code=code,
        severity=CODES[code].severity,
        message=message,
        span=span,
        source=source,
        labels=labels,
        notes=notes,
        hint=hint,
    )
