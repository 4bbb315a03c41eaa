"""Where comments and blank lines go.

Every comment is attached to a statement before the statements are reordered:
a comment on the line where a statement ends trails it; one on the line that
opens a block stays there; any other comment leads the next statement, and
one with no statement after it stays at the end of its block.  A comment
written inside a statement the formatter redraws (in the middle of a rule,
say) moves to just before that statement.  Each comment is attached exactly
once, so none is lost.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence

from rubricdsl.formatter.tree import Unit
from rubricdsl.nodes import Comment
from rubricdsl.source import Span

WHITESPACE = " \t\f\r\n\u3000"  # what the grammar ignores besides comments
SEPARATORS = ",;，；"


class Scanner:
    """Looks around in the source text for what the AST does not record."""

    def __init__(self, text: str, comments: Sequence[Comment]) -> None:
        self.text = text
        self._starts = {c.span.start: c.span.end for c in comments}
        # A comment's span keeps the blanks after its text; walking back, either end leads in.
        self._ends = {end: c.span.start for c in comments for end in (c.span.end, c.span.start + len(c.text))}

    def back(self, pos: int) -> int:
        """The end of the last token before `pos`, skipping blanks and comments."""
        while pos > 0:
            if self.text[pos - 1] in WHITESPACE:
                pos -= 1
            elif pos in self._ends:
                pos = self._ends[pos]
            else:
                break
        return pos

    def forward(self, pos: int, skip: str = "") -> int:
        """The start of the next token from `pos`, skipping blanks, comments and `skip`."""
        while pos < len(self.text):
            if self.text[pos] in WHITESPACE or self.text[pos] in skip:
                pos += 1
            elif pos in self._starts:
                pos = self._starts[pos]
            else:
                break
        return pos

    def word_before(self, pos: int, word: str) -> int | None:
        """Where `word` starts if it is the token just before `pos`."""
        end = self.back(pos)
        start = end - len(word)
        return start if start >= 0 and self.text[start:end] == word else None

    def blank_before(self, pos: int) -> bool:
        """Whether an empty line separates `pos` from the token before it."""
        start = pos
        while start > 0 and self.text[start - 1] in WHITESPACE:
            start -= 1
        return start > 0 and self.text.count("\n", start, pos) >= 2

    def starts_line(self, pos: int) -> bool:
        """Whether the token at `pos` is the first on its line."""
        return not self.same_line(self.back(pos), pos)

    def same_line(self, start: int, end: int) -> bool:
        return "\n" not in self.text[start:end]

    def block_span(self, keyword: str, items: Sequence[Span]) -> Span | None:
        """The `keyword { … }` block around `items`, if they all sit in one."""
        for before, after in itertools.pairwise(items):
            if self.forward(before.end, SEPARATORS) != after.start:
                return None
        brace = self.back(items[0].start) - 1
        start = self.word_before(brace, keyword) if self.text[brace : brace + 1] == "{" else None
        close = self.forward(items[-1].end, SEPARATORS)
        if start is None or self.text[close : close + 1] != "}":
            return None
        return Span(start, close + 1)


def attach(root: Unit, comments: Sequence[Comment], scanner: Scanner) -> None:
    """Give every comment of the file to one unit of the tree under `root`."""
    _distribute(root, sorted(comments, key=lambda c: c.span.start), scanner)


def _distribute(block: Unit, comments: list[Comment], scanner: Scanner) -> None:
    kids = sorted(block.placed_children(), key=lambda u: _span(u).start)
    starts = [_span(u).start for u in kids]
    inside: dict[int, list[Comment]] = {}
    for comment in comments:
        at = comment.span.start
        i = bisect.bisect_right(starts, at) - 1  # the last child starting before the comment
        if i >= 0 and at < _span(kids[i]).end:
            inside.setdefault(i, []).append(comment)
        elif i >= 0 and kids[i].trailing is None and scanner.same_line(_span(kids[i]).end, at):
            kids[i].trailing = comment
        elif i < 0 and block.head and block.head_comment is None and _opens_line(block, at, scanner):
            block.head_comment = comment
        elif i + 1 < len(kids):
            kids[i + 1].leading.append(comment)
        else:
            block.dangling.append(comment)
    for i, found in inside.items():
        if kids[i].is_block:
            _distribute(kids[i], found, scanner)
        else:
            kids[i].moved.extend(found)


def _opens_line(block: Unit, at: int, scanner: Scanner) -> bool:
    return block.span is not None and scanner.same_line(block.span.start, at)


def _span(unit: Unit) -> Span:
    assert unit.span is not None  # placed_children yields only placed units
    return unit.span
