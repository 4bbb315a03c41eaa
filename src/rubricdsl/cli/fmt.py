"""`rubric fmt`: print, rewrite or check the canonical layout of rubric files.

One file without options: the formatted text on stdout.  `--write` rewrites
files in place (only those that change); `--check` writes nothing, lists the
files that would change on stdout and exits 1 if there are any.  A file with
syntax errors is never formatted: its diagnostics go to stderr, exit 1.  A
file that cannot be read: a message on stderr, exit 2.  Directories stand for
the `*.rubric` files under them.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer

from rubricdsl.cli import common


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("fmt")(fmt)


@dataclass(frozen=True, slots=True)
class _Outcome:
    path: Path
    original: bytes
    formatted: str | None  # None: the file could not be read, or has syntax errors
    readable: bool = True

    @property
    def changes(self) -> bool:
        return self.formatted is not None and self.formatted.encode("utf-8") != self.original


def fmt(
    files: Annotated[list[Path], typer.Argument(help="Rubric files, or directories of them.")],
    write: Annotated[bool, typer.Option("--write", "-w", help="Rewrite the files in place.")] = False,
    check: Annotated[
        bool, typer.Option("--check", help="Write nothing; list the files that would change, exit 1 if any.")
    ] = False,
) -> None:
    """Print a rubric in the canonical layout (or rewrite it with --write)."""
    if write and check:
        common.fail("--write and --check cannot be used together")
    paths, all_found = _expand(files)
    if len(paths) > 1 and not (write or check):
        common.fail("several files: give --write to rewrite them or --check to list those that change")
    outcomes = [_format_path(path) for path in paths]
    delivered = [_deliver(outcome, write, check) for outcome in outcomes]
    usable = all_found and all(delivered)
    raise typer.Exit(_exit_code(outcomes, check) if usable else common.EXIT_USAGE)


def _deliver(outcome: _Outcome, write: bool, check: bool) -> bool:
    """Print, list or write the outcome as asked; False if the file cannot be written."""
    if outcome.formatted is None:
        return True
    if check and outcome.changes:
        typer.echo(str(outcome.path))
    elif write and outcome.changes:
        try:
            outcome.path.write_bytes(outcome.formatted.encode("utf-8"))
        except OSError as error:
            common.error(f"{outcome.path}: cannot write: {error.strerror or error}")
            return False
    elif not (write or check):
        sys.stdout.write(outcome.formatted)
    return True


def _exit_code(outcomes: list[_Outcome], check: bool) -> int:
    if not all(o.readable for o in outcomes):
        return common.EXIT_USAGE
    if any(o.formatted is None for o in outcomes) or (check and any(o.changes for o in outcomes)):
        return common.EXIT_PROBLEMS
    return common.EXIT_OK


def _expand(files: list[Path]) -> tuple[list[Path], bool]:
    """The files named or found in the directories named, and whether every directory held some."""
    paths: list[Path] = []
    all_found = True
    for path in files:
        found = sorted(path.rglob("*.rubric")) if path.is_dir() else [path]
        if not found:
            common.error(f"{path}: no *.rubric files in this directory")
            all_found = False
        paths.extend(found)
    return paths, all_found


def _format_path(path: Path) -> _Outcome:
    from rubricdsl.diagnostics import render_text
    from rubricdsl.errors import SourceReadError
    from rubricdsl.formatter import format_source
    from rubricdsl.frontend import read_source

    try:
        source = read_source(path)
        original = path.read_bytes()
    except SourceReadError as error:
        common.error(str(error))
        return _Outcome(path, b"", None, readable=False)
    result = format_source(source)
    colour = common.use_colour(sys.stderr)
    for diagnostic in result.diagnostics:
        typer.echo(render_text(diagnostic, colour) + "\n", err=True)
    return _Outcome(path, original, result.text)
