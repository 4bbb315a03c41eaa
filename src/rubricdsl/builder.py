"""Grammar rules → AST (`rubricdsl.nodes`), with a span on every node.

Each method of `_Builder` turns one grammar rule into one node, given the
rule's span and its built children: the fast parser calls it at each
reduction (`build_while_parsing`); with a Lark the fast parser does not
know, a walk of Lark's tree calls it (`build`).  Problems
the grammar cannot express (an operator spelled wrong for its role, a step
whose sign and direction word disagree) become diagnostics here; the build
carries on so that one run reports them all.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar, cast

from lark import Token, Tree
from lark.tree import Meta

from rubricdsl import codes
from rubricdsl import nodes as n
from rubricdsl.diagnostics import Diagnostic
from rubricdsl.errors import InternalError
from rubricdsl.nesting import MAX_EXPRESSION_DEPTH, MAX_INDICATOR_DEPTH, nesting_diagnostic
from rubricdsl.source import Source, Span

if TYPE_CHECKING:
    from rubricdsl.parser.fast import FastParser

T = TypeVar("T")

_COMPARE = {
    "≤": "<=", "<=": "<=", "≥": ">=", ">=": ">=", "<": "<", ">": ">",
    "=": "=", "＝": "=", "≠": "!=", "!=": "!=",
}  # fmt: skip
_BINARY = {"+": "+", "＋": "+", "-": "-", "−": "-", "－": "-", "×": "*", "*": "*", "/": "/", "÷": "/"}
_ESCAPES = {"n": "\n", "t": "\t", "\\": "\\", '"': '"', "`": "`"}
_ESCAPE_RE = re.compile(r"\\(.)", re.S)
_COMMENT_RE = re.compile(r'"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)+`|(?:#|//)[^\n]*', re.S)


def unescape(body: str) -> str:
    r"""Escapes are \n, \t, \\, \" and \`; any other backslash stands for itself."""
    return _ESCAPE_RE.sub(lambda m: _ESCAPES.get(m.group(1), m.group(0)), body)


def _span(meta: Meta) -> Span:
    if getattr(meta, "empty", True):
        return Span(0, 0)
    return Span(meta.start_pos, meta.end_pos)


def _tok_span(tok: Token) -> Span:
    start = tok.start_pos or 0
    return Span(start, tok.end_pos if tok.end_pos is not None else start + len(tok))


def scan_comments(text: str) -> tuple[n.Comment, ...]:
    """Comments are ignored by the grammar; find them again, skipping strings."""
    found = []
    for match in _COMMENT_RE.finditer(text):
        if match.group().startswith(("#", "//")):
            found.append(n.Comment(match.group().rstrip(), Span(match.start(), match.end())))
    return tuple(found)


class _MethodTable(dict[str, Any]):
    """A rule's method, looked up once per rule name rather than per node."""

    def __init__(self, builder: _Builder) -> None:
        super().__init__()
        self._builder = builder

    def __missing__(self, rule: str) -> Any:
        method = self[rule] = getattr(self._builder, str(rule))
        return method


