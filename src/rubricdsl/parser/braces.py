"""How a text's braces pair up, read without the grammar.

A syntax error inside a block is easier to explain, and to get past, once
the blocks are known: which `}` closes which `{`, which `{` is never closed,
which `}` closes nothing, and which `}` sits where its indentation says it
should not.  Texts, backtick names and comments are skipped like the lexer
skips them.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

# A text, a backtick name or a comment: what may hold a brace that is not one.
NOT_CODE = re.compile(r'"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)+`|(?:#|//)[^\n]*', re.S)
_BRACE_SCAN = re.compile(NOT_CODE.pattern + r"|[{}]", re.S)


@dataclass(frozen=True)
class Braces:
    """How the text's braces pair up, strings and comments aside."""

    pairs: tuple[tuple[int, int], ...]  # (offset of `{`, offset of its `}`), by `}`
    unclosed: tuple[int, ...]  # `{` never closed, outermost first
    unmatched: tuple[int, ...]  # `}` with no `{` open

    @property
    def balanced(self) -> bool:
        return not self.unclosed and not self.unmatched

    @cached_property
    def closing(self) -> dict[int, int]:
        """The offset of the `}` that closes the `{` at each offset."""
        return dict(self.pairs)

    @cached_property
    def _outermost(self) -> tuple[list[int], list[int]]:
        """The top-level blocks' `{` and `}` offsets, in order."""
        openings: list[int] = []
        closings: list[int] = []
        for opening, closing in sorted(self.pairs):
            if not closings or opening > closings[-1]:
                openings.append(opening)
                closings.append(closing)
        return openings, closings

    def in_block(self, offset: int) -> bool:
        """Whether `offset` lies between a `{` and its `}`."""
        openings, closings = self._outermost
        index = bisect.bisect_left(openings, offset) - 1
        return index >= 0 and offset <= closings[index]


def scan_braces(text: str) -> Braces:
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
    return Braces(tuple(pairs), tuple(stack), tuple(unmatched))


def _indent(text: str, offset: int) -> str:
    """The text from the start of the line to `offset`, if it is blank."""
    start = text.rfind("\n", 0, offset) + 1
    line = text[start:offset]
    return line[: len(line) - len(line.lstrip(" \t"))]


def _starts_line(text: str, offset: int) -> bool:
    return not text[text.rfind("\n", 0, offset) + 1 : offset].strip()


def misindented_pair(text: str, braces: Braces, before: int) -> tuple[int, int] | None:
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


def _intended_pair(text: str, braces: Braces, opening: int, closing: int) -> tuple[int, int]:
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
