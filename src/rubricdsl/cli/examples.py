"""`rubric test`: run the worked examples of rubrics and report each as passed or failed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rubricdsl.cli import common
from rubricdsl.cli.score import load_rubric

if TYPE_CHECKING:
    from rubricdsl.runtime.examples import ExampleResult


def test(
    rubrics: Annotated[
        list[Path], typer.Argument(help="Rubric files whose examples to run.", metavar="RUBRIC")
    ],
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="text or json.")] = "text",
) -> None:
    """Run the rubrics' worked examples: each passes or fails with expected and actual values.

    Exit status: 0 every example passed; 1 an example failed or a rubric has
    errors; 2 a usage error or a rubric file that cannot be read (the other
    rubrics are still tested).
    """
    if fmt not in ("text", "json"):
        common.fail(f"unknown format `{fmt}`; expected text or json")
    from rubricdsl.runtime.examples import run_examples

    status = common.EXIT_OK
    reports = []
    for path in rubrics:
        try:
            results = run_examples(load_rubric(path))
        except typer.Exit as stop:  # its message is on stderr; go on with the others
            status = max(status, stop.exit_code)
            continue
        if not all(result.passed for result in results):
            status = max(status, common.EXIT_PROBLEMS)
        reports.append((path, results))
    if fmt == "json":
        typer.echo(json.dumps([_results_json(p, r) for p, r in reports], ensure_ascii=False, indent=2))
    else:
        for path, results in reports:
            typer.echo(_results_text(path, results))
    if status:
        raise typer.Exit(status)


def _results_text(path: Path, results: list[ExampleResult]) -> str:
    lines = [str(path)]
    for result in results:
        where = "" if result.passed else f"  (line {result.line})"
        lines.append(f"  {'PASS' if result.passed else 'FAIL'}  {result.name}{where}")
        if result.error:
            lines.append(f"        cannot score: {result.error}")
        for check in result.checks:
            if not check.passed:
                lines.append(f"        {check.target}: expected {check.expected}, got {check.actual}")
    passed = sum(result.passed for result in results)
    count = f"{len(results)} example{'s' if len(results) != 1 else ''}"
    summary = f"{count}: {passed} passed, {len(results) - passed} failed"
    lines.append(f"  {summary}" if results else "  no examples")
    return "\n".join(lines)


def _results_json(path: Path, results: list[ExampleResult]) -> dict[str, object]:
    return {
        "file": str(path),
        "examples": [
            {
                "name": r.name,
                "line": r.line,
                "passed": r.passed,
                "error": r.error,
                "checks": [
                    {"target": c.target, "expected": c.expected, "actual": c.actual, "passed": c.passed}
                    for c in r.checks
                ],
            }
            for r in results
        ],
    }
