"""Walking the AST: the names an expression uses, the parts of a rule, and
every place a name is used together with the scope it is used in."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rubricdsl import nodes as n
from rubricdsl.checker.context import Context, Scope


def refs(expr: n.Expr) -> list[n.Ref]:
    """The names an expression uses, in the order written."""
    found: list[n.Ref] = []
    _collect_refs(expr, found)
    return found


def _collect_refs(expr: n.Expr, found: list[n.Ref]) -> None:
    match expr:
        case n.Ref():
            found.append(expr)
        case n.Negate(operand=inner) | n.Group(inner=inner):
            _collect_refs(inner, found)
        case n.Binary(left=left, right=right) | n.Per(points=left, count=right):
            _collect_refs(left, found)
            _collect_refs(right, found)
        case n.Call(args=args):
            for arg in args:
                _collect_refs(arg, found)


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


def places(ctx: Context) -> Iterator[tuple[Scope, Iterable[n.Expr]]]:
    """Every expression in the file with the names visible to it, in source
    order within each block."""
    yield ctx.top_scope, [constraint.bound for decl in ctx.file.inputs for constraint in decl.constraints]
    for let, scope in ctx.let_scopes.items():
        yield scope, [let.expr]
    for node in ctx.nodes:
        score = node.indicator.score
        if score is not None:
            yield ctx.scope_of(node), rule_expressions(score.rule)


@dataclass
class NameUses:
    """What the names written in the file stand for, where they are written."""

    unknown: list[tuple[n.Ref, Scope]] = field(default_factory=list)  # names that stand for nothing
    inputs: set[str] = field(default_factory=set)  # the inputs named somewhere


def name_uses(ctx: Context) -> NameUses:
    uses = NameUses()
    for scope, exprs in places(ctx):
        for expr in exprs:
            for ref in refs(expr):
                target = scope.resolve(ref.name)
                if target is None:
                    uses.unknown.append((ref, scope))
                elif isinstance(target, n.InputDecl):
                    uses.inputs.add(target.name.name)
    return uses
