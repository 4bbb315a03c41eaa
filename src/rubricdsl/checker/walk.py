"""Walking the AST: the sub-expressions of an expression, the parts of a rule,
and every place a name is used together with the scope it is used in."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rubricdsl import nodes as n
from rubricdsl.checker.context import Context, Scope


def subexpressions(expr: n.Expr) -> Iterator[n.Expr]:
    """The expression and everything inside it, outermost first."""
    yield expr
    match expr:
        case n.Negate(operand=inner) | n.Group(inner=inner):
            yield from subexpressions(inner)
        case n.Binary(left=left, right=right) | n.Per(points=left, count=right):
            yield from subexpressions(left)
            yield from subexpressions(right)
        case n.Call(args=args):
            for arg in args:
                yield from subexpressions(arg)


def refs(expr: n.Expr) -> Iterator[n.Ref]:
    return (e for e in subexpressions(expr) if isinstance(e, n.Ref))


def condition_parts(cond: n.Cond) -> Iterator[n.Compare | n.Truth]:
    """The comparisons and truth tests a condition combines."""
    match cond:
        case n.Not(operand=inner):
            yield from condition_parts(inner)
        case n.BoolOp(left=left, right=right):
            yield from condition_parts(left)
            yield from condition_parts(right)
        case n.Compare() | n.Truth():
            yield cond


def simple_rules(rule: n.Rule) -> Iterator[n.SimpleRule]:
    """The rule itself, or each branch of a guarded rule."""
    if isinstance(rule, n.Guarded):
        yield from (branch.rule for branch in rule.branches)
        yield rule.otherwise
    else:
        yield rule


def written_points(rule: n.SimpleRule) -> list[n.Num]:
    """The points a rule states outright: each band's and each checklist item's."""
    if isinstance(rule, n.Bands):
        return [clause.points for clause in rule.clauses if isinstance(clause, n.Band)]
    if isinstance(rule, n.Checklist):
        return [item.points for item in rule.items]
    return []


def rule_expressions(rule: n.Rule) -> Iterator[n.Expr]:
    """Every top-level expression a rule evaluates, conditions included."""
    if isinstance(rule, n.Guarded):
        for branch in rule.branches:
            for part in condition_parts(branch.cond):
                yield from ([part.left, part.right] if isinstance(part, n.Compare) else [part.expr])
    for simple in simple_rules(rule):
        if isinstance(simple, n.Formula):
            yield simple.expr
        elif isinstance(simple, n.Bands):
            yield simple.metric
        else:
            yield from (item.name for item in simple.items)


@dataclass(frozen=True, slots=True)
class Place:
    """An expression written somewhere, with the names visible there."""

    expr: n.Expr
    scope: Scope


def places(ctx: Context) -> Iterator[Place]:
    """Every expression in the file, in source order within each block."""
    for decl in ctx.file.inputs:
        for constraint in decl.constraints:
            yield Place(constraint.bound, ctx.top_scope)
    for let, scope in ctx.let_scopes.items():
        yield Place(let.expr, scope)
    for node in ctx.nodes:
        score = node.indicator.score
        if score is not None:
            scope = ctx.scope_of(node)
            yield from (Place(expr, scope) for expr in rule_expressions(score.rule))


def rules(ctx: Context) -> Iterator[tuple[n.Rule, Scope]]:
    for node in ctx.nodes:
        if node.indicator.score is not None:
            yield node.indicator.score.rule, ctx.scope_of(node)
