"""Common slips, recognised where the parser stands when it meets them.

Each mistake is shown by a few wrong examples; the parser state they fail in
(with the tokens it accepts there) is where the mistake can be named.  This
is `UnexpectedInput.match_examples` with `use_accepts`, keyed on the state at
the top of the stack only: Lark compares whole stacks, so there an example
would only match a mistake made at the same depth of nesting.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from lark import UnexpectedInput, UnexpectedToken

from rubricdsl.parser.grammar import lark_parser

_WORD_BEFORE = re.compile(r"(\S+)\s*$")
# `floor 0` or `cap 4` (or a bare `floor`) just before the error, after a
# word that is not a comma.
_CLAMP_BEFORE = re.compile(r"(?:^|[^\s,，])\s+(floor|cap)(?:\s+[-−－]?\s*\d+(?:\.\d+)?)?\s*$")


@dataclass(frozen=True, slots=True)
class Mistake:
    """A common slip: where the parser stands when it happens (shown by
    examples), which tokens reveal it, what to say, and what to put back."""

    message: str  # `{before}`: the word before the token (or the one pointed at); `{token}`: the token
    hint: str
    tokens: frozenset[str]  # the unexpected token types it applies to; empty: any
    insert: tuple[tuple[str, str], ...]  # tokens that repair it, as (type, text)
    examples: tuple[str, ...]
    words: frozenset[str] = frozenset()  # the unexpected token's text must be one of these; empty: any
    points_at: re.Pattern[str] | None = None  # must match the text before; the error points at group 1
    mendable: bool = True  # False: no token put back repairs it, so its block is given up
    as_keyword: bool = False  # once repaired, the token (lexed as a name) is the keyword it spells


_CLAMP_HINT = "a clamp follows the rule after a comma: `3 − 0.5 per 不符合项数, floor 0`"
_EXPR_START = frozenset({"NUMBER", "NAME", "QUOTED_NAME", "LPAR", "FUNC", "MINUS"})
_BAND_START = frozenset({"CMP", "LPAR", "LBRACKET", "OTHERWISE", "EACH"})

MISTAKES: tuple[Mistake, ...] = (
    # Without its comma, `floor 0` reads as a child indicator named `floor`:
    # first, so that it is not taken for an indicator missing its `{`.
    Mistake(
        "expected `,` before `{before}`", _CLAMP_HINT,
        frozenset(), (),
        ("a 1 { score: 1 floor 0 }", "a 1 { score: 1 floor }", "a 1 { score: 1 floor 0 score: 1 }",
         "a 1 { score: when x: 1 floor 0 else: 0 }"),
        points_at=_CLAMP_BEFORE, mendable=False,
    ),
    Mistake(
        "expected `,` before `{token}`", _CLAMP_HINT,
        frozenset({"NAME", "FLOOR", "CAP"}), (("_COMMA", ","),),
        ("a 1 { score: when x: 1 floor 0 else: 0 }", "a 1 { score: when x: 1 else: 0 cap 1 }",
         "a 1 { score: (1 floor 0) }"),
        words=frozenset({"floor", "cap"}), as_keyword=True,
    ),
    Mistake(
        "`{before}` has no weight", "write its weight (分值) after the name: `准确性 3 { … }`",
        frozenset({"LBRACE"}), (("NUMBER", "0"),), ("a {", "a 1 { b { } }"),
    ),
    Mistake(
        "expected `{` after the indicator's weight", "open the indicator's block: `准确性 3 { … }`",
        frozenset({"NAME", "QUOTED_NAME", "SCORE", "CRITERION", "EXPLAIN", "LET"}), (("LBRACE", "{"),),
        ("a 1 b 1 { }", "a 1 { b 1 c 1 { } } }"),
    ),
    Mistake(
        "expected `→` before the band's points", "write the points after an arrow: `≥ 80% → 3`",
        frozenset({"NUMBER", "MINUS"}), (("ARROW", "→"),),
        ("a 1 { score by x: ≥ 1 1 }", "a 1 { score by x: ≥ 1% 1 }", "a 1 { score by x: [1, 2) 1 }",
         "a 1 { score by x: otherwise 1 }", "a 1 { score by x: ≥ 1 → 1; each 1 1 }",
         "a 1 { score by x: ≥ 1 → 1; each 1% 1 }", "a 1 { score by x: ≥ 1 → 1; each 1pp 1 }",
         "a 1 { score by x: ≥ 1 → 1; each 1 above 1 }"),
    ),
    Mistake(
        "bands are separated by `;`, not `,`", "write `;` between bands; a `,` starts `floor` or `cap`",
        _BAND_START, (), ("a 1 { score by x: ≥ 1 → 1, < 1 → 0 }",),
    ),
    Mistake(
        "expected `;` between bands", "separate the bands with `;`: `≥ 80% → 3; < 80% → 0`",
        _BAND_START, (("_SEMI", ";"),),
        ("a 1 { score by x: ≥ 1 → 1 < 1 → 0 }", "a 1 { score by x: ≥ 1 → -1 < 1 → 0 }"),
    ),
    Mistake(
        "expected `:` after `score`", "write `score: FORMULA`, or `score by METRIC: BANDS`",
        _EXPR_START | {"CHECKLIST", "WHEN"}, (("_COLON", ":"),), ("a 1 { score 1 }",),
    ),
    Mistake(
        "expected `:` after the metric", "write `score by METRIC: BANDS`, e.g. `score by 满意度: ≥ 90% → 4`",
        frozenset({"CMP", "LBRACKET", "OTHERWISE"}), (("_COLON", ":"),), ("a 1 { score by x ≥ 1 → 1 }",),
    ),
    Mistake(
        "expected `:` after the condition", "write `when CONDITION: RULE`, e.g. `when 预算数 = 0: 0`",
        _EXPR_START | {"BY", "CHECKLIST"}, (("_COLON", ":"),),
        ("a 1 { score: when x = 0 1 else: 2 }", "a 1 { score: when x = 0% 1 else: 2 }",
         "a 1 { score: when x = y 1 else: 2 }", "a 1 { score: when x 1 else: 2 }",
         "a 1 { score: when x = 0 and y 1 else: 2 }", "a 1 { score: when x: 1 else 2 }"),
    ),
    Mistake(
        "`{before}` needs a number", "write the bound: `floor 0` (扣完为止) or `cap 4`",
        frozenset({"RBRACE", "_SEMI", "_COMMA", "NAME", "SCORE", "CRITERION", "EXPLAIN", "LET"}),
        (("NUMBER", "0"),), ("a 1 { score: 1, floor }", "a 1 { score: 1, cap }"), points_at=_WORD_BEFORE,
    ),
    Mistake(
        "expected `=` after the name in `let`", "define it as `let 名称 = 表达式`",
        _EXPR_START, (("CMP", "="),), ("let x 1", "a 1 { let x 1 }"),
    ),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Slip:
    """A mistake found at an error: what to say, and where (relative to the
    end of the text before the token, when it points before the token)."""

    mistake: Mistake
    message: str
    points_back: tuple[int, int] | None  # (start, end) as offsets from the end of that text


_StateKey = tuple[object, frozenset[str]]


def _state_key(error: UnexpectedToken) -> _StateKey:
    return error.state.position, frozenset(error.accepts or ())


@functools.cache
def _mistakes_by_state() -> dict[_StateKey, list[Mistake]]:
    """The parser state (and accepted tokens) each mistake's examples fail in."""
    table: dict[_StateKey, list[Mistake]] = {}
    for mistake in MISTAKES:
        for example in mistake.examples:
            try:
                lark_parser().parse(example)
            except UnexpectedToken as error:
                table.setdefault(_state_key(error), []).append(mistake)
            except UnexpectedInput:
                continue
    return table


def find_slip(error: UnexpectedToken, before: str) -> Slip | None:
    """The named mistake that explains `error`, given the text `before` it."""
    if error.state is None:
        return None
    for mistake in _mistakes_by_state().get(_state_key(error), []):
        if mistake.tokens and error.token.type not in mistake.tokens:
            continue
        if mistake.words and str(error.token) not in mistake.words:
            continue
        found = (mistake.points_at or _WORD_BEFORE).search(before)
        if mistake.points_at is not None and found is None:
            continue
        word = found.group(1) if found else ""
        message = mistake.message.replace("{before}", word).replace("{token}", str(error.token))
        back = (len(before) - found.start(1), len(before) - found.end(1)) if found else None
        return Slip(mistake, message, back if mistake.points_at is not None else None)
    return None
