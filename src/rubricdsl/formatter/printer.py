"""Print a unit tree: indentation, blank lines and comments.

Blank lines follow the source, at most one in a row, and never right after
an opening `{`; a blank line always precedes each part of the file (inputs,
lets) and each top-level block.  A file's opening comments, when an empty
line ends them, stay at the top whatever statement follows them.
"""

from __future__ import annotations

from rubricdsl.formatter.comments import Scanner
from rubricdsl.formatter.rules import WIDTH
from rubricdsl.formatter.tree import Unit
from rubricdsl.formatter.words import display_width
from rubricdsl.nodes import Comment

INDENT = 2


class Printer:
    def __init__(self, scanner: Scanner) -> None:
        self.scanner = scanner
        self.lines: list[str] = []

    def print_file(self, root: Unit) -> str:
        preamble = _split_preamble(root, self.scanner)
        self._comments(preamble, 0, first_blank=False)
        self._children(root, 0, first_blank=bool(preamble))
        self._comments(root.dangling, 0, first_blank=None)
        return "\n".join(self.lines) + "\n" if self.lines else ""

    # ------------------------------------------------------------ units

    def _unit(self, unit: Unit, indent: int, force_blank: bool | None) -> None:
        entries = _lead_entries(unit, self.scanner)
        if force_blank is not None:
            entries[0] = (force_blank, entries[0][1])
        for blank, comment in entries:
            if blank:
                self._blank()
            if comment is not None:
                self._emit(indent, comment.text)
        if unit.draw is not None:
            for text in unit.draw(indent):
                self._emit(indent, text)
        else:
            self._block(unit, indent)
        if unit.trailing is not None:
            self.lines[-1] += "  " + unit.trailing.text

    def _block(self, unit: Unit, indent: int) -> None:
        folded = unit.folded
        fits = folded is not None and (unit.keep_folded or indent + display_width(folded) <= WIDTH)
        if folded is not None and fits and _quiet(unit):
            self._emit(indent, folded)
            return
        if not (unit.children or unit.dangling or unit.head_comment):
            self._emit(indent, unit.head + "}")
            return
        head_comment = f"  {unit.head_comment.text}" if unit.head_comment else ""
        self._emit(indent, unit.head + head_comment)
        if unit.fill:
            self._fill(unit, indent + INDENT)
        else:
            self._children(unit, indent + INDENT, first_blank=False)
        self._comments(unit.dangling, indent + INDENT, first_blank=False if not unit.children else None)
        self._emit(indent, "}")

    def _children(self, block: Unit, indent: int, first_blank: bool) -> None:
        for i, child in enumerate(block.children):
            force = first_blank if i == 0 else (True if child.section else None)
            self._unit(child, indent, force)

    def _fill(self, block: Unit, indent: int) -> None:
        """Items of a list block side by side, as many as fit on each line.

        A line of the source ends a line here too, so that groups the author
        made stay together; so does a comment, before an item or after it.
        """
        row = ""
        for item in block.children:
            entries = _lead_entries(item, self.scanner)
            breaks = any(blank or comment for blank, comment in entries) or self._starts_line(item)
            text = _only_line(item, indent)
            if row and (breaks or indent + display_width(f"{row}{block.fill} {text}") > WIDTH):
                self._emit(indent, row)
                row = ""
            for blank, comment in entries:
                if blank and item is not block.children[0]:
                    self._blank()
                if comment is not None:
                    self._emit(indent, comment.text)
            row = f"{row}{block.fill} {text}" if row else text
            if item.trailing is not None:
                self._emit(indent, f"{row}  {item.trailing.text}")
                row = ""
        if row:
            self._emit(indent, row)

    def _starts_line(self, unit: Unit) -> bool:
        return unit.span is not None and self.scanner.starts_line(unit.span.start)

    def _comments(self, comments: list[Comment], indent: int, first_blank: bool | None) -> None:
        for i, comment in enumerate(comments):
            blank = self.scanner.blank_before(comment.span.start)
            if i == 0 and first_blank is not None:
                blank = first_blank
            if blank:
                self._blank()
            self._emit(indent, comment.text)

    # ------------------------------------------------------------ lines

    def _emit(self, indent: int, text: str) -> None:
        self.lines.append(" " * indent + text)

    def _blank(self) -> None:
        if self.lines and self.lines[-1]:
            self.lines.append("")


def _lead_entries(unit: Unit, scanner: Scanner) -> list[tuple[bool, Comment | None]]:
    """The comments before a unit and the unit itself (None), each with its blank line.

    Comments moved out of the statement take its place, blank line included.
    """
    own_blank = unit.span is not None and scanner.blank_before(unit.span.start)
    entries: list[tuple[bool, Comment | None]] = [
        (scanner.blank_before(c.span.start), c) for c in unit.leading
    ]
    for i, comment in enumerate(unit.moved):
        entries.append((own_blank if i == 0 else False, comment))
    entries.append((own_blank and not unit.moved, None))
    return entries


def _only_line(unit: Unit, indent: int) -> str:
    assert unit.draw is not None  # the items of a list block are one-line leaves
    return unit.draw(indent)[0]


def _quiet(block: Unit) -> bool:
    """Whether a block has no comments inside, so that it may fold onto one line."""
    if block.head_comment or block.dangling:
        return False
    return not any(c.has_comments or (c.is_block and not _quiet(c)) for c in block.children)


def _split_preamble(root: Unit, scanner: Scanner) -> list[Comment]:
    """The file's opening comments, up to the last empty line before its first statement."""
    placed = sorted(root.placed_children(), key=lambda u: u.span.start if u.span else 0)
    if not placed:
        return []
    first = placed[0]
    entries = _lead_entries(first, scanner)
    cut = max((i for i in range(1, len(first.leading) + 1) if entries[i][0]), default=0)
    preamble, first.leading = first.leading[:cut], first.leading[cut:]
    return preamble
