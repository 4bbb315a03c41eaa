"""Timing helpers for the benchmark: medians, interleaved races, child processes."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def median_seconds(action: Callable[[], object], repeats: int) -> float:
    """The median wall time of `repeats` runs of `action`."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def race(contenders: dict[str, Callable[[], object]], repeats: int) -> dict[str, float]:
    """Median seconds of each contender, run in turns so machine noise hits all alike."""
    times: dict[str, list[float]] = {name: [] for name in contenders}
    names = list(contenders)
    for round_number in range(repeats):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            start = time.perf_counter()
            contenders[name]()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def rubric_command() -> list[str]:
    """The `rubric` console script of this interpreter's environment."""
    script = Path(sys.executable).parent / "rubric"
    return [str(script)] if script.exists() else [sys.executable, "-m", "rubricdsl"]


@dataclass(frozen=True)
class ChildRun:
    seconds: float
    cpu_seconds: float  # user + system time of the whole tree: less sensitive to a busy machine
    peak_rss_mib: float  # the largest single process of the tree (getrusage)
    peak_tree_mib: float  # the whole process tree (sampled sum of proportional set sizes; 0 if unknown)
    exit_code: int
    stderr: str


# Linux charges a child with the peak memory of the process it was forked
# from, so whole processes are started from this small launcher rather than
# from the benchmark, which holds large inputs.  `rubric score` may fork
# workers, and getrusage gives the largest process only, so the launcher
# also samples the tree's total (Pss counts pages shared after fork once).
_LAUNCHER = """
import json, os, resource, subprocess, sys, time


def tree(pid):
    found = [pid]
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as listing:
                for child in listing.read().split():
                    found += tree(int(child))
    except OSError:
        pass
    return found


def tree_kib(pid):
    total = 0
    for member in tree(pid):
        try:
            with open(f"/proc/{member}/smaps_rollup") as rollup:
                total += sum(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
        except OSError:
            pass
    return total


sample = sys.argv[1] == "sample"
start = time.perf_counter()
child = subprocess.Popen(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
stderr_text = []
reader = __import__("threading").Thread(target=lambda: stderr_text.append(child.stderr.read()))
reader.start()
peak_tree = 0
while sample and child.poll() is None:
    peak_tree = max(peak_tree, tree_kib(child.pid))
    time.sleep(0.1)
child.wait()
seconds = time.perf_counter() - start
reader.join()
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({
    "seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "peak_kib": usage.ru_maxrss,
    "tree_kib": peak_tree, "exit": child.returncode,
    "stderr": stderr_text[0].decode("utf-8", "replace"),
}))
"""


def run_child(command: Sequence[str], sample_memory: bool = False) -> ChildRun:
    """Run a whole process with stdout discarded: its wall time and peak memory."""
    mode = "sample" if sample_memory else "time"
    done = subprocess.run(
        [sys.executable, "-c", _LAUNCHER, mode, *command],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    figures = json.loads(done.stdout)
    return ChildRun(
        figures["seconds"],
        figures["cpu"],
        figures["peak_kib"] / 1024,
        figures["tree_kib"] / 1024,
        figures["exit"],
        figures["stderr"],
    )


def median_child(command: Sequence[str], repeats: int, sample_memory: bool = False) -> ChildRun:
    """`command` run `repeats` times: the median of each figure."""
    runs = [run_child(command, sample_memory) for _ in range(repeats)]
    middle = sorted(runs, key=lambda run: run.seconds)[len(runs) // 2]
    return ChildRun(
        middle.seconds,
        statistics.median(run.cpu_seconds for run in runs),
        statistics.median(run.peak_rss_mib for run in runs),
        statistics.median(run.peak_tree_mib for run in runs),
        middle.exit_code,
        middle.stderr,
    )


_FRESH_LOAD = """
import json, sys, time
start = time.perf_counter()
import rubricdsl
imported = time.perf_counter()
rubricdsl.load(sys.argv[1])
loaded = time.perf_counter()
print(json.dumps({"import": imported - start, "load": loaded - imported}))
"""


def fresh_load(path: Path, repeats: int) -> tuple[float, float]:
    """Median (import seconds, first-load seconds) in fresh interpreters."""
    imports, loads = [], []
    for _ in range(repeats):
        done = subprocess.run(
            [sys.executable, "-c", _FRESH_LOAD, str(path)], capture_output=True, text=True, check=True
        )
        figures = json.loads(done.stdout)
        imports.append(figures["import"])
        loads.append(figures["load"])
    return statistics.median(imports), statistics.median(loads)
