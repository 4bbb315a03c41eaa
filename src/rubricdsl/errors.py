"""The project's exception types.

User errors (a bad rubric, a bad record) carry located, code-numbered
information and are shown without a traceback; `InternalError` is a bug.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rubricdsl.diagnostics import Diagnostic


class RubricDslError(Exception):
    """Base of every error this package raises on purpose."""


class RubricError(RubricDslError):
    """A rubric that cannot be used: its diagnostics say where and why."""

    def __init__(self, diagnostics: Sequence[Diagnostic], message: str | None = None) -> None:
        self.diagnostics = list(diagnostics)
        errors = [d for d in self.diagnostics if d.severity == "error"]
        first = errors[0] if errors else (self.diagnostics[0] if self.diagnostics else None)
        summary = message or (first.one_line() if first else "invalid rubric")
        if len(errors) > 1:
            summary += f" (and {len(errors) - 1} more error{'s' if len(errors) > 2 else ''})"
        super().__init__(summary)


class InputError(RubricDslError, ValueError):
    """A record that cannot be scored: names the input, the value and the indicator."""

    def __init__(
        self,
        message: str,
        *,
        input_name: str | None = None,
        value: object = None,
        indicator: str | None = None,
    ) -> None:
        self.input_name = input_name
        self.value = value
        self.indicator = indicator
        super().__init__(message)


class InternalError(RubricDslError):
    """A bug in rubricdsl itself, never the user's fault."""


class SourceReadError(RubricDslError):
    """A file that cannot be read at all (missing, a directory, not UTF-8)."""
