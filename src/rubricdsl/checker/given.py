"""Passes over the values worked examples give: each names an input, fits its
type, lies in its range and meets its constraints; and together with the
examples it starts `from`, each example gives every input a value, as a
record must."""

from __future__ import annotations

import operator
from collections.abc import Callable
from decimal import Decimal

from rubricdsl import nodes as n
from rubricdsl.checker.context import Context, closest, did_you_mean
from rubricdsl.checker.domains import type_domain
from rubricdsl.checker.examples import base_chain, examples_by_name
from rubricdsl.checker.intervals import format_interval, format_number
from rubricdsl.diagnostics import Label

# The words a yes/no input may be given as (numbers 1 and 0 are accepted too).
YES_NO_WORDS = frozenset({"是", "否", "yes", "no", "true", "false"})

_HOLDS: dict[n.CompareOp, Callable[[Decimal, Decimal], bool]] = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
    "=": operator.eq, "!=": operator.ne,
}  # fmt: skip
_SHOWN_MISSING = 4  # more missing inputs than this are counted in the message, listed in a note


def check_example_given(ctx: Context) -> None:
    """E701, E703, E706: given values name inputs, fit their types and meet
    their constraints (a bound naming another input takes that input's value
    in the same example, or in the examples it starts from)."""
    by_name = examples_by_name(ctx)
    bounded = _bounded_by_inputs(ctx)
    for example in ctx.file.examples:
        numbers = _numbers(ctx, base_chain(example, by_name) or [example])
        own = {assignment.name.name for assignment in example.given}
        for assignment in example.given:
            decl = ctx.inputs.get(assignment.name.name)
            if decl is None:
                _report_unknown_input(ctx, assignment)
                continue
            fits = _fits_type(ctx, decl, assignment.value)
            if fits and decl.kind != "yesno" and _in_type_domain(ctx, decl, assignment.value):
                _check_constraints(ctx, decl, assignment.value, numbers)
                inherited = [(d, c) for d, c in bounded.get(decl.name.name, ()) if d.name.name not in own]
                _check_inherited_bounds(ctx, assignment, inherited, numbers)


def _fits_type(ctx: Context, decl: n.InputDecl, value: n.Value) -> bool:
    problem = _type_problem(decl, value)
    if problem is not None:
        ctx.report(
            "E703", f"`{decl.name.name}` is {problem}", value.span,
            labels=[Label(decl.name.span, "declared here")], hint=_value_hint(decl),
        )  # fmt: skip
    return problem is None


def _numbers(ctx: Context, chain: list[n.Example]) -> dict[str, Decimal]:
    """The numbers an example gives, its bases' first and its own over them."""
    numbers: dict[str, Decimal] = {}
    for example in chain:
        for assignment in example.given:
            decl = ctx.inputs.get(assignment.name.name)
            if decl is not None and decl.kind != "yesno" and _type_problem(decl, assignment.value) is None:
                numbers[decl.name.name] = _number(assignment.value)
    return numbers


def _in_type_domain(ctx: Context, decl: n.InputDecl, value: n.Value) -> bool:
    domain = type_domain(decl)
    if domain.contains(_number(value)):
        return True
    shown = format_interval(domain, percent=decl.kind == "percent")
    ctx.report(
        "E706", f"{ctx.source.snippet(value.span)} is outside the values `{decl.name.name}` can take",
        value.span, labels=[Label(decl.name.span, "declared here")],
        notes=[f"`{decl.name.name}` takes values in {shown}"], hint="give a value the declaration allows",
    )  # fmt: skip
    return False


def _check_constraints(ctx: Context, decl: n.InputDecl, value: n.Value, numbers: dict[str, Decimal]) -> None:
    """The first constraint the value breaks, if any, is reported."""
    for constraint in decl.constraints:
        bound = _bound(constraint.bound, numbers)
        if bound is None or _HOLDS[constraint.op](_number(value), bound):
            continue
        written = ctx.source.snippet(constraint.span)
        notes = [f"`{decl.name.name}` is declared `{written}`"]
        if isinstance(constraint.bound, n.Ref):
            other = ctx.inputs.get(constraint.bound.name)
            shown = format_number(bound, percent=other is not None and other.kind == "percent")
            notes.append(f"in this example `{constraint.bound.name}` is {shown}")
        ctx.report(
            "E706", f"{ctx.source.snippet(value.span)} is outside the values `{decl.name.name}` can take",
            value.span, labels=[Label(constraint.span, "the constraint it breaks")], notes=notes,
            hint="give a value the declaration allows",
        )  # fmt: skip
        return


Bounded = list[tuple[n.InputDecl, n.Constraint]]


def _bounded_by_inputs(ctx: Context) -> dict[str, Bounded]:
    """For each input, the constraints of other inputs that name it as their bound."""
    found: dict[str, Bounded] = {}
    for decl in ctx.inputs.values():
        for constraint in decl.constraints:
            if isinstance(constraint.bound, n.Ref):
                found.setdefault(constraint.bound.name, []).append((decl, constraint))
    return found


