"""Passes over worked examples: names, bases, given values and expectations."""

from __future__ import annotations

from decimal import Decimal

from rubricdsl import nodes as n
from rubricdsl.checker.context import Context, Node, did_you_mean
from rubricdsl.checker.domains import input_domains
from rubricdsl.checker.intervals import Interval, format_interval
from rubricdsl.diagnostics import Label

# The words a yes/no input may be given as (numbers 1 and 0 are accepted too).
YES_NO_WORDS = frozenset({"是", "否", "yes", "no", "true", "false"})


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


def check_example_bases(ctx: Context) -> None:
    """E702, E709: `from` names another example, without going round in a circle."""
    by_name = {example.name.value: example for example in ctx.file.examples}
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


def check_example_given(ctx: Context) -> None:
    """E701, E703, E706: given values name inputs and fit their types."""
    domains = input_domains(ctx.inputs)
    for example in ctx.file.examples:
        for assignment in example.given:
            decl = ctx.inputs.get(assignment.name.name)
            if decl is None:
                _report_unknown_input(ctx, assignment)
                continue
            problem = _type_problem(decl, assignment.value)
            if problem is not None:
                ctx.report(
                    "E703", f"`{decl.name.name}` is {problem}", assignment.value.span,
                    labels=[Label(decl.name.span, "declared here")], hint=_value_hint(decl),
                )  # fmt: skip
            elif decl.kind != "yesno":
                _check_in_domain(ctx, decl, assignment.value, domains.values[decl.name.name])


def _check_in_domain(ctx: Context, decl: n.InputDecl, value: n.Value, domain: Interval) -> None:
    if domain.contains(_number(value)):
        return
    shown = format_interval(domain, percent=decl.kind == "percent")
    ctx.report(
        "E706", f"{ctx.source.snippet(value.span)} is outside the values `{decl.name.name}` can take",
        value.span, labels=[Label(decl.name.span, "declared here")],
        notes=[f"`{decl.name.name}` takes values in {shown}"], hint="give a value the declaration allows",
    )  # fmt: skip


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


def check_example_expect(ctx: Context) -> None:
    """E703, E704, E705, E707: expectations name real grades and indicators."""
    for example in ctx.file.examples:
        for expectation in example.expect:
            if expectation.target == "grade":
                _check_expected_grade(ctx, expectation.value)
                continue
            if expectation.target == "score":
                _resolve_path(ctx, expectation.path)
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


def _resolve_path(ctx: Context, path: tuple[n.Ident, ...]) -> Node | None:
    """The indicator an expectation names, by unique name or by full path."""
    names = tuple(ident.name for ident in path)
    span = path[0].span.cover(path[-1].span)
    by_name = len(names) == 1
    matches = [node for node in ctx.nodes if node.path == names or (by_name and node.name == names[0])]
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
