"""The whole scorer module: prelude, tables, one function per leaf, the driver.

Layout of the generated source (see `prelude.py` for the shared part):
`_run(record)` reads and checks the inputs, then scores every leaf under the
private decimal context and returns (inputs, rounded leaves, total, grade);
`_scores(leaves)` sums them into every indicator's score; `_explain(inputs)`
re-runs the leaves with tracing, only when a trace is asked for.

A leaf function takes its inputs as `_in_0`, `_in_1`, … in first-use order.
Leaves that differ only in their constants, sites and let names share one
function (see `Cells`): each other leaf is that very function, or a copy of
it with its own values as defaults (`_leaf_like`).  Large rubrics repeat a
few rule shapes many times, and each shape is compiled once.
"""

from __future__ import annotations

import functools
import importlib.resources
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import PurePath

from rubricdsl import ir
from rubricdsl.compiler.emit import INDENT, Block, Cells, Tables, literal, literal_or_none, table
from rubricdsl.compiler.inputs import read_input
from rubricdsl.compiler.leaf import Binder
from rubricdsl.compiler.rules import RuleWriter

_MARKER = "# BEGIN PRELUDE\n"
# Beyond this many inputs, the prelude's `_read_inputs` reads them all in one loop rather
# than inline fast paths: the generated module stays small enough to compile quickly.
INLINE_READING_LIMIT = 500
_TERMS_PER_LINE = 50  # a longer chain of `+` nests too deep for Python's compiler
_ROUNDING_NAMES = {
    "half-up": "_ROUND_HALF_UP", "half-even": "_ROUND_HALF_EVEN", "half-down": "_ROUND_HALF_DOWN",
    "ceiling": "_ROUND_CEILING", "floor": "_ROUND_FLOOR", "up": "_ROUND_UP", "down": "_ROUND_DOWN",
}  # fmt: skip
_HEADER = '''"""A compiled scorer for one rubric, written by rubricdsl (`rubric compile --to python`).

It needs only the Python standard library.  `score(record)` takes a mapping of
input names to values and returns {"total", "grade", "scores"} with every score
as exact decimal text; a bad record raises ValueError naming the input, the
value and the indicator.  `explain(record)` tells what applied in each leaf.
`RUBRIC` holds the rubric's title, version and source file name.

Generated code: change the rubric and compile it again rather than editing this.
"""

from __future__ import annotations
'''


@functools.cache
def prelude() -> str:
    text = importlib.resources.files("rubricdsl.compiler").joinpath("prelude.py").read_text("utf-8")
    return text[text.index(_MARKER) + len(_MARKER) :]


def indicator_keys(nodes: Sequence[ir.Indicator]) -> list[str]:
    """Each indicator's output key, in walk order (`RubricIR.walk`): its name if unique, else its path."""
    counts: dict[str, int] = {}
    for node in nodes:
        counts[node.name] = counts.get(node.name, 0) + 1
    return [node.name if counts[node.name] == 1 else "/".join(node.path) for node in nodes]


