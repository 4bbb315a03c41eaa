"""`rubric score`, `rubric compile` and `rubric schema` (and `rubric test`, in `cli.examples`).

Thin commands over `rubricdsl.runtime`: each loads the rubric (its
diagnostics on stderr and exit 1 when it has errors), does one job and
reports bad records row by row without stopping.

Exit codes as everywhere (see `cli.common`): 1 when the rubric has errors or
some records could not be scored — the others are; 2 when nothing could be
done: a usage error, a file that cannot be read, data that cannot be scored
at all (a CSV header without a column for some input).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any

import typer

from rubricdsl.cli import common
from rubricdsl.cli.helpformat import PlainHelp

if TYPE_CHECKING:
    from rubricdsl.records import Records
    from rubricdsl.runtime import Rubric
    from rubricdsl.runtime.batch import Outcome
    from rubricdsl.runtime.output import CsvWriter, JsonWriter, MarkdownWriter

_STREAMED = ("json", "csv", "md")
_RENDERED = ("md", "html", "xlsx", "docx")
_WRITE_HELP = "Write to this file."
_SUFFIXES = {".json": "json", ".csv": "csv", ".md": "md", ".html": "html", ".xlsx": "xlsx", ".docx": "docx"}


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app (and `test`, from `cli.examples`)."""
    from rubricdsl.cli.examples import test

    app.command("score", cls=PlainHelp)(score)
    app.command("test", cls=PlainHelp)(test)
    app.command("compile", cls=PlainHelp)(compile_rubric)
    app.command("schema", cls=PlainHelp)(schema)


# ---------------------------------------------------------------- loading




def load_rubric(path: Path) -> Rubric:
    from rubricdsl.frontend import collector_paused
    from rubricdsl.runtime import Rubric

    ir = common.load_ir(path)
    with collector_paused():
        return Rubric(ir)


# ---------------------------------------------------------------- score


def score(
    rubric: Annotated[Path, typer.Argument(help="The rubric file.", metavar="RUBRIC")],
    data: Annotated[
        str,
        typer.Argument(
            help="Records to score: a .json, .yaml or .csv file; - reads standard input "
            "(JSON unless --data-format says otherwise).",
            metavar="DATA",
        ),
    ],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format", "-f", metavar="FORMAT", help="table, json, csv or md (with -o also html, xlsx, docx)."
        ),
    ] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", metavar="FILE", help=_WRITE_HELP)] = None,
    explain: Annotated[bool, typer.Option("--explain", help="Show what applied in each indicator.")] = False,
    data_format: Annotated[
        str | None,
        typer.Option(
            "--data-format", metavar="FORMAT", help="json, yaml or csv, when the name does not say."
        ),
    ] = None,
) -> None:
    """Score records (one unit or many); bad rows are reported and the others still scored.

    A CSV file may be UTF-8 or GB18030, separated by commas, semicolons or
    tabs.  The data's columns that are not inputs (such as 单位名称) are
    copied to the output; one whose name the output uses (total, grade,
    error, an indicator…) is written as data.NAME instead.

    Exit status: 0 every record scored; 1 some records could not be scored
    (each is named on stderr, the others are in the output) or the rubric has
    errors; 2 the data cannot be used: a usage error, a file that cannot be
    read, a CSV header without a column for some input, or a CSV that cannot
    be read past some line (the rows before it are written).
    """
    chosen = _output_format(fmt, output)
    loaded = load_rubric(rubric)
    records = _open_records(data, data_format)
    _require_columns(loaded, records, data)
    reporter = _Reporter()
    if chosen in _STREAMED and not (chosen == "md" and output is not None):
        _stream(loaded, records, chosen, output, explain, reporter)
    else:
        outcomes = _score_all(loaded, records, reporter)
        if chosen == "table":
            from rubricdsl.runtime.terminal import print_outcomes

            print_outcomes(loaded, outcomes, explain)
        else:
            _render(loaded, outcomes, chosen, output)
    if reporter.failed:
        raise typer.Exit(common.EXIT_PROBLEMS)


def _score_all(rubric: Rubric, records: Records, reporter: _Reporter) -> list[Outcome]:
    from rubricdsl.records import DataError
    from rubricdsl.runtime.batch import score_records

    try:
        return list(reporter.report(score_records(rubric, records)))
    except DataError as error:
        common.fail(str(error))


