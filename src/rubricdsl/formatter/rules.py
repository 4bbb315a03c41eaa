"""Scoring rules laid out as lines.

A rule stays on one line when it fits; otherwise a band list puts one clause
per line (ending in `;`, which the grammar needs between clauses), a
checklist one item per line with the arrows aligned, and a guarded rule one
branch per line.  Continuation lines are indented two spaces under the line
that opens them.  Every decision depends only on the rule and its
indentation, so formatting twice gives the same text.
"""

from __future__ import annotations

from rubricdsl import nodes as n
from rubricdsl.formatter import words
from rubricdsl.formatter.words import display_width

WIDTH = 100  # display columns a line may take before a rule is broken up
# A step's direction is printed the way its author wrote it: a sign
# (`each +0.1pp`, `each −5%`) or a word (`each 5% below`); both sides is `±`.
STEP_WORDS = {"above": ("", " above"), "below": ("", " below"), "both": ("±", "")}
STEP_SIGNS = {"above": ("+", ""), "below": ("−", ""), "both": ("±", "")}


def score_lines(stmt: n.ScoreStmt, indent: int) -> list[str]:
    """The `score` statement: first line at `indent`, the rest relative to it."""
    rule = stmt.rule
    if isinstance(rule, n.Guarded):
        return ["score:", *_indented(_guarded_lines(rule, indent + 2))]
    prefix = "score " if isinstance(rule, n.Bands) else "score: "
    return _attach(prefix, _simple_lines(rule, WIDTH - indent - len(prefix)))


def _guarded_lines(rule: n.Guarded, indent: int) -> list[str]:
    lines: list[str] = []
    for branch in rule.branches:
        prefix = f"when {words.cond(branch.cond)}: "
        lines += _attach(prefix, _simple_lines(branch.rule, WIDTH - indent - display_width(prefix)))
    lines += _attach("else: ", _simple_lines(rule.otherwise, WIDTH - indent - len("else: ")))
    return lines


def _simple_lines(rule: n.SimpleRule, room: int) -> list[str]:
    """A rule with no guard; the first line must fit in `room` columns if it can."""
    match rule:
        case n.Formula():
            return [words.expr(rule.expr) + words.clamps(rule.clamps)]
        case n.Bands():
            return _band_lines(rule, room)
        case n.Checklist():
            return _checklist_lines(rule, room)


def _band_lines(rule: n.Bands, room: int) -> list[str]:
    head = f"by {words.expr(rule.metric)}:"
    clauses = [clause_text(clause) for clause in rule.clauses]
    clauses[-1] += words.clamps(rule.clamps)
    one_line = f"{head} {'; '.join(clauses)}"
    if display_width(one_line) <= room:
        return [one_line]
    return [head, *(f"  {clause};" for clause in clauses[:-1]), f"  {clauses[-1]}"]


def _checklist_lines(rule: n.Checklist, room: int) -> list[str]:
    items = [(words.name(item.name.name), _item_rest(item)) for item in rule.items]
    tail = "}" + words.clamps(rule.clamps)
    one_line = "checklist { " + "; ".join(f"{name} {rest}" for name, rest in items) + " " + tail
    if not items:
        return ["checklist {" + tail]
    if display_width(one_line) <= room:
        return [one_line]
    width = max(display_width(name) for name, _ in items)
    rows = [name + " " * (width - display_width(name)) + " " + rest for name, rest in items]
    return ["checklist {", *(f"  {row}" for row in rows), tail]


def _item_rest(item: n.CheckItem) -> str:
    rest = f"→ {words.number(item.points)}"
    return f"{rest} {words.quoted(item.text)}" if item.text else rest


def clause_text(clause: n.Band | n.Step) -> str:
    if isinstance(clause, n.Step):
        policy = f"{clause.policy} " if clause.policy else ""
        spelling = STEP_SIGNS if clause.signed else STEP_WORDS
        sign, word = spelling[clause.direction] if clause.direction else ("", "")
        return f"each {policy}{sign}{words.number(clause.size)}{word} → {words.number(clause.delta)}"
    return f"{band_range(clause)} → {words.number(clause.points)}"


def band_range(band: n.Band) -> str:
    """`≥ 80%`, `< 30%`, `= 0`, `[50%, 80%)` or `otherwise`."""
    low, high = band.lower, band.upper
    if low is not None and high is None:
        return ("≥ " if low.closed else "> ") + words.number(low.value)
    if high is not None and low is None:
        return ("≤ " if high.closed else "< ") + words.number(high.value)
    if low is None or high is None:
        return "otherwise"
    if low.closed and high.closed and words.number(low.value) == words.number(high.value):
        return "= " + words.number(low.value)
    opening, closing = "[" if low.closed else "(", "]" if high.closed else ")"
    return f"{opening}{words.number(low.value)}, {words.number(high.value)}{closing}"


def _attach(prefix: str, lines: list[str]) -> list[str]:
    """Put `prefix` before the first line; the others are already indented."""
    return [prefix + lines[0], *lines[1:]]


def _indented(lines: list[str]) -> list[str]:
    return [f"  {line}" for line in lines]
