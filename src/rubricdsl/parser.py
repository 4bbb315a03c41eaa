"""Text → Lark tree → AST, with syntax errors turned into diagnostics.

The LALR parser is built once per process (and cached on disk by Lark).
Users never see Lark's terminal names: `_expected_words` says what was
expected in words, and common mistakes (a weight or a `{` left out, `,`
between bands, a stray `}`) are recognised from examples and named.

After an error the parser recovers, so that one run reports every mistake it
can tell apart: a left-out token is put back when that lets the next tokens
parse, a stray one is dropped, and errors that merely echo an earlier one
(tokens failing one after another, more on the line of an unrepaired error,
an early end of file that the braces do not explain) are not reported.
"""

from __future__ import annotations

import difflib
import functools
import importlib.resources
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lark import Lark, Token, UnexpectedCharacters, UnexpectedInput, UnexpectedToken
from lark.lexer import PatternStr
from lark.parsers.lalr_interactive_parser import InteractiveParser

from rubricdsl import codes
from rubricdsl.diagnostics import Diagnostic, Label
from rubricdsl.nodes import RubricFile
from rubricdsl.source import Source, Span

MAX_SYNTAX_ERRORS = 20

_TYPE_WORDS = "an input type (count, amount, number, percent, yes/no, judged)"
# What a terminal means to someone writing a rubric.
_TERMINAL_WORDS = {
    "NAME": "a name", "QUOTED_NAME": "a name", "NUMBER": "a number",
    "STRING": 'a quoted text ("…")', "PERCENT_SIGN": "`%`",
    "ROUND_MODE": "a rounding mode (half-up, half-even, down, …)",
    "POLICY": "a partial-step policy (started, whole or pro-rata)", "FUNC": "abs, min or max",
    "TYPE_WITH_UNIT": _TYPE_WORDS, "YESNO": _TYPE_WORDS, "PERCENT": _TYPE_WORDS, "JUDGED": _TYPE_WORDS,
    "ARROW": "`→`", "CMP": "a comparison (≥, ≤, >, <, =)", "PLUSMINUS": "`±`", "PLUS": "`+`",
    "MINUS": "`−`", "TIMES": "`×`", "DIVIDE": "`/`", "LPAR": "`(`", "RPAR": "`)`",
    "LBRACKET": "`[`", "RBRACKET": "`]`", "_COMMA": "`,`", "_ENUM": "`、`", "_SEMI": "`;`",
    "_COLON": "`:`", "$END": "the end of the file",
}  # fmt: skip
_KEYWORDS = ("score", "criterion", "explain", "let", "checklist", "otherwise", "each", "when", "else")


def _grammar_text() -> str:
    """The grammar shipped in the wheel, or the repository's copy in a checkout."""
    packaged = importlib.resources.files("rubricdsl").joinpath("grammar/rubric.lark")
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    checkout = Path(__file__).resolve().parents[2] / "grammar" / "rubric.lark"
    return checkout.read_text(encoding="utf-8")


@functools.cache
def lark_parser() -> Lark:
    return Lark(
        _grammar_text(),
        parser="lalr",
        lexer="contextual",
        propagate_positions=True,
        maybe_placeholders=False,
        cache=True,
    )


@functools.cache
def _words_of_terminals() -> dict[str, str]:
    words = dict(_TERMINAL_WORDS)
    for term in lark_parser().terminals:
        if term.name not in words and isinstance(term.pattern, PatternStr):
            words[term.name] = f"`{term.pattern.value}`"
    return words


def _expected_words(expected: Iterable[str]) -> str:
    words = _words_of_terminals()
    names = sorted({words.get(name, name.lower()) for name in expected if name != "COMMENT"})
    if len(names) > 10:
        names = [*names[:10], "…"]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " or " + names[-1]


@dataclass(frozen=True, slots=True)
class ParseResult:
    file: RubricFile | None
    diagnostics: list[Diagnostic]


# ---------------------------------------------------------------- named mistakes


@dataclass(frozen=True, slots=True)
class _Mistake:
    """A common slip: where the parser stands when it happens (shown by
    examples), which tokens reveal it, what to say, and what to put back."""

    message: str
    hint: str
    tokens: frozenset[str]  # the unexpected token types it applies to
    insert: tuple[tuple[str, str], ...]  # tokens that repair it, as (type, text)
    examples: tuple[str, ...]
    at_word_before: bool = False  # point at the word before the token, not the token


