"""The neutral table model: spans, sub-rows, the 合计 row, score columns."""

from __future__ import annotations

from decimal import Decimal

from render_support import FOUR_LEVEL, SEED, load_ir, report_for
from rubricdsl import ir
from rubricdsl.render.table import Table, build_table, without_spans


def column_of(table: Table, title: str, nth: int = 0) -> int:
    return [i for i, c in enumerate(table.columns) if c.title == title][nth]


def test_seed_table_has_a_row_per_leaf_and_groups_spanning_them() -> None:
    table = build_table(load_ir(SEED))
    assert [c.title for c in table.columns] == [
        "一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "评价标准", "指标说明",
    ]  # fmt: skip
    assert len(table.rows) == 21 + 1
    first = table.rows[0]
    assert (first[0].text, first[0].rowspan) == ("投入", 5)
    assert (first[2].text, first[2].rowspan) == ("预算编制", 5)
    assert first[1].number == Decimal(13)
    assert [row[0].text for row in table.rows if not row[0].covered] == ["投入", "过程", "产出及效率", "合计"]


def test_every_column_is_covered_exactly_once_per_row() -> None:
    table = build_table(load_ir(FOUR_LEVEL), compare=True)
    seen = [[0] * len(table.columns) for _ in table.rows]
    for r, c, cell in table.origins():
        for dr in range(cell.rowspan):
            for dc in range(cell.colspan):
                seen[r + dr][c + dc] += 1
    assert all(count == 1 for row in seen for count in row)


def test_total_row_repeats_the_total_in_every_weight_column() -> None:
    table = build_table(load_ir(FOUR_LEVEL))
    total = without_spans(table)[-1]
    assert total[0] == "合计"
    assert [total[i] for i, c in enumerate(table.columns) if c.title == "分值"] == ["20"] * 4


def test_generated_checklist_gets_one_row_per_item() -> None:
    table = build_table(load_ir(FOUR_LEVEL))
    criterion = column_of(table, "评价标准")
    rows = [r for r, row in enumerate(table.rows) if row[6].text == "管理办法"]
    (start,) = rows
    assert table.rows[start][6].rowspan == 2
    assert [table.rows[start + i][criterion].text for i in range(2)] == [
        "①制定了资金管理办法，1分；",
        "②管理办法已公开，1分。",
    ]
    assert all(table.rows[start + i][criterion].role == "generated" for i in range(2))


def test_official_criterion_is_kept_and_compared_side_by_side() -> None:
    table = build_table(load_ir(FOUR_LEVEL), compare=True)
    official, generated = column_of(table, "评价标准"), column_of(table, "生成的评价标准")
    row = next(row for row in table.rows if row[6].text == "违规情况")
    assert row[official].text == "无违规得3分，每发现一例违规扣1分，扣完为止。"
    assert row[generated].text == "满分3分，违规例数每项扣1分，扣完为止。"


def test_compare_keeps_a_generated_checklist_in_one_row_like_the_official_text() -> None:
    table = build_table(load_ir(FOUR_LEVEL), compare=True)
    generated = column_of(table, "生成的评价标准")
    assert len(table.rows) == len(load_ir(FOUR_LEVEL).leaves()) + 1
    grid = without_spans(table)
    row = next(row for row in grid if row[6] == "管理办法")
    assert row[generated] == "①制定了资金管理办法，1分；\n②管理办法已公开，1分。"
    name_and_weight = [i for i, c in enumerate(table.columns) if c.role in ("name", "weight")]
    leaf_rows = [row for row in grid[:-1] if row[6]]
    assert len(leaf_rows) == len(grid) - 1  # every row names its leaf: no blank sub-rows
    assert all(row[name_and_weight[-1]] for row in leaf_rows)


def _shallow_rubric() -> ir.RubricIR:
    def leaf(name: str, path: list[str], weight: int) -> ir.Indicator:
        rule = ir.FormulaRule(expr=ir.Const(value=Decimal(weight)))
        return ir.Indicator(name=name, path=path, weight=Decimal(weight), level=len(path), rule=rule)

    def group(name: str, path: list[str], child: ir.Indicator) -> ir.Indicator:
        return ir.Indicator(name=name, path=path, weight=child.weight, level=len(path), children=[child])

    deep = group("A", ["A"], group("A1", ["A", "A1"], leaf("A1a", ["A", "A1", "A1a"], 6)))
    shallow = leaf("B", ["B"], 4)
    levels = ["一级", "二级", "三级"]
    return ir.RubricIR(
        source="t", title="t", total=Decimal(10), levels=levels, inputs=[], indicators=[deep, shallow]
    )


def test_shallow_leaf_spans_the_remaining_level_columns() -> None:
    table = build_table(_shallow_rubric())
    row = table.rows[1]
    assert (row[0].text, row[0].colspan) == ("B", 5)
    assert all(cell.covered for cell in row[1:5])
    assert row[5].number == Decimal(4)
    assert row[6].text == "得4分。"


def test_score_report_fills_group_subtotals_and_leaf_scores() -> None:
    rubric = load_ir(FOUR_LEVEL)
    report = report_for(rubric, {"资金到位率": "3", "实施进度": "1.5"}, grade="良")
    table = build_table(rubric, report=report)
    titles = [c.title for c in table.columns]
    assert titles[:3] == ["一级指标", "分值", "得分"]
    assert titles[-2:] == ["得分", "扣分说明"]
    grid = without_spans(table)
    assert grid[0][2] == "5"  # 决策 6 − 1
    assert grid[-1][-2] == "17.5"
    lost = column_of(table, "扣分说明")
    assert grid[0][lost] == "扣1分：资金到位率未达标。"
    assert all(cell.number is not None for cell in table.rows[0][:3] if cell.role != "name")
