"""Passes over the input declarations: constraints that leave no value, and
inputs nothing uses."""

from __future__ import annotations

from rubricdsl import nodes as n
from rubricdsl.checker.context import Context
from rubricdsl.checker.intervals import format_interval
from rubricdsl.diagnostics import Label

_AS_TYPE = {
    "count": "as a count", "amount": "as an amount", "number": "as a number",
    "percent": "as a percent", "judged": "as a judged score",
}  # fmt: skip


def check_input_domains(ctx: Context) -> None:
    """E208: an input's type and constraints leave it some value."""
    for name, found in ctx.domains.empty.items():
        decl = ctx.inputs[name]
        earlier = _applied_before(decl, found.constraint)
        shown = format_interval(found.before, percent=decl.kind == "percent")
        if earlier:
            texts = ", ".join(f"`{ctx.source.snippet(c.span)}`" for c in earlier)
            note = f"with {texts}, `{name}` can only be in {shown}"
        else:
            note = f"{_AS_TYPE.get(decl.kind, 'by its type')}, `{name}` can only be in {shown}"
        ctx.report(
            "E208", f"no value of `{name}` meets all its constraints", found.constraint.span,
            labels=[Label(c.span, "contradicts this") for c in earlier], notes=[note],
            hint="correct or remove one of the constraints",
        )  # fmt: skip


def _applied_before(decl: n.InputDecl, constraint: n.Constraint) -> list[n.Constraint]:
    """The constraints narrowed before this one: constant bounds come first."""
    order = sorted(decl.constraints, key=lambda c: isinstance(c.bound, n.Ref))
    return order[: order.index(constraint)]


def check_unused_inputs(ctx: Context) -> None:
    """W101: every input is used by a rule, a `let` or a constraint.

    Not while a name is unknown (E106): it may well be the input misspelt.
    An input hidden by a `let` of its name is reported as E104 instead."""
    if ctx.name_uses.unknown:
        return
    lets = {let.name.name for let in ctx.let_scopes}
    for name, decl in ctx.inputs.items():
        if name not in ctx.name_uses.inputs and name not in lets:
            ctx.report(
                "W101", f"the input `{name}` is never used", decl.name.span,
                notes=["every record must still give it a value"],
                hint="use it in a rule, or remove it from `inputs { … }`",
            )  # fmt: skip