_EXPR_START = frozenset({"NUMBER", "NAME", "QUOTED_NAME", "LPAR", "FUNC", "MINUS"})
_BAND_START = frozenset({"CMP", "LPAR", "LBRACKET", "OTHERWISE", "EACH"})

_MISTAKES: tuple[_Mistake, ...] = (
    _Mistake(
        "`{before}` has no weight", "write its weight (分值) after the name: `准确性 3 { … }`",
        frozenset({"LBRACE"}), (("NUMBER", "0"),), ("a {", "a 1 { b { } }"),
    ),
    _Mistake(
        "expected `{` after the indicator's weight", "open the indicator's block: `准确性 3 { … }`",
        frozenset({"NAME", "QUOTED_NAME", "SCORE", "CRITERION", "EXPLAIN", "LET"}), (("LBRACE", "{"),),
        ("a 1 b 1 { }", "a 1 { b 1 c 1 { } } }"),
    ),
    _Mistake(
        "expected `→` before the band's points", "write the points after an arrow: `≥ 80% → 3`",
        frozenset({"NUMBER", "MINUS"}), (("ARROW", "→"),),
        ("a 1 { score by x: ≥ 1 1 }", "a 1 { score by x: ≥ 1% 1 }", "a 1 { score by x: [1, 2) 1 }",
         "a 1 { score by x: otherwise 1 }", "a 1 { score by x: ≥ 1 → 1; each 1 1 }",
         "a 1 { score by x: ≥ 1 → 1; each 1% 1 }", "a 1 { score by x: ≥ 1 → 1; each 1pp 1 }",
         "a 1 { score by x: ≥ 1 → 1; each 1 above 1 }"),
    ),
    _Mistake(
        "bands are separated by `;`, not `,`", "write `;` between bands; a `,` starts `floor` or `cap`",
        _BAND_START, (), ("a 1 { score by x: ≥ 1 → 1, < 1 → 0 }",),
    ),
    _Mistake(
        "expected `;` between bands", "separate the bands with `;`: `≥ 80% → 3; < 80% → 0`",
        _BAND_START, (("_SEMI", ";"),),
        ("a 1 { score by x: ≥ 1 → 1 < 1 → 0 }", "a 1 { score by x: ≥ 1 → -1 < 1 → 0 }"),
    ),
    _Mistake(
        "expected `:` after `score`", "write `score: FORMULA`, or `score by METRIC: BANDS`",
        _EXPR_START | {"CHECKLIST", "WHEN"}, (("_COLON", ":"),), ("a 1 { score 1 }",),
    ),
    _Mistake(
        "expected `:` after the metric", "write `score by METRIC: BANDS`, e.g. `score by 满意度: ≥ 90% → 4`",
        frozenset({"CMP", "LBRACKET", "OTHERWISE"}), (("_COLON", ":"),), ("a 1 { score by x ≥ 1 → 1 }",),
    ),
    _Mistake(
        "expected `:` after the condition", "write `when CONDITION: RULE`, e.g. `when 预算数 = 0: 0`",
        _EXPR_START | {"BY", "CHECKLIST"}, (("_COLON", ":"),),
        ("a 1 { score: when x = 0 1 else: 2 }", "a 1 { score: when x = 0% 1 else: 2 }",
         "a 1 { score: when x = y 1 else: 2 }", "a 1 { score: when x 1 else: 2 }",
         "a 1 { score: when x = 0 and y 1 else: 2 }", "a 1 { score: when x: 1 else 2 }"),
    ),
    _Mistake(
        "`{before}` needs a number", "write the bound: `floor 0` (扣完为止) or `cap 4`",
        frozenset({"RBRACE", "_SEMI", "_COMMA", "NAME", "SCORE", "CRITERION", "EXPLAIN", "LET"}),
        (("NUMBER", "0"),), ("a 1 { score: 1, floor }", "a 1 { score: 1, cap }"), at_word_before=True,
    ),
    _Mistake(
        "expected `=` after the name in `let`", "define it as `let 名称 = 表达式`",
        _EXPR_START, (("CMP", "="),), ("let x 1", "a 1 { let x 1 }"),
    ),
)  # fmt: skip

_StateKey = tuple[object, frozenset[str]]


def _state_key(error: UnexpectedToken) -> _StateKey:
    return error.state.position, frozenset(error.accepts or ())


