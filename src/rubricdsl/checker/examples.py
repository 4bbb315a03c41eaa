"""Passes over worked examples: names, bases and expectations (the values
they give are checked in `given`)."""

from __future__ import annotations

from rubricdsl import nodes as n
from rubricdsl.checker.context import Context, LeafPath, Node, did_you_mean
from rubricdsl.diagnostics import Label


def check_example_names(ctx: Context) -> None:
    """E708: each example has its own name."""
    seen: dict[str, n.Example] = {}
    for example in ctx.file.examples:
        first = seen.setdefault(example.name.value, example)
        if first is not example:
            ctx.report(
                "E708", f"two examples are named \"{example.name.value}\"", example.name.span,
                labels=[Label(first.name.span, "the other one")], hint="give each example its own name",
            )  # fmt: skip


def examples_by_name(ctx: Context) -> dict[str, n.Example]:
    """Each example by its name; of two with one name (E708), the last, as scoring has it."""
    return {example.name.value: example for example in ctx.file.examples}


def base_chain(example: n.Example, by_name: dict[str, n.Example]) -> list[n.Example] | None:
    """The example and those it starts `from`, oldest first; None if the chain
    names an unknown example (E702) or goes round in a circle (E709)."""
    chain = [example]
    current = example
    while current.base is not None:
        base = by_name.get(current.base.value)
        if base is None or any(base is seen for seen in chain):
            return None
        chain.append(base)
        current = base
    return chain[::-1]


def check_example_bases(ctx: Context) -> None:
    """E702, E709: `from` names another example, without going round in a circle."""
    by_name = examples_by_name(ctx)
    in_cycle: set[str] = set()
    for example in ctx.file.examples:
        base = example.base
        if base is None:
            continue
        if base.value not in by_name:
            ctx.report(
                "E702", f"there is no example named \"{base.value}\"", base.span,
                hint=did_you_mean(base.value, by_name) or "write the name of an example in this file",
            )  # fmt: skip
        elif example.name.value not in in_cycle:
            cycle = _base_cycle(example, by_name)
            if cycle:
                in_cycle.update(cycle)
                ctx.report(
                    "E709", "examples built from each other: " + " → ".join(f'"{c}"' for c in cycle),
                    base.span, hint="start one of them from its own `given` values",
                )  # fmt: skip


def _base_cycle(start: n.Example, by_name: dict[str, n.Example]) -> list[str]:
    """The chain of `from`s back to `start`, if it comes back."""
    chain = [start.name.value]
    current = start
    while current.base is not None and current.base.value in by_name:
        current = by_name[current.base.value]
        chain.append(current.name.value)
        if current is start:
            return chain
        if chain.count(current.name.value) > 1:
            return []  # a circle that does not pass through `start`
    return []


def check_example_expect(ctx: Context) -> None:
    """E703, E704, E705, E707: expectations name real grades and indicators."""
    indicators = _by_written_path(ctx) if ctx.file.examples else {}
    for example in ctx.file.examples:
        for expectation in example.expect:
            if expectation.target == "grade":
                _check_expected_grade(ctx, expectation.value)
                continue
            if expectation.target == "score":
                _resolve_path(ctx, expectation.path, indicators)
            number = expectation.value.number
            if number is None or number.kind != "plain":
                ctx.report(
                    "E703", "an expected score is a plain number", expectation.value.span,
                    hint="write the points, e.g. `total = 93` or `准确性 = 3`",
                )  # fmt: skip


def _check_expected_grade(ctx: Context, value: n.Value) -> None:
    names = [grade.name.name for grade in ctx.file.grades]
    word = value.word or ctx.source.snippet(value.span)
    if word in names:
        return
    if not names:
        ctx.report("E704", f"the rubric has no grades, so `{word}` cannot be expected", value.span)
        return
    ctx.report(
        "E704", f"`{word}` is not a grade of this rubric", value.span,
        hint=did_you_mean(word, names) or "the grades are " + ", ".join(f"`{g}`" for g in names),
    )  # fmt: skip


Indicators = dict[LeafPath, list[Node]]  # by each path an expectation may write


def _by_written_path(ctx: Context) -> Indicators:
    """The indicators under each path an expectation may write: the full path
    and the name alone (a top-level indicator's path is its name), so that
    looking one up does not take a walk over the whole tree."""
    found: Indicators = {}
    for node in ctx.nodes:
        found.setdefault((node.name,), []).append(node)
        if node.depth > 1:
            found.setdefault(node.path, []).append(node)
    return found


def _resolve_path(ctx: Context, path: tuple[n.Ident, ...], indicators: Indicators) -> Node | None:
    """The indicator an expectation names, by unique name or by full path."""
    names = tuple(ident.name for ident in path)
    span = path[0].span.cover(path[-1].span)
    matches = indicators.get(names, [])
    if len(matches) == 1:
        return matches[0]
    shown = "/".join(names)
    if matches:
        paths = ", ".join("`" + "/".join(m.path) + "`" for m in matches)
        ctx.report(
            "E707", f"{len(matches)} indicators are named `{shown}`", span,
            notes=[f"they are {paths}"], hint="write the full path of the one you mean",
        )  # fmt: skip
        return None
    candidates = [node.name for node in ctx.nodes] + ["/".join(node.path) for node in ctx.nodes]
    ctx.report(
        "E705", f"there is no indicator `{shown}`", span,
        hint=did_you_mean(shown, candidates) or "name an indicator, or write its path `一级/二级/三级`",
    )  # fmt: skip
    return None
