"""The `rubric` command line: thin commands over library functions.

Every command module registers itself on the one Typer app and imports its
heavy dependencies (jinja2, openpyxl, python-docx, the compiler) inside the
command body, so `rubric --help` and `rubric check` start fast.

Exit codes: 0 clean; 1 the rubric or data has problems; 2 usage errors and
unreadable files; 3 an internal error (a bug: run with --debug to see it).
"""

from __future__ import annotations

import sys

import typer

from rubricdsl.cli import check, common, fmt, render, score

app = typer.Typer(
    name="rubric",
    help="Check, format, score and render performance-evaluation rubrics (评分细则).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def version() -> str:
    """The installed distribution's version, or the package's own in a source tree."""
    from importlib import metadata

    try:
        return metadata.version("rubricdsl")
    except metadata.PackageNotFoundError:
        import rubricdsl

        return rubricdsl.__version__


def _print_version(wanted: bool) -> None:
    if wanted:
        typer.echo(f"rubric {version()}")
        raise typer.Exit()


@app.callback()
def _options(
    debug: bool = typer.Option(False, "--debug", help="Show a traceback for internal errors."),
    _version: bool = typer.Option(
        False, "--version", help="Print the version and exit.", is_eager=True, callback=_print_version
    ),
) -> None:
    common.STATE.debug = debug


for _module in (check, fmt, score, render):
    _module.register(app)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:  # a bug: the commands report every user error themselves
        common.internal_error(error)
