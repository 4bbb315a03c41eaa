"""The compiled seed rubric against the independent reference, record by record.

Thousands of valid records, most of them on or next to a band edge or a step
boundary, are scored by `rubricdsl.load(...)` and by `reference_seed`; every
indicator, the total and the grade must agree exactly.  Records outside the
declared domains must be refused by the scorer just as the reference flags them.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reference_seed as ref
import rubricdsl
from rubricdsl.errors import InputError

RUBRIC = Path(__file__).resolve().parents[1] / "rubrics" / "dept-overall-2021.rubric"
Record = dict[str, Decimal | bool]


def ds(*texts: str) -> tuple[Decimal, ...]:
    return tuple(Decimal(t) for t in texts)


# Rates on and next to every edge the contract names, plus a few far away.
RATE_EDGES: dict[str, tuple[Decimal, ...]] = {
    "准确性": ds("0.8", "0.7999", "0.8001", "0.5", "0.4999", "0.3", "0.2999", "0", "1", "1.5"),
    "预算完成率": ds("1", "1.2", "0.96", "0.95", "0.9501", "0.9499", "0.901", "0.9", "0.5", "0.05", "0"),
    "预算调整率": ds("0", "0.05", "0.0501", "0.051", "0.0511", "0.0499", "0.1", "0.0999", "0.1001", "0.3"),
    "预算控制率": ds("0", "0.0001", "0.1", "0.1001", "0.2", "0.2001", "0.3", "0.3001", "0.0999", "0.8"),
    "支出进度率": ds("0", "1", "1.0499", "1.05", "1.0501", "1.1", "1.15", "1.1501", "0.5", "3"),
    "三公": ds("0", "1", "1.0099", "1.01", "1.0101", "1.02", "1.15", "1.16", "1.17", "0.5", "2"),
    "政府采购": ds("1", "0.95", "0.9501", "0.9499", "1.05", "1.0501", "1.0499", "0.9", "1.1", "0.85", "0"),
    "满意度": ds("1", "0.9", "0.8999", "0.9001", "0.8", "0.7999", "0.7", "0.6999", "0.95", "0"),
}
DENOMINATORS = ds("367.35", "500", "0.375", "30", "1", "12345.67")
JUDGED_STEPS = ds("0", "0.5", "1", "1.5", "2", "2.5", "3")
SMALL_COUNTS = (0, 0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20)


class Draw:
    """Picks values the way a test wants them: a random source with helpers."""

    def __init__(self, pick: Callable[[Sequence[Any]], Any], integer: Callable[[int, int], int]) -> None:
        self.pick = pick
        self.integer = integer

    def decimal(self, low: Decimal, high: Decimal, places: int) -> Decimal:
        scale = Decimal(10) ** places
        return Decimal(self.integer(int(low * scale), int(high * scale))) / scale

    def amount(self) -> Decimal:
        return Decimal(self.pick([*DENOMINATORS, self.decimal(Decimal("0.01"), Decimal("100000"), 2)]))

    def rate(self, edges: str, high: str = "2") -> Decimal:
        if self.integer(0, 9) < 7:
            return Decimal(self.pick(RATE_EDGES[edges]))
        return self.decimal(Decimal(0), Decimal(high), 4)

    def part_of(self, whole: Decimal, edges: str) -> Decimal:
        """A numerator giving one of the edge rates, sometimes nudged off it."""
        part = whole * self.rate(edges)
        nudge = Decimal(self.pick(ds("0", "0", "0", "0.01", "-0.01", "0.0001", "-0.0001")))
        return part + nudge if part + nudge >= 0 else part

    def judged(self, high: Decimal) -> Decimal:
        steps = [s for s in JUDGED_STEPS if s <= high]
        return Decimal(self.pick([*steps, self.decimal(Decimal(0), high, 2)]))


# Inputs that must change together, and values earning their leaves' full marks.
GROUPS: tuple[tuple[str, ...], ...] = (
    ("不符合项数",), ("项目预算核定数", "项目预算申报额"), ("未申报绩效目标扣分", "绩效目标质量扣分"),
    ("未细化项目数",), ("超期工作日",), ("预算完成数", "预算数", "预算调整数"), ("本年追加预算", "年初预算"),
    ("实际支出", "支出预算"), ("三公经费实际支出数", "三公经费预算安排数"), ("资产管理不符项数",),
    ("实际政府采购金额", "政府采购预算数"), ref.YES_NO, ("资金使用不合规例数",), ("基础信息不符项数",),
    ("预决算公开不符项数",), ("按进度完成目标项数", "目标总项数"), ("按进度完成项目个数", "总项目个数"),
    ("绩效管理问题数", "优秀评价项目数"), ("经济效益得分", "社会效益得分", "生态效益得分", "可持续影响得分"),
    ("满意度",),
)  # fmt: skip
FULL_MARKS: Record = {
    **{name: Decimal(0) for name in (*ref.COUNTS, *ref.JUDGED, *ref.AMOUNTS, *ref.NUMBERS)},
    **{name: True for name in ref.YES_NO},
    **{name: Decimal(100) for name in ("项目预算申报额", "预算数", "年初预算", "支出预算")},
    **{name: Decimal(1) for name in ("目标总项数", "总项目个数", "按进度完成目标项数", "按进度完成项目个数")},
    "经济效益得分": Decimal(1), "生态效益得分": Decimal(1),
    "项目预算核定数": Decimal(100), "预算完成数": Decimal(100), "满意度": Decimal(1),
    "社会效益得分": Decimal(3), "可持续影响得分": Decimal(3),
}  # fmt: skip


def make_record(draw: Draw) -> Record:
    """A random record in which a random share of the leaves keep full marks,
    so that totals spread over every grade rather than piling up at 差."""
    record = _random_record(draw)
    keep_full = draw.integer(0, 10)
    for group in GROUPS:
        if draw.integer(0, 9) < keep_full:
            record.update({name: FULL_MARKS[name] for name in group})
    return record


def _random_record(draw: Draw) -> Record:
    r: Record = {}
    for name in ref.COUNTS:
        r[name] = Decimal(draw.pick(SMALL_COUNTS))
    r["超期工作日"] = Decimal(draw.integer(0, 25))
    for name, (_, high) in ref.JUDGED.items():
        r[name] = draw.judged(high)
    for name in ref.YES_NO:
        r[name] = draw.integer(0, 4) > 0
    r["满意度"] = draw.rate("满意度", high="1")
    _budget(draw, r)
    _management(draw, r)
    _parts(draw, r)
    return r


def _budget(draw: Draw, r: Record) -> None:
    r["项目预算申报额"] = declared = draw.amount()
    r["项目预算核定数"] = draw.part_of(declared, "准确性")
    r["预算数"] = budget = draw.amount()
    r["预算完成数"] = draw.part_of(budget, "预算完成率")
    adjustment = draw.part_of(budget, "预算调整率")
    r["预算调整数"] = adjustment if draw.integer(0, 1) else -adjustment
    r["年初预算"] = initial = draw.amount()
    r["本年追加预算"] = draw.part_of(initial, "预算控制率")
    r["支出预算"] = planned = draw.amount()
    r["实际支出"] = draw.part_of(planned, "支出进度率")


def _management(draw: Draw, r: Record) -> None:
    for budget, spent, edges in (
        ("三公经费预算安排数", "三公经费实际支出数", "三公"),
        ("政府采购预算数", "实际政府采购金额", "政府采购"),
    ):
        if draw.integer(0, 4) == 0:  # no budget at all: spent nothing, or something
            r[budget] = Decimal(0)
            r[spent] = draw.pick(ds("0", "0", "0.01", "3"))
        else:
            r[budget] = amount = draw.amount()
            r[spent] = draw.part_of(amount, edges)


def _parts(draw: Draw, r: Record) -> None:
    for part, whole in ref.PARTS_OF_WHOLES:
        total = draw.pick([1, 2, 3, 7, 8, 16, 1200, draw.integer(1, 60)])
        r[whole] = Decimal(total)
        r[part] = Decimal(draw.pick([0, total, draw.integer(0, total)]))


# ---------------------------------------------------------------- comparing


@pytest.fixture(scope="module")
def scorer() -> rubricdsl.Rubric:
    return rubricdsl.load(RUBRIC)


def differences(scorer: rubricdsl.Rubric, record: Record) -> list[str]:
    """Where the scorer and the reference disagree on one record (empty: nowhere)."""
    expected = ref.score(record)
    report = scorer.score(record)
    found = [
        f"{name}: rubric {report.score_of(name)} ≠ reference {expected.scores[name]}"
        for name in ref.all_names()
        if report.score_of(name) != expected.scores[name]
    ]
    if report.total != expected.total or report.grade != expected.grade:
        found.append(f"total: rubric {report.total} {report.grade} ≠ {expected.total} {expected.grade}")
    return found


def seeded_records(count: int, seed: int) -> list[Record]:
    rng = random.Random(seed)
    draw = Draw(rng.choice, rng.randint)
    return [make_record(draw) for _ in range(count)]


def test_seeded_records_are_valid() -> None:
    assert all(not ref.problems(r) for r in seeded_records(500, seed=7))


def test_thousands_of_seeded_records_agree(scorer: rubricdsl.Rubric) -> None:
    mismatches = []
    for record in seeded_records(3000, seed=2021):
        if found := differences(scorer, record):
            mismatches.append((found, record))
    assert not mismatches, f"{len(mismatches)} records differ; first: {mismatches[0]}"


@st.composite
def records(draw: st.DrawFn) -> Record:
    return make_record(Draw(lambda xs: draw(st.sampled_from(list(xs))), lambda a, b: draw(st.integers(a, b))))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record=records())
def test_generated_records_agree(scorer: rubricdsl.Rubric, record: Record) -> None:
    assert not differences(scorer, record)


# ---------------------------------------------------------------- refusing bad records


def _break_domain(rng: random.Random, record: Record) -> Record:
    """The record with one value moved outside its declared domain."""
    broken = dict(record)
    choice = rng.randrange(6)
    if choice == 0:
        broken[rng.choice(ref.COUNTS)] = rng.choice(ds("-1", "2.5"))
    elif choice == 1:
        broken[rng.choice(ref.POSITIVE)] = rng.choice(ds("0", "-5"))
    elif choice == 2:
        name = rng.choice(list(ref.JUDGED))
        broken[name] = ref.JUDGED[name][1] + Decimal("0.01")
    elif choice == 3:
        broken["满意度"] = Decimal("1.0001")
    elif choice == 4:
        part, whole = rng.choice(ref.PARTS_OF_WHOLES)
        planned = record[whole]
        assert isinstance(planned, Decimal)
        broken[part] = planned + 1
    else:
        broken[rng.choice(ref.AMOUNTS)] = Decimal("-0.01")
    return broken


def test_records_outside_the_domains_are_refused_like_the_reference(scorer: rubricdsl.Rubric) -> None:
    rng = random.Random(5)
    for record in seeded_records(300, seed=11):
        broken = _break_domain(rng, record)
        assert ref.problems(broken)
        with pytest.raises(InputError):
            scorer.score(broken)
