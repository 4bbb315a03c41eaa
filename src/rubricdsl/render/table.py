"""The rubric table as neutral data: columns, rows and merged cells.

Every output format draws this one model, so they agree on what is merged
and what is written where.  The grid is full: each row has one `Cell` per
column, and a cell inside another cell's span is `covered` (HTML skips it,
Excel and Word merge over it, Markdown and CSV leave it blank).

Layout: one row per leaf, top to bottom in rubric order; a group's name and
weight span the rows of its leaves; a leaf shallower than the deepest level
spans the remaining level columns.  A checklist leaf whose wording is
generated gets one row per item (as the official tables list ①②③④), with
its other cells spanning them — except beside the official text
(`compare`), where both wordings keep to one row.  The last row is 合计.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from rubricdsl import ir
from rubricdsl.render.numfmt import plain
from rubricdsl.render.scoreview import ScoreView, lost_text, score_of
from rubricdsl.render.wording import checklist_lines, criterion_text

Role = Literal["name", "weight", "score", "criterion", "generated", "explain", "lost", "total"]

_NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True, slots=True)
class Cell:
    text: str = ""
    number: Decimal | None = None  # weights and scores, stored as numbers in Excel
    rowspan: int = 1
    colspan: int = 1
    role: Role = "criterion"
    covered: bool = False  # inside another cell's span: drawn by that cell

    @property
    def merged(self) -> bool:
        return self.rowspan > 1 or self.colspan > 1


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    role: Role


@dataclass(frozen=True, slots=True)
class Table:
    columns: list[Column]
    rows: list[list[Cell]]  # the last row is 合计 (when `has_total`)
    has_total: bool = True  # False for plain lists, such as the units not scored

    def origins(self) -> list[tuple[int, int, Cell]]:
        """Every cell that draws itself, with its 0-based row and column."""
        return [
            (r, c, cell) for r, row in enumerate(self.rows) for c, cell in enumerate(row) if not cell.covered
        ]


@dataclass(frozen=True, slots=True)
class Document:
    """A table with what goes above and below it."""

    title: str
    meta: list[str]  # 版本、发布单位、施行日期
    table: Table
    heading: str = ""  # the unit a score report is about
    notes: list[str] = field(default_factory=list)  # grade scale, totals, summary sentence


def level_title(rubric: ir.RubricIR, level: int) -> str:
    if level <= len(rubric.levels):
        return rubric.levels[level - 1]
    numeral = _NUMERALS[level - 1] if level <= len(_NUMERALS) else str(level)
    return f"{numeral}级指标"


def depth_of(rubric: ir.RubricIR) -> int:
    return max([len(rubric.levels), *(node.level for node in rubric.walk())])


class Layout:
    """Which column holds what, for a rubric's depth and the options in force."""

    def __init__(self, rubric: ir.RubricIR, compare: bool, report: bool) -> None:
        self.depth = depth_of(rubric)
        self.compare = compare
        self.report = report
        self.columns: list[Column] = []
        self._index: dict[tuple[str, int], int] = {}
        for level in range(1, self.depth + 1):
            self._add("name", level, Column(level_title(rubric, level), "name"))
            self._add("weight", level, Column("分值", "weight"))
            if report and level < self.depth:
                self._add("subtotal", level, Column("得分", "score"))
        self._add("criterion", 0, Column("评价标准", "criterion"))
        if compare:
            self._add("generated", 0, Column("生成的评价标准", "generated"))
        self._add("explain", 0, Column("指标说明", "explain"))
        if report:
            self._add("score", 0, Column("得分", "score"))
            self._add("lost", 0, Column("扣分说明", "lost"))

    def _add(self, key: str, level: int, column: Column) -> None:
        self._index[key, level] = len(self.columns)
        self.columns.append(column)

    def at(self, key: str, level: int = 0) -> int:
        return self._index[key, level]


class _Grid:
    def __init__(self, rows: int, columns: int) -> None:
        self.cells: list[list[Cell | None]] = [[None] * columns for _ in range(rows)]

    def place(self, row: int, column: int, cell: Cell) -> None:
        for r in range(row, row + cell.rowspan):
            for c in range(column, column + cell.colspan):
                self.cells[r][c] = Cell(covered=True, role=cell.role)
        self.cells[row][column] = cell

    def rows(self) -> list[list[Cell]]:
        return [[cell or Cell() for cell in row] for row in self.cells]