def _output_format(fmt: str | None, output: Path | None) -> str:
    if fmt is None:
        if output is not None:
            return _SUFFIXES.get(output.suffix.lower(), "json")
        return "table" if common.use_colour(sys.stdout) else "json"
    allowed = ("table", *_STREAMED, *_RENDERED)
    if fmt not in allowed:
        common.fail(f"unknown format `{fmt}`; expected one of: {', '.join(dict.fromkeys(allowed))}")
    if fmt in ("html", "xlsx", "docx") and output is None:
        common.fail(f"--format {fmt} writes files: give the file to write with -o FILE")
    return fmt


def _open_records(data: str, data_format: str | None) -> Records:
    from rubricdsl.records import DataError, read_records

    try:
        return read_records(data, data_format)
    except DataError as error:
        common.fail(str(error))


def _require_columns(rubric: Rubric, records: Records, data: str) -> None:
    """A CSV without a column for some input would fail on every row: say so once, score nothing."""
    if records.kind != "csv":
        return
    from rubricdsl.records import STDIN
    from rubricdsl.runtime.batch import missing_columns

    missing = missing_columns(rubric, records.columns)
    if not missing:
        return
    records.close()
    name = STDIN if data == "-" else data
    if len(missing) == len(rubric.input_names) > 1:  # likely the wrong file, such as a file of scores
        shown = ", ".join(records.columns[:4]) + (", …" if len(records.columns) > 4 else "")
        common.fail(f"{name}: the CSV header names none of the rubric's inputs; its columns are {shown}")
    common.fail(f"{name}: the CSV header has no column for " + ", ".join(missing))


class _Reporter:
    """Reports each bad record on stderr as it comes, and counts them."""

    def __init__(self) -> None:
        self.failed = 0

    def error(self, where: str, message: str) -> None:
        self.failed += 1
        common.error(f"{where}: {message}")

    def report(self, outcomes: Iterable[Outcome]) -> Iterator[Outcome]:
        for outcome in outcomes:
            if outcome.error is not None:
                self.error(outcome.where, outcome.error)
            yield outcome


def _stream(
    rubric: Rubric, records: Records, fmt: str, output: Path | None, explain: bool, reporter: _Reporter
) -> None:
    """JSON, CSV or Markdown written row by row; a large CSV is scored on every core."""
    from rubricdsl.records import DataError
    from rubricdsl.runtime import parallel
    from rubricdsl.runtime.batch import score_records
    from rubricdsl.runtime.output import MarkdownWriter

    extra = [c for c in records.columns if c not in set(rubric.input_names)]
    with _open_output(output, bom=fmt == "csv") as stream, _Progress(records) as progress:
        writer = _writer(stream, rubric, records, fmt, extra, explain)
        try:
            layout = records.layout if records.path and parallel.worthwhile(records.size) else None
            if layout is not None and not isinstance(writer, MarkdownWriter):
                job = parallel.Job(fmt, layout, extra, explain)
                parallel.score_in_parallel(rubric, job, writer.write_items, reporter.error, progress.tick)
                records.close()
            else:
                for outcome in reporter.report(progress.follow(score_records(rubric, records))):
                    writer.write(outcome)
        except DataError as error:
            writer.close()  # what was scored before the break stays, well-formed
            common.fail(str(error))
        writer.close()


def _writer(
    stream: IO[str], rubric: Rubric, records: Records, fmt: str, extra: list[str], explain: bool
) -> JsonWriter | CsvWriter | MarkdownWriter:
    """The writer of `fmt`; a note on stderr for each data column written under another name."""
    from rubricdsl.runtime.output import CsvWriter, JsonWriter, MarkdownWriter

    if fmt == "md":
        return MarkdownWriter(stream, rubric, explain)
    writer: JsonWriter | CsvWriter
    if fmt == "json":
        writer = JsonWriter(stream, rubric, records.single, explain, extra)
    else:
        writer = CsvWriter(stream, rubric, extra, explain)
    for column, name in writer.names.renamed.items():
        typer.echo(f"note: the data column {column} is written as {name}: the output uses {column}", err=True)
    return writer