class ModuleWriter:
    def __init__(self, rubric: ir.RubricIR) -> None:
        self.rubric = rubric
        self.tables = Tables()
        self.input_index = {spec.name: i for i, spec in enumerate(rubric.inputs)}
        self.nodes = rubric.walk()  # every indicator, parents first
        self.leaves = [node for node in self.nodes if node.is_leaf]
        self.keys = indicator_keys(self.nodes)

    def source(self, with_explain: bool = True) -> str:
        """The module; without `explain`, `explain_source()` adds it later to the same namespace."""
        functions = [
            *self.leaf_functions(tracing=False),
            self.run_function(),
            self.scores_function(),
            self.grade_function(),
        ]
        if with_explain:
            functions += self.explain_functions()
        parts = [
            _HEADER,
            prelude(),
            "\n# ---------------------------------------------------------------- this rubric\n",
            self.metadata(),
            "\n".join(self.tables.constant_lines()),
            "\n".join(self.input_table()),
            "\n".join(self.tables.table_lines()),
            *functions,
        ]
        return _joined(parts)

    def explain_source(self) -> str:
        """The traced leaves and `_explain`, with any constants they add, for an executed module."""
        known = self.tables.constant_count()
        functions = self.explain_functions()
        new_constants = list(self.tables.constant_lines(start=known))
        return _joined(["\n".join(new_constants), "\n".join(self.tables.table_lines()), *functions])

    def explain_functions(self) -> list[str]:
        return [*self.leaf_functions(tracing=True), self.explain_function()]

    def metadata(self) -> str:
        rubric = self.rubric
        fields = {
            "title": literal(rubric.title),
            "version": literal_or_none(rubric.version),
            "source": literal(PurePath(rubric.source).name),
            "total": literal(str(rubric.total)),
        }
        body = "".join(f"{INDENT}{literal(k)}: {v},\n" for k, v in fields.items())
        return "RUBRIC = {\n" + body + "}"

    def input_table(self) -> Iterable[str]:
        users: dict[str, list[str]] = {spec.name: [] for spec in self.rubric.inputs}
        for node, key in zip(self.nodes, self.keys, strict=True):
            for name in node.inputs:
                users[name].append(key)
        rows = [
            [spec.name, spec.type, spec.unit, _decimal_text(spec.minimum), spec.minimum_closed,
             _decimal_text(spec.maximum), spec.maximum_closed, users[spec.name]]
            for spec in self.rubric.inputs
        ]  # fmt: skip
        yield f"_INPUTS = {table(rows)}"
        yield f"_KEYS = {table(self.keys)}"
        yield f"_IS_LEAF = {table(n.is_leaf for n in self.nodes)}"

    # ------------------------------------------------------------ leaves
    def leaf_functions(self, tracing: bool) -> list[str]:
        """A function for each shape of leaf, then the leaves that share one, a line each."""
        prefix = "_explain" if tracing else "_leaf"
        cells = [Cells() for _ in self.leaves]
        shapes: dict[tuple[str, str], list[int]] = {}  # (parameters, body) → its leaves
        for k, leaf in enumerate(self.leaves):
            inputs, code = self.leaf_body(leaf, tracing, cells[k])
            shapes.setdefault((", ".join([*inputs, *cells[k].names]), code), []).append(k)
        functions: list[str] = []
        copies: list[str] = []
        for first, *others in shapes.values():
            kept = cells[first].varying(cells[k] for k in others)
            model = f"{prefix}_{first}"
            functions.append(self.shape_function(model, self.leaves[first], tracing, kept))
            defaults = cells[first].values(kept.values())
            for k in others:
                values = cells[k].values(kept.values())
                name = f"{prefix}_{k}"
                arguments = ", ".join([repr(name), model, *values])
                copies.append(f"{name} = {model if values == defaults else f'_leaf_like({arguments})'}")
        return [*functions, "\n".join(copies)]

    def shape_function(
        self, name: str, leaf: ir.Indicator, tracing: bool, kept: Mapping[tuple[str, str], str]
    ) -> str:
        """A shape's function, written from its first leaf: only the `kept` cells stay parameters."""
        inputs, code = self.leaf_body(leaf, tracing, lambda value, kind: kept.get((kind, value), value))
        defaults = [f"{cell}={value}" for (_kind, value), cell in kept.items()]
        return f"def {name}({', '.join([*inputs, *defaults])}):\n{code}"

    def leaf_body(self, leaf: ir.Indicator, tracing: bool, bind: Binder) -> tuple[list[str], str]:
        """The parameters for the leaf's inputs, and the body of its function."""
        variables = {name: f"_in_{i}" for i, name in enumerate(leaf.inputs)}
        where = "/".join(leaf.path)
        writer = RuleWriter(self.tables, where, self.input_index, variables, leaf.lets, tracing, bind)
        body = Block(1)
        if tracing:
            body.line("_f = {}")
            body.line("_f_lets = _f['lets'] = {}")
        if leaf.rule is None:
            body.line("_s = _ZERO")
        else:
            writer.rule(leaf.rule, body)
        rounded = self.rounded_score
        if tracing:
            body.line("_f['clamped'] = _s")
            body.line(f"_f['score'] = {rounded}")
            body.line("return _f")
        else:
            body.line(f"return {rounded}")
        return list(variables.values()), "\n".join(body.lines)

    @functools.cached_property
    def rounded_score(self) -> str:
        """A leaf's score `_s`, rounded as the rubric says."""
        rounding = self.rubric.rounding
        if rounding is None:
            return "_s"
        mode = _ROUNDING_NAMES[rounding.mode]
        quantum = self.tables.const(rounding.quantum)
        if rounding.quantum.as_tuple().digits == (1,):  # written as a power of ten: 0.01, 0.1, 1
            return f"_s.quantize({quantum}, {mode})"
        return f"(_s / {quantum}).quantize(_ONE, {mode}) * {quantum}"  # a multiple of 0.5, 0.25, …

    # ------------------------------------------------------------ driver
    def leaf_call(self, k: int, leaf: ir.Indicator, prefix: str = "_leaf") -> str:
        args = ", ".join(f"_in_{self.input_index[name]}" for name in leaf.inputs)
        return f"{prefix}_{k}({args})"

    def run_function(self) -> str:
        """`_run(record)`: read and check the inputs, then score under the private context."""
        inline = len(self.rubric.inputs) <= INLINE_READING_LIMIT
        values = _tuple_text(f"_in_{i}" for i in range(len(self.rubric.inputs)))
        body = Block(1)
        body.line("if type(record) is not dict and not isinstance(record, _Mapping):")
        body.line("    _not_a_record(record)")
        if inline:
            body.line("_get = record.get")
            body.nest("try:", self.reading_block())
        else:  # one loop over the input table: far less code to compile than a call per input
            body.line("try:")
            body.line("    _values = _read_inputs(record)")
        body.line("except _ERROR:")
        body.line("    _unknown_inputs(record)  # a misspelt name explains a missing one")
        body.line("    raise")
        if not inline:
            body.line(f"{values} = _values")
        body.line(f"if len(record) > {len(self.rubric.inputs)}:")
        body.line("    _unknown_inputs(record)")
        body.line("_saved = _getcontext()")
        body.line("_setcontext(_CTX)")
        body.nest("try:", self.scoring_block())
        body.line("except _DecimalException as _error:")
        body.line("    _arithmetic(_error)")
        body.line("finally:")
        body.line("    _setcontext(_saved)")
        leaves = _tuple_text(f"_s_{k}" for k in range(len(self.leaves)))
        body.line(f"return {values if inline else '_values'}, {leaves}, _total, _grade(_total)")
        return "def _run(record):\n" + "\n".join(body.lines)

    def reading_block(self) -> Block:
        reading = Block(2)
        for index, spec in enumerate(self.rubric.inputs):
            read_input(index, spec, self.tables, reading)
        return reading

    def scoring_block(self) -> Block:
        scoring = Block(2)
        self.constraint_checks(scoring)
        for k, leaf in enumerate(self.leaves):
            scoring.line(f"_s_{k} = {self.leaf_call(k, leaf)}")
        _sum_lines(scoring, "_total", [f"_s_{k}" for k in range(len(self.leaves))])
        return scoring

    def constraint_checks(self, block: Block) -> None:
        variables = {name: f"_in_{i}" for name, i in self.input_index.items()}
        for index, spec in enumerate(self.rubric.inputs):
            for constraint in spec.constraints:
                if isinstance(constraint.bound, ir.Const | ir.Neg):
                    continue  # folded into the input's minimum and maximum
                writer = RuleWriter(self.tables, f"input {spec.name}", self.input_index, variables)
                bound = writer.expr(constraint.bound, block)
                others = writer.indices(writer.inputs_of(constraint.bound))
                site = self.tables.constraint(index, constraint.text, others)
                values = "".join(f"_in_{i}, " for i in (index, *others))
                block.line(f"if not (_in_{index} {constraint.op} {bound}):")
                block.line(f"    _broken({site}, ({values}))")

    def scores_function(self) -> str:
        leaf_vars = iter(f"_s_{k}" for k in range(len(self.leaves)))
        var = {id(n): next(leaf_vars) if n.is_leaf else f"_x_{i}" for i, n in enumerate(self.nodes)}
        inner = Block(2)
        if self.leaves:
            inner.line(f"{_tuple_text(f'_s_{k}' for k in range(len(self.leaves)))} = leaves")
        for node in reversed(self.nodes):
            if not node.is_leaf:
                _sum_lines(inner, var[id(node)], [var[id(child)] for child in node.children])
        inner.line(f"return {_tuple_text(var.values())}")
        return "def _scores(leaves):\n" + _in_context(inner)

    def explain_function(self) -> str:
        inner = Block(2)
        if self.rubric.inputs:
            inner.line(f"{_tuple_text(f'_in_{i}' for i in range(len(self.rubric.inputs)))} = values")
        calls = (self.leaf_call(k, leaf, "_explain") for k, leaf in enumerate(self.leaves))
        inner.line(f"return {_tuple_text(calls)}")
        return "def _explain(values):\n" + _in_context(inner)

    def grade_function(self) -> str:
        body = Block(1)
        fallback = "None"
        for grade in self.rubric.grades:
            if grade.threshold is None:
                fallback = literal(grade.name)
                continue
            body.line(f"if total {'>' if grade.strict else '>='} {self.tables.const(grade.threshold)}:")
            body.line(f"    return {literal(grade.name)}")
        body.line(f"return {fallback}")
        return "def _grade(total):\n" + "\n".join(body.lines)


