"""Getting the parser going again after a syntax error.

In order of preference: put back a token that was left out (when that lets
the next few tokens parse), drop a stray token (likewise), or give up the
innermost open block: the parser goes back to just after its `{` and reads
on from its `}`, as if the block had held only what came before the error.
Outside any block, the statement is given up instead, up to the next line
that starts one.  Giving up, rather than dropping tokens one at a time until
something fits, keeps one mistake from turning valid lines after it into
false errors.  Both need the braces to pair up; when they do not, Lark drops
tokens and the reporting holds back until the parser has found its feet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from lark import Token, UnexpectedCharacters, UnexpectedInput
from lark.lexer import LexerState
from lark.parsers.lalr_interactive_parser import InteractiveParser

from rubricdsl.parser.braces import Braces
from rubricdsl.source import Source

# Tokens worth trying to put back, with the text they stand for.
FILLERS: tuple[tuple[tuple[str, str], ...], ...] = tuple(
    ((kind, text),)
    for kind, text in (
        ("_COLON", ":"), ("_SEMI", ";"), ("ARROW", "→"), ("NUMBER", "0"),
        ("RPAR", ")"), ("RBRACKET", "]"), ("LBRACE", "{"),
    )
)  # fmt: skip
_LOOKAHEAD = 3  # tokens after the error that must parse for a repair to count
# A line that starts a statement: a keyword, or an indicator's `名称 分值 {`.
_STATEMENT_START = re.compile(
    r"^[ \t\u3000]*(?P<word>"
    r"(?:rubric|issuer|effective|total|levels|rounding|steps|grades|inputs|let|example)\b"
    r"|[^\s\"{}#]+[ \t]+\d+(?:\.\d+)?[ \t]*\{)",
    re.M,
)

Insert = tuple[tuple[str, str], ...]


def _feed(parser: InteractiveParser, insert: Iterable[tuple[str, str]], token: Token | None) -> None:
    for kind, text in insert:
        parser.feed_token(Token.new_borrow_pos(kind, text, token) if token else Token(kind, text))
    if token is not None:
        parser.feed_token(token)


def _parses_on(parser: InteractiveParser, insert: Insert, token: Token | None) -> bool:
    """Whether, with `insert` put back, `token` (None: dropped) and a few
    tokens after it parse.  A bad character among them is another error,
    unless the token is dropped: then nothing shows the parser is back on track."""
    trial: InteractiveParser = parser.copy(deepcopy_values=False)  # type: ignore[no-untyped-call]
    try:
        _feed(trial, insert, token)
        following_tokens = trial.lexer_thread.lex(trial.parser_state)  # type: ignore[no-untyped-call]
        for count, following in enumerate(following_tokens):
            if count >= _LOOKAHEAD:
                break
            trial.feed_token(following)
    except UnexpectedCharacters:
        return token is not None
    except UnexpectedInput:
        return False
    return True


def put_back(parser: InteractiveParser, token: Token, choices: Sequence[Insert]) -> bool:
    """Put back the first of `choices` that lets parsing go on."""
    for insert in choices:
        if _parses_on(parser, insert, token):
            _feed(parser, insert, token)
            return True
    return False


def drops_cleanly(parser: InteractiveParser) -> bool:
    """Whether the tokens after the failed one parse without it (Lark then drops it)."""
    return _parses_on(parser, (), None)


def give_up_block(parser: InteractiveParser, at: int, braces: Braces, source: Source) -> int | None:
    """Leave the innermost open block whose `}` comes at or after `at`: the
    parser returns to the state just after its `{`, the lexer moves to its
    `}`.  Returns the offset of that `}`, or None outside any block."""
    state, lexer = parser.parser_state, parser.lexer_thread.state
    if lexer is None:
        return None
    for index in range(len(state.value_stack) - 1, -1, -1):
        value = state.value_stack[index]
        if not isinstance(value, Token) or value.type != "LBRACE" or value.start_pos is None:
            continue
        closing = braces.closing.get(value.start_pos)  # None for a `{` put back by a repair
        if closing is not None and closing >= at:
            del state.value_stack[index + 1 :]
            del state.state_stack[index + 2 :]  # one state more than values: the start state
            _move_lexer(lexer, source, closing)
            return closing
    return None


def give_up_statement(parser: InteractiveParser, token: Token, braces: Braces, source: Source) -> None:
    """Leave the top-level statement that `token` failed in: the parser
    returns to where the last complete statement ended, the lexer moves to
    the next line that starts a statement outside any block (or to the end)."""
    state, lexer = parser.parser_state, parser.lexer_thread.state
    between = _last_statement_end(parser)
    del state.state_stack[between + 1 :]
    del state.value_stack[between:]
    start = token.start_pos or 0
    # Read the token again if it starts a statement; else it would fail again.
    at = start if _parses_on(parser, (), token) else start + len(token)
    if lexer is not None:
        _move_lexer(lexer, source, _next_statement(source.text, at, braces))


def _last_statement_end(parser: InteractiveParser) -> int:
    """How much of the state stack holds complete statements: the deepest
    state from which a new statement can start (tried, since LALR states
    merged from several places accept more than they can continue with)."""
    for depth in range(len(parser.parser_state.state_stack) - 1, 0, -1):
        trial: InteractiveParser = parser.copy(deepcopy_values=False)  # type: ignore[no-untyped-call]
        del trial.parser_state.state_stack[depth + 1 :]
        del trial.parser_state.value_stack[depth:]
        try:
            trial.feed_token(Token("EXAMPLE", "example"))
        except UnexpectedInput:
            continue
        return depth
    return 0


def _next_statement(text: str, at: int, braces: Braces) -> int:
    line_start = text.rfind("\n", 0, at) + 1
    for match in _STATEMENT_START.finditer(text, line_start):
        word = match.start("word")
        if word >= at and not braces.in_block(word):
            return word
    return len(text)


def _move_lexer(lexer: LexerState, source: Source, offset: int) -> None:
    """Have the lexer read on from `offset` (forward or back)."""
    counter = lexer.line_ctr
    line, column = source.line_col(offset)
    counter.char_pos, counter.line, counter.column = offset, line, column
    counter.line_start_pos = offset - column + 1
