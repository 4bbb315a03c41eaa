"""Reading the records to score: JSON, YAML or CSV, each record with its row number.

* JSON: one object, or a list of objects; numbers keep their exact text.
* YAML: the same shapes.
* CSV: a header row of column names, one unit per row, read in blocks so
  memory does not grow with the file (see `csvrecords`).
* `-` is standard input: JSON unless another format is given.

A file that cannot be read at all raises `DataError`; a single bad record is
yielded with its `problem` set so the caller can report it and go on.  A CSV
row holding bytes that are not text in the file's encoding is such a record:
its line and column are named, and the rows around it are read as usual.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal

from rubricdsl.errors import RubricDslError

if TYPE_CHECKING:
    from rubricdsl.csvrecords import CsvLayout

DataFormat = Literal["json", "yaml", "csv"]
_EXTENSIONS: dict[str, DataFormat] = {
    ".json": "json", ".yaml": "yaml", ".yml": "yaml", ".csv": "csv", ".tsv": "csv",
}  # fmt: skip
STDIN = "<stdin>"  # the name of standard input in messages


class DataError(RubricDslError):
    """A data file that cannot be read as records at all."""


@dataclass(slots=True)  # not frozen: one is made per row, and frozen ones are slow to make
class Record:
    number: int  # CSV: the line it ends on (the header is line 1); JSON/YAML: 1-based position
    where: str  # "row 5" or "record 3", for messages
    data: dict[str, Any] | None = None  # JSON/YAML: key → value as read
    cells: list[str] | None = None  # CSV: the row's cells, in the order of `columns`
    columns: list[str] | None = None  # CSV: the header (shared by every row)
    problem: str | None = None  # set when the record itself is malformed
    missing: int = 0  # CSV: how many cells a short row lacks at its end (read as empty)

    @property
    def values(self) -> dict[str, Any]:
        """Column or key → value, as read."""
        if self.data is not None:
            return self.data
        return dict(zip(self.columns or (), self.cells or (), strict=False))


class Records:
    """An iterable of records from one file, read lazily where the format allows."""

    def __init__(self, rows: Iterator[Record], kind: DataFormat, single: bool, columns: list[str]) -> None:
        self._rows = rows
        self.kind = kind
        self.single = single  # one JSON/YAML object rather than a list
        self.columns = columns  # CSV header, or the keys of the first record
        self.size = 0  # bytes in the file, when known (for progress)
        self.position: IO[bytes] | None = None  # the raw file, whose tell() is the progress
        self.path = ""  # a CSV file (not standard input): callers may read it again in parallel
        self.layout: CsvLayout | None = None  # CSV: its encoding, separator and header

    def __iter__(self) -> Iterator[Record]:
        return self._rows

    def close(self) -> None:
        """Close the file early (reading every record closes it too)."""
        if self.position is not None:
            self.position.close()


def detect_format(path: str, given: str | None = None) -> DataFormat:
    if given:
        if given not in ("json", "yaml", "csv"):
            raise DataError(f"unknown data format {given!r}; expected json, yaml or csv")
        return given  # type: ignore[return-value]
    if path == "-":
        return "json"
    found = _EXTENSIONS.get(Path(path).suffix.lower())
    if found is None:
        raise DataError(
            f"{path}: cannot tell the data format from the name; use .json, .yaml or .csv, or --data-format"
        )
    return found


def read_records(path: str, given_format: str | None = None) -> Records:
    """Open a data file (`-` is standard input, JSON unless `given_format` says otherwise)."""
    kind = detect_format(path, given_format) if given_format else None  # a usage error first
    if path != "-":
        _require_file(path)  # then a missing file, before its name's extension
    kind = kind or detect_format(path)
    if kind == "csv":
        from rubricdsl.csvrecords import open_csv  # which builds on this module's types

        return open_csv(path)
    name = STDIN if path == "-" else path
    text = _document_text(name, read_bytes(path))
    data = _parse_json(name, text) if kind == "json" else _parse_yaml(name, text)
    return _from_document(name, data, kind)


def _require_file(path: str) -> None:
    where = Path(path)
    if where.is_dir():
        raise DataError(f"{path}: is a directory, not a data file")
    if not where.exists():
        raise DataError(f"{path}: no such file")


def read_bytes(path: str) -> bytes:
    """The whole file, or standard input for `-`."""
    if path == "-":
        stdin = sys.stdin
        return stdin.buffer.read() if hasattr(stdin, "buffer") else stdin.read().encode("utf-8")
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise DataError(f"{path}: cannot read: {error.strerror or error}") from None


def _document_text(name: str, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        bad = data[error.start : error.end].hex(" ")
        raise DataError(f"{name}: line {line}: bytes {bad} are not UTF-8 text; save it as UTF-8") from None


def _parse_json(name: str, text: str) -> object:
    try:
        return json.loads(text, parse_float=Decimal)  # keep every number's exact text
    except json.JSONDecodeError as error:
        raise DataError(f"{name}:{error.lineno}:{error.colno}: not valid JSON: {error.msg}") from None


def _parse_yaml(name: str, text: str) -> object:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader)  # a safe loader: plain data only
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark is not None else ""
        raise DataError(f"{name}{where}: not valid YAML: {getattr(error, 'problem', error)}") from None


def _from_document(name: str, data: object, kind: DataFormat) -> Records:
    if isinstance(data, dict):
        items, single = [data], True
    elif isinstance(data, list):
        items, single = data, False
    elif data is None:
        raise DataError(f"{name}: the file is empty; expected one object or a list of objects")
    else:
        raise DataError(f"{name}: expected one object or a list of objects, got {kind_of(data)}")
    columns = [str(k) for k in items[0]] if items and isinstance(items[0], dict) else []
    return Records(_document_rows(items), kind, single, columns)


def _document_rows(items: list[Any]) -> Iterator[Record]:
    for number, item in enumerate(items, start=1):
        where = f"record {number}"
        if isinstance(item, dict):
            yield Record(number, where, data={str(k): v for k, v in item.items()})
        else:
            problem = f"expected an object of input values, got {kind_of(item)}"
            yield Record(number, where, data={}, problem=problem)


def kind_of(value: object) -> str:
    """What a JSON or YAML value is, in words: null, text, a number, a list…"""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the yes/no value {str(value).lower()}"
    if isinstance(value, int | float | Decimal):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {value!r}"
    return "a list" if isinstance(value, list) else f"a {type(value).__name__}"