@functools.cache
def _mistakes_by_state() -> dict[_StateKey, list[_Mistake]]:
    """The parser state (and accepted tokens) each mistake's examples fail in.

    This is `UnexpectedInput.match_examples` with `use_accepts`, keyed on the
    state at the top of the stack: Lark compares whole stacks, so there an
    example would only match a mistake made at the same depth of nesting.
    """
    table: dict[_StateKey, list[_Mistake]] = {}
    for mistake in _MISTAKES:
        for example in mistake.examples:
            try:
                lark_parser().parse(example)
            except UnexpectedToken as error:
                table.setdefault(_state_key(error), []).append(mistake)
            except UnexpectedInput:
                continue
    return table


def _named_mistake(error: UnexpectedToken) -> _Mistake | None:
    if error.state is None:
        return None
    candidates = _mistakes_by_state().get(_state_key(error), [])
    return next((m for m in candidates if error.token.type in m.tokens), None)


# ---------------------------------------------------------------- braces

_BRACE_SCAN = re.compile(r'"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)+`|(?:#|//)[^\n]*|[{}]', re.S)


@dataclass(frozen=True, slots=True)
class _Braces:
    """How the text's braces pair up, strings and comments aside."""

    pairs: tuple[tuple[int, int], ...]  # (offset of `{`, offset of its `}`), by `}`
    unclosed: tuple[int, ...]  # `{` never closed, outermost first
    unmatched: tuple[int, ...]  # `}` with no `{` open


def _scan_braces(text: str) -> _Braces:
    stack: list[int] = []
    pairs, unmatched = [], []
    for match in _BRACE_SCAN.finditer(text):
        if match.group() == "{":
            stack.append(match.start())
        elif match.group() == "}":
            if stack:
                pairs.append((stack.pop(), match.start()))
            else:
                unmatched.append(match.start())
    return _Braces(tuple(pairs), tuple(stack), tuple(unmatched))


def _indent(text: str, offset: int) -> str:
    """The text from the start of the line to `offset`, if it is blank."""
    start = text.rfind("\n", 0, offset) + 1
    line = text[start:offset]
    return line[: len(line) - len(line.lstrip(" \t"))]


def _starts_line(text: str, offset: int) -> bool:
    return not text[text.rfind("\n", 0, offset) + 1 : offset].strip()


def _misindented_pair(text: str, braces: _Braces, before: int) -> tuple[int, int] | None:
    """The first `{ … }` pair closing before `before` that looks like a slip:
    its `}` starts a line indented unlike the line of its `{`, or follows
    another `}` on its line (`} }`) though its `{` is on an earlier line."""
    for opening, closing in braces.pairs:
        if closing >= before:
            break
        line_start = text.rfind("\n", 0, closing) + 1
        if line_start <= opening:
            continue  # a block on one line
        if "}" in text[line_start:closing]:
            return opening, closing
        if _starts_line(text, closing) and _indent(text, closing) != _indent(text, opening):
            return _intended_pair(text, braces, opening, closing)
    return None


def _intended_pair(text: str, braces: _Braces, opening: int, closing: int) -> tuple[int, int]:
    """A `}` indented for a block that an earlier `}` has already closed: if
    that earlier `}` sits where it should, this one is the extra one; else
    the earlier one (say, at the end of a line of text) closed it too soon."""
    indent = _indent(text, closing)
    earlier = [(o, c) for o, c in braces.pairs if opening < o and c < closing and _indent(text, o) == indent]
    if not earlier:
        return opening, closing
    inner_open, inner_close = max(earlier)
    if _indent(text, inner_close) == indent and _starts_line(text, inner_close):
        return opening, closing
    return inner_open, inner_close


# ---------------------------------------------------------------- recovery

# Tokens worth trying to put back, with the text they stand for.
_FILLERS = (
    ("_COLON", ":"), ("_SEMI", ";"), ("ARROW", "→"), ("NUMBER", "0"),
    ("RPAR", ")"), ("RBRACKET", "]"), ("LBRACE", "{"),
)  # fmt: skip
_LOOKAHEAD = 3
_WINDOW = 200  # characters before an error searched for the word at fault
_MAX_RECOVERY_STEPS = 200  # tokens dropped or repaired before the parse gives up


def _feed(parser: InteractiveParser, insert: Iterable[tuple[str, str]], token: Token) -> None:
    for kind, text in insert:
        parser.feed_token(Token.new_borrow_pos(kind, text, token))
    parser.feed_token(token)