class _Builder:
    """Bottom-up: each rule's method gets its span and its already-built children.

    It holds no table of its own methods (`_MethodTable` refers to it), so
    that nothing here is a reference cycle: the AST is freed as soon as it
    is dropped, without waiting for the cycle collector.
    """

    def __init__(self, source: Source) -> None:
        self.source = source
        self.diagnostics: list[Diagnostic] = []

    def _error(self, code: str, message: str, span: Span, hint: str | None = None) -> None:
        self.diagnostics.append(codes.make(code, message, span, self.source, hint=hint))

    def _compare_op(self, tok: Token, allowed: tuple[str, ...], role: str) -> n.CompareOp:
        op = cast(n.CompareOp, _COMPARE[str(tok)])
        if op not in allowed:
            spelled = " or ".join(f"`{a.replace('>=', '≥')}`" for a in allowed)
            self._error("E004", f"`{tok}` is not allowed in {role}", _tok_span(tok), f"use {spelled}")
        return op

    # ------------------------------------------------------------ names, literals
    def name(self, span: Span, children: list[Token]) -> n.Ident:
        tok = children[0]
        text = unescape(str(tok)[1:-1]) if tok.type == "QUOTED_NAME" else str(tok)
        return n.Ident(text, span)

    def literal(self, span: Span, children: list[Token]) -> n.Num:
        text = str(children[0])
        if len(children) > 1:
            return n.Num(Decimal(text) / 100, "percent", text, span)
        return n.Num(Decimal(text), "plain", text, span)

    def pp_literal(self, span: Span, children: list[Token]) -> n.Num:
        text = str(children[0])
        return n.Num(Decimal(text) / 100, "pp", text, span)

    def _signed(self, span: Span, children: list[Any], num: n.Num) -> n.Num:
        if len(children) == 1 or children[0].type == "PLUS":  # `+2` is 2, as in `→ +2`
            return num
        return n.Num(-num.value, num.kind, "-" + num.text, span)

    def signed_literal(self, span: Span, children: list[Any]) -> n.Num:
        return self._signed(span, children, children[-1])

    def signed_number(self, span: Span, children: list[Any]) -> n.Num:
        tok = children[-1]
        return self._signed(span, children, n.Num(Decimal(str(tok)), "plain", str(tok), _tok_span(tok)))

    def _text(self, tok: Token) -> n.Text:
        return n.Text(unescape(str(tok)[1:-1]), _tok_span(tok))

    # ------------------------------------------------------------ expressions
    def ref(self, span: Span, children: list[n.Ident]) -> n.Ref:
        return n.Ref(children[0].name, children[0].span)

    def binary(self, span: Span, children: list[Any]) -> n.Binary:
        left, op, right = children
        return n.Binary(cast(n.BinaryOp, _BINARY[str(op)]), left, right, span)

    def per(self, span: Span, children: list[Any]) -> n.Per:
        return n.Per(children[0], children[1], span)

    def negate(self, span: Span, children: list[Any]) -> n.Negate:
        return n.Negate(children[1], span)

    def call(self, span: Span, children: list[Any]) -> n.Call:
        func = cast(n.FuncName, str(children[0]))
        args = tuple(c for c in children[1:] if not isinstance(c, Token))
        return n.Call(func, args, span)

    def group(self, span: Span, children: list[Any]) -> n.Group:
        inner = [c for c in children if not isinstance(c, Token)]
        return n.Group(inner[0], tuple(inner[1:]), span)

    def floor_clamp(self, span: Span, children: list[n.Num]) -> n.Clamp:
        return n.Clamp("floor", children[0], span)

    def cap_clamp(self, span: Span, children: list[n.Num]) -> n.Clamp:
        return n.Clamp("cap", children[0], span)

    # ------------------------------------------------------------ conditions
    def compare_cond(self, span: Span, children: list[Any]) -> n.Compare:
        left, op, right = children
        return n.Compare(cast(n.CompareOp, _COMPARE[str(op)]), left, right, span)

    def truth_cond(self, span: Span, children: list[Any]) -> n.Truth:
        return n.Truth(children[0], span)

    def not_cond(self, span: Span, children: list[Any]) -> n.Not:
        return n.Not(children[0], span)

    def and_cond(self, span: Span, children: list[Any]) -> n.BoolOp:
        return n.BoolOp("and", children[0], children[1], span)

    def or_cond(self, span: Span, children: list[Any]) -> n.BoolOp:
        return n.BoolOp("or", children[0], children[1], span)

    # ------------------------------------------------------------ bands and steps
    def compare_band(self, span: Span, children: list[Any]) -> n.Band:
        op_tok, value, _arrow, points = children
        op = self._compare_op(op_tok, ("<", "<=", ">", ">=", "="), "a band")
        lower = n.Bound(value, op != ">") if op in (">", ">=", "=") else None
        upper = n.Bound(value, op != "<") if op in ("<", "<=", "=") else None
        return n.Band(lower, upper, points, False, span)

    def interval_band(self, span: Span, children: list[Any]) -> n.Band:
        open_tok, low, high, close_tok, _arrow, points = children
        lower = n.Bound(low, str(open_tok) in "[［")
        upper = n.Bound(high, str(close_tok) in "]］")
        return n.Band(lower, upper, points, False, span)

    def otherwise_band(self, span: Span, children: list[Any]) -> n.Band:
        return n.Band(None, None, children[-1], True, span)

    def above(self, span: Span, children: list[Any]) -> str:
        return "above"

    def below(self, span: Span, children: list[Any]) -> str:
        return "below"

    def step_size(self, span: Span, children: list[Any]) -> tuple[n.Num, n.StepDirection | None, bool]:
        sign = next((str(c) for c in children if isinstance(c, Token)), None)
        size = next(c for c in children if isinstance(c, n.Num))
        word = next((c for c in children if isinstance(c, str) and not isinstance(c, Token)), None)
        from_sign: n.StepDirection | None = {
            "+": "above", "＋": "above", "-": "below", "−": "below", "－": "below",
        }.get(sign or "", "both" if sign else None)  # type: ignore[assignment]
        if from_sign and word and from_sign != word:
            self._error(
                "E005", f"the step says `{sign}` but also `{word}`", span,
                "write the direction once: a sign (+, −, ±) or a word (above, below)",
            )
        return size, cast(n.StepDirection | None, word or from_sign), word is None and sign is not None

    def step_band(self, span: Span, children: list[Any]) -> n.Step:
        policy = next((str(c) for c in children if isinstance(c, Token) and c.type == "POLICY"), None)
        size, direction, signed = next(c for c in children if isinstance(c, tuple))
        policy_word = cast(n.StepPolicy | None, policy)
        return n.Step(size, direction, policy_word, children[-1], span, signed)

    # ------------------------------------------------------------ rules
    @staticmethod
    def _split_clamps(children: Sequence[Any]) -> tuple[list[Any], tuple[n.Clamp, ...]]:
        body = [c for c in children if not isinstance(c, n.Clamp | Token)]
        return body, tuple(c for c in children if isinstance(c, n.Clamp))

    def formula_rule(self, span: Span, children: list[Any]) -> n.Formula:
        body, clamps = self._split_clamps(children)
        return n.Formula(body[0], clamps, span)

    def check_item(self, span: Span, children: list[Any]) -> n.CheckItem:
        ident, _arrow, points, *text = children
        label = self._text(text[0]) if text else None
        return n.CheckItem(n.Ref(ident.name, ident.span), points, label, span)

    def checklist_rule(self, span: Span, children: list[Any]) -> n.Checklist:
        body, clamps = self._split_clamps(children)
        return n.Checklist(tuple(body), clamps, span)

    def band_rule(self, span: Span, children: list[Any]) -> n.Bands:
        body, clamps = self._split_clamps(children)
        return n.Bands(body[0], tuple(body[1:]), clamps, span)

    def when_branch(self, span: Span, children: list[Any]) -> n.WhenBranch:
        return n.WhenBranch(children[0], children[1], span)

    def guarded_rule(self, span: Span, children: list[Any]) -> n.Guarded:
        return n.Guarded(tuple(children[:-1]), children[-1], span)

    def score_stmt(self, span: Span, children: list[Any]) -> n.ScoreStmt:
        return n.ScoreStmt(children[0], span)

    # ------------------------------------------------------------ inputs
    def measured_type(self, span: Span, children: list[Token]) -> tuple[str, str | None, None]:
        kind, _, unit = str(children[0]).partition(" ")
        return kind, (unit.strip() or None), None

    def percent_type(self, span: Span, children: list[Any]) -> tuple[str, None, None]:
        return "percent", None, None

    def yesno_type(self, span: Span, children: list[Any]) -> tuple[str, None, None]:
        return "yesno", None, None

    def judged_type(self, span: Span, children: list[n.Num]) -> tuple[str, None, tuple[n.Num, n.Num]]:
        return "judged", None, (children[0], children[1])

    def constraint(self, span: Span, children: list[Any]) -> n.Constraint:
        op = self._compare_op(children[0], ("<", "<=", ">", ">="), "an input constraint")
        return n.Constraint(op, children[1], span)

    def input_decl(self, span: Span, children: list[Any]) -> n.InputDecl:
        ident, (kind, unit, judged) = children[0], children[1]
        constraints = tuple(c for c in children[2:] if isinstance(c, n.Constraint))
        desc = next((self._text(c) for c in children[2:] if isinstance(c, Token)), None)
        return n.InputDecl(ident, kind, unit, judged, constraints, desc, span)

    def inputs_decl(self, span: Span, children: list[n.InputDecl]) -> tuple[str, list[n.InputDecl]]:
        return "inputs", children

    # ------------------------------------------------------------ indicators
    def let_decl(self, span: Span, children: list[Any]) -> n.LetDecl:
        self._compare_op(children[1], ("=",), "a `let` definition")
        return n.LetDecl(children[0], children[2], span)

    def criterion(self, span: Span, children: list[Token]) -> tuple[str, n.Text]:
        return "criterion", self._text(children[0])

    def explain(self, span: Span, children: list[Token]) -> tuple[str, n.Text]:
        return "explain", self._text(children[0])

    def indicator(self, span: Span, children: list[Any]) -> n.Indicator:
        ident, weight_tok, *items = children
        weight = n.Num(Decimal(str(weight_tok)), "plain", str(weight_tok), _tok_span(weight_tok))
        found: dict[str, Any] = {}
        duplicates: list[Span] = []
        lets, kids = [], []
        for item in items:
            if isinstance(item, n.LetDecl):
                lets.append(item)
            elif isinstance(item, n.Indicator):
                kids.append(item)
            else:
                key, value = ("score", item) if isinstance(item, n.ScoreStmt) else item
                if key in found:
                    duplicates.append(value.span)
                else:
                    found[key] = value
        return n.Indicator(
            ident, weight, found.get("criterion"), found.get("explain"), tuple(lets),
            found.get("score"), tuple(kids), span, tuple(duplicates),
        )  # fmt: skip

    # ------------------------------------------------------------ examples
    def value(self, span: Span, children: list[Any]) -> n.Value:
        item = children[0]
        if isinstance(item, n.Ident):
            return n.Value(None, item.name, False, span)
        return n.Value(item, None, item.value < 0, span)

    def assignment(self, span: Span, children: list[Any]) -> n.Assignment:
        return n.Assignment(children[0], children[1], span)

    def given(self, span: Span, children: list[n.Assignment]) -> tuple[str, tuple[n.Assignment, ...]]:
        return "given", tuple(children)

    def expect_total(self, span: Span, children: list[Any]) -> n.Expectation:
        self._compare_op(children[0], ("=",), "an expectation")
        return n.Expectation("total", (), children[1], span)

    def expect_grade(self, span: Span, children: list[Any]) -> n.Expectation:
        self._compare_op(children[0], ("=",), "an expectation")
        word = children[1]
        return n.Expectation("grade", (), n.Value(None, word.name, False, word.span), span)

    def expect_score(self, span: Span, children: list[Any]) -> n.Expectation:
        path = tuple(c for c in children if isinstance(c, n.Ident))
        op = next(c for c in children if isinstance(c, Token) and c.type == "CMP")
        self._compare_op(op, ("=",), "an expectation")
        return n.Expectation("score", path, children[-1], span)

    def expect(self, span: Span, children: list[n.Expectation]) -> tuple[str, tuple[n.Expectation, ...]]:
        return "expect", tuple(children)

    def example(self, span: Span, children: list[Any]) -> n.Example:
        texts = [self._text(c) for c in children if isinstance(c, Token)]
        parts: dict[str, Any] = dict(c for c in children if isinstance(c, tuple))
        return n.Example(
            texts[0], texts[1] if len(texts) > 1 else None,
            parts.get("given", ()), parts.get("expect", ()), span,
        )  # fmt: skip

    # ------------------------------------------------------------ header
    def rubric_decl(self, span: Span, children: list[Token]) -> tuple[str, Any]:
        texts = [self._text(c) for c in children]
        return "rubric", (texts[0], texts[1] if len(texts) > 1 else None, span)

    def _header(self, key: str, span: Span, value: Any) -> tuple[str, Any]:
        return key, (value, span)

    def issuer_decl(self, span: Span, children: list[Token]) -> tuple[str, Any]:
        return self._header("issuer", span, self._text(children[0]))

    def effective_decl(self, span: Span, children: list[Token]) -> tuple[str, Any]:
        return self._header("effective", span, self._text(children[0]))

    def total_decl(self, span: Span, children: list[Token]) -> tuple[str, Any]:
        tok = children[0]
        return self._header("total", span, n.Num(Decimal(str(tok)), "plain", str(tok), _tok_span(tok)))

    def levels_decl(self, span: Span, children: list[n.Ident]) -> tuple[str, Any]:
        return self._header("levels", span, tuple(children))

    def rounding_decl(self, span: Span, children: list[Token]) -> tuple[str, Any]:
        quantum, mode = children
        num = n.Num(Decimal(str(quantum)), "plain", str(quantum), _tok_span(quantum))
        rounding = n.Rounding(num, cast(n.RoundingMode, str(mode)), span)
        return self._header("rounding", span, rounding)

    def steps_decl(self, span: Span, children: list[Token]) -> tuple[str, Any]:
        return self._header("steps", span, str(children[0]))

    def grade_at_least(self, span: Span, children: list[Any]) -> n.Grade:
        ident, op_tok, threshold = children
        op = self._compare_op(op_tok, (">=", ">"), "a grade")
        return n.Grade(ident, threshold, op == ">", span)

    def grade_otherwise(self, span: Span, children: list[Any]) -> n.Grade:
        return n.Grade(children[0], None, False, span)

    def grades_decl(self, span: Span, children: list[n.Grade]) -> tuple[str, Any]:
        return self._header("grades", span, tuple(children))

    # ------------------------------------------------------------ the file
    def start(self, span: Span, children: list[Any]) -> n.RubricFile:
        first: dict[str, Any] = {}
        headers: list[n.Header] = []
        inputs: list[n.InputDecl] = []
        lets, indicators, examples = [], [], []
        for item in children:
            if isinstance(item, n.LetDecl):
                lets.append(item)
            elif isinstance(item, n.Indicator):
                indicators.append(item)
            elif isinstance(item, n.Example):
                examples.append(item)
            elif item[0] == "inputs":
                inputs.extend(item[1])
            else:
                key, value = item
                headers.append(n.Header(key, value[-1]))
                first.setdefault(key, value)
        title, version, _ = first.get("rubric", (None, None, None))
        text = self.source.text
        return n.RubricFile(
            title=title,
            version=version,
            issuer=first.get("issuer", (None,))[0],
            effective=first.get("effective", (None,))[0],
            total=first.get("total", (None,))[0],
            levels=first.get("levels", ((),))[0],
            rounding=first.get("rounding", (None,))[0],
            step_policy=first.get("steps", (None,))[0],
            grades=first.get("grades", ((),))[0],
            inputs=tuple(inputs),
            lets=tuple(lets),
            indicators=tuple(indicators),
            examples=tuple(examples),
            headers=tuple(headers),
            comments=scan_comments(text),
            span=Span(0, len(text)),
        )


