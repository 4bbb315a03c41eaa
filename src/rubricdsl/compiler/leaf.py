"""One leaf's rule → the body of a straight-line `Decimal` function.

Expressions become Python expressions over mangled names; whatever must
happen before an expression (a `let` computed where it is first needed, a
divisor checked for zero) becomes a statement in the current block.  A `let`
is computed only on the paths that use it, so a guard protects a division.
With `tracing`, the same code also records what applied into a dict `_f`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal

from rubricdsl import ir
from rubricdsl.compiler import text
from rubricdsl.compiler.emit import Block, Tables, literal, unbound
from rubricdsl.errors import InternalError

Binder = Callable[[str, str], str]  # (value's source text, kind) → the name the code uses
_PY_COMPARE = {"<": "<", "<=": "<=", ">": ">", ">=": ">=", "=": "==", "!=": "!="}
_PY_BINARY = {"+": "+", "-": "-", "*": "*"}


class ExprWriter:
    """Expressions and conditions of one scope (a leaf, or an input constraint).

    `variables` names the variable holding each input the scope reads;
    `bind` turns a leaf's own values (constants, sites, let names) into its
    cells, and leaves them as they are elsewhere.
    """

    def __init__(
        self,
        tables: Tables,
        where: str,
        input_index: Mapping[str, int],
        variables: Mapping[str, str],
        lets: Sequence[ir.LetDef] = (),
        tracing: bool = False,
        bind: Binder = unbound,
    ) -> None:
        self.tables = tables
        self.where = where
        self.input_index = input_index
        self.variables = variables
        self.lets = {let.name: (k, let) for k, let in enumerate(lets)}
        self.tracing = tracing
        self.bind = bind
        self._temps = itertools.count()

    def temp(self) -> str:
        return f"_t_{next(self._temps)}"

    def input_var(self, name: str) -> str:
        if name not in self.variables:
            raise InternalError(f"{self.where}: `{name}` is not an input of this scope")
        return self.variables[name]

    def const(self, value: Decimal) -> str:
        """The name holding a constant: a module constant, or the leaf's cell for it."""
        return self.bind(self.tables.const(value), "constant")

    def site(self, table: str, row: int) -> str:
        """A row of a message table (`_DIVISIONS`, `_BANDS`), or the leaf's cell for it."""
        return self.bind(str(row), table)

    # ------------------------------------------------------------ expressions
    def expr(self, node: ir.Expr, block: Block) -> str:
        if isinstance(node, ir.Const):
            return self.const(node.value)
        if isinstance(node, ir.InputRef):
            return self.input_var(node.name)
        if isinstance(node, ir.LetRef):
            return self.let(node.name, block)
        if isinstance(node, ir.Neg):
            return f"(-{self.expr(node.operand, block)})"
        if isinstance(node, ir.PerOp):
            return f"({self.expr(node.points, block)} * {self.expr(node.count, block)})"
        if isinstance(node, ir.CallOp):
            args = ", ".join(self.expr(arg, block) for arg in node.args)
            return f"abs({args})" if node.func == "abs" else f"{node.func}({args})"
        if isinstance(node, ir.Clamped):
            return self.clamped(node, block)
        if node.op == "/":
            return self.division(node, block)
        return f"({self.expr(node.left, block)} {_PY_BINARY[node.op]} {self.expr(node.right, block)})"

    def clamped(self, node: ir.Clamped, block: Block) -> str:
        value = self.expr(node.inner, block)
        for clamp in node.clamps:
            func = "max" if clamp.kind == "floor" else "min"
            value = f"{func}({value}, {self.const(clamp.bound)})"
        return value

    def division(self, node: ir.BinOp, block: Block) -> str:
        left = self.expr(node.left, block)
        if isinstance(node.right, ir.Const) and node.right.value != 0:
            return f"({left} / {self.const(node.right.value)})"
        divisor = self.expr(node.right, block)
        if not divisor.isidentifier():
            name = self.temp()
            block.line(f"{name} = {divisor}")
            divisor = name
        inputs = self.inputs_of(node.right)
        site = self.tables.division(self.where, text.expr(node.right), self.indices(inputs))
        values = "".join(f"{self.input_var(name)}, " for name in inputs)
        block.line(f"if not {divisor}:")
        block.line(f"    _zero_division({self.site('divisions', site)}, ({values}))")
        return f"({left} / {divisor})"

    def let(self, name: str, block: Block) -> str:
        if name in block.computed:
            return block.computed[name]
        k, definition = self.lets[name]
        value = self.expr(definition.expr, block)
        var = f"_let_{k}"
        block.line(f"{var} = {value}")
        if self.tracing:
            block.line(f"_f_lets[{self.bind(literal(name), 'let name')}] = {var}")
        block.computed[name] = var
        return var

    def indices(self, names: Sequence[str]) -> tuple[int, ...]:
        """Positions of inputs in the rubric's declarations, as the message tables hold them."""
        return tuple(self.input_index[name] for name in names)

    def inputs_of(self, node: ir.Expr) -> tuple[str, ...]:
        """The inputs an expression reads, through its lets, in first-use order."""
        found: dict[str, None] = {}
        stack: list[ir.Expr] = [node]
        while stack:
            item = stack.pop()
            if isinstance(item, ir.InputRef):
                found.setdefault(item.name)
            elif isinstance(item, ir.LetRef):
                stack.append(self.lets[item.name][1].expr)
            else:
                stack.extend(reversed(_operands(item)))
        return tuple(found)

    # ------------------------------------------------------------ conditions
    def cond(self, node: ir.Cond, block: Block) -> str:
        if isinstance(node, ir.Compare):
            left, right = self.expr(node.left, block), self.expr(node.right, block)
            return f"({left} {_PY_COMPARE[node.op]} {right})"
        if isinstance(node, ir.Truth):
            return self.expr(node.expr, block)
        if isinstance(node, ir.NotCond):
            return f"(not {self.cond(node.operand, block)})"
        return self.short_circuit(node, block)

    def short_circuit(self, node: ir.BoolCond, block: Block) -> str:
        """`a and b`: b's statements (lets, divisor checks) run only when it is reached."""
        left = self.cond(node.left, block)
        inner = block.child()
        right = self.cond(node.right, inner)
        if not inner.lines:
            return f"({left} {node.kind} {right})"
        var = self.temp()
        block.line(f"{var} = {left}")
        inner.line(f"{var} = {right}")
        block.nest(f"if {var}:" if node.kind == "and" else f"if not {var}:", inner)
        return var


def _operands(node: ir.Expr) -> list[ir.Expr]:
    if isinstance(node, ir.Neg):
        return [node.operand]
    if isinstance(node, ir.BinOp):
        return [node.left, node.right]
    if isinstance(node, ir.PerOp):
        return [node.points, node.count]
    if isinstance(node, ir.CallOp):
        return list(node.args)
    if isinstance(node, ir.Clamped):
        return [node.inner]
    return []
