"""Random records (and CSV files of them) for the 2021 部门整体支出绩效自评表.

Values are what a JSON or CSV reader hands over: whole numbers for counts,
floats with two decimals for money, ratios for percents, booleans for yes/no.
About half of the ratios sit exactly on a band edge or one step from it, so
the sample also exercises the boundaries of every rule.

    python bench/gen_records.py 1000 units.csv [--seed 7]
"""

from __future__ import annotations

import argparse
import csv
import random
from collections.abc import Iterator, Sequence
from pathlib import Path

Record = dict[str, object]

DENOMINATORS = (100.0, 200.0, 367.35, 1000.0, 2500.0)

ACCURACY_RATES = (1.0, 0.8, 0.7999, 0.5, 0.4999, 0.3, 0.2999, 0.0)
COMPLETION_RATES = (1.0, 1.05, 0.96, 0.95, 0.9501, 0.9499, 0.901, 0.5, 0.0)
ADJUSTMENT_RATES = (0.0, 0.05, -0.05, 0.0501, 0.051, -0.0511, 0.1, 0.6)
EXTRA_RATES = (0.0, 0.05, 0.1, 0.1001, 0.2, 0.3, 0.3001, 0.5)
PROGRESS_RATES = (1.0, 0.9, 1.0499, 1.05, 1.1, 1.2501)
THREE_COSTS_RATES = (1.0, 0.5, 1.0099, 1.01, 1.015, 1.2)
PROCUREMENT_RATES = (1.0, 0.95, 0.9501, 1.05, 1.0499, 0.9, 1.1, 0.5)
SATISFACTION = (0.9, 0.8999, 0.8, 0.7, 0.6999, 0.95, 1.0)

YES_NO = ("有内部财务管理制度", "有厉行节约制度", "管理制度合法合规完整", "管理制度有效执行")
# Large files repeat their values (not their unit names) to save generation time.
DISTINCT_ROWS = 100_000

BENEFITS = ("经济效益得分", "社会效益得分", "生态效益得分", "可持续影响得分")


def _rate(rng: random.Random, edges: Sequence[float], low: float, high: float) -> float:
    """A band edge half of the time, else a random ratio in [low, high]."""
    if rng.random() < 0.5:
        return rng.choice(edges)
    return round(rng.uniform(low, high), 4)


def _money(rng: random.Random) -> float:
    if rng.random() < 0.5:
        return rng.choice(DENOMINATORS)
    return round(rng.uniform(1, 5000), 2)


def _pair(rng: random.Random, rate: float) -> tuple[float, float]:
    """(numerator, denominator) amounts whose ratio is about `rate`."""
    denominator = _money(rng)
    return round(denominator * rate, 2), denominator


def _count(rng: random.Random, high: int) -> int:
    return 0 if rng.random() < 0.4 else rng.randint(0, high)


def _judged(rng: random.Random, high: int) -> float | int:
    value = rng.randint(0, high * 2) / 2
    return int(value) if value.is_integer() else value


def _done_of_total(rng: random.Random) -> tuple[int, int]:
    total = rng.randint(1, 30)
    return (total if rng.random() < 0.4 else rng.randint(0, total)), total


def _zero_or_pair(rng: random.Random, edges: Sequence[float]) -> tuple[float, float]:
    """A guarded pair: sometimes a zero budget, with or without spending."""
    if rng.random() < 0.2:
        return rng.choice((0.0, 0.0, 12.5)), 0.0
    return _pair(rng, _rate(rng, edges, 0.0, 1.5))


def _planning(rng: random.Random, record: Record) -> None:
    record["不符合项数"] = _count(rng, 8)
    record["项目预算核定数"], record["项目预算申报额"] = _pair(rng, _rate(rng, ACCURACY_RATES, 0, 1.2))
    record["未申报绩效目标扣分"] = _judged(rng, 2)
    record["绩效目标质量扣分"] = _judged(rng, 3)
    record["未细化项目数"] = _count(rng, 9)
    record["超期工作日"] = _count(rng, 25)


def _execution(rng: random.Random, record: Record) -> None:
    record["预算完成数"], record["预算数"] = _pair(rng, _rate(rng, COMPLETION_RATES, 0.3, 1.1))
    rate = _rate(rng, ADJUSTMENT_RATES, -0.3, 0.3)
    record["预算调整数"] = round(float(record["预算数"]) * rate, 2)  # type: ignore[arg-type]
    record["本年追加预算"], record["年初预算"] = _pair(rng, _rate(rng, EXTRA_RATES, 0.0, 0.6))
    record["实际支出"], record["支出预算"] = _pair(rng, _rate(rng, PROGRESS_RATES, 0.7, 1.6))


def _management(rng: random.Random, record: Record) -> None:
    record["三公经费实际支出数"], record["三公经费预算安排数"] = _zero_or_pair(rng, THREE_COSTS_RATES)
    record["资产管理不符项数"] = _count(rng, 4)
    record["实际政府采购金额"], record["政府采购预算数"] = _zero_or_pair(rng, PROCUREMENT_RATES)
    for name in YES_NO:
        record[name] = rng.random() < 0.8
    record["资金使用不合规例数"] = _count(rng, 10)
    record["基础信息不符项数"] = _count(rng, 3)
    record["预决算公开不符项数"] = _count(rng, 4)


def _outputs(rng: random.Random, record: Record) -> None:
    record["按进度完成目标项数"], record["目标总项数"] = _done_of_total(rng)
    record["按进度完成项目个数"], record["总项目个数"] = _done_of_total(rng)
    record["绩效管理问题数"] = _count(rng, 5)
    record["优秀评价项目数"] = _count(rng, 3)
    for name in BENEFITS:
        record[name] = _judged(rng, 3)
    record["满意度"] = _rate(rng, SATISFACTION, 0.5, 1.0)


def seed_record(rng: random.Random) -> Record:
    """One unit's inputs for the seed rubric."""
    record: Record = {}
    for part in (_planning, _execution, _management, _outputs):
        part(rng, record)
    return record


def seed_records(count: int, seed: int = 2021) -> list[Record]:
    rng = random.Random(seed)
    return [seed_record(rng) for _ in range(count)]


def csv_cell(value: object) -> str:
    """A value as a spreadsheet would export it (是/否 for yes/no)."""
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def csv_rows(count: int, seed: int, distinct: int = DISTINCT_ROWS) -> Iterator[list[str]]:
    """A header, then `count` units; the values repeat after `distinct` rows."""
    records = seed_records(min(count, distinct), seed)
    yield ["单位", *records[0]]
    cells = [[csv_cell(value) for value in record.values()] for record in records]
    for number in range(count):
        yield [f"单位{number + 1}", *cells[number % len(cells)]]


def write_csv(path: Path, count: int, seed: int = 2021) -> Path:
    """Write `count` units (plus a header row) to a UTF-8 CSV file."""
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(csv_rows(count, seed))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("path", type=Path)
    parser.add_argument("--seed", type=int, default=2021)
    args = parser.parse_args()
    write_csv(args.path, args.count, args.seed)


if __name__ == "__main__":
    main()