class _TreeWalk:
    """Builds the AST from a tree Lark made, bottom-up, calling the builder's
    method for each rule; `height` ends as the tree's (a token counts as one level).

    The walk is our own rather than Lark's `Transformer`, whose per-call method
    wrapping costs more than building the nodes; it falls back to explicit
    stacks past the interpreter's recursion limit, so deep nesting cannot
    exhaust the stack.
    """

    def __init__(self, builder: _Builder) -> None:
        self._builder = builder
        self._methods = _MethodTable(builder)
        self.height = 0

    def transform(self, tree: Tree[Token]) -> Any:
        """Recursion is the fastest walk in Python; a tree too deep for the
        interpreter's stack is built again without it."""
        try:
            return self._built(tree, 1)
        except RecursionError:
            self._builder.diagnostics.clear()
            return self._transform_deep(tree)

    def _built(self, tree: Tree[Token], depth: int) -> Any:
        """Build `tree` at `depth`; `height` ends as the deepest level, tokens included."""
        if depth >= self.height:
            self.height = depth + 1
        children = [self._built(c, depth + 1) if isinstance(c, Tree) else c for c in tree.children]
        return self._methods[tree.data](_span(tree.meta), children)

    def _transform_deep(self, tree: Tree[Token]) -> Any:
        """Post-order with explicit stacks: `pending` holds trees still to
        build (with their count of subtrees once those are scheduled), `built`
        the finished nodes with their heights, in source order."""
        pending: list[tuple[Tree[Token], int]] = [(tree, -1)]
        built: list[tuple[Any, int]] = []
        while pending:
            subtree, subtrees = pending.pop()
            if subtrees < 0:
                kids = [c for c in subtree.children if isinstance(c, Tree)]
                pending.append((subtree, len(kids)))
                pending.extend((kid, -1) for kid in reversed(kids))
            else:
                built.append(self._build_one(subtree, built, subtrees))
        node, self.height = built[0]
        return node

    def _build_one(
        self, subtree: Tree[Token], built: list[tuple[Any, int]], subtrees: int
    ) -> tuple[Any, int]:
        """Build `subtree` from its finished subtrees, the last `subtrees` of `built`."""
        done = iter(built[len(built) - subtrees :])
        del built[len(built) - subtrees :]
        children: list[Any] = []
        height = 1  # a token child
        for child in subtree.children:
            if isinstance(child, Tree):
                node, child_height = next(done)
                children.append(node)
                height = max(height, child_height)
            else:
                children.append(child)
        return self._methods[subtree.data](_span(subtree.meta), children), height + 1


