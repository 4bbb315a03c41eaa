"""The rubricdsl benchmark: one table of figures, all measured in one run.

    python bench/run.py           # the full run (about 4 minutes on 2 cores)
    python bench/run.py --quick   # smaller inputs, fewer repeats (under a minute)

Each figure is the median of several repeats.  Targets are printed next to
the figures with ok / MISS; the exit status is 1 when the compiled scorer
disagrees with the hand-written one, 0 otherwise.
"""

from __future__ import annotations

import argparse
import functools
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gen_records
import gen_rubric
import handwritten_seed
import measure
import rubricdsl

SEED_RUBRIC = measure.ROOT / "rubrics" / "dept-overall-2021.rubric"


@dataclass(frozen=True)
class Sizes:
    records: int
    agreement_sample: int
    csv_rows: tuple[int, int]
    load_repeats: dict[int, int]  # generated leaves → repeats
    score_repeats: int
    batch_repeats: int
    process_repeats: int


FULL = Sizes(100_000, 20_000, (100_000, 1_000_000), {100: 7, 1000: 5, 5000: 3}, 5, 3, 10)
QUICK = Sizes(20_000, 5_000, (20_000, 100_000), {100: 5, 1000: 3, 5000: 1}, 3, 1, 5)


@dataclass(frozen=True)
class Row:
    figure: str
    value: str
    target: str = ""
    met: bool | None = None  # None: no target

    @property
    def status(self) -> str:
        return "" if self.met is None else ("ok" if self.met else "MISS")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


def failure(error: BaseException) -> str:
    return f"FAILED: {type(error).__name__}: {str(error)[:70]}"


def per_second(count: float, seconds: float) -> str:
    return f"{count / seconds:,.0f}/s"


# ---------------------------------------------------------------- load


def seed_load_rows(sizes: Sizes) -> list[Row]:
    imported, first = measure.fresh_load(SEED_RUBRIC, sizes.process_repeats)
    rubricdsl.load(SEED_RUBRIC)  # warm: the grammar tables are built
    repeat = measure.median_seconds(lambda: rubricdsl.load(SEED_RUBRIC), sizes.load_repeats[100] * 3)
    return [
        Row("import rubricdsl (fresh process)", ms(imported)),
        Row("load seed rubric, first in a fresh process", ms(first) + "  (lazy imports, grammar)"),
        Row("load seed rubric (parse+check+compile)", ms(repeat), "≤ 30 ms", repeat <= 0.030),
    ]


def generated_load_rows(sizes: Sizes, workdir: Path) -> list[Row]:
    """Load times of generated rubrics, each with its growth over the size before."""
    rows, previous = [], None
    for leaves, repeats in sizes.load_repeats.items():
        label = f"load generated rubric, {leaves:,} leaves"
        target = "≤ 2 s" if leaves == max(sizes.load_repeats) else ""
        path = workdir / f"generated-{leaves}.rubric"
        path.write_text(gen_rubric.generate(leaves), encoding="utf-8")
        try:
            seconds = measure.median_seconds(functools.partial(rubricdsl.load, path), repeats)
        except Exception as error:  # a failing size is a figure too; the others still run
            rows.append(Row(label, failure(error), target or "loads", False))
            continue
        growth = ""
        if previous is not None:
            growth = f"  (×{seconds / previous[1]:.1f} for ×{leaves // previous[0]} leaves)"
        rows.append(Row(label, ms(seconds) + growth, target, seconds <= 2.0 if target else None))
        previous = (leaves, seconds)
    return rows


# ---------------------------------------------------------------- score


def disagreements(rubric: Any, records: Sequence[dict[str, object]]) -> list[str]:
    """Where the compiled scorer and the hand-written one differ (leaf, total, grade)."""
    found = []
    for number, record in enumerate(records):
        expected = handwritten_seed.score(record)
        report = rubric.score(record)
        got = {name: report.score_of(name) for name in expected.leaves}
        got_total, got_grade = report.total, report.grade
        if got != expected.leaves or got_total != expected.total or got_grade != expected.grade:
            diff = {k: (v, got[k]) for k, v in expected.leaves.items() if got[k] != v}
            found.append(f"record {number}: hand-written vs compiled {diff} {expected.total}/{got_total}")
    return found


RATIO_TARGET = "≥ 1.0× (never < 0.9×)"


def score_rows(rubric: Any, records: list[dict[str, object]], sizes: Sizes) -> tuple[list[Row], float]:
    """Records/s of the compiled and the hand-written scorer; also the best compiled rate."""
    contenders: dict[str, Callable[[], object]] = {
        "score": lambda: [rubric.score(record) for record in records],
        "score_many": lambda: list(rubric.score_many(records)),
        "hand-written": lambda: [handwritten_seed.score(record) for record in records],
    }
    for contender in contenders.values():  # warm up caches and the compiled code
        contender()
    seconds = measure.race(contenders, sizes.score_repeats)
    count, hand = len(records), seconds["hand-written"]
    rows = [Row(f"hand-written Decimal scorer, {count:,} records", per_second(count, hand))]
    for api in ("score", "score_many"):
        rows.append(Row(f"compiled scorer, Rubric.{api}", per_second(count, seconds[api])))
    for api in ("score", "score_many"):
        ratio = hand / seconds[api]
        rows.append(Row(f"compiled / hand-written ({api})", f"{ratio:.2f}×", RATIO_TARGET, ratio >= 1.0))
    return rows, count / min(seconds["score"], seconds["score_many"])


