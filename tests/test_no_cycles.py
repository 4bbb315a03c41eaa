"""Loading a rubric makes no reference cycles.

A 5,000-leaf rubric's syntax tree is hundreds of thousands of objects.  When
nothing refers back to itself, the tree is freed the moment the load drops
it; one cycle anywhere (a helper holding itself, a closure calling itself)
keeps the whole tree until the cycle collector walks it, which costs a
tenth of the load.  (The compiled scorer itself is a module namespace whose
functions refer to it: a cycle by nature, and kept while it is used.)
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import rubricdsl
from rubricdsl.frontend import analyse, read_source

SEED = Path(__file__).resolve().parents[1] / "rubrics" / "dept-overall-2021.rubric"


@pytest.fixture
def collector_off() -> Iterator[None]:
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@pytest.mark.parametrize(
    "load",
    [
        lambda: rubricdsl.load(SEED),
        lambda: rubricdsl.load(SEED, examples=True),
        lambda: rubricdsl.loads(SEED.read_text(encoding="utf-8")),
        lambda: analyse(read_source(SEED)),
    ],
    ids=["load", "load with examples", "loads", "analyse"],
)
def test_loading_leaves_nothing_for_the_cycle_collector(
    load: Callable[[], object], collector_off: None
) -> None:
    load()  # first use: lazy imports and caches may make cycles of their own, once
    gc.collect()
    kept = load()  # a compiled scorer is a module namespace, a cycle by nature: keep it
    assert gc.collect() == 0
    del kept