def _parses_on(parser: InteractiveParser, insert: Iterable[tuple[str, str]], token: Token) -> bool:
    """Whether, with `insert` put back, the failed token and a few after it parse."""
    trial: InteractiveParser = parser.copy(deepcopy_values=False)  # type: ignore[no-untyped-call]
    try:
        _feed(trial, insert, token)
        following_tokens = trial.lexer_thread.lex(trial.parser_state)  # type: ignore[no-untyped-call]
        for count, following in enumerate(following_tokens):
            if count >= _LOOKAHEAD:
                break
            trial.feed_token(following)
    except UnexpectedCharacters:
        return True  # a bad character further on is another error
    except UnexpectedInput:
        return False
    return True


def _repair(parser: InteractiveParser, token: Token, mistake: _Mistake | None) -> bool:
    """Put back what the mistake left out, or one token that lets parsing go on."""
    choices = [mistake.insert] if mistake and mistake.insert else [(f,) for f in _FILLERS]
    for insert in choices:
        if _parses_on(parser, insert, token):
            _feed(parser, insert, token)
            return True
    return False


class _Recovery:
    """Collects syntax errors during one parse and decides how to go on."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.diagnostics: list[Diagnostic] = []
        self._failed_until = -1  # end of the last token that failed
        self._stuck = False  # whether the last error was left unrepaired
        self._calls = 0  # errors met, reported or not

    @functools.cached_property
    def braces(self) -> _Braces:
        """Scanned only when an error needs it: a clean parse never pays for it."""
        return _scan_braces(self.source.text)

    def on_error(self, error: UnexpectedInput) -> bool:
        """Lark's `on_error`: report, repair if we can; False stops the parse."""
        self._calls += 1
        if self._calls > _MAX_RECOVERY_STEPS:  # lost for good: what was reported stands
            return False
        if isinstance(error, UnexpectedCharacters):
            return self._bad_character(error)
        if not isinstance(error, UnexpectedToken) or error.token.type == "$END":
            return False
        token = error.token
        start, end = _token_span(token, len(self.source.text))
        if token.type == "RBRACE" and start in self.braces.unmatched:
            self._report(start, end, self._unmatched_brace(start))
            return self._go_on()
        mistake = _named_mistake(error)
        diagnostic = self._unexpected(error, token, Span(start, max(end, start + 1)), mistake)
        self._report(start, end, diagnostic)
        parser = error.interactive_parser
        self._stuck = parser is None or not _repair(parser, token, mistake)
        return self._go_on()

    def finish(self, error: UnexpectedInput) -> None:
        """The parse stopped on `error`: report an early end the braces explain."""
        if not isinstance(error, UnexpectedToken) or error.token.type != "$END":
            return
        if not self.diagnostics or self.braces.unclosed:
            self.diagnostics.append(self._early_end(error))

    # ------------------------------------------------------------ reporting
    def _go_on(self) -> bool:
        return len(self.diagnostics) < MAX_SYNTAX_ERRORS

    def _report(self, start: int, end: int, diagnostic: Diagnostic) -> None:
        """Keep a diagnostic unless it only echoes the error before it: it
        follows straight on, or the parser has not found its feet since an
        error it could not repair (no `}`, `;` or new statement parsed)."""
        if self._failed_until >= 0:
            between = _SKIPPED.sub("", self.source.text[self._failed_until : start])
            if not between.strip() or (self._stuck and not _RESYNC.search(between)):
                self._failed_until = max(end, self._failed_until)
                return
        self._failed_until = max(end, self._failed_until)
        self.diagnostics.append(diagnostic)

    def _bad_character(self, error: UnexpectedCharacters) -> bool:
        text = self.source.text
        pos = error.pos_in_stream if error.pos_in_stream is not None else len(text)
        ch = text[pos] if pos < len(text) else ""
        span = Span(pos, pos + 1)
        if ch == '"':
            message = "unclosed text: a `\"` starts a text that never ends"
            hint: str | None = 'close the text with `"`'
        else:
            message = f"unexpected character {'a line break' if ch == chr(10) else f'`{ch}`'}"
            few = error.allowed and len(error.allowed) <= 3
            hint = f"expected {_expected_words(error.allowed)}" if few else _STRAY_CHARACTER
        self._report(pos, pos + 1, codes.make("E001", message, span, self.source, hint=hint))
        self._stuck = True
        # After an unclosed text everything would be read inside out: stop.
        return ch != '"' and self._go_on()

    def _unexpected(
        self, error: UnexpectedToken, token: Token, span: Span, mistake: _Mistake | None
    ) -> Diagnostic:
        # Only the last words before the token matter; a bounded window keeps
        # these searches from rescanning the whole file at every error.
        window_start = max(0, span.start - _WINDOW)
        window = self.source.text[window_start : span.start]
        if mistake is not None:
            before = re.search(r"(\S+)\s*$", window)
            word = before.group(1) if before else ""
            if mistake.at_word_before and before:
                span = Span(window_start + before.start(1), window_start + before.end(1))
            message = mistake.message.replace("{before}", word)
            return codes.make("E002", message, span, self.source, hint=mistake.hint)
        typo = _keyword_typo(window)
        if typo is not None:
            word, keyword = typo
            return codes.make(
                "E002", f"unexpected `{token}` after `{word}`", span, self.source,
                hint=f"did you mean `{keyword}`?",
            )  # fmt: skip
        expected = error.accepts or error.expected
        hint = f"expected {_expected_words(expected)}" if expected else None
        return codes.make("E002", f"unexpected `{token}`", span, self.source, hint=hint)

    def _unmatched_brace(self, at: int) -> Diagnostic:
        culprit = _misindented_pair(self.source.text, self.braces, at)
        if culprit is None:
            return codes.make(
                "E006", "unmatched `}`: no block is open here", Span(at, at + 1), self.source,
                hint="remove it, or look for a `}` above that closes a block too early",
            )  # fmt: skip
        opening, closing = culprit
        line = self.source.line_col(opening)[0]
        return codes.make(
            "E006", f"unmatched `}}`: this one closes the block of line {line} too early",
            Span(closing, closing + 1), self.source,
            labels=(Label(Span(at, at + 1), "so this `}` has no block left to close"),),
            hint="remove the extra `}`",
        )  # fmt: skip

    def _early_end(self, error: UnexpectedToken) -> Diagnostic:
        if self.braces.unclosed:
            culprit = _misindented_pair(self.source.text, self.braces, len(self.source.text))
            opening = culprit[0] if culprit else self.braces.unclosed[-1]
            line = self.source.line_col(opening)[0]
            return codes.make(
                "E003", f"unexpected end of file: the `{{` on line {line} is never closed",
                Span(opening, opening + 1), self.source, hint="add the missing `}`",
            )  # fmt: skip
        expected = error.accepts or error.expected
        end = len(self.source.text.rstrip())
        return codes.make(
            "E003", "unexpected end of file", Span(max(end - 1, 0), end), self.source,
            hint=f"expected {_expected_words(expected)}" if expected else None,
        )  # fmt: skip


