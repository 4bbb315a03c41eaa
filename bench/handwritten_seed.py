"""A hand-written scorer of the 2021 部门整体支出绩效自评表, for comparison.

This is the code a developer would write without the rubric language: one
function per leaf, `Decimal` throughout, each leaf rounded to 0.01 half-up,
the total the sum of rounded leaves, the grade taken from the total.  Inputs
are converted and range-checked the way the compiled scorer does, so the two
do the same work per record.  The benchmark checks that both agree exactly
on a sample before timing them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

ZERO = Decimal(0)
ONE = Decimal(1)
CENT = Decimal("0.01")
HALF = Decimal("0.5")
TENTH = Decimal("0.1")
ONE_PP = Decimal("0.001")
ONE_PERCENT = Decimal("0.01")
FIVE_PERCENT = Decimal("0.05")
TEN_PERCENT = Decimal("0.1")
TWENTY_PERCENT = Decimal("0.2")
THIRTY_PERCENT = Decimal("0.3")
FIFTY_PERCENT = Decimal("0.5")
SEVENTY_PERCENT = Decimal("0.7")
EIGHTY_PERCENT = Decimal("0.8")
NINETY_PERCENT = Decimal("0.9")
DETAIL_DEDUCTION = Decimal("0.3")

YES_WORDS = {
    "是": True,
    "yes": True,
    "true": True,
    "1": True,
    "否": False,
    "no": False,
    "false": False,
    "0": False,
}


class RecordError(ValueError):
    """A record value that is missing or outside its input's domain."""


class Record:
    """Typed, validated access to one unit's raw values."""

    def __init__(self, raw: Mapping[str, object]) -> None:
        self.raw = raw

    def number(self, name: str) -> Decimal:
        value = self.raw.get(name)
        if value is None or isinstance(value, bool):
            raise RecordError(f"{name}: a number is required")
        if isinstance(value, float):
            return Decimal(repr(value))
        if isinstance(value, str) and value.endswith("%"):
            return Decimal(value[:-1]) / 100
        return Decimal(value)  # type: ignore[arg-type]

    def amount(self, name: str) -> Decimal:
        value = self.number(name)
        if value < 0:
            raise RecordError(f"{name}: must not be negative")
        return value

    def percent(self, name: str) -> Decimal:
        return self.amount(name)

    def count(self, name: str) -> Decimal:
        value = self.amount(name)
        if value != value.to_integral_value():
            raise RecordError(f"{name}: must be a whole number")
        return value

    def judged(self, name: str, low: int, high: int) -> Decimal:
        value = self.number(name)
        if not low <= value <= high:
            raise RecordError(f"{name}: must be within {low}..{high}")
        return value

    def yes(self, name: str) -> bool:
        value = self.raw.get(name)
        if isinstance(value, bool):
            return value
        answer = YES_WORDS.get(str(value).strip().lower())
        if answer is None:
            raise RecordError(f"{name}: expected 是 or 否")
        return answer


def whole_steps(distance: Decimal, size: Decimal) -> Decimal:
    return (distance / size).to_integral_value(rounding=ROUND_FLOOR)


def started_steps(distance: Decimal, size: Decimal) -> Decimal:
    return (distance / size).to_integral_value(rounding=ROUND_CEILING)


# ---------------------------------------------------------------- 投入 / 预算编制


def duty_relevance(r: Record) -> Decimal:  # 职责相关性
    return max(ZERO, 3 - HALF * r.count("不符合项数"))


def accuracy(r: Record) -> Decimal:  # 准确性
    rate = r.amount("项目预算核定数") / r.amount("项目预算申报额")
    if rate >= EIGHTY_PERCENT:
        return Decimal(3)
    if rate >= FIFTY_PERCENT:
        return Decimal(2)
    if rate >= THIRTY_PERCENT:
        return Decimal(1)
    return ZERO


def conformity(r: Record) -> Decimal:  # 规范性
    missing = r.judged("未申报绩效目标扣分", 0, 2)
    quality = r.judged("绩效目标质量扣分", 0, 3)
    return max(ZERO, 3 - missing - quality)


def detail(r: Record) -> Decimal:  # 细化程度
    return max(ZERO, 2 - DETAIL_DEDUCTION * r.count("未细化项目数"))


def timeliness(r: Record) -> Decimal:  # 及时性
    return max(ZERO, 2 - HALF * whole_steps(r.count("超期工作日"), Decimal(5)))


# ---------------------------------------------------------------- 过程 / 预算执行


def budget_completion(r: Record) -> Decimal:  # 预算完成率
    rate = r.amount("预算完成数") / r.amount("预算数")
    if rate >= ONE:
        return Decimal(5)
    return max(ZERO, 5 - HALF * whole_steps(ONE - rate, FIVE_PERCENT))


def budget_adjustment(r: Record) -> Decimal:  # 预算调整率
    rate = abs(r.number("预算调整数") / r.amount("预算数"))
    if rate <= FIVE_PERCENT:
        return Decimal(5)
    return max(ZERO, 5 - TENTH * started_steps(rate - FIVE_PERCENT, ONE_PP))


def budget_control(r: Record) -> Decimal:  # 预算控制率
    rate = r.amount("本年追加预算") / r.amount("年初预算")
    if rate == ZERO:
        return Decimal(5)
    if rate <= TEN_PERCENT:
        return Decimal(4)
    if rate <= TWENTY_PERCENT:
        return Decimal(3)
    if rate <= THIRTY_PERCENT:
        return Decimal(2)
    return ZERO


