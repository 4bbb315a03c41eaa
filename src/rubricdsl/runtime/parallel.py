"""Scoring a large CSV on every core, streamed and in order.

The parent cuts the file into blocks of whole rows (at a line end outside any
quoted cell) and writes the output; worker processes decode, parse and score
a block each — with the very code that reads the file row by row, so bad
bytes and line numbers are reported alike — and return its output text and
row errors.  At most a few blocks are in flight, so memory stays flat however
long the file is, and the output is exactly what scoring row by row would write.
"""

from __future__ import annotations

import io
import os
import sys
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rubricdsl.csvrecords import Block, CsvLayout, CsvRows, read_blocks
from rubricdsl.ir import RubricIR
from rubricdsl.records import Record
from rubricdsl.runtime.batch import score_records
from rubricdsl.runtime.output import ITEM_SEPARATOR, CsvWriter, JsonWriter
from rubricdsl.runtime.rubric import Rubric

if TYPE_CHECKING:
    from multiprocessing.pool import AsyncResult

MIN_BYTES = 2 << 20  # smaller files are scored before workers would have started

BlockResult = tuple[str, int, list[tuple[str, str]]]  # output text, rows, (where, error) of bad rows


@dataclass(frozen=True, slots=True)
class Job:
    """What every worker needs to score a block."""

    fmt: str  # json or csv
    layout: CsvLayout  # the file, its encoding, separator and header
    extra: list[str]  # the columns that are not inputs
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
        done = job.layout.body_offset  # bytes of the file read, for progress
        for block in _row_blocks(job.layout):
            pending.append(pool.apply_async(_score_block, (block,)))
            done += len(block[1])
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


def _row_blocks(layout: CsvLayout) -> Iterator[Block]:
    """Blocks of whole rows after the header, each with the line number it starts on."""
    with open(layout.path, "rb") as raw:
        raw.seek(layout.body_offset)
        yield from read_blocks(raw, layout.body_line, layout=layout)


# ---------------------------------------------------------------- in a worker


def _start_worker(ir_json: str, job: Job) -> None:
    global _WORKER
    if _WORKER is None:
        _WORKER = (Rubric(RubricIR.model_validate_json(ir_json)), job)


def _score_block(block: Block) -> BlockResult:
    assert _WORKER is not None
    rubric, job = _WORKER
    return _write_outcomes(rubric, job, CsvRows(job.layout).records((block,)))


def _write_outcomes(rubric: Rubric, job: Job, records: Iterator[Record]) -> BlockResult:
    buffer = io.StringIO()
    errors: list[tuple[str, str]] = []
    items: list[str] = []
    json_writer = JsonWriter(buffer, rubric, False, job.explain, job.extra)
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
