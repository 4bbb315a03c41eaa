"""Generate large valid rubrics for the load benchmark.

A generated rubric has 4 levels: leaves in groups of 5 under 三级 groups, 4 of
those under each 二级 group, 5 of those under each 一级 group.  Leaf k takes
its rule from LEAF_FORMS[(k - 1) mod 16], so every rule form of the language
appears: bands (closed, half-open, `= 0`), steps above / below / two-sided
counted started / whole / pro-rata (and one by the rubric's `steps` default),
steps ended by a later band, deductions per count, bonuses with a cap,
proportional scores, checklists, judged inputs and guards.  Every leaf has
inputs of its own, so the input table grows with the rubric.

    python bench/gen_rubric.py 1000 big.rubric
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

LEAVES_PER_GROUP = 5  # leaves per 三级 group
FANOUT = (4, 5)  # 三级 groups per 二级 group, 二级 groups per 一级 group


T = TypeVar("T")


@dataclass(frozen=True)
class Leaf:
    weight: int
    inputs: tuple[str, ...]  # input declarations
    body: tuple[str, ...]  # lines inside the leaf block
    group_lets: tuple[str, ...] = ()  # lets the leaf expects in its 三级 group


def _bands(k: int) -> Leaf:
    return Leaf(
        3,
        (f"核定数{k} amount 万元", f'申报额{k} amount 万元 ≥ 1 "项目预算申报额"'),
        (
            f"let 安排率{k} = 核定数{k} / 申报额{k}",
            f"score by 安排率{k}: ≥ 80% → 3; [50%, 80%) → 2; [30%, 50%) → 1; < 30% → 0",
        ),
    )


def _started_above(k: int) -> Leaf:
    return Leaf(
        5,
        (f"调整数{k} number 万元", f"预算数{k} amount 万元 ≥ 1"),
        (
            f"let 调整率{k} = 调整数{k} / 预算数{k}",
            f"score by abs(调整率{k}): ≤ 5% → 5; each started +0.1pp → −0.1, floor 0",
        ),
    )


def _whole_below(k: int) -> Leaf:
    return Leaf(
        5,
        (f"完成数{k} amount 万元", f"计划数{k} amount 万元 ≥ 1"),
        (f"score by 完成数{k} / 计划数{k}: ≥ 100% → 5; each whole 5% below → −0.5, floor 0",),
    )


def _two_sided(k: int) -> Leaf:
    return Leaf(
        6,
        (f"采购额{k} amount 万元", f"采购预算{k} amount 万元 ≥ 1"),
        (f"score by 采购额{k} / 采购预算{k}: = 100% → 6; each whole ±5% → −2, floor 0",),
    )


def _pro_rata_above(k: int) -> Leaf:
    return Leaf(
        5,
        (f"支出{k} amount 万元", f"支出预算{k} amount 万元 ≥ 1"),
        (f"score by 支出{k} / 支出预算{k}: ≤ 100% → 5; each pro-rata +5% → −2, floor 0",),
    )


def _per_count(k: int) -> Leaf:
    return Leaf(3, (f"不符项{k} count",), (f"score: 3 − 0.5 per 不符项{k}, floor 0",))


def _bonus_cap(k: int) -> Leaf:
    return Leaf(
        4,
        (f"问题数{k} count", f"优秀数{k} count"),
        (f"score: (4 − 1 per 问题数{k}, floor 0) + 2 per 优秀数{k}, cap 4",),
    )


def _proportional(k: int) -> Leaf:
    return Leaf(
        6,
        (f"完成项{k} count ≤ 总项{k}", f"总项{k} count ≥ 1"),
        (f"score: 6 × 完成项{k} / 总项{k}",),
    )


def _checklist(k: int) -> Leaf:
    names = [f"{word}{k}" for word in ("有制度", "有节约制度", "合规", "执行")]
    items = "; ".join(
        f'{name} → {points} "①{name}"' for name, points in zip(names, (2, 2, 1, 1), strict=True)
    )
    return Leaf(6, tuple(f"{name} yes/no" for name in names), (f"score: checklist {{ {items} }}",))


def _judged(k: int) -> Leaf:
    return Leaf(
        3,
        (f"未申报扣分{k} judged 0..2", f"质量扣分{k} judged 0..3"),
        (f"score: 3 − 未申报扣分{k} − 质量扣分{k}, floor 0",),
    )


def _guarded(k: int) -> Leaf:
    return Leaf(
        8,
        (f"三公支出{k} amount 万元", f"三公预算{k} amount 万元"),
        (
            f"score: when 三公预算{k} = 0 and 三公支出{k} = 0: 8",
            f"  when 三公预算{k} = 0: 0",
            f"  else: by 三公支出{k} / 三公预算{k}: ≤ 100% → 8; each whole +1% → −0.5, floor 0",
        ),
    )


def _interval_bands(k: int) -> Leaf:
    return Leaf(
        5,
        (f"追加{k} amount 万元", f"年初{k} amount 万元 ≥ 1"),
        (f"score by 追加率{k}: = 0 → 5; (0, 10%] → 4; (10%, 20%] → 3; (20%, 30%] → 2; > 30% → 0",),
        group_lets=(f"let 追加率{k} = 追加{k} / 年初{k}",),
    )


def _judged_sum(k: int) -> Leaf:
    names = [f"{word}{k}" for word in ("经济效益", "社会效益", "生态效益", "可持续影响")]
    return Leaf(8, tuple(f"{name} judged 0..3" for name in names), (f"score: {' + '.join(names)}, cap 8",))


def _percent_bands(k: int) -> Leaf:
    return Leaf(
        4,
        (f"满意度{k} percent ≤ 100%",),
        (f"score by 满意度{k}: ≥ 90% → 4; [80%, 90%) → 3; [70%, 80%) → 2; < 70% → 0",),
    )


def _steps_then_band(k: int) -> Leaf:
    return Leaf(
        5,
        (f"超支{k} amount 万元", f"基数{k} amount 万元 ≥ 1"),
        (f"score by 超支{k} / 基数{k}: ≤ 5% → 5; each started +1% → −1; > 9% → 0",),
    )


def _default_policy(k: int) -> Leaf:
    return Leaf(2, (f"超期日{k} count",), (f"score by 超期日{k}: = 0 → 2; each +5 → −0.5, floor 0",))


LEAF_FORMS: tuple[Callable[[int], Leaf], ...] = (
    _bands, _started_above, _whole_below, _two_sided, _pro_rata_above, _per_count, _bonus_cap,
    _proportional, _checklist, _judged, _guarded, _interval_bands, _judged_sum, _percent_bands,
    _steps_then_band, _default_policy,
)  # fmt: skip


def _chunks(items: Sequence[T], size: int) -> list[Sequence[T]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _block(name: str, weight: int, lines: list[str], indent: str) -> list[str]:
    return [f"{indent}{name} {weight} {{", *lines, f"{indent}}}"]


class _Builder:
    """Collects inputs while the indicator tree is written bottom-up."""

    def __init__(self) -> None:
        self.inputs: list[str] = []

    def leaf(self, k: int) -> tuple[int, list[str], tuple[str, ...]]:
        leaf = LEAF_FORMS[(k - 1) % len(LEAF_FORMS)](k)
        self.inputs.extend(leaf.inputs)
        text = [
            f'        criterion "指标{k}的评价标准：按规则计分。"',
            *(f"        {line}" for line in leaf.body),
        ]
        return leaf.weight, _block(f"指标{k}", leaf.weight, text, "      "), leaf.group_lets

    def level3(self, g: int, ks: Sequence[int]) -> tuple[int, list[str]]:
        weight, lets, lines = 0, [f'      explain "第{g}组三级指标"'], []
        for k in ks:
            leaf_weight, leaf_lines, leaf_lets = self.leaf(k)
            weight += leaf_weight
            lets.extend(f"      {let}" for let in leaf_lets)
            lines.extend(leaf_lines)
        return weight, _block(f"三级{g}", weight, lets + lines, "    ")


def _group(name: str, parts: Sequence[tuple[int, list[str]]], indent: str) -> tuple[int, list[str]]:
    weight = sum(w for w, _ in parts)
    return weight, _block(name, weight, [line for _, lines in parts for line in lines], indent)


def _tree(builder: _Builder, leaves: int) -> tuple[int, list[str]]:
    leaf_numbers = range(1, leaves + 1)
    level3 = [builder.level3(g, ks) for g, ks in enumerate(_chunks(leaf_numbers, LEAVES_PER_GROUP), 1)]
    level2 = [_group(f"二级{g}", parts, "  ") for g, parts in enumerate(_chunks(level3, FANOUT[0]), 1)]
    level1 = [_group(f"一级{g}", parts, "") for g, parts in enumerate(_chunks(level2, FANOUT[1]), 1)]
    return sum(w for w, _ in level1), [line for _, lines in level1 for line in lines]


def _header(total: int) -> list[str]:
    def grade(share: str) -> Decimal:
        return (Decimal(total) * Decimal(share)).normalize()

    return [
        f'rubric "生成的评分细则（{total}分）" version "bench"',
        'issuer "基准测试"',
        f"total {total}",
        "levels 一级指标, 二级指标, 三级指标, 四级指标",
        "rounding 0.01 half-up",
        "steps whole",
        f"grades {{ 优 ≥ {grade('0.9'):f}; 良 ≥ {grade('0.8'):f}; 中 ≥ {grade('0.6'):f}; 差 otherwise }}",
    ]


def generate(leaves: int) -> str:
    """The text of a valid rubric with `leaves` scored leaves over 4 levels."""
    builder = _Builder()
    total, tree = _tree(builder, leaves)
    inputs = ["inputs {", *(f"  {line}" for line in builder.inputs), "}"]
    return "\n".join([*_header(total), "", *inputs, "", *tree, ""])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("leaves", type=int)
    parser.add_argument("path", type=Path)
    args = parser.parse_args()
    args.path.write_text(generate(args.leaves), encoding="utf-8")


if __name__ == "__main__":
    main()
