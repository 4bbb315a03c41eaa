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
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from rubricdsl.diagnostics import Diagnostic

if TYPE_CHECKING:
    import typer

FORMATS = ("text", "json", "github")
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2  # as in `cli.common`


def register(app: "typer.Typer") -> None:
    """Add this module's commands to the app."""
    import typer

    def check_command(
        paths: Annotated[list[Path], typer.Argument(help="Rubric files, or directories of *.rubric files.")],
        output: Annotated[str, typer.Option("--format", help="text, json or github.")] = "text",
        strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    ) -> None:
        """Check rubrics and report every problem with its place in the file."""
        raise typer.Exit(check_paths(paths, output, strict))

    def explain_command(code: Annotated[str, typer.Argument(help="A diagnostic code, e.g. E301.")]) -> None:
        """Print the long explanation of a diagnostic code."""
        raise typer.Exit(explain(code))

    app.command("check")(check_command)
    app.command("explain")(explain_command)


def run(argv: Sequence[str]) -> int:
    """`rubric check ARGS…` without the Typer app; returns the exit code."""
    parser = argparse.ArgumentParser(prog="rubric check", description="Check rubrics.")
    parser.add_argument("paths", nargs="+", type=Path, help="rubric files, or directories of them")
    parser.add_argument("--format", dest="output", default="text", choices=FORMATS)
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    args = parser.parse_args(argv)
    return check_paths(args.paths, args.output, args.strict)


# ---------------------------------------------------------------- check


def check_paths(paths: Sequence[Path], output: str, strict: bool) -> int:
    """Check every rubric named or found, print the report, return the exit code."""
    if output not in FORMATS:
        _error(f"unknown format `{output}`; use one of: {', '.join(FORMATS)}")
        return EXIT_USAGE
    files, unreadable = _rubric_files(paths)
    diagnostics: list[Diagnostic] = []
    checked = 0
    for path in files:
        found = check_file(path)
        if found is None:
            unreadable = True
            continue
        checked += 1
        diagnostics.extend(found)
    report = render_report(diagnostics, output, checked, colour=sys.stdout.isatty())
    if report:
        print(report)
    if unreadable:
        return EXIT_USAGE
    failed = any(d.severity == "error" or strict for d in diagnostics)
    return EXIT_PROBLEMS if failed else EXIT_OK


def _error(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)


def _rubric_files(paths: Sequence[Path]) -> tuple[list[Path], bool]:
    """The files to check, and whether a directory held none."""
    files: list[Path] = []
    empty = False
    for path in paths:
        if path.is_dir():
            found = sorted(path.rglob("*.rubric"))
            if not found:
                _error(f"{path}: no *.rubric files in this directory")
                empty = True
            files.extend(found)
        else:
            files.append(path)  # reading it reports a missing file
    return files, empty


def check_file(path: Path) -> list[Diagnostic] | None:
    """The file's diagnostics, or None (reported on stderr) if it cannot be read."""
    from rubricdsl.checker import check
    from rubricdsl.diagnostics import sort_key
    from rubricdsl.errors import SourceReadError
    from rubricdsl.frontend import read_source
    from rubricdsl.parser import parse

    try:
        source = read_source(path)
    except SourceReadError as error:
        _error(str(error))
        return None
    parsed = parse(source)
    if parsed.file is None:
        return sorted(parsed.diagnostics, key=sort_key)
    return check(parsed.file, source).diagnostics


def render_report(diagnostics: Sequence[Diagnostic], output: str, checked: int, colour: bool = False) -> str:
    """What `check` prints: the records (json), annotations (github), or each
    diagnostic in the rustc style and a summary line (text)."""
    from rubricdsl.diagnostics import render_github, render_json, render_text

    if output == "json":
        return render_json(diagnostics)
    if output == "github":
        return "\n".join(render_github(diag) for diag in diagnostics)
    return "".join(render_text(diag, colour) + "\n\n" for diag in diagnostics) + summary(diagnostics, checked)


def summary(diagnostics: Sequence[Diagnostic], checked: int) -> str:
    """`checked 2 rubrics: 1 error, 1 warning`, or `…: no problems`."""
    errors = sum(1 for d in diagnostics if d.severity == "error")
    counts = [_count(errors, "error"), _count(len(diagnostics) - errors, "warning")]
    found = ", ".join(c for c in counts if c) or "no problems"
    return f"checked {_count(checked, 'rubric') or '0 rubrics'}: {found}"


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
