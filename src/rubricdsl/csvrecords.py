"""Reading CSV data: the header, the encoding and separator, and the rows in blocks.

The encoding — UTF-8 (with or without a byte-order mark) or, as Excel writes
it on Chinese systems, GB18030 — and the separator (`,`, `;` or a tab) are
told from the head of the file.  The rows after the header are read as bytes
in blocks of whole lines, so memory stays flat however long the file is, and
a worker process reads a block of whole rows with the very same code
(`CsvRows`), so rows, line numbers and problems come out alike.

Each block is decoded at once; only a block that is not all text is decoded
again keeping its bad bytes, and a row holding some becomes a bad record
naming its line and column — the rows around it are read as usual.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import IO

from rubricdsl.errors import InternalError
from rubricdsl.records import STDIN, DataError, Record, Records, read_bytes

BLOCK_BYTES = 1 << 20  # for workers: big enough to be worth sending
_READ_BYTES = 1 << 18  # read here: small enough to keep memory low
_HEAD_BYTES = 1 << 16  # enough of the file to tell its encoding
_DELIMITERS = (",", ";", "\t")  # in order of preference when the header fits several
_ESCAPED = re.compile("[\udc80-\udcff]+")  # undecodable bytes, kept by "surrogateescape"
_LINE_END = re.compile(rb"\r\n|\r|\n")
_ENCODING_NAMES = {"utf-8": "UTF-8", "gb18030": "GB18030"}

Block = tuple[int, bytes]  # the file's line number of the block's first line, its bytes


@dataclass(frozen=True, slots=True)
class CsvLayout:
    """How a CSV file is written: all a worker process needs to read a block of its rows."""

    path: str  # the file's name in messages
    encoding: str  # of the rows: utf-8 or gb18030 (a byte-order mark goes with the header)
    delimiter: str
    columns: list[str]
    body_offset: int  # the byte where the rows after the header start
    body_line: int  # the line they start on


# ---------------------------------------------------------------- the header


def open_csv(path: str) -> Records:
    """The records of a CSV file (`-`: standard input), its header read and checked."""
    if path == "-":
        raw: IO[bytes] = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else io.BytesIO(read_bytes(path))
        layout, carry = _read_header(STDIN, raw)
        return Records(_csv_rows(raw, layout, carry, lambda: None), "csv", False, layout.columns)
    try:
        raw = open(path, "rb")  # noqa: SIM115 - closed after the last row
    except OSError as error:
        raise DataError(f"{path}: cannot read: {error.strerror or error}") from None
    try:
        layout, carry = _read_header(path, raw)
    except BaseException:
        raw.close()
        raise
    records = Records(_csv_rows(raw, layout, carry, raw.close), "csv", False, layout.columns)
    records.size, records.position, records.path, records.layout = _file_size(path), raw, path, layout
    return records


def _read_header(name: str, raw: IO[bytes]) -> tuple[CsvLayout, bytes]:
    """The layout told from the head of the file, and the bytes read past the header."""
    head = raw.read(_HEAD_BYTES)
    encoding, start = _encoding(name, head)
    while True:
        end = _row_end(head, start)
        if end < 0 and (more := raw.read(_HEAD_BYTES)):
            head += more  # a header longer than the head: read on
            continue
        end = len(head) if end < 0 else end
        if start == end:
            raise DataError(f"{name}: the file is empty; expected a header row of input names")
        if head[start:end].strip(b' \t\r\n,;"'):
            break
        start = end  # a blank line before the header
    line = 1 + _line_ends(head[:start])
    cells, delimiter = _header_cells(name, head[start:end], encoding, line)
    columns = _columns(name, cells)
    return CsvLayout(name, encoding, delimiter, columns, end, line + _line_ends(head[start:end])), head[end:]


def _encoding(name: str, head: bytes) -> tuple[str, int]:
    """The rows' encoding, and where the text starts (after a byte-order mark).

    UTF-8 unless the head has fewer undecodable bytes as GB18030: a few bad
    bytes in a UTF-8 file are reported on their rows, not taken as a sign of
    another encoding.
    """
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8", len(codecs.BOM_UTF8)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not _undecodable(head, "utf-16"):
        raise DataError(f"{name}: the file is UTF-16 text; save it as CSV UTF-8")
    wrong_as_utf8 = _undecodable(head, "utf-8")
    if wrong_as_utf8 and _undecodable(head, "gb18030") < wrong_as_utf8:
        return "gb18030", 0
    return "utf-8", 0


def _undecodable(data: bytes, encoding: str) -> int:
    """How many bytes of `data` are not text in `encoding` (a character cut at the end is not counted)."""
    text = codecs.getincrementaldecoder(encoding)("surrogateescape").decode(data, final=False)
    return sum(map(len, _ESCAPED.findall(text)))


def _header_cells(name: str, data: bytes, encoding: str, line: int) -> tuple[list[str], str]:
    """The header's cells, split by the separator that gives the most of them."""
    text = data.decode(encoding, "surrogateescape")
    if _ESCAPED.search(text):
        enc = _ENCODING_NAMES[encoding]
        raise DataError(f"{name}: line {line}: the header row has bytes that are not {enc} text")
    try:
        splits = [(next(csv.reader(io.StringIO(text, newline=""), delimiter=d)), d) for d in _DELIMITERS]
    except csv.Error as error:
        raise DataError(f"{name}: line {line}: cannot read the header row: {error}") from None
    return max(splits, key=lambda split: len(split[0]))  # the first of equals: `,` wins ties


