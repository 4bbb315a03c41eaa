"""The AST as a tree of units, in the canonical order of statements.

A file prints its header (rubric, issuer, effective, total, levels,
rounding, steps, grades), then `inputs`, the top-level lets, the indicators
and the examples; an indicator prints `criterion`, `explain`, its lets, its
`score`, then its children.  A statement written twice (which the checker
reports) is kept next to the first one, so formatting never drops text.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TypeVar

from rubricdsl import nodes as n
from rubricdsl.errors import InternalError
from rubricdsl.formatter import rules, words
from rubricdsl.formatter.comments import Scanner
from rubricdsl.formatter.tree import Unit, leaf, line
from rubricdsl.formatter.words import display_width
from rubricdsl.source import Source, Span

HEADER_ORDER = ("rubric", "issuer", "effective", "total", "levels", "rounding", "steps", "grades")
_BODY_ORDER = ("criterion", "explain", "let", "score")
T = TypeVar("T")


def file_unit(file: n.RubricFile, scanner: Scanner) -> Unit:
    """The whole file: a block with neither an opening line nor a closing brace."""
    lets = [_let_unit(let) for let in file.lets]
    inputs = [_inputs_unit(file.inputs, scanner)] if file.inputs else []
    blocks = [indicator_unit(ind, scanner) for ind in file.indicators]
    examples = [_example_unit(example, scanner) for example in file.examples]
    for unit in [*inputs, *lets[:1], *blocks, *examples[:1]]:
        unit.section = True  # a blank line before each part and each top-level block
    for before, unit in itertools.pairwise(examples):
        unit.section = not (before.keep_folded and unit.keep_folded)  # one-line examples form a table
    return Unit(file.span, children=[*_header_units(file, scanner), *inputs, *lets, *blocks, *examples])


# ---------------------------------------------------------------- header


def _header_units(file: n.RubricFile, scanner: Scanner) -> list[Unit]:
    units = []
    for keyword in HEADER_ORDER:
        written = [h for h in file.headers if h.keyword == keyword]
        for i, header in enumerate(written):
            # A repeated statement is not in the file's fields: read it again.
            holder = file if i == 0 else _reparse(scanner.text, header.span)
            units.append(_header_unit(keyword, holder, header.span))
    return units


def _header_unit(keyword: str, file: n.RubricFile, span: Span) -> Unit:
    if keyword == "grades":
        items = [(grade.span, _grade_text(grade)) for grade in file.grades]
        return _list_block("grades", items, "; ", span)
    return line(span, _header_text(keyword, file))


def _header_text(keyword: str, file: n.RubricFile) -> str:
    match keyword:
        case "rubric":
            version = f" version {words.quoted(file.version)}" if file.version else ""
            return f"rubric {words.quoted(_present(file.title))}{version}"
        case "issuer" | "effective":
            return f"{keyword} {words.quoted(_present(getattr(file, keyword)))}"
        case "total":
            return f"total {words.number(_present(file.total))}"
        case "levels":
            return "levels " + ", ".join(words.name(level.name) for level in file.levels)
        case "rounding":
            rounding = _present(file.rounding)
            return f"rounding {words.number(rounding.quantum)} {rounding.mode}"
        case _:
            return f"steps {file.step_policy}"


def _grade_text(grade: n.Grade) -> str:
    if grade.threshold is None:
        return f"{words.name(grade.name.name)} otherwise"
    return f"{words.name(grade.name.name)} {'>' if grade.strict else '≥'} {words.number(grade.threshold)}"


# ---------------------------------------------------------------- inputs and lets


def _inputs_unit(inputs: Sequence[n.InputDecl], scanner: Scanner) -> Unit:
    """One `inputs` block in three columns aligned by display width: name, type, description."""
    rows = [(words.name(decl.name.name), _input_type(decl), _description(decl)) for decl in inputs]
    name_width = max(display_width(name) for name, _, _ in rows)
    type_width = max((display_width(kind) for _, kind, text in rows if text), default=0)
    children = []
    for decl, (name, kind, text) in zip(inputs, rows, strict=True):
        row = _pad(name, name_width) + (_pad(kind, type_width) + text if text else kind)
        children.append(line(decl.span, row))
    span = scanner.block_span("inputs", [decl.span for decl in inputs])
    return Unit(span, head="inputs {", children=children, section=True)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text) + 2)


def _input_type(decl: n.InputDecl) -> str:
    """The type with its unit or bounds, then its constraints: `amount 万元 > 0`."""
    if decl.kind == "yesno":
        kind = "yes/no"
    elif decl.judged_range is not None:
        kind = f"judged {words.number(decl.judged_range[0])}..{words.number(decl.judged_range[1])}"
    else:
        kind = f"{decl.kind} {decl.unit}" if decl.unit else decl.kind
    constraints = (f" {words.COMPARE[c.op]} {words.expr(c.bound)}" for c in decl.constraints)
    return kind + "".join(constraints)


def _description(decl: n.InputDecl) -> str:
    return words.quoted(decl.description) if decl.description else ""


def _let_unit(let: n.LetDecl) -> Unit:
    return line(let.span, f"let {words.name(let.name.name)} = {words.expr(let.expr)}")


# ---------------------------------------------------------------- indicators


def indicator_unit(ind: n.Indicator, scanner: Scanner) -> Unit:
    head = f"{words.name(ind.name.name)} {words.number(ind.weight)} {{"
    texts = (("criterion", ind.criterion), ("explain", ind.explain))
    body = [(keyword, _text_unit(keyword, text, scanner)) for keyword, text in texts if text]
    body += [("let", _let_unit(let)) for let in ind.lets]
    body += [("score", _score_unit(ind.score))] if ind.score else []
    body += [_duplicate_unit(span, scanner) for span in ind.duplicates]
    body.sort(key=lambda item: _BODY_ORDER.index(item[0]))  # stable: a repeat follows the first
    children = [indicator_unit(child, scanner) for child in ind.children]
    return Unit(ind.span, head=head, children=[unit for _, unit in body] + children)


def _text_unit(keyword: str, text: n.Text, scanner: Scanner) -> Unit:
    start = scanner.word_before(text.span.start, keyword)
    span = Span(text.span.start if start is None else start, text.span.end)
    return line(span, f"{keyword} {words.quoted(text)}")


def _score_unit(stmt: n.ScoreStmt) -> Unit:
    return leaf(stmt.span, lambda indent: rules.score_lines(stmt, indent))


def _duplicate_unit(span: Span, scanner: Scanner) -> tuple[str, Unit]:
    """A second `criterion`, `explain` or `score` in one block, read again alone."""
    if not scanner.text.startswith('"', span.start):
        indicator = _reparse(scanner.text, span, "_ 0 {", " }").indicators[0]
        return "score", _score_unit(_present(indicator.score))
    keyword = "criterion" if scanner.word_before(span.start, "criterion") is not None else "explain"
    start = scanner.word_before(span.start, keyword)
    statement = Span(span.start if start is None else start, span.end)
    indicator = _reparse(scanner.text, statement, "_ 0 {", " }").indicators[0]
    return keyword, _text_unit(keyword, _present(getattr(indicator, keyword)), scanner)


# ---------------------------------------------------------------- examples


def _example_unit(example: n.Example, scanner: Scanner) -> Unit:
    base = f" from {words.quoted(example.base)}" if example.base else ""
    children = []
    if example.given:
        items = [(a.span, f"{words.name(a.name.name)}: {words.value(a.value)}") for a in example.given]
        children.append(_list_block("given", items, ", ", scanner.block_span("given", _spans(items))))
    if example.expect:
        items = [(e.span, _expectation_text(e)) for e in example.expect]
        children.append(_list_block("expect", items, "; ", scanner.block_span("expect", _spans(items))))
    head = f"example {words.quoted(example.name)}{base} {{"
    # An example written on one line stays on one line: a run of short
    # examples reads best as a table.
    folded = " ".join([head, *(child.folded or "" for child in children)]) + (" }" if children else "}")
    on_one_line = scanner.same_line(example.span.start, example.span.end)
    return Unit(example.span, head=head, children=children, folded=folded, keep_folded=on_one_line)


def _expectation_text(item: n.Expectation) -> str:
    path = "/".join(words.name(part.name) for part in item.path)
    return f"{path if item.target == 'score' else item.target} = {words.value(item.value)}"


def _spans(items: list[tuple[Span, str]]) -> list[Span]:
    return [span for span, _ in items]


def _list_block(keyword: str, items: list[tuple[Span, str]], separator: str, span: Span | None) -> Unit:
    """`keyword { a; b }` on one line when it fits, else one item per line."""
    texts = [text for _, text in items]
    folded = f"{keyword} {{ {separator.join(texts)} }}" if texts else f"{keyword} {{}}"
    children = [line(item_span, text) for item_span, text in items]
    return Unit(span, head=f"{keyword} {{", children=children, folded=folded, fill=separator.strip())


# ---------------------------------------------------------------- helpers


def _reparse(text: str, span: Span, before: str = "", after: str = "") -> n.RubricFile:
    """Parse one statement alone, padded so that its spans are those of the file."""
    from rubricdsl.parser import parse

    padded = before + " " * (span.start - len(before)) + text[span.start : span.end] + after
    file = parse(Source("<statement>", padded)).file
    if file is None:
        raise InternalError(f"a statement that parsed in its file did not parse alone: {padded!r}")
    return file


def _present(value: T | None) -> T:
    if value is None:
        raise InternalError("a statement was parsed without its value")
    return value