def spending_progress(r: Record) -> Decimal:  # 支出进度率
    rate = r.amount("实际支出") / r.amount("支出预算")
    if rate <= ONE:
        return Decimal(5)
    return max(ZERO, 5 - 2 * whole_steps(rate - ONE, FIVE_PERCENT))


# ---------------------------------------------------------------- 过程 / 预算管理


def three_public_costs(r: Record) -> Decimal:  # “三公经费”控制率
    spent = r.amount("三公经费实际支出数")
    budget = r.amount("三公经费预算安排数")
    if budget == ZERO:
        return Decimal(8) if spent == ZERO else ZERO
    rate = spent / budget
    if rate <= ONE:
        return Decimal(8)
    return max(ZERO, 8 - HALF * whole_steps(rate - ONE, ONE_PERCENT))


def asset_management(r: Record) -> Decimal:  # 资产管理规范性
    return max(ZERO, 6 - 2 * r.count("资产管理不符项数"))


def procurement(r: Record) -> Decimal:  # 政府采购执行率
    amount = r.amount("实际政府采购金额")
    budget = r.amount("政府采购预算数")
    if budget == ZERO:
        return Decimal(6) if amount == ZERO else ZERO
    deviation = abs(amount / budget - ONE)
    return max(ZERO, 6 - 2 * whole_steps(deviation, FIVE_PERCENT))


def management_rules(r: Record) -> Decimal:  # 管理制度健全性
    items = (
        ("有内部财务管理制度", 2),
        ("有厉行节约制度", 2),
        ("管理制度合法合规完整", 1),
        ("管理制度有效执行", 1),
    )
    return Decimal(sum(points for name, points in items if r.yes(name)))


def fund_compliance(r: Record) -> Decimal:  # 资金使用合规性
    return max(ZERO, 8 - r.count("资金使用不合规例数"))


def basic_information(r: Record) -> Decimal:  # 基础信息完善性
    return max(ZERO, 2 - r.count("基础信息不符项数"))


def disclosure(r: Record) -> Decimal:  # 预决算信息公开性
    return max(ZERO, 3 - r.count("预决算公开不符项数"))


# ---------------------------------------------------------------- 产出及效率


def share_done(r: Record, done_name: str, total_name: str) -> Decimal:
    done = r.count(done_name)
    total = r.count(total_name)
    if total < 1 or done > total:
        raise RecordError(f"{done_name}: must be within 0..{total_name} (at least 1)")
    return 6 * done / total


def key_tasks(r: Record) -> Decimal:  # 重点工作实际完成率
    return share_done(r, "按进度完成目标项数", "目标总项数")


def projects_done(r: Record) -> Decimal:  # 项目完成率
    return share_done(r, "按进度完成项目个数", "总项目个数")


def performance_management(r: Record) -> Decimal:  # 项目绩效管理有效性
    base = max(ZERO, 4 - r.count("绩效管理问题数"))
    return min(Decimal(4), base + 2 * r.count("优秀评价项目数"))


def personalised_benefits(r: Record) -> Decimal:  # 个性化效益指标
    names = ("经济效益得分", "社会效益得分", "生态效益得分", "可持续影响得分")
    return min(Decimal(8), sum((r.judged(name, 0, 3) for name in names), ZERO))


def satisfaction(r: Record) -> Decimal:  # 社会公众或服务对象满意度
    rate = r.percent("满意度")
    if rate >= NINETY_PERCENT:
        return Decimal(4)
    if rate >= EIGHTY_PERCENT:
        return Decimal(3)
    if rate >= SEVENTY_PERCENT:
        return Decimal(2)
    return ZERO


LEAVES: tuple[tuple[str, Callable[[Record], Decimal]], ...] = (
    ("职责相关性", duty_relevance),
    ("准确性", accuracy),
    ("规范性", conformity),
    ("细化程度", detail),
    ("及时性", timeliness),
    ("预算完成率", budget_completion),
    ("预算调整率", budget_adjustment),
    ("预算控制率", budget_control),
    ("支出进度率", spending_progress),
    ("“三公经费”控制率", three_public_costs),
    ("资产管理规范性", asset_management),
    ("政府采购执行率", procurement),
    ("管理制度健全性", management_rules),
    ("资金使用合规性", fund_compliance),
    ("基础信息完善性", basic_information),
    ("预决算信息公开性", disclosure),
    ("重点工作实际完成率", key_tasks),
    ("项目完成率", projects_done),
    ("项目绩效管理有效性", performance_management),
    ("个性化效益指标", personalised_benefits),
    ("社会公众或服务对象满意度", satisfaction),
)

GRADES = ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"))


@dataclass(frozen=True)
class SeedScore:
    leaves: dict[str, Decimal]
    total: Decimal
    grade: str


def grade_of(total: Decimal) -> str:
    for threshold, name in GRADES:
        if total >= threshold:
            return name
    return "差"


def score(raw: Mapping[str, object]) -> SeedScore:
    record = Record(raw)
    leaves = {name: rule(record).quantize(CENT, rounding=ROUND_HALF_UP) for name, rule in LEAVES}
    total = sum(leaves.values(), ZERO)
    return SeedScore(leaves, total, grade_of(total))


def score_many(records: Iterable[Mapping[str, object]]) -> list[SeedScore]:
    return [score(raw) for raw in records]
