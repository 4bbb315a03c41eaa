"""Numbers as the tables print them: 13 not 13.00, 4.5 stays 4.5, 80% not 0.8."""

from __future__ import annotations

from decimal import Decimal

from rubricdsl.ir import LiteralUnit


def plain(value: Decimal) -> str:
    """A decimal without trailing zeros and never in exponent form."""
    if value == 0:
        return "0"  # also turns -0 into 0
    return format(value.normalize(), "f")


def percent(value: Decimal) -> str:
    """A ratio as a percentage: 0.8 → 80%."""
    return f"{plain(value * 100)}%"


def quantity(value: Decimal, unit: LiteralUnit) -> str:
    """A literal as it was written: plain, percent (80%) or percentage points."""
    if unit == "percent":
        return percent(value)
    if unit == "pp":
        return f"{plain(value * 100)}个百分点"
    return plain(value)


def points(value: Decimal) -> str:
    """Points as in 得3分 / 扣0.5分 (the caller writes the verb)."""
    return f"{plain(value)}分"