def build_table(rubric: ir.RubricIR, *, compare: bool = False, report: ScoreView | None = None) -> Table:
    """The rubric's table; with `report`, its scores and reasons filled in."""
    layout = Layout(rubric, compare, report is not None)
    builder = _TableBuilder(rubric, layout, report)
    return builder.build()


class _TableBuilder:
    def __init__(self, rubric: ir.RubricIR, layout: Layout, report: ScoreView | None) -> None:
        self.rubric = rubric
        self.layout = layout
        self.report = report
        self.lines = {id(leaf): self._criterion_lines(leaf) for leaf in rubric.leaves()}
        height = sum(max(len(generated), 1) for _, generated in self.lines.values())
        self.grid = _Grid(height + 1, len(layout.columns))

    def build(self) -> Table:
        row = 0
        for node in self.rubric.indicators:
            row += self._place(node, row)
        self._place_total(row)
        return Table(self.layout.columns, self.grid.rows())

    def _criterion_lines(self, leaf: ir.Indicator) -> tuple[str, list[str]]:
        """The official text, and the generated lines to show (one per sub-row).

        Beside the official text (compare mode) the generated wording stays in
        one cell, as the official text does, so every leaf keeps one row.
        """
        official = leaf.criterion or ""
        if official and not self.layout.compare:
            return official, []
        lines = checklist_lines(self.rubric, leaf) if leaf.rule else [criterion_text(self.rubric, leaf)]
        return official, ["\n".join(lines)] if self.layout.compare else lines

    def _place(self, node: ir.Indicator, row: int) -> int:
        """Place a node and everything under it from `row` on; the rows it took."""
        if node.is_leaf:
            return self._place_leaf(node, row)
        height = 0
        for child in node.children:
            height += self._place(child, row + height)
        self._put(row, "name", node.level, Cell(node.name, rowspan=height, role="name"))
        self._put(row, "weight", node.level, _number(node.weight, height, "weight"))
        if self.report is not None:
            self._put(row, "subtotal", node.level, _number(score_of(self.report, node), height, "score"))
        return height

    def _place_leaf(self, leaf: ir.Indicator, row: int) -> int:
        official, generated = self.lines[id(leaf)]
        height = max(len(generated), 1)
        span = self.layout.at("weight", self.layout.depth) - self.layout.at("name", leaf.level)
        self._put(row, "name", leaf.level, Cell(leaf.name, rowspan=height, colspan=span, role="name"))
        self._put(row, "weight", self.layout.depth, _number(leaf.weight, height, "weight"))
        self._put_criteria(row, official, generated)
        self._put(row, "explain", 0, Cell(leaf.explain or "", rowspan=height, role="explain"))
        if self.report is not None:
            self._put(row, "score", 0, _number(score_of(self.report, leaf), height, "score"))
            self._put(row, "lost", 0, Cell(lost_text(self.report, leaf), rowspan=height, role="lost"))
        return height

    def _put_criteria(self, row: int, official: str, generated: list[str]) -> None:
        height = max(len(generated), 1)
        if self.layout.compare or official:
            self._put(row, "criterion", 0, Cell(official, rowspan=height, role="criterion"))
        lines_at = "generated" if self.layout.compare else "criterion"
        for offset, line in enumerate(generated):
            self._put(row + offset, lines_at, 0, Cell(line, role="generated"))

    def _place_total(self, row: int) -> None:
        self._put(row, "name", 1, Cell("合计", role="total"))
        for level in range(1, self.layout.depth + 1):
            self._put(row, "weight", level, _number(self.rubric.total, 1, "weight"))
            if self.report is not None and level < self.layout.depth:
                self._put(row, "subtotal", level, _number(self.report.total, 1, "score"))
        if self.report is not None:
            self._put(row, "score", 0, _number(self.report.total, 1, "score"))

    def _put(self, row: int, key: str, level: int, cell: Cell) -> None:
        self.grid.place(row, self.layout.at(key, level), cell)


def _number(value: Decimal, rowspan: int, role: Role) -> Cell:
    return Cell(plain(value), number=value, rowspan=rowspan, role=role)


def without_spans(table: Table) -> list[list[str]]:
    """The grid as text, each merged value written once and its covered cells blank."""
    return [["" if cell.covered else cell.text for cell in row] for row in table.rows]
