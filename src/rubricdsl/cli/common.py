"""What every command shares: exit codes, error output, loading a rubric."""

from __future__ import annotations

import sys
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

if TYPE_CHECKING:
    from rubricdsl.ir import RubricIR

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


@dataclass
class _State:
    debug: bool = False


STATE = _State()


def error(message: str) -> None:
    """A one-line error on stderr, in the same shape as diagnostics."""
    typer.echo(f"error: {message}", err=True)


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    error(message)
    raise typer.Exit(code)


def internal_error(exc: BaseException) -> NoReturn:
    if STATE.debug:
        traceback.print_exception(exc)
    else:
        typer.echo(
            f"internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in rubricdsl, not in your rubric; run again with --debug "
            "and report the traceback.",
            err=True,
        )
    sys.exit(EXIT_INTERNAL)


def use_colour(stream: object = sys.stdout) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def load_ir(path: Path) -> RubricIR:
    """The checked rubric's IR; its diagnostics on stderr and exit 1 when it has errors."""
    from rubricdsl.diagnostics import render_all_text
    from rubricdsl.errors import SourceReadError
    from rubricdsl.frontend import analyse, read_source

    try:
        analysis = analyse(read_source(path))
    except SourceReadError as error:
        fail(str(error))
    if analysis.ir is None:
        typer.echo(render_all_text(analysis.diagnostics, colour=use_colour(sys.stderr)), err=True)
        raise typer.Exit(EXIT_PROBLEMS)
    return analysis.ir
