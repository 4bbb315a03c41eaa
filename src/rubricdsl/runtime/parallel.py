"""Scoring a large CSV on every core, streamed and in order.

The parent cuts the file into blocks of whole rows (at a line end outside any
quoted cell) and writes the output; worker processes decode, parse and score
a block each and return its output text and row errors.  At most a few
blocks are in flight, so memory stays flat however long the file is, and the
output is exactly what scoring row by row would write.
"""

from __future__ import annotations

import csv
import io
import os
import sys
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rubricdsl.ir import RubricIR
from rubricdsl.records import DataError, Record, csv_record, raw_rows
from rubricdsl.runtime.batch import score_records
from rubricdsl.runtime.output import ITEM_SEPARATOR, CsvWriter, JsonWriter
from rubricdsl.runtime.rubric import Rubric

if TYPE_CHECKING:
    from multiprocessing.pool import AsyncResult

BLOCK_BYTES = 1 << 20
MIN_BYTES = 2 << 20  # smaller files are scored before workers would have started

Block = tuple[int, bytes]  # the file's line number of the block's first line, its bytes
BlockResult = tuple[str, int, list[tuple[str, str]]]  # output text, rows, (where, error) of bad rows


@dataclass(frozen=True, slots=True)
class Job:
    """What every worker needs to score a block."""

    fmt: str  # json or csv
    path: str  # for messages
    encoding: str
    columns: list[str]
    extra: list[str]
    explain: bool


_WORKER: tuple[Rubric, Job] | None = None  # set in each worker (inherited when forked)


def worker_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def worthwhile(size: int) -> bool:
    return size >= MIN_BYTES and worker_count() > 1


def score_in_parallel(
    rubric: Rubric,
    job: Job,
    write: Callable[[str, int], None],
    report: Callable[[str, str], None],
    tick: Callable[[int], None] = lambda done: None,
) -> None:
    """Score the CSV in worker processes; `write(text, rows)` and `report(where, error)` in row order."""
    import multiprocessing

    global _WORKER
    _WORKER = (rubric, job)  # a forked worker starts with it; a spawned one rebuilds it
    workers = worker_count()
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    setup = (rubric.ir.model_dump_json(), job)
    with context.Pool(workers, initializer=_start_worker, initargs=setup) as pool:
        pending: deque[AsyncResult[BlockResult]] = deque()
        done = 0
        for first_line, data in row_blocks(job.path):
            pending.append(pool.apply_async(_score_block, ((first_line, data),)))
            done += len(data)
            if len(pending) > 2 * workers:
                _deliver(pending.popleft().get(), write, report)
                tick(done)
        while pending:
            _deliver(pending.popleft().get(), write, report)
        tick(done)


def _deliver(
    result: BlockResult, write: Callable[[str, int], None], report: Callable[[str, str], None]
) -> None:
    text, count, errors = result
    for where, error in errors:
        report(where, error)
    write(text, count)


# ---------------------------------------------------------------- cutting the file


def row_blocks(path: str, size: int = BLOCK_BYTES) -> Iterator[Block]:
    """Blocks of whole rows after the header, each with the line number it starts on."""
    with open(path, "rb") as raw:
        carry, line, header = b"", 1, True
        while block := raw.read(size):
            data = carry + block
            cut = _last_row_end(data)
            if cut < 0:
                carry = data
                continue
            piece, carry = data[:cut], data[cut:]
            if header:
                skip = _first_row_end(piece)
                line += piece.count(b"\n", 0, skip)
                piece, header = piece[skip:], False
            yield line, piece
            line += piece.count(b"\n")
        if carry and not header:
            yield line, carry


def _last_row_end(data: bytes) -> int:
    """Just after the last line end outside quotes, or −1."""
    quotes = data.count(b'"')
    end = data.rfind(b"\n")
    while end >= 0:
        if (quotes - data.count(b'"', end)) % 2 == 0:  # an even number of quotes before it
            return end + 1
        end = data.rfind(b"\n", 0, end)
    return -1


def _first_row_end(data: bytes) -> int:
    end = data.find(b"\n")
    while end >= 0 and data.count(b'"', 0, end) % 2:
        end = data.find(b"\n", end + 1)
    return end + 1 if end >= 0 else len(data)


# ---------------------------------------------------------------- in a worker


def _start_worker(ir_json: str, job: Job) -> None:
    global _WORKER
    if _WORKER is None:
        _WORKER = (Rubric(RubricIR.model_validate_json(ir_json)), job)


def _score_block(block: Block) -> BlockResult:
    assert _WORKER is not None
    rubric, job = _WORKER
    first_line, data = block
    try:
        text = data.decode("gb18030" if job.encoding == "gb18030" else "utf-8")
    except UnicodeDecodeError as error:
        line = first_line + data.count(b"\n", 0, error.start)
        raise DataError(f"{job.path}: line {line}: not {job.encoding} text; save the file as UTF-8") from None
    rows = raw_rows(job.path, csv.reader(io.StringIO(text, newline="")), first_line=first_line)
    records = (csv_record(number, cells, job.columns) for number, cells in rows)
    return _write_outcomes(rubric, job, records)


def _write_outcomes(rubric: Rubric, job: Job, records: Iterator[Record]) -> BlockResult:
    buffer = io.StringIO()
    errors: list[tuple[str, str]] = []
    items: list[str] = []
    json_writer = JsonWriter(buffer, rubric, False, job.explain)
    csv_writer = CsvWriter(buffer, rubric, job.extra, job.explain, header=False)
    count = 0
    for outcome in score_records(rubric, records):
        count += 1
        if outcome.error is not None:
            errors.append((outcome.where, outcome.error))
        if job.fmt == "json":
            items.append(json_writer.item(outcome))
        else:
            csv_writer.write(outcome)
    text = ITEM_SEPARATOR.join(items) if job.fmt == "json" else buffer.getvalue()
    return text, count, errors