def _joined(parts: list[str]) -> str:
    return "\n\n\n".join(part.rstrip("\n") for part in parts if part) + "\n"


def _decimal_text(value: Decimal | None) -> str | None:
    """A bound in the input table: text, made a Decimal only when a value is checked slowly."""
    return None if value is None else str(value)



def _sum_lines(block: Block, target: str, terms: list[str]) -> None:
    """`target = a + b + …`, a few dozen terms per statement."""
    block.line(f"{target} = " + (" + ".join(terms[:_TERMS_PER_LINE]) or "_ZERO"))
    for start in range(_TERMS_PER_LINE, len(terms), _TERMS_PER_LINE):
        block.line(f"{target} += " + " + ".join(terms[start : start + _TERMS_PER_LINE]))


def _in_context(inner: Block) -> str:
    """A function body that runs `inner` under the private decimal context."""
    lines = [f"{INDENT}_saved = _getcontext()", f"{INDENT}_setcontext(_CTX)", f"{INDENT}try:"]
    lines.extend(inner.lines)
    lines.extend([f"{INDENT}finally:", f"{INDENT}{INDENT}_setcontext(_saved)"])
    return "\n".join(lines)


def _tuple_text(items: Iterable[str]) -> str:
    parts = list(items)
    return "(" + ", ".join(parts) + ("," if len(parts) == 1 else "") + ")"


def to_python(rubric: ir.RubricIR) -> str:
    """The source of a standalone scorer module for a checked rubric."""
    return ModuleWriter(rubric).source()
