"""The checked rubric as data: pydantic models, JSON-serialisable and loadable.

The IR is what the compiler, the renderers and `compile --to json` consume.
It is made from the AST only after the checker found no errors (see
`rubricdsl.lowering`), so every name in it is resolved, every step has its
direction, edge and partial-step policy settled, and every leaf carries the
`let` definitions it needs, in dependency order, so it can be scored alone.
Spans are gone; `line` numbers stay for traces and reports.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any, Literal, ParamSpec, TypeVar, cast

from pydantic import BaseModel, ConfigDict, Field

from rubricdsl.errors import InternalError

IR_VERSION = 1


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


_P = ParamSpec("_P")
_M = TypeVar("_M", bound=BaseModel)
# A model class, every field's default in declaration order, and the fields whose default is a list.
_Template = tuple[type[BaseModel], dict[str, Any], frozenset[str]]
_templates: dict[Callable[..., BaseModel], _Template] = {}
_new = object.__new__
_set = object.__setattr__


def trusted(model: Callable[_P, _M], *args: _P.args, **fields: _P.kwargs) -> _M:
    """`model(**fields)` without validation, for values that already have the field types.

    The lowering builds the IR from the checked AST, so validating each of
    the tens of thousands of nodes of a large rubric would only cost time.
    Like pydantic's `model_construct`, which is slower than validating as it
    looks for aliases field by field: here the fields not given take their
    defaults from one template, in declaration order (the order of JSON).
    mypy checks the field names and that the required ones are given (models
    take keywords only, so `args` is empty); a field whose default is a list
    must be given too, or instances would share that list.
    """
    cls, template, lists = _templates.get(model) or _template(model)
    if args:
        raise InternalError(f"{cls.__name__}: give fields by name")
    if lists and not lists <= fields.keys():
        raise InternalError(f"{cls.__name__}: give every field whose default is a list")
    instance = _new(cls)
    _set(instance, "__dict__", {**template, **fields})
    _set(instance, "__pydantic_fields_set__", set(fields))
    _set(instance, "__pydantic_extra__", None)
    _set(instance, "__pydantic_private__", None)
    return instance  # type: ignore[return-value]  # an instance of `model`, a model class


def _template(model: Callable[..., BaseModel]) -> _Template:
    """What `trusted` needs of a model, refusing a model it cannot build correctly."""
    cls = cast(type[BaseModel], model)
    fields = cls.model_fields
    if cls.__private_attributes__:
        raise InternalError(f"{cls.__name__}: a model with private attributes needs validation")
    for name, field in fields.items():
        if field.default_factory is not None or isinstance(field.default, dict | set):
            raise InternalError(f"{cls.__name__}.{name}: a made or shared default needs validation")
    template = {name: None if field.is_required() else field.default for name, field in fields.items()}
    lists = frozenset(name for name, default in template.items() if isinstance(default, list))
    _templates[model] = cls, template, lists
    return cls, template, lists


# ---------------------------------------------------------------- expressions

LiteralUnit = Literal["plain", "percent", "pp"]


class Const(_Model):
    kind: Literal["const"] = "const"
    value: Decimal
    unit: LiteralUnit = "plain"  # how it was written: 80% is value 0.8, unit percent


class InputRef(_Model):
    kind: Literal["input"] = "input"
    name: str


class LetRef(_Model):
    kind: Literal["let"] = "let"
    name: str


class Neg(_Model):
    kind: Literal["neg"] = "neg"
    operand: Expr


class BinOp(_Model):
    kind: Literal["binary"] = "binary"
    op: Literal["+", "-", "*", "/"]
    left: Expr
    right: Expr


class PerOp(_Model):
    """`points per count`: a product, written as a deduction or bonus per item."""

    kind: Literal["per"] = "per"
    points: Expr
    count: Expr


class CallOp(_Model):
    kind: Literal["call"] = "call"
    func: Literal["abs", "min", "max"]
    args: list[Expr]


class Clamp(_Model):
    kind: Literal["floor", "cap"]
    bound: Decimal


class Clamped(_Model):
    """`(expr, floor 0)`: parentheses that clamp what they hold."""

    kind: Literal["clamped"] = "clamped"
    inner: Expr
    clamps: list[Clamp]


Expr = Annotated[
    Const | InputRef | LetRef | Neg | BinOp | PerOp | CallOp | Clamped,
    Field(discriminator="kind"),
]

# ---------------------------------------------------------------- conditions

CompareOp = Literal["<", "<=", ">", ">=", "=", "!="]


class Compare(_Model):
    kind: Literal["compare"] = "compare"
    op: CompareOp
    left: Expr
    right: Expr


class Truth(_Model):
    kind: Literal["truth"] = "truth"
    expr: Expr


class NotCond(_Model):
    kind: Literal["not"] = "not"
    operand: Cond


class BoolCond(_Model):
    kind: Literal["and", "or"]
    left: Cond
    right: Cond


Cond = Annotated[Compare | Truth | NotCond | BoolCond, Field(discriminator="kind")]

# ---------------------------------------------------------------- rules


class Band(_Model):
    """Points for the metric within `lower`..`upper` (None: unbounded)."""

    kind: Literal["band"] = "band"
    lower: Decimal | None
    lower_closed: bool
    upper: Decimal | None
    upper_closed: bool
    points: Decimal
    otherwise: bool = False
    unit: LiteralUnit = "plain"  # how the bounds were written, for wording


class Step(_Model):
    """Points per step beyond the edge of the anchor band.

    On each side it acts (`above`: metric > `edge_above`, or ≥ when the anchor
    excludes its edge; `below` likewise), the number of steps is the distance
    from the edge divided by `size`, counted per `policy`: `started` rounds
    up, `whole` rounds down, `pro-rata` keeps the fraction.  The score is
    `base + steps × delta`.  `limit_*` is where the next band on that side
    begins (None: no band, the steps go on).
    """

    kind: Literal["step"] = "step"
    size: Decimal
    unit: LiteralUnit
    direction: Literal["above", "below", "both"]
    policy: Literal["started", "whole", "pro-rata"]
    delta: Decimal
    base: Decimal  # the anchor band's points
    anchor: int  # index of the anchor band among the clauses
    edge_above: Decimal | None
    edge_above_closed: bool  # True: the edge itself belongs to the anchor band
    edge_below: Decimal | None
    edge_below_closed: bool
    limit_above: Decimal | None = None
    limit_below: Decimal | None = None


class FormulaRule(_Model):
    kind: Literal["formula"] = "formula"
    expr: Expr
    clamps: list[Clamp] = []


class BandsRule(_Model):
    kind: Literal["bands"] = "bands"
    metric: Expr
    metric_name: str | None  # the input or let named as the metric, for wording
    clauses: list[Annotated[Band | Step, Field(discriminator="kind")]]
    clamps: list[Clamp] = []


class ChecklistItem(_Model):
    input: str
    points: Decimal
    text: str | None = None


class ChecklistRule(_Model):
    kind: Literal["checklist"] = "checklist"
    items: list[ChecklistItem]
    clamps: list[Clamp] = []


SimpleRule = Annotated[FormulaRule | BandsRule | ChecklistRule, Field(discriminator="kind")]


class Branch(_Model):
    cond: Cond
    rule: SimpleRule


class GuardedRule(_Model):
    kind: Literal["guarded"] = "guarded"
    branches: list[Branch]
    otherwise: SimpleRule


Rule = Annotated[
    FormulaRule | BandsRule | ChecklistRule | GuardedRule, Field(discriminator="kind")
]

# ---------------------------------------------------------------- declarations

InputType = Literal["count", "amount", "number", "percent", "yesno", "judged"]


class InputConstraint(_Model):
    op: Literal["<", "<=", ">", ">="]
    bound: Expr
    text: str  # as written, for messages: "≤ 目标总项数"


class Input(_Model):
    name: str
    type: InputType
    unit: str | None = None
    description: str | None = None
    # The domain from the type, the `judged` range and constant constraints.
    minimum: Decimal | None = None
    minimum_closed: bool = True
    maximum: Decimal | None = None
    maximum_closed: bool = True
    constraints: list[InputConstraint] = []  # every constraint, constant or not
    line: int = 0


class LetDef(_Model):
    name: str
    expr: Expr
    line: int = 0


class Indicator(_Model):
    name: str
    path: list[str]
    weight: Decimal
    level: int  # 1-based depth
    criterion: str | None = None
    explain: str | None = None
    line: int = 0
    children: list[Indicator] = []
    # Leaves only:
    rule: Rule | None = None
    lets: list[LetDef] = []  # every let the rule needs, dependencies first
    inputs: list[str] = []  # every input the rule reads, in first-use order
    reachable: tuple[Decimal, Decimal] | None = None  # from the checker's range analysis

    @property
    def is_leaf(self) -> bool:
        return not self.children


class Grade(_Model):
    name: str
    threshold: Decimal | None  # None: otherwise
    strict: bool = False


class Rounding(_Model):
    quantum: Decimal
    mode: Literal["half-up", "half-even", "half-down", "ceiling", "floor", "up", "down"]


class ExampleValue(_Model):
    number: Decimal | None = None
    word: str | None = None


class Expectation(_Model):
    target: Literal["total", "grade", "score"]
    path: list[str] = []
    value: ExampleValue


class Example(_Model):
    name: str
    given: dict[str, ExampleValue]  # with the base example's values merged in
    expect: list[Expectation]
    line: int = 0


class RubricIR(_Model):
    ir_version: int = IR_VERSION
    source: str  # the file name it was read from
    title: str
    version: str | None = None
    issuer: str | None = None
    effective: str | None = None
    total: Decimal
    levels: list[str]
    rounding: Rounding | None = None
    grades: list[Grade] = []
    inputs: list[Input]
    indicators: list[Indicator]
    examples: list[Example] = []

    def leaves(self) -> list[Indicator]:
        out: list[Indicator] = []
        stack = list(reversed(self.indicators))
        while stack:
            node = stack.pop()
            if node.is_leaf:
                out.append(node)
            stack.extend(reversed(node.children))
        return out

    def walk(self) -> list[Indicator]:
        """Every indicator, depth first, parents before children."""
        out: list[Indicator] = []
        stack = list(reversed(self.indicators))
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(reversed(node.children))
        return out


for _model in (Neg, BinOp, PerOp, CallOp, Clamped, Compare, NotCond, BoolCond, Indicator):
    _model.model_rebuild()
