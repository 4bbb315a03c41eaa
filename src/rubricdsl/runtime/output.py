"""Writing outcomes as they come: JSON, CSV and Markdown, streamed row by row.

Every writer keeps each record in order — a bad one gets its error, not a
gap — and holds nothing but the current row, so memory stays flat however
long the data is.  Scores are exact decimal text.  The data's columns that
are not inputs (such as 单位名称) pass through under their own names, except
a name the output already uses (total, grade, error, an indicator…): that
column is written as `data.<name>`, so no key or header is ever doubled.
"""

from __future__ import annotations

import csv
import functools
import json
from collections.abc import Callable, Collection, Iterable
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any

from rubricdsl.compiler import text
from rubricdsl.runtime.batch import Outcome
from rubricdsl.runtime.rubric import Rubric

if TYPE_CHECKING:
    from rubricdsl.runtime.report import ScoreReport


def decimal_text(value: Decimal) -> str:
    """Plain decimal text: never an exponent, never a negative zero."""
    return format(value.copy_abs() if value.is_zero() else value, "f")


def _quick_text(rubric: Rubric) -> Any:
    """`str` is exact plain text when every score is rounded to a quantum ≤ 1."""
    rounding = rubric.ir.rounding
    exponent = rounding.quantum.as_tuple().exponent if rounding else None
    return str if isinstance(exponent, int) and exponent <= 0 else decimal_text


class PassThrough:
    """The output names of the data's other columns: their own, or `data.<name>` when taken."""

    def __init__(self, taken: Collection[str], columns: Iterable[str]) -> None:
        self.taken = frozenset(taken)
        self.columns = list(columns)
        self.used = {*self.taken, *self.columns}
        self.renamed: dict[str, str] = {}
        for column in self.columns:
            self.name(column)

    def name(self, column: str) -> str:
        if column not in self.taken:
            return column
        if column not in self.renamed:
            name = "data." + column
            while name in self.used:
                name = "data." + name
            self.used.add(name)
            self.renamed[column] = name
        return self.renamed[column]


class JsonWriter:
    """One object per record in a JSON list (a lone object for a single-object input)."""

    def __init__(
        self, stream: IO[str], rubric: Rubric, single: bool, explain: bool, extra: Iterable[str] = ()
    ) -> None:
        self.stream = stream
        self.single = single
        self.explain = explain
        self.count = 0
        fields = ["total", "grade", "scores", "error", *([] if single else ["row"])]
        self.names = PassThrough(fields + (["traces"] if explain else []), extra)
        self.text = _quick_text(rubric)
        quoted = (_json(key).replace("%", "%%") for key in rubric.indicator_keys)
        self.template = "{" + ", ".join(f'{key}: "%s"' for key in quoted) + "}"

    def item(self, outcome: Outcome) -> str:
        """One record's object, as JSON text."""
        head = "" if self.single else f'"row": {outcome.number}, '
        name = self.names.name
        head += "".join(f"{_json_key(name(k))}: {_json(v)}, " for k, v in outcome.extra.items())
        report = outcome.report
        body = f'"error": {_json(outcome.error)}' if report is None else self.scores(report)
        return "{" + head + body + "}"

    def scores(self, report: ScoreReport) -> str:
        values = report.ordered_scores()
        scores = self.template % (values if self.text is str else tuple(map(self.text, values)))
        body = f'"total": "{self.text(report.total)}", "grade": {_json(report.grade)}, "scores": {scores}'
        if self.explain:
            body += f', "traces": {_json(report.to_dict(traces=True)["traces"])}'
        return body

    def write(self, outcome: Outcome) -> None:
        self.write_items(self.item(outcome), 1)

    def write_items(self, text: str, count: int) -> None:
        """`count` objects already made, joined by ITEM_SEPARATOR."""
        if count:
            if not self.single:
                text = ("[\n  " if self.count == 0 else ITEM_SEPARATOR) + text
            self.stream.write(text)
            self.count += count

    def close(self) -> None:
        if self.single:
            self.stream.write("\n")
        else:
            self.stream.write("\n]\n" if self.count else "[]\n")


ITEM_SEPARATOR = ",\n  "


class CsvWriter:
    """The data's other columns (a taken name as `data.<name>`), total, grade, each indicator, `error`."""

    def __init__(
        self, stream: IO[str], rubric: Rubric, extra: list[str], explain: bool, header: bool = True
    ) -> None:
        self.stream = stream
        self.writer = csv.writer(stream, lineterminator="\n")
        self.extra = extra
        self.explain = explain
        self.text = _quick_text(rubric)
        self.blank = [""] * (len(rubric.indicator_keys) + 2)
        scores = ["total", "grade", *rubric.indicator_keys, "error", *(["explain"] if explain else [])]
        self.names = PassThrough(scores, extra)
        if header:
            self.writer.writerow([*map(self.names.name, extra), *scores])

    def write(self, outcome: Outcome) -> None:
        extra = [_cell(outcome.extra.get(column)) for column in self.extra]
        report = outcome.report
        if report is None:
            self.writer.writerow([*extra, *self.blank, outcome.error, *([""] if self.explain else [])])
            return
        scores = [self.text(report.total), report.grade or "", *map(self.text, report.ordered_scores())]
        self.writer.writerow([*extra, *scores, "", *([report.explain()] if self.explain else [])])

    def write_items(self, text: str, count: int) -> None:
        """Rows already made."""
        self.stream.write(text)

    def close(self) -> None:
        pass


class MarkdownWriter:
    """A Markdown table: the unit, total, grade and each top-level indicator."""

    def __init__(self, stream: IO[str], rubric: Rubric, explain: bool) -> None:
        self.stream = stream
        self.rubric = rubric
        self.explain = explain
        self.tops = [node.name for node in rubric.ir.indicators]
        self.notes: list[str] = []  # explanations, printed under the table
        columns = ["单位", "总分", "等级", *self.tops, "错误"]
        stream.write("| " + " | ".join(_md(c) for c in columns) + " |\n")
        stream.write("|" + "---|" * len(columns) + "\n")

    def write(self, outcome: Outcome) -> None:
        report = outcome.report
        if report is None:
            cells = [outcome.label, "", "", *[""] * len(self.tops), outcome.error or ""]
        else:
            tops = [text.plain(report.score_of("/".join(n.path))) for n in self.rubric.ir.indicators]
            cells = [outcome.label, text.plain(report.total), report.grade or "", *tops, ""]
            if self.explain:
                self.notes.append(f"\n### {_md(outcome.label)}\n\n```\n{report.explain()}\n```\n")
        self.stream.write("| " + " | ".join(_md(c) for c in cells) + " |\n")

    def close(self) -> None:
        self.stream.write("".join(self.notes))


def _json(value: object) -> str:
    if type(value) is str:
        return _quoted(value)
    return json.dumps(value, ensure_ascii=False, default=_json_default)


_quoted: Callable[[str], str] = json.encoder.encode_basestring
_json_key = functools.lru_cache(maxsize=256)(_json)


def _json_default(value: object) -> object:
    if isinstance(value, Decimal):
        return decimal_text(value)
    return str(value)


def _cell(value: object) -> str:
    if value is None:
        return ""
    return decimal_text(value) if isinstance(value, Decimal) else str(value)


def _md(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")
