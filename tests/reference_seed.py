"""An independent scorer of the 部门整体支出绩效自评表 (2021) contract, in plain Decimal.

It is written from the contract's wording alone (issue "The first real rubric"),
without rubricdsl, so that comparing it with the rubric's compiled scorer finds
mistakes in either: the equivalence tests and the benchmark use it.

A record maps every input name to a `Decimal` (counts, amounts, numbers,
percents as ratios, judged scores) or a `bool` (yes/no).  `problems` lists the
ways a record breaks the declared domains; `score` assumes a valid record.
Leaf scores are rounded to 0.01 half-up; groups and the total are sums of the
rounded leaves; the grade is read from the rounded total.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

Value = Decimal | bool
Record = Mapping[str, Value]
Rule = Callable[[Record], Decimal]

ZERO = Decimal(0)
FULL_RATE = Decimal(1)  # 100%
CENT = Decimal("0.01")


def d(text: str) -> Decimal:
    return Decimal(text)


# ---------------------------------------------------------------- the tree

# (name, weight, children); a leaf has no children.
Node = tuple[str, int, tuple["Node", ...]]


def _leaf(name: str, weight: int) -> Node:
    return (name, weight, ())


TREE: tuple[Node, ...] = (
    ("投入", 13, (
        ("预算编制", 13, (
            _leaf("职责相关性", 3), _leaf("准确性", 3), _leaf("规范性", 3),
            _leaf("细化程度", 2), _leaf("及时性", 2),
        )),
    )),
    ("过程", 59, (
        ("预算执行", 20, (
            _leaf("预算完成率", 5), _leaf("预算调整率", 5), _leaf("预算控制率", 5), _leaf("支出进度率", 5),
        )),
        ("预算管理", 39, (
            _leaf("“三公经费”控制率", 8), _leaf("资产管理规范性", 6), _leaf("政府采购执行率", 6),
            _leaf("管理制度健全性", 6), _leaf("资金使用合规性", 8), _leaf("基础信息完善性", 2),
            _leaf("预决算信息公开性", 3),
        )),
    )),
    ("产出及效率", 28, (
        ("职责履行", 16, (
            _leaf("重点工作实际完成率", 6), _leaf("项目完成率", 6), _leaf("项目绩效管理有效性", 4),
        )),
        ("履职效益", 12, (
            _leaf("个性化效益指标", 8), _leaf("社会公众或服务对象满意度", 4),
        )),
    )),
)  # fmt: skip

# ---------------------------------------------------------------- the inputs

COUNTS = (
    "不符合项数", "未细化项目数", "超期工作日", "资产管理不符项数", "资金使用不合规例数",
    "基础信息不符项数", "预决算公开不符项数", "按进度完成目标项数", "目标总项数",
    "按进度完成项目个数", "总项目个数", "绩效管理问题数", "优秀评价项目数",
)  # fmt: skip
AMOUNTS = (
    "项目预算核定数", "项目预算申报额", "预算完成数", "预算数", "本年追加预算", "年初预算",
    "实际支出", "支出预算", "三公经费实际支出数", "三公经费预算安排数", "实际政府采购金额",
    "政府采购预算数",
)  # fmt: skip
NUMBERS = ("预算调整数",)
PERCENTS = ("满意度",)
YES_NO = ("有内部财务管理制度", "有厉行节约制度", "管理制度合法合规完整", "管理制度有效执行")
JUDGED: dict[str, tuple[Decimal, Decimal]] = {
    "未申报绩效目标扣分": (ZERO, d("2")),
    "绩效目标质量扣分": (ZERO, d("3")),
    "经济效益得分": (ZERO, d("3")),
    "社会效益得分": (ZERO, d("3")),
    "生态效益得分": (ZERO, d("3")),
    "可持续影响得分": (ZERO, d("3")),
}
# Divisors the contract leaves unguarded: the rubric declares them > 0.
POSITIVE = ("项目预算申报额", "预算数", "年初预算", "支出预算")
# (part, whole): part ≤ whole, whole ≥ 1.
PARTS_OF_WHOLES = (("按进度完成目标项数", "目标总项数"), ("按进度完成项目个数", "总项目个数"))

INPUT_NAMES: tuple[str, ...] = (*COUNTS, *AMOUNTS, *NUMBERS, *PERCENTS, *YES_NO, *JUDGED)


def problems(record: Record) -> list[str]:
    """Every way the record breaks the declared domains (empty: valid)."""
    found = [f"{name}: missing" for name in INPUT_NAMES if name not in record]
    if found:
        return found
    found += [f"{n}: not a whole number ≥ 0" for n in COUNTS if not _is_count(record[n])]
    found += [f"{n}: below 0" for n in (*AMOUNTS, *PERCENTS) if _num(record[n]) < 0]
    found += [f"{n}: not above 0" for n in POSITIVE if _num(record[n]) <= 0]
    if _num(record["满意度"]) > FULL_RATE:
        found.append("满意度: above 100%")
    for name, (low, high) in JUDGED.items():
        if not low <= _num(record[name]) <= high:
            found.append(f"{name}: outside {low}..{high}")
    for part, whole in PARTS_OF_WHOLES:
        if _num(record[whole]) < 1:
            found.append(f"{whole}: below 1")
        if _num(record[part]) > _num(record[whole]):
            found.append(f"{part}: above {whole}")
    return found


def _num(value: Value) -> Decimal:
    assert not isinstance(value, bool), "a number was expected"
    return value


def _is_count(value: Value) -> bool:
    return not isinstance(value, bool) and value >= 0 and value == value.to_integral_value()


# ---------------------------------------------------------------- helpers


def at_least_zero(points: Decimal) -> Decimal:
    """扣完为止."""
    return max(points, ZERO)


def whole_steps(distance: Decimal, size: Decimal) -> Decimal:
    """How many complete steps of `size` fit in `distance` (4.9 of 5: none)."""
    return (distance / size).to_integral_value(rounding=ROUND_FLOOR)


def started_steps(distance: Decimal, size: Decimal) -> Decimal:
    """How many steps of `size` were begun in `distance` (0.01 of 0.1: one)."""
    return (distance / size).to_integral_value(rounding=ROUND_CEILING)


def rate(part: Value, whole: Value) -> Decimal:
    return _num(part) / _num(whole)


def per_item(full: str, points: str, name: str) -> Rule:
    """`full − points per item, floor 0`."""
    return lambda r: at_least_zero(d(full) - d(points) * _num(r[name]))


# ---------------------------------------------------------------- 投入


def accuracy(r: Record) -> Decimal:
    arrangement = rate(r["项目预算核定数"], r["项目预算申报额"])
    if arrangement >= d("0.8"):
        return d("3")
    if arrangement >= d("0.5"):
        return d("2")
    return d("1") if arrangement >= d("0.3") else ZERO


def target_declaration(r: Record) -> Decimal:
    return at_least_zero(d("3") - _num(r["未申报绩效目标扣分"]) - _num(r["绩效目标质量扣分"]))


def timeliness(r: Record) -> Decimal:
    return at_least_zero(d("2") - d("0.5") * whole_steps(_num(r["超期工作日"]), d("5")))


# ---------------------------------------------------------------- 过程 / 预算执行


def budget_completion(r: Record) -> Decimal:
    completion = rate(r["预算完成数"], r["预算数"])
    if completion >= FULL_RATE:
        return d("5")
    return at_least_zero(d("5") - d("0.5") * whole_steps(FULL_RATE - completion, d("0.05")))


def budget_adjustment(r: Record) -> Decimal:
    adjustment = abs(rate(r["预算调整数"], r["预算数"]))
    limit = d("0.05")
    if adjustment <= limit:
        return d("5")
    return at_least_zero(d("5") - d("0.1") * started_steps(adjustment - limit, d("0.001")))


def budget_control(r: Record) -> Decimal:
    control = rate(r["本年追加预算"], r["年初预算"])
    if control == 0:
        return d("5")
    for upper, points in ((d("0.1"), "4"), (d("0.2"), "3"), (d("0.3"), "2")):
        if control <= upper:
            return d(points)
    return ZERO


def spending_progress(r: Record) -> Decimal:
    progress = rate(r["实际支出"], r["支出预算"])
    if progress <= FULL_RATE:
        return d("5")
    return at_least_zero(d("5") - d("2") * whole_steps(progress - FULL_RATE, d("0.05")))


# ---------------------------------------------------------------- 过程 / 预算管理


def three_public_expenses(r: Record) -> Decimal:
    budget, spent = _num(r["三公经费预算安排数"]), _num(r["三公经费实际支出数"])
    if budget == 0:
        return d("8") if spent == 0 else ZERO
    control = spent / budget
    if control <= FULL_RATE:
        return d("8")
    return at_least_zero(d("8") - d("0.5") * whole_steps(control - FULL_RATE, d("0.01")))


def procurement(r: Record) -> Decimal:
    budget, bought = _num(r["政府采购预算数"]), _num(r["实际政府采购金额"])
    if budget == 0:
        return d("6") if bought == 0 else ZERO
    deviation = abs(bought / budget - FULL_RATE)
    return at_least_zero(d("6") - d("2") * whole_steps(deviation, d("0.05")))


def regulations(r: Record) -> Decimal:
    items = (
        ("有内部财务管理制度", "2"),
        ("有厉行节约制度", "2"),
        ("管理制度合法合规完整", "1"),
        ("管理制度有效执行", "1"),
    )
    return sum((d(points) for name, points in items if r[name] is True), ZERO)


# ---------------------------------------------------------------- 产出及效率


def share_of(full: str, part: str, whole: str) -> Rule:
    """`full × part / whole`: 得分＝完成率×分值."""
    return lambda r: d(full) * _num(r[part]) / _num(r[whole])


def performance_management(r: Record) -> Decimal:
    after_problems = at_least_zero(d("4") - _num(r["绩效管理问题数"]))
    return min(after_problems + d("2") * _num(r["优秀评价项目数"]), d("4"))


def personalised_benefits(r: Record) -> Decimal:
    parts = ("经济效益得分", "社会效益得分", "生态效益得分", "可持续影响得分")
    return min(sum((_num(r[name]) for name in parts), ZERO), d("8"))


def satisfaction(r: Record) -> Decimal:
    level = _num(r["满意度"])
    for lower, points in ((d("0.9"), "4"), (d("0.8"), "3"), (d("0.7"), "2")):
        if level >= lower:
            return d(points)
    return ZERO


LEAF_RULES: dict[str, Rule] = {
    "职责相关性": per_item("3", "0.5", "不符合项数"),
    "准确性": accuracy,
    "规范性": target_declaration,
    "细化程度": per_item("2", "0.3", "未细化项目数"),
    "及时性": timeliness,
    "预算完成率": budget_completion,
    "预算调整率": budget_adjustment,
    "预算控制率": budget_control,
    "支出进度率": spending_progress,
    "“三公经费”控制率": three_public_expenses,
    "资产管理规范性": per_item("6", "2", "资产管理不符项数"),
    "政府采购执行率": procurement,
    "管理制度健全性": regulations,
    "资金使用合规性": per_item("8", "1", "资金使用不合规例数"),
    "基础信息完善性": per_item("2", "1", "基础信息不符项数"),
    "预决算信息公开性": per_item("3", "1", "预决算公开不符项数"),
    "重点工作实际完成率": share_of("6", "按进度完成目标项数", "目标总项数"),
    "项目完成率": share_of("6", "按进度完成项目个数", "总项目个数"),
    "项目绩效管理有效性": performance_management,
    "个性化效益指标": personalised_benefits,
    "社会公众或服务对象满意度": satisfaction,
}

# ---------------------------------------------------------------- scoring


@dataclass(frozen=True)
class ReferenceResult:
    scores: dict[str, Decimal]  # every indicator, leaves and groups, by name
    total: Decimal
    grade: str

    def leaf_scores(self) -> dict[str, Decimal]:
        return {name: self.scores[name] for name in LEAF_RULES}


def grade_of(total: Decimal) -> str:
    for threshold, grade in ((d("90"), "优"), (d("80"), "良"), (d("60"), "中")):
        if total >= threshold:
            return grade
    return "差"


def score(record: Record) -> ReferenceResult:
    scores: dict[str, Decimal] = {}
    total = sum((_score_node(node, record, scores) for node in TREE), ZERO)
    return ReferenceResult(scores, total, grade_of(total))


def _score_node(node: Node, record: Record, scores: dict[str, Decimal]) -> Decimal:
    name, _, children = node
    if children:
        value = sum((_score_node(child, record, scores) for child in children), ZERO)
    else:
        value = LEAF_RULES[name](record).quantize(CENT, rounding=ROUND_HALF_UP)
    scores[name] = value
    return value


def all_names() -> list[str]:
    """Every indicator name, depth first, parents before children."""
    out: list[str] = []
    stack = list(reversed(TREE))
    while stack:
        name, _, children = stack.pop()
        out.append(name)
        stack.extend(reversed(children))
    return out
