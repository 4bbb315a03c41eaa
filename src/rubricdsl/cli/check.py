"""`rubric check` and `rubric explain`: thin commands over the parser, the
checker and the code registry.

`check` needs no IR, so it parses and checks without lowering (and without
importing the IR's models).  `run` does the same work from plain arguments
without the Typer app at all, for callers that want the quickest start.
"""

# No `from __future__ import annotations` here: Typer reads the annotations
# of the commands defined inside `register`, where `typer` is a local name.
import argparse
import difflib
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from rubricdsl.diagnostics import Diagnostic

if TYPE_CHECKING:
    import typer
    from typer.core import TyperCommand

FORMATS = ("text", "json", "github")
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2  # as in `cli.common`


def register(app: "typer.Typer") -> None:
    """Add this module's commands to the app."""
    import typer

    def check_command(
        paths: Annotated[
            list[Path],
            typer.Argument(help="Rubric files, or directories of *.rubric files.", metavar="FILE…"),
        ],
        output: Annotated[
            str, typer.Option("--format", "-f", help="text, json or github.", metavar="FORMAT")
        ] = "text",
        strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    ) -> None:
        """Check rubrics and report every problem with its place in the file."""
        raise typer.Exit(check_paths(paths, output, strict))

    def explain_command(
        code: Annotated[str, typer.Argument(help="A diagnostic code, e.g. E301.", metavar="CODE")],
    ) -> None:
        """Print the long explanation of a diagnostic code."""
        raise typer.Exit(explain(code))

    app.command("check", cls=_metavar_help())(check_command)
    app.command("explain", cls=_metavar_help())(explain_command)


def _metavar_help() -> type["TyperCommand"]:
    """A command whose help names each argument by its metavar alone (`FILE…`),
    as Unix tools do, instead of by its parameter name and Python type."""
    from typer.core import TyperCommand

    class MetavarHelpCommand(TyperCommand):
        def collect_usage_pieces(self, ctx: Any) -> list[str]:
            pieces = [self.options_metavar] if self.options_metavar else []
            return pieces + [_metavar(param) for param in self.get_params(ctx) if _is_argument(param)]

        def format_options(self, ctx: Any, formatter: Any) -> None:
            params = self.get_params(ctx)
            arguments = [(_metavar(p), getattr(p, "help", None) or "") for p in params if _is_argument(p)]
            options = [row for p in params if not _is_argument(p) and (row := p.get_help_record(ctx))]
            for title, rows in (("Arguments", arguments), ("Options", options)):
                if rows:
                    with formatter.section(title):
                        formatter.write_dl(rows)

    return MetavarHelpCommand


def _is_argument(param: Any) -> bool:
    return bool(param.param_type_name == "argument")


def _metavar(param: Any) -> str:
    return str(param.metavar or param.name.upper())


def run(argv: Sequence[str]) -> int:
    """`rubric check ARGS…` without the Typer app; returns the exit code."""
    parser = argparse.ArgumentParser(prog="rubric check", description="Check rubrics.")
    parser.add_argument(
        "paths", nargs="+", type=Path, metavar="FILE", help="rubric files, or directories of them"
    )
    parser.add_argument("-f", "--format", dest="output", default="text", choices=FORMATS)
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    args = parser.parse_args(argv)
    return check_paths(args.paths, args.output, args.strict)


# ---------------------------------------------------------------- check


@dataclass
class Tally:
    """What `check` went through, for the summary line."""

    checked: int = 0  # rubrics read and checked
    unreadable: int = 0  # files that could not be read
    empty_dirs: int = 0  # directories holding no *.rubric file

    @property
    def complete(self) -> bool:
        return not (self.unreadable or self.empty_dirs)


def check_paths(paths: Sequence[Path], output: str, strict: bool) -> int:
    """Check every rubric named or found, print the report, return the exit code."""
    if output not in FORMATS:
        _error(f"unknown format `{output}`; use one of: {', '.join(FORMATS)}")
        return EXIT_USAGE
    tally = Tally()
    files = _rubric_files(paths, tally)
    diagnostics: list[Diagnostic] = []
    for path in files:
        found = check_file(path)
        if found is None:
            tally.unreadable += 1
            continue
        tally.checked += 1
        diagnostics.extend(found)
    report = render_report(diagnostics, output, tally, colour=sys.stdout.isatty())
    if report:
        print(report)
    if not tally.complete:
        return EXIT_USAGE
    failed = any(d.severity == "error" or strict for d in diagnostics)
    return EXIT_PROBLEMS if failed else EXIT_OK


