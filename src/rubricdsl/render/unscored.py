"""Units that could not be scored, listed in every report over many units.

A bad record is reported on stderr and the others are still scored; the
reports must say so too, or a reader takes the 22 units ranked for the whole
batch of 24.  Each unit is listed with where it is in the data (第11行), its
name (单位名称) and why it could not be scored.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from rubricdsl.render.table import Cell, Column, Table

UNSCORED_TITLE = "未能评分的单位"
_NO_NAME = "—"


class FailureView(Protocol):
    """A record that could not be scored (the runtime's batch `Outcome` is one)."""

    @property
    def number(self) -> int: ...  # CSV: the line; JSON/YAML: the 1-based record
    @property
    def where(self) -> str: ...  # "row 11" / "record 3"
    @property
    def label(self) -> str: ...  # the unit's name, or `where` when it has none
    @property
    def error(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class Unscored:
    position: str  # 第11行 / 第3条记录
    label: str  # 单位名称; — when the record names none
    reason: str


def unscored(failures: Iterable[FailureView]) -> list[Unscored]:
    return [
        Unscored(_position(f), f.label if f.label and f.label != f.where else _NO_NAME, f.error or "")
        for f in failures
    ]


def _position(failure: FailureView) -> str:
    """第11行 for a CSV row (its line in the file), 第3条记录 for a JSON or YAML record."""
    if failure.where.startswith("row"):
        return f"第{failure.number}行"
    if failure.where.startswith("record"):
        return f"第{failure.number}条记录"
    return failure.where


def count_sentence(rows: Sequence[Unscored], where: str) -> str:
    """另有2个单位未能评分，未列入{where}。"""
    return f"另有{len(rows)}个单位未能评分，未列入{where}。"


def unscored_table(rows: Sequence[Unscored]) -> Table:
    columns = [Column("位置", "name"), Column("单位", "name"), Column("未能评分的原因", "criterion")]
    cells = [
        [Cell(row.position, role="name"), Cell(row.label, role="name"), Cell(row.reason)] for row in rows
    ]
    return Table(columns, cells, has_total=False)


def unscored_notes(rows: Sequence[Unscored]) -> list[str]:
    """Lines under a single unit's report: the count, then each unit and its reason."""
    if not rows:
        return []
    return [count_sentence(rows, "本报告"), *(f"{row.position}　{row.label}：{row.reason}" for row in rows)]