def _columns(name: str, header: list[str]) -> list[str]:
    columns = [cell.strip() or f"column {i}" for i, cell in enumerate(header, start=1)]
    seen: set[str] = set()
    for column in columns:
        if column in seen:
            raise DataError(f"{name}: the header names the column {column} twice")
        seen.add(column)
    return columns


def _file_size(path: str) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0


# ---------------------------------------------------------------- blocks of rows


def read_blocks(
    raw: IO[bytes], line: int, carry: bytes = b"", layout: CsvLayout | None = None
) -> Iterator[Block]:
    """The rest of the file in blocks of whole lines, each with the line it starts on.

    Given the file's `layout`, a block also ends where a row ends (never
    inside a quoted cell), so that it can be read on its own (by a worker).
    """
    cut_at = _last_line_end if layout is None else functools.partial(_last_row_end, layout=layout)
    size = _READ_BYTES if layout is None else BLOCK_BYTES
    while block := raw.read(size):
        data = carry + block
        cut = cut_at(data)
        if cut <= 0:
            carry = data
            continue
        piece, carry = data[:cut], data[cut:]
        yield line, piece
        line += _line_ends(piece)
    if carry:
        yield line, carry


def _line_ends(data: bytes) -> int:
    """Line ends as the csv module counts them: \\n, \\r\\n and a lone \\r."""
    return data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n")


def _text_line_ends(text: str) -> int:
    return text.count("\n") + text.count("\r") - text.count("\r\n")


def _last_line_end(data: bytes) -> int:
    return data.rfind(b"\n") + 1


def _last_row_end(data: bytes, layout: CsvLayout) -> int:
    """Just after the last row that surely ends in `data` (which starts a row), or 0.

    Without a quote, every line end ends a row.  With quotes, counting them is
    not enough (a quote inside a cell that does not start with one is just a
    character, as in `5"`), so the data is read as the workers will read it:
    every row but the last is whole, as another row followed it.
    """
    end = _last_line_end(data)
    if b'"' not in data[:end]:
        return end
    text = data[:end].decode(layout.encoding, "surrogateescape")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=layout.delimiter)
    whole = lines = 0  # lines up to the end of the last row known to be whole; read so far
    try:
        for _cells in reader:
            whole, lines = lines, reader.line_num
    except csv.Error:  # the rows before are whole; the block's reader reports the rest
        return _after_line(data, lines) if lines else end
    return _after_line(data, whole)


def _after_line(data: bytes, count: int) -> int:
    """Just after the `count`-th line end of `data` (0 for none), as the csv module counts them."""
    if count == 0:
        return 0
    for seen, match in enumerate(_LINE_END.finditer(data), 1):
        if seen == count:
            return match.end()
    raise InternalError(f"a block has fewer than {count} lines")


def _row_end(data: bytes, start: int) -> int:
    """Just after the first line end from `start` outside quotes, or −1 (also for a \\r that may be cut)."""
    for match in _LINE_END.finditer(data, start):
        if data.count(b'"', start, match.start()) % 2 == 0:
            return -1 if match.end() == len(data) and match.group() == b"\r" else match.end()
    return -1


