"""A fast way through Lark's LALR tables for rubrics without syntax errors.

Lark's own loop spends most of its time on things the builder then throws
away: a `Tree` per rule with position metadata propagated through every node,
line and column counting for every token, and a second walk to turn the trees
into AST nodes.  `FastParser` runs the very tables Lark built — the same
per-state lexer regexes (the contextual lexer), the same keyword resolution,
the same LALR actions and the same child shaping (`_inlined` rules spliced,
`?rules` with one child passed through, anonymous tokens dropped) — and calls
the builder's rule method at each reduction, with the span Lark would have
given the node.

It never reports anything: on the first token it cannot take (a syntax
error) it raises `NotFast`, and the caller parses with Lark, whose error
recovery explains the mistakes.  It is only built when Lark's internals look
as expected (`fast_parser` returns None otherwise), and a test checks on
every rubric in the repository that both ways build the same AST.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from typing import Any

from lark import Lark, Token
from lark.grammar import Rule, Terminal
from lark.lexer import (
    AbstractBasicLexer,
    BasicLexer,
    ContextualLexer,
    PatternStr,
    UnlessCallback,
    _create_unless,
)
from lark.parsers.lalr_analysis import Shift

from rubricdsl.parser.grammar import lark_parser
from rubricdsl.source import Span

__all__ = ["FastParser", "NotFast", "fast_parser"]

_INLINE, _PASS_SINGLE, _BUILD = range(3)  # how a rule shapes its node
_PASSES_THROUGH, _ONE_KEPT, _GENERAL = range(3)  # which way the driver reduces it
_NO_SPAN = Span(0, 0)
# Lark's constructor without its check for a deprecated keyword: half the cost.
_token = getattr(Token, "_future_new", Token)


class NotFast(Exception):
    """The text needs Lark's own parser (there is a syntax error to report)."""


# A rule ready to reduce: (its nonterminal, for the goto; the count of symbols
# popped; (index, splice its children) for each symbol kept; its shape; the
# builder method that makes its node; the way the driver reduces it).
_Reduction = tuple[str, int, tuple[tuple[int, bool], ...], int, str, int]


def _reduction(rule: Rule) -> _Reduction:
    if rule.options.keep_all_tokens:
        raise NotFast("rules that keep all tokens are not supported")
    keep = tuple(
        (i, not sym.is_term and sym.name.startswith("_"))
        for i, sym in enumerate(rule.expansion)
        if not (isinstance(sym, Terminal) and sym.filter_out)
    )
    name = rule.alias or rule.options.template_source or rule.origin.name  # as Lark names callbacks
    if rule.origin.name.startswith("_"):  # spliced into its parent, whatever it is called
        shape = _INLINE
    elif rule.options.expand1 and not rule.alias:
        shape = _PASS_SINGLE
    else:
        shape = _BUILD
    if len(rule.expansion) == 1 and keep == ((0, False),):
        mode = _PASSES_THROUGH if shape == _PASS_SINGLE else _ONE_KEPT
    else:
        mode = _GENERAL
    return rule.origin.name, len(rule.expansion), keep, shape, name, mode


# The contextual lexer of one parser state: a regex that skips ignored text and
# matches one of the terminals the state accepts, and for each terminal that
# may spell a keyword, {keyword text: keyword terminal}.
_StateLexer = tuple[Callable[[str, int], Any], Mapping[str, Mapping[str, str]]]  # a match or None


def _state_lexer(lexer: AbstractBasicLexer, skipped: str) -> _StateLexer:
    """The state's terminals in Lark's order, with the keywords a terminal may
    spell folded into it as Lark folds them, compiled once (Lark's own
    scanner, which would be compiled too, is never built)."""
    if not isinstance(lexer, BasicLexer) or lexer.re is not re:
        raise NotFast("a lexer state that is not a basic lexer on the standard regex module")
    flags = lexer.g_regex_flags
    terminals, callbacks = _create_unless(lexer.terminals, flags, lexer.re, lexer.use_bytes)  # type: ignore[no-untyped-call]
    keywords: dict[str, dict[str, str]] = {}
    for terminal, callback in callbacks.items():
        if not isinstance(callback, UnlessCallback):
            raise NotFast("a lexer callback other than keyword resolution")
        words = callback.scanner.terminals
        if not all(isinstance(w.pattern, PatternStr) and not w.pattern.flags for w in words):
            raise NotFast("a keyword that is not a plain string")
        keywords[terminal] = {w.pattern.value: w.name for w in words}
    alternatives = "|".join(f"(?P<{t.name}>{t.pattern.to_regexp()})" for t in terminals)
    # Atomic, so that a comment is never given back to be read as tokens.
    regex = re.compile(f"(?>{skipped})(?:{alternatives})", flags)
    return regex.match, keywords


class _StateLexers(dict[int, _StateLexer]):
    """Each state's lexer, made the first time the state needs one (states
    that accept the same terminals share it), as Lark does."""

    def __init__(self, lexer: ContextualLexer, skipped: str) -> None:
        super().__init__()
        self._lexers = lexer.lexers
        self._skipped = skipped
        self._shared: dict[int, _StateLexer] = {}
        self.failed = False  # set when a state's lexer cannot be made: Lark parses from then on

    def __missing__(self, state: int) -> _StateLexer:
        basic = self._lexers[state]
        made = self._shared.get(id(basic))
        if made is None:
            try:
                made = _state_lexer(basic, self._skipped)
            except (AttributeError, IndexError, KeyError, TypeError, re.error, NotFast) as error:
                self.failed = True  # another Lark: do not try again for every text
                raise NotFast(f"unexpected lexer internals: {error!r}") from error
            self._shared[id(basic)] = made
        self[state] = made
        return made


