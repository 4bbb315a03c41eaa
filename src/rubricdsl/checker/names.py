"""Passes over names: duplicates, shadowing, `let` cycles and unknown names."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TypeVar

from rubricdsl import nodes as n
from rubricdsl.checker.context import Context, did_you_mean, num
from rubricdsl.checker.walk import refs
from rubricdsl.diagnostics import Label

Named = TypeVar("Named", n.Ident, n.Ref)


def _repeats(idents: Iterable[Named]) -> list[tuple[Named, Named]]:
    """(first, repeat) for every name written again after its first time."""
    first: dict[str, Named] = {}
    found = []
    for ident in idents:
        earlier = first.setdefault(ident.name, ident)
        if earlier is not ident:
            found.append((earlier, ident))
    return found


def check_duplicate_inputs(ctx: Context) -> None:
    """E101: an input declared twice."""
    for first, again in _repeats(decl.name for decl in ctx.file.inputs):
        ctx.report(
            "E101", f"the input `{again.name}` is declared twice", again.span,
            labels=[Label(first.span, "first declared here")], hint="remove or rename one of them",
        )  # fmt: skip


def check_duplicate_siblings(ctx: Context) -> None:
    """E102: two indicators with one name under the same parent."""
    families: list[Sequence[n.Indicator]] = [ctx.file.indicators]
    families += [node.indicator.children for node in ctx.nodes if node.indicator.children]
    for family in families:
        for first, again in _repeats(child.name for child in family):
            ctx.report(
                "E102", f"two sibling indicators are named `{again.name}`", again.span,
                labels=[Label(first.span, "the other one")], hint="give each sibling its own name",
            )  # fmt: skip


def check_checklist_repeats(ctx: Context) -> None:
    """E107: a checklist lists each input once."""
    checklists = (rule for _, rule in ctx.simple_rules if isinstance(rule, n.Checklist))
    for checklist in checklists:
        for first, again in _repeats(item.name for item in checklist.items):
            same = (item.points.value for item in checklist.items if item.name.name == again.name)
            points = sum(same, Decimal(0))
            ctx.report(
                "E107", f"`{again.name}` is listed twice in this checklist", again.span,
                labels=[Label(first.span, "first listed here")],
                hint=f"list it once, with all its points: `{again.name} → {num(points)}`",
            )  # fmt: skip


def check_duplicate_lets(ctx: Context) -> None:
    """E103: a `let` defined twice in one block."""
    blocks = [ctx.file.lets, *(node.indicator.lets for node in ctx.nodes if node.indicator.lets)]
    for lets in blocks:
        for first, again in _repeats(let.name for let in lets):
            ctx.report(
                "E103", f"`{again.name}` is defined twice here", again.span,
                labels=[Label(first.span, "first defined here")], hint="remove or rename one of them",
            )  # fmt: skip


def check_let_shadows_input(ctx: Context) -> None:
    """E104: a `let` with an input's name."""
    for let in ctx.let_scopes:
        decl = ctx.inputs.get(let.name.name)
        if decl is not None:
            ctx.report(
                "E104", f"the `let` `{let.name.name}` has the name of an input", let.name.span,
                labels=[Label(decl.name.span, "the input")],
                hint="give the derived value its own name",
            )  # fmt: skip


def check_let_cycles(ctx: Context) -> None:
    """E105: `let`s defined in terms of each other."""
    graph = _let_graph(ctx)
    reported: set[n.LetDecl] = set()
    for let, targets in graph.items():
        if not targets or let in reported or (let.name.name in ctx.inputs and targets == [let]):
            continue  # `let 完成数 = 完成数 / 总数` is reported once, as E104
        cycle = _cycle_from(let, graph)
        if cycle is None:
            continue
        reported.update(cycle)
        shown = " → ".join(f"`{c.name.name}`" for c in [*cycle, cycle[0]])
        ctx.report(
            "E105", f"`{let.name.name}` is defined in terms of itself: {shown}", let.name.span,
            labels=[Label(c.name.span, "on the way round") for c in cycle[1:]],
            hint="define one of them from inputs alone",
        )  # fmt: skip


def _let_graph(ctx: Context) -> dict[n.LetDecl, list[n.LetDecl]]:
    graph: dict[n.LetDecl, list[n.LetDecl]] = {}
    for let, scope in ctx.let_scopes.items():
        used = (scope.resolve(ref.name) for ref in refs(let.expr))
        graph[let] = [target for target in used if isinstance(target, n.LetDecl)]
    return graph


def _cycle_from(start: n.LetDecl, graph: dict[n.LetDecl, list[n.LetDecl]]) -> list[n.LetDecl] | None:
    """A path from `start` back to itself, if there is one (depth first)."""
    path: list[n.LetDecl] = [start]
    seen: set[n.LetDecl] = set()

    def visit(let: n.LetDecl) -> bool:
        for target in graph.get(let, []):
            if target is start:
                return True
            if target not in seen:
                seen.add(target)
                path.append(target)
                if visit(target):
                    return True
                path.pop()
        return False

    return path if visit(start) else None


def check_unknown_names(ctx: Context) -> None:
    """E106: a name that is neither an input nor a visible `let`."""
    for ref, scope in ctx.name_uses.unknown:
        hint = did_you_mean(ref.name, scope.names())
        ctx.report(
            "E106", f"unknown name `{ref.name}`", ref.span,
            hint=hint or "declare it in `inputs { … }` or define it with `let`",
        )  # fmt: skip