_STRAY_CHARACTER = "remove it; a name with unusual characters is written in backticks: `名称`"
_SKIPPED = re.compile(r'"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)+`|(?:#|//)[^\n]*', re.S)
_RESYNC = re.compile(
    r"[};；]|\n\s*(?:rubric|issuer|effective|total|levels|rounding|steps|grades|inputs|let|example)\b"
)


def _token_span(token: Token, length: int) -> tuple[int, int]:
    start = token.start_pos if token.start_pos is not None else length
    end = token.end_pos if token.end_pos is not None else start + len(str(token))
    return start, end


def _keyword_typo(before: str) -> tuple[str, str] | None:
    """A misspelt keyword (`scroe`) just before the failing token, if any."""
    match = re.search(r"([A-Za-z]+)\s*$", before)
    if match is None or match.group(1) in _KEYWORDS:
        return None
    close = difflib.get_close_matches(match.group(1), _KEYWORDS, n=1, cutoff=0.7)
    return (match.group(1), close[0]) if close else None


def parse(source: Source) -> ParseResult:
    """Parse and build the AST; with syntax errors, the file is None."""
    from rubricdsl.builder import build  # the builder imports nodes; keep import light

    recovery = _Recovery(source)
    try:
        tree = lark_parser().parse(source.text, on_error=recovery.on_error)
    except UnexpectedInput as error:
        recovery.finish(error)
        return ParseResult(None, recovery.diagnostics)
    if recovery.diagnostics:
        return ParseResult(None, recovery.diagnostics)
    file, diagnostics = build(tree, source)
    return ParseResult(file if not diagnostics else None, diagnostics)
