"""`rubric render` (the rubric as a table, or filled-in score reports) and
`rubric report` (a batch report over many units)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

from rubricdsl.cli import common

if TYPE_CHECKING:
    from rubricdsl.ir import RubricIR
    from rubricdsl.render import Format, ScoreView
    from rubricdsl.runtime.batch import Outcome

_FORMATS = ("md", "html", "csv", "xlsx", "docx")
_BINARY = ("xlsx", "docx")
_BATCH = ("html", "xlsx")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("render")(render)
    app.command("report")(report)


def render(
    rubric: Annotated[Path, typer.Argument(help="The rubric file.")],
    to: Annotated[str, typer.Option("--to", help="Output format: md, html, csv, xlsx or docx.")],
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Output file (xlsx/docx need one); a directory for many units."),
    ] = None,
    scores: Annotated[
        Path | None,
        typer.Option("--scores", help="Data to score (JSON, YAML or CSV): render filled-in score reports."),
    ] = None,
    compare_criteria: Annotated[
        bool, typer.Option("--compare-criteria", help="Generated wording beside the official 评价标准.")
    ] = False,
) -> None:
    """Render the rubric as the official table (评分表), or score reports with --scores."""
    fmt = _choose(to, _FORMATS)
    if fmt in _BINARY and output is None:
        common.fail(f"--to {fmt} writes a binary file: give the file to write with -o FILE")
    if scores is not None and compare_criteria:
        common.fail("--compare-criteria shows the rubric alone; it cannot be used with --scores")
    ir = common.load_ir(rubric)
    if scores is not None:
        _render_scores(ir, scores, fmt, output)
        return
    from rubricdsl.render import render_rubric

    _emit(render_rubric(ir, fmt, compare=compare_criteria), output)


def report(
    rubric: Annotated[Path, typer.Argument(help="The rubric file.")],
    data: Annotated[Path, typer.Argument(help="The units' data (JSON, YAML or CSV).")],
    to: Annotated[str, typer.Option("--to", help="Output format: html or xlsx.")] = "html",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Output file (xlsx needs one).")
    ] = None,
) -> None:
    """A batch report over many units: ranking, grades, where points are lost."""
    fmt = _choose(to, _BATCH)
    if fmt in _BINARY and output is None:
        common.fail(f"--to {fmt} writes a binary file: give the file to write with -o FILE")
    ir = common.load_ir(rubric)
    results, failures = _score(ir, data)
    from rubricdsl.render import batch_report

    _emit(batch_report(ir, results, "xlsx" if fmt == "xlsx" else "html", failures), output)
    if failures:
        raise typer.Exit(common.EXIT_PROBLEMS)


def _choose(to: str, allowed: tuple[str, ...]) -> Format:
    if to not in allowed:
        common.fail(f"unknown format `{to}` for --to; expected one of: {', '.join(allowed)}")
    return cast("Format", to)




def _emit(data: str | bytes, output: Path | None) -> None:
    if output is None:
        assert isinstance(data, str)  # binary formats were refused without -o
        typer.echo(data, nl=False)
        return
    from rubricdsl.render.output import write_output

    try:
        write_output(output, data)
    except OSError as error:
        common.fail(f"cannot write {output}: {error.strerror or error}")


def _render_scores(rubric: RubricIR, data: Path, fmt: Format, output: Path | None) -> None:
    """The units' reports; those that could not be scored are listed with them."""
    results, failures = _score(rubric, data)
    if output is None:
        if len(results) > 1:
            common.fail(f"{data} holds {len(results)} units: give a directory to write them to with -o DIR")
        from rubricdsl.render import render_report

        _emit(render_report(rubric, results[0][0], results[0][1], fmt, failures), None)
    else:
        from rubricdsl.render import score_report

        try:
            score_report(rubric, results, fmt, output, failures)
        except OSError as error:
            common.fail(f"cannot write {output}: {error.strerror or error}")
    if failures:
        raise typer.Exit(common.EXIT_PROBLEMS)


def _score(rubric: RubricIR, data: Path) -> tuple[list[tuple[str, ScoreView]], list[Outcome]]:
    """The units scored, and the records that could not be (each also reported on stderr)."""
    from rubricdsl.records import DataError, read_records
    from rubricdsl.runtime import Rubric
    from rubricdsl.runtime.batch import score_records

    try:
        outcomes = list(score_records(Rubric(rubric), read_records(str(data))))
    except DataError as error:
        common.fail(str(error))
    results: list[tuple[str, ScoreView]] = []
    failures: list[Outcome] = []
    for outcome in outcomes:
        if outcome.report is None:
            common.error(f"{data}: {outcome.where}: {outcome.error}")
            failures.append(outcome)
        else:
            results.append((outcome.label, outcome.report))
    if not results:
        common.fail(f"{data}: no unit could be scored", common.EXIT_PROBLEMS)
    return results, failures