def _csv_rows(raw: IO[bytes], layout: CsvLayout, carry: bytes, done: Callable[[], None]) -> Iterator[Record]:
    try:
        yield from CsvRows(layout).records(read_blocks(raw, layout.body_line, carry))
    finally:
        done()


class CsvRows:
    """The records in consecutive blocks of a CSV file, after its header.

    Each block is decoded at once; only a block that is not all text is decoded
    again keeping its bad bytes (as lone surrogates), and only the rows that
    touch such a block are searched for them.
    """

    def __init__(self, layout: CsvLayout) -> None:
        self.layout = layout
        self.dirty = (0, -1)  # the first and last line of the latest block with bad bytes

    def records(self, blocks: Iterable[Block]) -> Iterator[Record]:
        blocks = iter(blocks)
        first = next(blocks, None)
        if first is None:
            return
        offset = first[0] - 1
        lines = chain.from_iterable(map(self._lines, chain((first,), blocks)))
        reader = csv.reader(lines, delimiter=self.layout.delimiter)
        start = first[0]
        try:
            for cells in reader:
                end = reader.line_num + offset
                if cells and (len(cells) > 1 or cells[0].strip()):  # not a blank line
                    yield self._record(cells, start, end)
                start = end + 1
        except csv.Error as error:
            where = f"{self.layout.path}: line {reader.line_num + offset}"
            raise DataError(f"{where}: cannot read the CSV past this line: {error}") from None

    def _record(self, cells: list[str], start: int, end: int) -> Record:
        """The row on lines `start`…`end` as a record, with its problem if it has one."""
        problem = None
        if end >= self.dirty[0] and start <= self.dirty[1]:
            problem, cells = self._bad_bytes(cells, start, end)
        width = len(self.layout.columns)
        if len(cells) != width and end > start:
            problem = problem or _unclosed_quote(cells, width, start, end)
        return csv_record(end, cells, self.layout.columns, problem)

    def _lines(self, block: Block) -> io.StringIO:
        first_line, data = block
        try:
            text = data.decode(self.layout.encoding)
        except UnicodeDecodeError:
            text = data.decode(self.layout.encoding, "surrogateescape")
            self.dirty = (first_line, first_line + _line_ends(data))
        return io.StringIO(text, newline="")

    def _bad_bytes(self, cells: list[str], start: int, end: int) -> tuple[str | None, list[str]]:
        """A message naming the column (and line) of the row's first bad bytes; cells fit to print."""
        first = next(((i, m) for i, cell in enumerate(cells) if (m := _ESCAPED.search(cell))), None)
        if first is None:
            return None, cells
        index, found = first
        before = [*cells[:index], cells[index][: found.start()]]
        line = start + sum(map(_text_line_ends, before))
        columns = self.layout.columns
        name = f"column {columns[index]}" if index < len(columns) else f"cell {index + 1}"
        shown = bytes(ord(c) - 0xDC00 for c in found.group()).hex(" ")
        enc = _ENCODING_NAMES[self.layout.encoding]
        where = name if line == end else f"line {line}, {name}"
        problem = f"{where}: bytes {shown} are not valid {enc} (the file's encoding)"
        return problem, [_ESCAPED.sub("\ufffd", c) for c in cells]


def cells_text(count: int) -> str:
    return f"{count} cell" if count == 1 else f"{count} cells"


def _unclosed_quote(cells: list[str], width: int, start: int, end: int) -> str | None:
    """A row of the wrong width over several lines: most likely a quote left open."""
    if not any("\n" in cell or "\r" in cell for cell in cells):
        return None
    where = f"{cells_text(len(cells))} over lines {start}–{end}"
    return f'{where}, but the header has {width} columns: is a closing " missing?'


def csv_record(number: int, cells: list[str], columns: list[str], problem: str | None = None) -> Record:
    """A CSV row as a record: a short row's missing cells are empty, a long one is a problem."""
    width = len(columns)
    if len(cells) == width:
        return Record(number, f"row {number}", cells=cells, columns=columns, problem=problem)
    if len(cells) > width and problem is None:
        problem = f"{cells_text(len(cells))} but the header has {width} columns"
    missing = max(0, width - len(cells))
    cells = (cells + [""] * width)[:width]
    return Record(number, f"row {number}", cells=cells, columns=columns, problem=problem, missing=missing)