class _Progress:
    """A progress bar on stderr while a CSV file is read, when stderr is a terminal."""

    def __init__(self, records: Records) -> None:
        self.records = records
        self.bar: Any = None
        self.task: Any = None

    def __enter__(self) -> _Progress:
        if self.records.position is not None and self.records.size and common.use_colour(sys.stderr):
            from rich.console import Console
            from rich.progress import Progress

            # No refresh thread: workers may be forked while the bar is shown.
            self.bar = Progress(console=Console(stderr=True), transient=True, auto_refresh=False)
            self.bar.start()
            self.task = self.bar.add_task("scoring", total=self.records.size)
        return self

    def tick(self, done: int | None = None) -> None:
        """Show `done` bytes read, or as far as the file has been read."""
        position = self.records.position
        if self.bar is not None and done is not None:
            self.bar.update(self.task, completed=done, refresh=True)
        elif self.bar is not None and position is not None and not position.closed:
            self.bar.update(self.task, completed=position.tell(), refresh=True)

    def follow(self, outcomes: Iterable[Outcome]) -> Iterator[Outcome]:
        for count, outcome in enumerate(outcomes):
            if count % 512 == 0:
                self.tick()
            yield outcome

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


class _open_output:
    """stdout, or a UTF-8 file (with a byte-order mark for CSV, which Excel needs)."""

    def __init__(self, path: Path | None, bom: bool) -> None:
        self.path = path
        self.bom = bom
        self.file: IO[str] | None = None

    def __enter__(self) -> IO[str]:
        if self.path is None:
            return sys.stdout
        encoding = "utf-8-sig" if self.bom else "utf-8"
        try:
            self.file = open(self.path, "w", encoding=encoding, newline="")  # closed in __exit__
        except OSError as error:
            common.fail(f"cannot write {self.path}: {error.strerror or error}")
        return self.file

    def __exit__(self, *exc: object) -> None:
        if self.file is not None:
            self.file.close()


def _render(rubric: Rubric, outcomes: Iterable[Outcome], fmt: str, output: Path | None) -> None:
    """md, html, xlsx, docx files through the renderers (one file per unit, or a workbook)."""
    assert output is not None
    outcomes = list(outcomes)
    results = [(o.label, o.report) for o in outcomes if o.report is not None]
    if not results:
        common.fail("no record could be scored; nothing written", common.EXIT_PROBLEMS)
    from rubricdsl.render import score_report

    failures = [o for o in outcomes if o.failed]  # listed in the report, never dropped silently
    try:
        score_report(rubric.ir, results, to=fmt, out=output, failures=failures)  # type: ignore[arg-type]
    except OSError as error:
        common.fail(f"cannot write {output}: {error.strerror or error}")


# ---------------------------------------------------------------- compile, schema


def compile_rubric(
    rubric: Annotated[Path, typer.Argument(help="The rubric file.", metavar="RUBRIC")],
    to: Annotated[
        str,
        typer.Option("--to", metavar="TARGET", help="python (a standalone scorer module) or json (the IR)."),
    ],
    output: Annotated[Path | None, typer.Option("-o", "--output", metavar="FILE", help=_WRITE_HELP)] = None,
) -> None:
    """Compile a rubric to a standalone Python scorer, or dump its checked IR as JSON."""
    if to not in ("python", "json"):
        common.fail(f"unknown target `{to}` for --to; expected python or json")
    ir = common.load_ir(rubric)
    from rubricdsl import compiler

    _emit(compiler.to_python(ir) if to == "python" else compiler.to_json(ir), output)


def schema(
    rubric: Annotated[Path, typer.Argument(help="The rubric file.", metavar="RUBRIC")],
    output: Annotated[Path | None, typer.Option("-o", "--output", metavar="FILE", help=_WRITE_HELP)] = None,
) -> None:
    """Print the JSON Schema (draft 2020-12) of the rubric's inputs."""
    from rubricdsl.runtime.schema import input_schema

    _emit(json.dumps(input_schema(common.load_ir(rubric)), ensure_ascii=False, indent=2) + "\n", output)


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        common.fail(f"cannot write {output}: {error.strerror or error}")