class FastParser:
    """Lark's LALR tables and contextual lexer, driven without building trees."""

    def __init__(self, lark: Lark) -> None:
        frontend = lark.parser
        lexer, table = frontend.lexer, frontend.parser.parser.parse_table
        if not isinstance(lexer, ContextualLexer) or frontend.lexer_conf.callbacks:
            raise NotFast("not a plain contextual lexer")
        self._start: int = table.start_states["start"]
        self._end: int = table.end_states["start"]
        reductions = {rule: _reduction(rule) for rule in lark.rules}
        # Each state's actions: the next state for a shift (or a goto), the rule for a reduction.
        self._actions: dict[int, dict[str, Any]] = {
            state: {
                symbol: (arg if action is Shift else reductions[arg]) for symbol, (action, arg) in row.items()
            }
            for state, row in table.states.items()
        }
        ignored = "|".join(lark.get_terminal(name).pattern.to_regexp() for name in frontend.lexer_conf.ignore)
        skipped = f"(?:{ignored})*"
        self._skip: Callable[[str, int], Any] = re.compile(skipped).match  # matches even nothing
        self._lexers = _StateLexers(lexer, skipped)
        self._kept = frozenset(
            sym.name
            for rule in lark.rules
            for sym in rule.expansion
            if isinstance(sym, Terminal) and not sym.filter_out
        )

    @property
    def usable(self) -> bool:
        return not self._lexers.failed

    def parse(self, text: str, methods: Mapping[str, Callable[[Span, list[Any]], Any]]) -> tuple[Any, int]:
        """The built file and the tree's height (as the builder counts it), or `NotFast`."""
        actions, lexers, kept, skip = self._actions, self._lexers, self._kept, self._skip
        state, end_state, length = self._start, self._end, len(text)
        # `states` is the LALR stack; `entries` holds, for each of its symbols but
        # the first, (value, start, end, height), with start < 0 for an empty node.
        states: list[int] = [state]
        entries: list[tuple[Any, int, int, int]] = []
        pos = 0
        while True:
            if pos < length:
                match_token, keywords = lexers[state]
                match = match_token(text, pos)
                if match is None:  # only ignored text left, or a character no terminal takes
                    pos = skip(text, pos).end()
                    if pos < length:
                        raise NotFast
                    continue
                kind = match.lastgroup
                start, pos = match.start(kind), match.end()
                words = keywords.get(kind)
                if words is not None:
                    kind = words.get(match.group(kind), kind)
            else:
                kind, start = "$END", length
            while True:
                arg = actions[state].get(kind)
                if arg is None:
                    raise NotFast
                if type(arg) is int:  # shift
                    value = (
                        _token(kind, text[start:pos], start, None, None, None, None, pos)
                        if kind in kept
                        else None
                    )
                    states.append(arg)
                    entries.append((value, start, pos, 1))
                    state = arg
                    break
                origin, size, _keep, shape, method, mode = arg
                if mode == _PASSES_THROUGH:  # `?rule: other`: the node stays as it is
                    del states[-1]
                elif mode == _ONE_KEPT:  # `name: NAME`, `_item: criterion`: no span to work out
                    del states[-1]
                    value, first, last, height = entries[-1]
                    if shape == _INLINE:
                        entries[-1] = ([value], first, last, height)
                    else:
                        span = Span(first, last) if first >= 0 else _NO_SPAN
                        entries[-1] = (methods[method](span, [value]), first, last, height + 1)
                else:
                    popped = entries[-size:] if size else []
                    del states[len(states) - size :], entries[len(entries) - size :]
                    entries.append(_reduced(popped, arg, methods))
                state = actions[states[-1]][origin]  # the goto
                states.append(state)
                if state == end_state and kind == "$END":
                    return entries[-1][0], entries[-1][3]


def _reduced(
    popped: list[tuple[Any, int, int, int]],
    rule: _Reduction,
    methods: Mapping[str, Callable[[Span, list[Any]], Any]],
) -> tuple[Any, int, int, int]:
    """The rule's shaped value for the popped symbols, with its span and height."""
    _origin, _size, keep, shape, method, _mode = rule
    start = end = -1
    height = 1
    for _value, first, last, tall in popped:
        if first >= 0:
            if start < 0:
                start = first
            end = last
        if tall > height:
            height = tall
    if keep and keep[0] == (0, True):  # a list grows by reusing its inlined head
        children = popped[0][0]
        keep = keep[1:]
    else:
        children = []
    for index, splice in keep:
        if splice:
            children.extend(popped[index][0])
        else:
            children.append(popped[index][0])
    if shape == _INLINE:
        return children, start, end, height
    if shape == _PASS_SINGLE and len(children) == 1:
        return children[0], start, end, height
    span = Span(start, end) if start >= 0 else _NO_SPAN
    return methods[method](span, children), start, end, height + 1


@functools.cache
def fast_parser() -> FastParser | None:
    """Built once per process; None when this Lark's internals differ from what it reads.

    The Lark versions the project allows (pyproject) are those the tests have
    run it on, comparing it with Lark's own parser on every rubric they have."""
    try:
        return FastParser(lark_parser())
    except (NotFast, AttributeError, IndexError, KeyError, TypeError, re.error):
        return None
