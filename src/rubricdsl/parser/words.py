"""What the parser expected, and what it met, in words a rubric writer reads.

Lark's terminal names (`LBRACE`, `__ANON_0`, `$END`) never reach a user.
Where the parser would accept many words, they are said as a few groups
("an operator", "the indicator's next item", "the next statement") rather
than a long list cut short.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from lark.lexer import PatternStr

from rubricdsl.parser.grammar import lark_parser

_TYPE_WORDS = "an input type (count, amount, number, percent, yes/no, judged)"
# What a terminal means to someone writing a rubric, in the order lists show them.
_TERMINAL_WORDS = {
    "NAME": "a name", "QUOTED_NAME": "a name", "NUMBER": "a number",
    "STRING": 'a quoted text ("…")', "PERCENT_SIGN": "`%`",
    "ROUND_MODE": "a rounding mode (half-up, half-even, down, …)",
    "POLICY": "a partial-step policy (started, whole or pro-rata)", "FUNC": "a function (abs, min, max)",
    "TYPE_WITH_UNIT": _TYPE_WORDS, "YESNO": _TYPE_WORDS, "PERCENT": _TYPE_WORDS, "JUDGED": _TYPE_WORDS,
    "ARROW": "`→`", "CMP": "a comparison (≥, ≤, >, <, =)", "PLUSMINUS": "`±`", "PLUS": "`+`",
    "MINUS": "`−`", "TIMES": "`×`", "DIVIDE": "`/`", "LPAR": "`(`", "RPAR": "`)`",
    "LBRACKET": "`[`", "RBRACKET": "`]`", "_COMMA": "`,`", "_ENUM": "`、`", "_SEMI": "`;`",
    "_COLON": "`:`", "$END": "the end of the file",
}  # fmt: skip

_STATEMENTS = frozenset(
    {"RUBRIC", "ISSUER", "EFFECTIVE", "TOTAL", "LEVELS", "ROUNDING", "STEPS", "GRADES", "INPUTS", "EXAMPLE"}
)
_ITEMS = ("CRITERION", "EXPLAIN", "LET", "SCORE")  # what an indicator's block holds, besides children
_NAMES = frozenset({"NAME", "QUOTED_NAME"})
_OPERATORS = {"PLUS": "+", "MINUS": "−", "TIMES": "×", "DIVIDE": "/", "PER": "per"}
_MAX_PHRASES = 8


@functools.cache
def _words_of_terminals() -> dict[str, str]:
    words = dict(_TERMINAL_WORDS)
    for term in lark_parser().terminals:
        if term.name not in words and isinstance(term.pattern, PatternStr):
            words[term.name] = f"`{term.pattern.value}`"
    return words


def _grouped(names: frozenset[str]) -> tuple[list[str], frozenset[str], list[str]]:
    """Phrases for the words that read better as a group (to come first, or
    last), and the names left to say one by one."""
    first: list[str] = []
    last: list[str] = []
    operators = [sym for name, sym in _OPERATORS.items() if name in names]
    if len(operators) >= 3:
        names -= _OPERATORS.keys()
        first.append(f"an operator ({' '.join(operators)})")
    if len(names & _STATEMENTS) >= 3:  # between statements, at the top level
        names -= _STATEMENTS | _NAMES | {"LET", "$END"}
        last.append("the next statement")
    if names.issuperset(_ITEMS):  # inside an indicator's block
        names -= {*_ITEMS, *_NAMES, "RBRACE"}
        if names:  # the end of something else, then the block goes on
            last[:0] = ["`}`", "the indicator's next item"]
        else:
            last[:0] = [*(f"`{item.lower()}`" for item in _ITEMS), "a child indicator", "`}`"]
    return first, names, last


def expected_words(expected: Iterable[str]) -> str:
    """`expected A, B or C`'s A, B or C; never more than a few phrases."""
    first, names, last = _grouped(frozenset(expected) - {"COMMENT"})
    words = _words_of_terminals()
    order = list(words)
    singles = sorted(names, key=lambda name: (order.index(name) if name in order else len(order), name))
    phrases = list(dict.fromkeys([*first, *(words.get(n, n.lower()) for n in singles), *last]))
    if len(phrases) > _MAX_PHRASES:
        shown = ", ".join(phrases[: _MAX_PHRASES - 1])
        return f"one of {shown} (and {len(phrases) - _MAX_PHRASES + 1} more)"
    if len(phrases) <= 1:
        return "".join(phrases)
    return ", ".join(phrases[:-1]) + " or " + phrases[-1]


_SHOWN_LENGTH = 24


def shown_token(text: str) -> str:
    """A token as a message quotes it: its first line, cut short if long."""
    first_line = text.split("\n", 1)[0].rstrip("\r")
    if len(first_line) > _SHOWN_LENGTH:
        first_line = first_line[:_SHOWN_LENGTH]
    return first_line + ("…" if first_line != text else "")
