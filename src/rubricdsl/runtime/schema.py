"""The inputs of a rubric as a JSON Schema (draft 2020-12).

The schema describes the canonical form of each input (a count is an
integer, a percent a ratio), and the texts a JSON record commonly holds: a
percent may be `"85%"`, a yes/no 是/否.  The scorer also reads numerals
written as text (as CSV cells are), which the schema leaves out.  Bounds are
on the number: JSON Schema applies `minimum` and `maximum` to numbers only.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rubricdsl import ir

DIALECT = "https://json-schema.org/draft/2020-12/schema"
# A percentage as the scorer reads it: "85%", " 85.5 ％", "−5%", full-width digits.
PERCENT_PATTERN = r"^\s*[-+−－＋]?(?:[0-9０-９]+(?:[.．][0-9０-９]*)?|[.．][0-9０-９]+)\s*[%％]\s*$"

_TYPES: dict[str, dict[str, Any]] = {
    "count": {"type": "integer"},
    "amount": {"type": "number"},
    "number": {"type": "number"},
    "percent": {"anyOf": [{"type": "number"}, {"type": "string", "pattern": PERCENT_PATTERN}]},
    "judged": {"type": "number"},
    "yesno": {
        "anyOf": [
            {"type": "boolean"},
            {"enum": ["是", "否", "有", "无", "对", "yes", "no", "true", "false", "y", "n", "1", "0", 1, 0]},
        ]
    },
}
_KIND_TEXT = {
    "count": "a whole number",
    "amount": "an amount",
    "number": "a number",
    "percent": 'a ratio (0.85) or a percentage text ("85%")',
    "judged": "an evaluator's judged score",
    "yesno": "yes or no (是/否)",
}


def input_schema(rubric: ir.RubricIR) -> dict[str, Any]:
    return {
        "$schema": DIALECT,
        "title": rubric.title + (f" ({rubric.version})" if rubric.version else ""),
        "description": f"The inputs of the rubric {rubric.title}; one object scores one unit.",
        "type": "object",
        "properties": {spec.name: _property(spec) for spec in rubric.inputs},
        "required": [spec.name for spec in rubric.inputs],
        "additionalProperties": False,
    }


def _property(spec: ir.Input) -> dict[str, Any]:
    prop: dict[str, Any] = dict(_TYPES[spec.type])
    words = [spec.description] if spec.description else []
    words.append(_KIND_TEXT[spec.type] + (f", in {spec.unit}" if spec.unit else ""))
    if spec.minimum is not None:
        prop["minimum" if spec.minimum_closed else "exclusiveMinimum"] = _json_number(spec.minimum)
    if spec.maximum is not None:
        prop["maximum" if spec.maximum_closed else "exclusiveMaximum"] = _json_number(spec.maximum)
    relative = [c.text for c in spec.constraints if not isinstance(c.bound, ir.Const | ir.Neg)]
    if relative:
        words.append("must be " + ", ".join(relative))
        prop["x-constraints"] = relative
    prop["description"] = "; ".join(words)
    prop["x-rubric-type"] = spec.type
    if spec.unit:
        prop["x-unit"] = spec.unit
    return prop


def _json_number(value: Decimal) -> int | float:
    """A bound as a JSON number (exact for integers; a schema bound is documentation)."""
    whole = int(value)
    return whole if whole == value else float(value)
