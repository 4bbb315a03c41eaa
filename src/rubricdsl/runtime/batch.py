"""Scoring a data file record by record: what `rubric score` and the renderers use.

Each record becomes an `Outcome`: its report, or the error that stopped it,
with the record's row number and the columns that are not inputs (such as
单位名称), which pass through to the output.  One bad record never stops the
others.
"""

from __future__ import annotations

import difflib
import operator
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from rubricdsl.csvrecords import cells_text
from rubricdsl.errors import InputError
from rubricdsl.records import Record
from rubricdsl.runtime.report import ScoreReport
from rubricdsl.runtime.rubric import Rubric


@dataclass(slots=True)  # not frozen: one is made per row, and frozen ones are slow to make
class Outcome:
    number: int  # the row (CSV line) or 1-based record number
    where: str  # "row 5" / "record 3"
    label: str  # the unit's name: the first non-input column, else `where`
    extra: dict[str, Any]  # the columns that are not inputs, as read
    report: ScoreReport | None
    error: str | None  # None when scored

    @property
    def failed(self) -> bool:
        return self.report is None


def score_records(rubric: Rubric, records: Iterable[Record]) -> Iterator[Outcome]:
    """Score each record in order; a bad one yields an Outcome with its error."""
    split = _Splitter(rubric.input_names)
    for record in records:
        inputs, extra = split(record)
        label = _label(extra, record.where)
        problem = record.problem
        if problem is None and record.missing:
            problem = _short_row(record, split.names)
        if problem is not None:
            yield Outcome(record.number, record.where, label, extra, None, problem)
            continue
        try:
            report = rubric.score(inputs)
        except InputError as error:
            message = str(error) + _misspelt_hint(error, inputs, extra)
            yield Outcome(record.number, record.where, label, extra, None, message)
            continue
        yield Outcome(record.number, record.where, label, extra, report, None)


class _Splitter:
    """A record's inputs and its other columns; for CSV by column position, worked out once."""

    def __init__(self, input_names: list[str]) -> None:
        self.names = frozenset(input_names)
        self.header: list[str] | None = None
        self.input_columns: list[str] = []
        self.extra_columns: list[str] = []
        self.take_inputs: Callable[[list[str]], tuple[str, ...]] = tuple
        self.take_extra: Callable[[list[str]], tuple[str, ...]] = tuple

    def __call__(self, record: Record) -> tuple[dict[str, Any], dict[str, Any]]:
        if record.cells is None:
            inputs: dict[str, Any] = {}
            extra: dict[str, Any] = {}
            for key, value in record.values.items():
                (inputs if key in self.names else extra)[key] = value
            return inputs, extra
        if record.columns is not self.header:
            self._learn(record.columns or [])
        cells = record.cells
        return (
            dict(zip(self.input_columns, self.take_inputs(cells), strict=True)),
            dict(zip(self.extra_columns, self.take_extra(cells), strict=True)),
        )

    def _learn(self, header: list[str]) -> None:
        self.header = header
        inputs = [i for i, name in enumerate(header) if name in self.names]
        extra = [i for i, name in enumerate(header) if name not in self.names]
        self.input_columns = [header[i] for i in inputs]
        self.extra_columns = [header[i] for i in extra]
        self.take_inputs = _getter(inputs)
        self.take_extra = _getter(extra)


def _getter(positions: list[int]) -> Callable[[list[str]], tuple[str, ...]]:
    """The cells at `positions`, always as a tuple (itemgetter gives a bare item for one)."""
    if not positions:
        return lambda cells: ()
    if len(positions) == 1:
        position = positions[0]
        return lambda cells: (cells[position],)
    return operator.itemgetter(*positions)


def _short_row(record: Record, inputs: frozenset[str]) -> str | None:
    """A CSV row too short to have a cell for some input (a short row lacking only other columns is fine)."""
    columns = record.columns or []
    lacking = [name for name in columns[len(columns) - record.missing :] if name in inputs]
    if not lacking:
        return None
    have = len(columns) - record.missing
    return f"{cells_text(have)} but the header has {len(columns)} columns: no cell for {', '.join(lacking)}"


def _label(extra: dict[str, Any], where: str) -> str:
    for value in extra.values():
        if isinstance(value, str) and value.strip():
            return value.strip()
        break
    return where


def _misspelt_hint(error: InputError, inputs: dict[str, Any], extra: dict[str, Any]) -> str:
    """A missing input next to a column that is not an input: probably a typo."""
    if error.input_name is None or error.input_name in inputs or not extra:
        return ""
    close = difflib.get_close_matches(error.input_name, list(extra), n=1, cutoff=0.5)
    return f"; the data has a column {close[0]}: is it misspelt?" if close else ""


def missing_columns(rubric: Rubric, columns: Iterable[str]) -> list[str]:
    """Inputs with no column in a CSV header, each with a did-you-mean when one is close."""
    present = set(columns)
    others = [c for c in present if c not in rubric.input_names]
    problems = []
    for name in rubric.input_names:
        if name not in present:
            close = difflib.get_close_matches(name, others, n=1, cutoff=0.5)
            problems.append(name + (f" (is {close[0]} meant?)" if close else ""))
    return problems
