"""Syntax errors met during one parse: what to report, and how to go on.

One run reports every mistake it can tell apart.  Errors that merely echo an
earlier one are not reported: tokens failing one after another, more errors
after one that could not be repaired (until a `}`, `;` or new statement
shows the parser has found its feet), an early end of file that the braces
do not explain.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata

from lark import Token, UnexpectedCharacters, UnexpectedInput, UnexpectedToken
from lark.parsers.lalr_interactive_parser import InteractiveParser

from rubricdsl import codes
from rubricdsl.diagnostics import Diagnostic, Label
from rubricdsl.parser.braces import NOT_CODE, Braces, misindented_pair, scan_braces
from rubricdsl.parser.mistakes import Slip, find_slip
from rubricdsl.parser.repair import FILLERS, drops_cleanly, give_up_block, give_up_statement, put_back
from rubricdsl.parser.words import expected_words, shown_token
from rubricdsl.source import Source, Span

MAX_SYNTAX_ERRORS = 20
_MAX_RECOVERY_STEPS = 200  # errors met, reported or not, before the parse gives up
_WINDOW = 200  # characters before an error searched for the word at fault
_KEYWORDS = ("score", "criterion", "explain", "let", "checklist", "otherwise", "each", "when", "else")
_STRAY_CHARACTER = "remove it; a name with unusual characters is written in backticks: `名称`"
_RESYNC = re.compile(
    r"[};；]|\n\s*(?:rubric|issuer|effective|total|levels|rounding|steps|grades|inputs|let|example)\b"
)


class Recovery:
    """Lark's `on_error` for one parse: collects diagnostics, repairs what it can."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.diagnostics: list[Diagnostic] = []
        self.errors_at: list[int] = []  # where every error met starts, reported or not
        self._failed_until = -1  # end of the last token that failed
        self._stuck = False  # whether the last error was left unrepaired

    @functools.cached_property
    def braces(self) -> Braces:
        """Scanned only when an error needs it: a clean parse never pays for it."""
        return scan_braces(self.source.text)

    def on_error(self, error: UnexpectedInput) -> bool:
        """Report the error and get past it; False stops the parse."""
        if len(self.errors_at) >= _MAX_RECOVERY_STEPS:  # lost for good: what was reported stands
            return False
        if isinstance(error, UnexpectedCharacters):
            return self._bad_character(error)
        if not isinstance(error, UnexpectedToken) or error.token.type == "$END":
            return False
        token = error.token
        start, end = _token_span(token, len(self.source.text))
        self.errors_at.append(start)
        if token.type == "RBRACE" and start in self.braces.unmatched:
            self._report(start, end, self._unmatched_brace(start))
            return self._go_on()  # Lark drops the brace
        before = self.source.text[max(0, start - _WINDOW) : start]
        slip = find_slip(error, before)
        self._report(start, end, self._unexpected(error, Span(start, max(end, start + 1)), slip, before))
        self._stuck = not self._mend(error.interactive_parser, token, slip)
        return self._go_on()

    def finish(self, error: UnexpectedInput) -> None:
        """The parse stopped on `error`: report an early end the braces explain."""
        if not isinstance(error, UnexpectedToken) or error.token.type != "$END":
            return
        self.errors_at.append(len(self.source.text))
        if not self.diagnostics or self.braces.unclosed:
            early_end = self._early_end(error)
            # A `{` never closed explains an error reported at that `{` better.
            self.diagnostics = [d for d in self.diagnostics if d.span != early_end.span] + [early_end]

    def _mend(self, parser: InteractiveParser | None, token: Token, slip: Slip | None) -> bool:
        """Repair, drop the token, or give up its block or statement; False if none."""
        if parser is None:
            return False
        mistake = slip.mistake if slip else None
        if mistake is not None and mistake.as_keyword:
            token = Token.new_borrow_pos(str(token).upper(), str(token), token)
        if mistake is None or mistake.mendable:
            choices = [mistake.insert] if mistake and mistake.insert else FILLERS
            if put_back(parser, token, choices) or drops_cleanly(parser):
                return True
        if not self.braces.balanced:  # blocks cannot be told apart: Lark drops the token
            return False
        start = _token_span(token, len(self.source.text))[0]
        closing = give_up_block(parser, start, self.braces, self.source)
        if closing is None:
            give_up_statement(parser, token, self.braces, self.source)
        else:  # what the block still held is not worth reporting
            self._failed_until = max(self._failed_until, closing)
        return True

    # ------------------------------------------------------------ reporting
    def _go_on(self) -> bool:
        return len(self.diagnostics) < MAX_SYNTAX_ERRORS

    def _report(self, start: int, end: int, diagnostic: Diagnostic) -> None:
        """Keep a diagnostic unless it only echoes the error before it: it
        follows straight on, or the parser has not found its feet since an
        error it could not repair (no `}`, `;` or new statement parsed)."""
        if self._failed_until >= 0:
            between = NOT_CODE.sub("", self.source.text[self._failed_until : start])
            if not between.strip() or (self._stuck and not _RESYNC.search(between)):
                self._failed_until = max(end, self._failed_until)
                return
        self._failed_until = max(end, self._failed_until)
        self.diagnostics.append(diagnostic)

    def _bad_character(self, error: UnexpectedCharacters) -> bool:
        text = self.source.text
        pos = error.pos_in_stream if error.pos_in_stream is not None else len(text)
        self.errors_at.append(pos)
        ch = text[pos] if pos < len(text) else ""
        if ch == '"':
            message = 'unclosed text: a `"` starts a text that never ends'
            hint: str | None = 'close the text with `"`'
        elif unicodedata.category(ch or " ") == "Cc":
            message = f"unexpected control character `{ch.encode('unicode_escape').decode()}`"
            hint = "remove it: most editors do not show it"
        else:
            message = f"unexpected character `{ch}`"
            few = error.allowed and len(error.allowed) <= 3
            hint = f"expected {expected_words(error.allowed)}" if few else _STRAY_CHARACTER
        diagnostic = codes.make("E001", message, Span(pos, pos + 1), self.source, hint=hint)
        self._report(pos, pos + 1, diagnostic)
        self._stuck = True
        # After an unclosed text everything would be read inside out: stop.
        return ch != '"' and self._go_on()

    def _unexpected(self, error: UnexpectedToken, span: Span, slip: Slip | None, before: str) -> Diagnostic:
        if slip is not None:
            if slip.points_back is not None:
                span = Span(span.start - slip.points_back[0], span.start - slip.points_back[1])
            return codes.make("E002", slip.message, span, self.source, hint=slip.mistake.hint)
        shown = shown_token(str(error.token))
        typo = _keyword_typo(before)
        if typo is not None:
            word, keyword = typo
            return codes.make(
                "E002", f"unexpected `{shown}` after `{word}`", span, self.source,
                hint=f"did you mean `{keyword}`?",
            )  # fmt: skip
        expected = error.accepts or error.expected
        hint = f"expected {expected_words(expected)}" if expected else None
        return codes.make("E002", f"unexpected `{shown}`", span, self.source, hint=hint)

    def _unmatched_brace(self, at: int) -> Diagnostic:
        culprit = misindented_pair(self.source.text, self.braces, at)
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
            culprit = misindented_pair(self.source.text, self.braces, len(self.source.text))
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
            hint=f"expected {expected_words(expected)}" if expected else None,
        )  # fmt: skip


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
