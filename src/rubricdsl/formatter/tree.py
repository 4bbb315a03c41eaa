"""The tree the printer walks: one `Unit` per statement, in canonical order.

A unit is a leaf, drawn as lines, or a block (`head {` children `}`).  Its
span says where the statement was written, which is how comments and blank
lines find their way to it; a block made up by the formatter (the `inputs`
of a file that wrote several, say) has no span, and its children then take
their comments as if they sat in the enclosing block.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from rubricdsl.nodes import Comment
from rubricdsl.source import Span

Draw = Callable[[int], list[str]]  # the lines of a leaf, given its indentation


@dataclass(eq=False)
class Unit:
    span: Span | None
    draw: Draw | None = None  # set for a leaf
    head: str = ""  # a block's opening line, ending in `{`
    children: list[Unit] = field(default_factory=list)
    folded: str | None = None  # a block's one-line form, used when it fits
    keep_folded: bool = False  # use the one-line form even if it is long
    fill: str = ""  # a list block's separator: its items fill lines rather than one per line
    section: bool = False  # a blank line always comes before it
    # Comments, as attached by `comments.attach`:
    leading: list[Comment] = field(default_factory=list)
    moved: list[Comment] = field(default_factory=list)  # from inside the statement
    trailing: Comment | None = None
    head_comment: Comment | None = None  # on the line that opens the block
    dangling: list[Comment] = field(default_factory=list)  # before the closing `}`

    @property
    def is_block(self) -> bool:
        return self.draw is None

    @property
    def has_comments(self) -> bool:
        return bool(self.leading or self.moved or self.trailing or self.head_comment or self.dangling)

    def placed_children(self) -> Iterator[Unit]:
        """The children that were written somewhere, looking through made-up blocks."""
        for child in self.children:
            if child.span is None:
                yield from child.placed_children()
            else:
                yield child


def leaf(span: Span | None, draw: Draw) -> Unit:
    return Unit(span, draw=draw)


def line(span: Span | None, text: str) -> Unit:
    """A leaf that is always one line."""
    return Unit(span, draw=lambda _indent: [text])