def build(tree: Tree[Token], source: Source) -> tuple[n.RubricFile, list[Diagnostic]]:
    """The AST of a tree Lark built."""
    builder = _Builder(source)
    walk = _TreeWalk(builder)
    return _finished(builder, _building(lambda: walk.transform(tree)), walk.height, source)


def build_while_parsing(parser: FastParser, source: Source) -> tuple[n.RubricFile, list[Diagnostic]]:
    """The AST built reduction by reduction; `NotFast` at a syntax error."""
    builder = _Builder(source)
    file, height = _building(lambda: parser.parse(source.text, _MethodTable(builder)))
    return _finished(builder, file, height, source)


def _building(run: Callable[[], T]) -> T:
    try:
        return run()
    except (AttributeError, TypeError, ValueError, IndexError, StopIteration) as error:
        # A method above disagrees with the grammar: a bug, not the user's input.
        raise InternalError(f"building the syntax tree failed: {error!r}") from error


def _finished(
    builder: _Builder, file: n.RubricFile, height: int, source: Source
) -> tuple[n.RubricFile, list[Diagnostic]]:
    # Each indicator and expression node comes from its own tree node or token,
    # so a tree this shallow cannot nest past a limit: skip the full walk.
    shallow = height <= min(MAX_INDICATOR_DEPTH, MAX_EXPRESSION_DEPTH)
    too_deep = None if shallow else nesting_diagnostic(file, source)
    return file, builder.diagnostics + ([too_deep] if too_deep else [])