def _error(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)


def _rubric_files(paths: Sequence[Path], tally: Tally) -> list[Path]:
    """The files to check; a directory holding none is counted in the tally."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(path.rglob("*.rubric"))
            if not found:
                _error(f"{path}: no *.rubric files in this directory")
                tally.empty_dirs += 1
            files.extend(found)
        else:
            files.append(path)  # reading it reports a missing file
    return files


def check_file(path: Path) -> list[Diagnostic] | None:
    """The file's diagnostics, or None (reported on stderr) if it cannot be read."""
    from rubricdsl.checker import check
    from rubricdsl.diagnostics import sort_key
    from rubricdsl.errors import SourceReadError
    from rubricdsl.frontend import collector_paused, read_source
    from rubricdsl.parser import parse

    try:
        source = read_source(path)
    except SourceReadError as error:
        _error(str(error))
        return None
    with collector_paused():  # see `collector_paused`: no rescans of a growing tree
        parsed = parse(source)
        if parsed.file is None:
            return sorted(parsed.diagnostics, key=sort_key)
        return check(parsed.file, source).diagnostics


def render_report(diagnostics: Sequence[Diagnostic], output: str, tally: Tally, colour: bool = False) -> str:
    """What `check` prints: the records (json), annotations (github), or each
    diagnostic in the rustc style and a summary line (text)."""
    from rubricdsl.diagnostics import render_github, render_json, render_text

    if output == "json":
        return render_json(diagnostics)
    if output == "github":
        return "\n".join(render_github(diag) for diag in diagnostics)
    return "".join(render_text(diag, colour) + "\n\n" for diag in diagnostics) + summary(diagnostics, tally)


def summary(diagnostics: Sequence[Diagnostic], tally: Tally) -> str:
    """`checked 2 rubrics: 1 error, 1 warning`, `checked 1 rubric: no problems`,
    or, when something could not be checked, `checked 0 rubrics; 1 file could
    not be read`: never "no problems" then."""
    errors = sum(1 for d in diagnostics if d.severity == "error")
    counts = [_count(errors, "error"), _count(len(diagnostics) - errors, "warning")]
    found = ", ".join(c for c in counts if c) or ("no problems" if tally.complete else "")
    line = f"checked {_count(tally.checked, 'rubric') or '0 rubrics'}" + (f": {found}" if found else "")
    if tally.unreadable:
        line += f"; {_count(tally.unreadable, 'file')} could not be read"
    if tally.empty_dirs:
        dirs = "1 directory" if tally.empty_dirs == 1 else f"{tally.empty_dirs} directories"
        line += f"; {dirs} held no *.rubric files"
    return line


def _count(number: int, word: str) -> str:
    if number == 0:
        return ""
    return f"{number} {word}" + ("" if number == 1 else "s")


# ---------------------------------------------------------------- explain


def explain(code: str) -> int:
    """Print a code's severity, title and explanation; 2 for an unknown code."""
    from rubricdsl.codes import CODES

    wanted = code.strip().upper()
    found = next((CODES[c] for c in _spellings(wanted) if c in CODES), None)
    if found is None:
        close = difflib.get_close_matches(wanted, list(CODES), n=1, cutoff=0.6)
        hint = f"; did you mean `{close[0]}`?" if close else "; codes look like E301 or W501"
        _error(f"unknown diagnostic code `{code}`{hint}")
        return EXIT_USAGE
    print(f"{found.code} ({found.severity}): {found.title}\n\n{found.explanation}")
    return EXIT_OK


def _spellings(code: str) -> Iterator[str]:
    """`E301` as written, or `301` with its letter left out."""
    yield code
    if code.isdigit():
        yield f"E{code}"
        yield f"W{code}"