def _check_inherited_bounds(
    ctx: Context, assignment: n.Assignment, inherited: Bounded, numbers: dict[str, Decimal]
) -> None:
    """An example that changes a bound (`总数`) while keeping, from its base, the
    value the bound constrains (`完成数 ≤ 总数`) must keep the constraint too."""
    bound = numbers[assignment.name.name]
    for decl, constraint in inherited:
        kept = numbers.get(decl.name.name)
        if kept is None or _HOLDS[constraint.op](kept, bound):
            continue
        shown = format_number(kept, percent=decl.kind == "percent")
        ctx.report(
            "E706", f"with this value, `{decl.name.name}` breaks its constraint "
            f"`{ctx.source.snippet(constraint.span)}`", assignment.value.span,
            labels=[Label(constraint.span, "the constraint broken")],
            notes=[f"`{decl.name.name}` is {shown}, given by the example this one starts from"],
            hint=f"give `{decl.name.name}` a value here too, or change this one",
        )  # fmt: skip


def _bound(expr: n.Expr, numbers: dict[str, Decimal]) -> Decimal | None:
    """A constraint's bound in one example: a literal, or another input's value."""
    match expr:
        case n.Num(value=value):
            return value
        case n.Negate(operand=n.Num(value=value)):
            return -value
        case n.Ref(name=name):
            return numbers.get(name)
    return None


def _report_unknown_input(ctx: Context, assignment: n.Assignment) -> None:
    name = assignment.name.name
    is_let = any(let.name.name == name for let in ctx.let_scopes)
    hint = (
        f"`{name}` is computed by a `let`; give the inputs it uses"
        if is_let
        else did_you_mean(name, ctx.inputs) or "examples give values to declared inputs"
    )
    ctx.report("E701", f"`{name}` is not an input", assignment.name.span, hint=hint)


def _number(value: n.Value) -> Decimal:
    assert value.number is not None
    return value.number.value


def _type_problem(decl: n.InputDecl, value: n.Value) -> str | None:
    """Why the value does not fit the input's type, or None if it does."""
    number = value.number
    if decl.kind == "yesno":
        if value.word is not None and value.word.lower() in YES_NO_WORDS:
            return None
        if number is not None and number.kind == "plain" and number.value in (0, 1):
            return None
        return "yes/no, so it takes 是 or 否"
    if number is None:
        return f"{_noun(decl)}, so it takes a number, not a word"
    if decl.kind == "percent":
        return None if number.kind != "pp" else "a percent: write `85%`, not percentage points"
    if number.kind != "plain":
        return f"{_noun(decl)}, so it takes a plain number, not a percent"
    if decl.kind == "count" and number.value != number.value.to_integral_value():
        return "a count, so it takes a whole number"
    return None


def _noun(decl: n.InputDecl) -> str:
    return {"count": "a count", "amount": "an amount", "number": "a number", "judged": "a judged score"}.get(
        decl.kind, "a percent"
    )


def _value_hint(decl: n.InputDecl) -> str:
    return {
        "count": "give a whole number, e.g. `3`",
        "amount": "give a plain number, e.g. `12.5`",
        "number": "give a plain number, e.g. `-3.5`",
        "percent": "give a percent, e.g. `85%`, or a ratio, e.g. `0.85`",
        "yesno": "give `是` or `否`",
        "judged": "give a plain number within the judged bounds",
    }[decl.kind]


# ---------------------------------------------------------------- completeness


def check_example_complete(ctx: Context) -> None:
    """E710: each example gives every input a value, itself or through `from`."""
    by_name = examples_by_name(ctx)
    for example in ctx.file.examples:
        chain = base_chain(example, by_name)
        if chain is None:
            continue  # an unknown base (E702) or a circle (E709) is reported already
        given = {_meant(ctx, assignment.name.name) for ex in chain for assignment in ex.given}
        missing = [name for name in ctx.inputs if name not in given]
        if missing:
            _report_missing(ctx, example, missing)


def _meant(ctx: Context, name: str) -> str:
    """The input a given name stands for: itself, or the one a misspelling
    (E701) most likely meant, which is then not reported missing as well."""
    return name if name in ctx.inputs else closest(name, ctx.inputs) or name


def _report_missing(ctx: Context, example: n.Example, missing: list[str]) -> None:
    listed = ", ".join(f"`{name}`" for name in missing)
    many = len(missing) > _SHOWN_MISSING
    notes = [f"the inputs without a value: {listed}"] if many else []
    if example.base is not None:
        notes.append("nor do the examples it starts `from` give them")
    ctx.report(
        "E710", f"example \"{example.name.value}\" gives no value for "
        + (f"{len(missing)} inputs" if many else listed), example.name.span, notes=notes,
        hint=f"add `{missing[0]}: …`" + (" and the others" if len(missing) > 1 else "") + " to `given { … }`",
    )  # fmt: skip
