"""Reading the records to score: JSON, YAML or CSV, each record with its row number.

* JSON: one object, or a list of objects; numbers keep their exact text.
* YAML: the same shapes.
* CSV: a header row of column names, one unit per row, streamed so memory
  does not grow with the file; UTF-8 (with or without a byte-order mark) or,
  as Excel writes it on Chinese systems, GB18030.

A file that cannot be read at all raises `DataError`; a single bad record is
yielded with its `problem` set so the caller can report it and go on.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, Literal

from rubricdsl.errors import RubricDslError

DataFormat = Literal["json", "yaml", "csv"]
_EXTENSIONS: dict[str, DataFormat] = {".json": "json", ".yaml": "yaml", ".yml": "yaml", ".csv": "csv"}
_SNIFF_BYTES = 1 << 16


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
        self.path = ""  # CSV with a one-line header: the file, for callers that read it in parallel
        self.encoding = ""  # CSV: its text encoding (utf-8-sig or gb18030)

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
        raise DataError(f"{path}: cannot tell the data format from the name; use .json, .yaml or .csv")
    return found


def read_records(path: str, given_format: str | None = None) -> Records:
    """Open a data file (`-` is JSON on standard input)."""
    kind = detect_format(path, given_format)
    if kind == "csv":
        return _csv_records(path)
    text = sys.stdin.read() if path == "-" else _read_text(path)
    data = _parse_json(path, text) if kind == "json" else _parse_yaml(path, text)
    return _from_document(path, data, kind)


def _read_text(path: str) -> str:
    try:
        return Path(path).read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise DataError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise DataError(f"{path}: is a directory, not a data file") from None
    except OSError as error:
        raise DataError(f"{path}: cannot read: {error.strerror or error}") from None
    except UnicodeDecodeError as error:
        raise DataError(f"{path}: not UTF-8 text (byte {error.start}); save it as UTF-8") from None


def _parse_json(path: str, text: str) -> object:
    try:
        return json.loads(text, parse_float=Decimal)  # keep every number's exact text
    except json.JSONDecodeError as error:
        raise DataError(f"{path}:{error.lineno}:{error.colno}: not valid JSON: {error.msg}") from None


def _parse_yaml(path: str, text: str) -> object:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader)  # a safe loader: plain data only
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark is not None else ""
        raise DataError(f"{path}{where}: not valid YAML: {getattr(error, 'problem', error)}") from None


def _from_document(path: str, data: object, kind: DataFormat) -> Records:
    if isinstance(data, dict):
        items, single = [data], True
    elif isinstance(data, list):
        items, single = data, False
    else:
        raise DataError(f"{path}: expected one object or a list of objects, got {type(data).__name__}")
    columns = [str(k) for k in items[0]] if items and isinstance(items[0], dict) else []
    return Records(_document_rows(items), kind, single, columns)


def _document_rows(items: list[Any]) -> Iterator[Record]:
    for number, item in enumerate(items, start=1):
        where = f"record {number}"
        if isinstance(item, dict):
            yield Record(number, where, data={str(k): v for k, v in item.items()})
        else:
            problem = f"expected an object of input values, got {type(item).__name__}"
            yield Record(number, where, data={}, problem=problem)


# ---------------------------------------------------------------- CSV


def _csv_records(path: str) -> Records:
    try:
        raw = open(path, "rb", buffering=_SNIFF_BYTES)  # noqa: SIM115 - closed after the last row
    except FileNotFoundError:
        raise DataError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise DataError(f"{path}: is a directory, not a data file") from None
    except OSError as error:
        raise DataError(f"{path}: cannot read: {error.strerror or error}") from None
    encoding = _sniff_encoding(raw)
    text = io.TextIOWrapper(raw, encoding=encoding, newline="")
    reader = csv.reader(text)
    try:
        header = next(reader, None)
        while header is not None and not "".join(header).strip():
            header = next(reader, None)  # blank lines before the header
    except (csv.Error, UnicodeDecodeError) as error:
        raw.close()
        raise DataError(f"{path}: cannot read the header row: {error}") from None
    if header is None:
        raw.close()
        raise DataError(f"{path}: the file is empty; expected a header row of input names")
    columns = _header(path, header)
    records = Records(_csv_rows(path, raw, reader, columns), "csv", False, columns)
    records.size = _file_size(raw)
    records.position = raw
    if reader.line_num == 1:  # a header of one line: the file can be cut into blocks of rows
        records.path, records.encoding = path, encoding
    return records


def _sniff_encoding(raw: IO[bytes]) -> str:
    """UTF-8 when the start of the file decodes as UTF-8, else GB18030."""
    start = raw.peek(_SNIFF_BYTES)[:_SNIFF_BYTES] if hasattr(raw, "peek") else b""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(start, final=False)
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8-sig"


def _file_size(raw: IO[bytes]) -> int:
    try:
        return Path(raw.name).stat().st_size if isinstance(raw.name, str) else 0
    except OSError:
        return 0


def _header(path: str, header: list[str]) -> list[str]:
    columns = [cell.strip() or f"column {i}" for i, cell in enumerate(header, start=1)]
    seen: set[str] = set()
    for name in columns:
        if name in seen:
            raise DataError(f"{path}: the header names the column {name} twice")
        seen.add(name)
    return columns


def _csv_rows(path: str, raw: IO[bytes], reader: Any, columns: list[str]) -> Iterator[Record]:
    for number, cells in raw_rows(path, reader, raw.close):
        yield csv_record(number, cells, columns)


def csv_record(number: int, cells: list[str], columns: list[str]) -> Record:
    """A CSV row as a record: a short row's missing cells are empty, a long one is a problem."""
    width = len(columns)
    if len(cells) == width:
        return Record(number, f"row {number}", cells=cells, columns=columns)
    problem = f"{len(cells)} cells but the header has {width} columns" if len(cells) > width else None
    cells = (cells + [""] * width)[:width]
    return Record(number, f"row {number}", cells=cells, columns=columns, problem=problem)


def raw_rows(
    path: str, reader: Any, done: Callable[[], None] = lambda: None, first_line: int = 1
) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of each row that is not blank, from a csv reader.

    `first_line` is the file's line number of the reader's first line; `done`
    runs at the end (closing the file).
    """
    offset = first_line - 1
    try:
        for cells in reader:
            if cells and (len(cells) > 1 or cells[0].strip()):
                yield reader.line_num + offset, cells
    except (csv.Error, UnicodeDecodeError) as error:
        raise DataError(f"{path}: line {reader.line_num + offset}: cannot read the CSV: {error}") from None
    finally:
        done()