# ---------------------------------------------------------------- whole processes


def batch_rows(sizes: Sizes, workdir: Path, in_process_rate: float) -> list[Row]:
    """`rubric score` of CSV files as whole processes: rows/s and peak memory.

    The throughput target applies to the larger file, where the fixed start-up
    (imports, loading the rubric) is amortised; the smaller one shows that
    memory does not grow with the row count.
    """
    rows, peaks = [], []
    for count in sizes.csv_rows:
        path = gen_records.write_csv(workdir / f"units-{count}.csv", count)
        command = [*measure.rubric_command(), "score", str(SEED_RUBRIC), str(path)]
        run = measure.median_child(command, sizes.batch_repeats, sample_memory=True)
        share = count / run.seconds / in_process_rate
        rows.append(_batch_row(count, run, share, targeted=count == max(sizes.csv_rows)))
        memory = f"{run.peak_rss_mib:,.0f} MiB largest process, {run.peak_tree_mib:,.0f} MiB all processes"
        rows.append(Row(f"rubric score, CSV of {count:,} rows: peak memory", memory))
        peaks.append(max(run.peak_rss_mib, run.peak_tree_mib))
    factor, growth = sizes.csv_rows[1] // sizes.csv_rows[0], peaks[1] / peaks[0]
    target = "flat (≤ ×1.25)"
    rows.append(Row(f"peak memory growth, ×{factor} rows", f"×{growth:.2f}", target, growth <= 1.25))
    return rows


def _batch_row(count: int, run: measure.ChildRun, share: float, targeted: bool) -> Row:
    value = f"{count / run.seconds:,.0f} rows/s = {share:.0%} of in-process, {run.seconds:.1f} s"
    value += f" (CPU {run.cpu_seconds:.1f} s)"
    if run.exit_code:
        value += f"  (exit {run.exit_code}: {run.stderr.strip()[:80]})"
    if not targeted:
        return Row(f"rubric score, CSV of {count:,} rows", value, met=False if run.exit_code else None)
    met = share >= 0.70 and not run.exit_code
    return Row(f"rubric score, CSV of {count:,} rows", value, "≥ 70% of in-process", met)


def cli_rows(sizes: Sizes) -> list[Row]:
    rubric = measure.rubric_command()
    check = measure.median_child(
        [*rubric, "check", str(SEED_RUBRIC.relative_to(measure.ROOT))], sizes.process_repeats
    )
    help_run = measure.median_child([*rubric, "--help"], sizes.process_repeats)
    note = f"  (CPU {ms(check.cpu_seconds)})" + (f"  (exit {check.exit_code})" if check.exit_code else "")
    return [
        Row(
            "rubric check dept-overall-2021 (whole process)",
            ms(check.seconds) + note,
            "≤ 0.4 s",
            check.seconds <= 0.4,
        ),
        Row("rubric --help (whole process)", f"{ms(help_run.seconds)}  (CPU {ms(help_run.cpu_seconds)})"),
    ]


# ---------------------------------------------------------------- report


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} cores, {platform.system()}, Python {platform.python_version()}"


def print_table(title: str, rows: Sequence[Row]) -> None:
    headers = ("figure", "measured", "target", "")
    table = [headers, *((r.figure, r.value, r.target, r.status) for r in rows)]
    widths = [max(len(line[i]) for line in table) for i in range(4)]
    print(title)
    for number, line in enumerate(table):
        print("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip())
        if number == 0:
            print("  ".join("-" * width for width in widths))


def agreement_row(rubric: Any, records: Sequence[dict[str, object]]) -> Row:
    problems = disagreements(rubric, records)
    for problem in problems[:10]:
        print("DISAGREE", problem, file=sys.stderr)
    same = f"{len(records) - len(problems):,} of {len(records):,} records identical"
    return Row("agreement, compiled vs hand-written", same, "all", not problems)


def main() -> int:
    parser = argparse.ArgumentParser(description="Measure rubricdsl: load, score, batch and CLI figures.")
    parser.add_argument("--quick", action="store_true", help="smaller inputs and fewer repeats")
    sizes = QUICK if parser.parse_args().quick else FULL
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as work:
        # Loads first, as in an application that loads its rubric at start-up:
        # large inputs held in memory would make every garbage collection slower.
        loads = seed_load_rows(sizes) + generated_load_rows(sizes, Path(work))
        rubric = rubricdsl.load(SEED_RUBRIC)
        records = gen_records.seed_records(sizes.records)
        agreement = agreement_row(rubric, records[: sizes.agreement_sample])
        score, in_process_rate = score_rows(rubric, records, sizes)
        del records
        rows = [agreement, *loads, *score, *batch_rows(sizes, Path(work), in_process_rate), *cli_rows(sizes)]
    mode = "quick" if sizes is QUICK else "full"
    elapsed = time.perf_counter() - started
    load = "/".join(f"{x:.1f}" for x in os.getloadavg())
    title = f"rubricdsl benchmark ({mode} run, {elapsed:.0f} s, load average {load})"
    print_table(f"{title} on {machine()}", rows)
    return 0 if agreement.met else 1


if __name__ == "__main__":
    sys.exit(main())
