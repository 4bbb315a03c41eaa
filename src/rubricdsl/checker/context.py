"""What every pass shares: the file, the diagnostics so far, the indicator
tree flattened with each node's ancestry, name resolution in scopes, and what
several passes need, worked out once per check (rules, layouts, name uses)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING

from rubricdsl import codes, semantics
from rubricdsl import nodes as n
from rubricdsl.checker.coverage import Layout, layout
from rubricdsl.checker.domains import Domains, input_domains
from rubricdsl.diagnostics import Diagnostic, Label
from rubricdsl.source import Source, Span

if TYPE_CHECKING:
    from rubricdsl.checker.ranges import Analysis
    from rubricdsl.checker.walk import NameUses

LeafPath = tuple[str, ...]
Symbol = n.InputDecl | n.LetDecl


@dataclass(frozen=True, slots=True)
class Node:
    """An indicator together with the chain of indicators above it."""

    indicator: n.Indicator
    ancestry: tuple[n.Indicator, ...]  # from the top level down, without itself

    @property
    def chain(self) -> tuple[n.Indicator, ...]:
        return (*self.ancestry, self.indicator)

    @property
    def path(self) -> LeafPath:
        return (*[node.name.name for node in self.ancestry], self.indicator.name.name)

    @property
    def depth(self) -> int:
        return len(self.chain)

    @property
    def name(self) -> str:
        return self.indicator.name.name


@dataclass(frozen=True)
class Scope:
    """The names visible at one place: the inputs, then the `let`s in reach."""

    inputs: dict[str, n.InputDecl]
    lets: dict[str, n.LetDecl]

    def resolve(self, name: str) -> Symbol | None:
        return self.lets.get(name) or self.inputs.get(name)

    def names(self) -> list[str]:
        return [*self.inputs, *self.lets]

    def within(self, lets: tuple[n.LetDecl, ...]) -> Scope:
        """The names visible inside a block that defines `lets`."""
        return Scope(self.inputs, semantics.nested_lets(self.lets, lets)) if lets else self


@dataclass
class Context:
    file: n.RubricFile
    source: Source
    diagnostics: list[Diagnostic] = field(default_factory=list)
    ranges: dict[LeafPath, tuple[Decimal, Decimal]] = field(default_factory=dict)
    # Several passes need every band rule's layout; the file keeps each
    # rule alive while checking, so its id names it.
    _layouts: dict[int, Layout] = field(default_factory=dict, repr=False, compare=False)

    def report(
        self,
        code: str,
        message: str,
        span: Span | None,
        *,
        labels: Iterable[Label] = (),
        notes: Iterable[str] = (),
        hint: str | None = None,
    ) -> None:
        self.diagnostics.append(
            codes.make(
                code, message, span, self.source,
                labels=tuple(labels), notes=tuple(notes), hint=hint,
            )
        )  # fmt: skip

    # ------------------------------------------------------------ the tree
    @cached_property
    def nodes(self) -> tuple[Node, ...]:
        """Every indicator, parents before children, in source order."""
        found: list[Node] = []
        _walk(self.file.indicators, (), found)
        return tuple(found)

    @cached_property
    def leaves(self) -> tuple[Node, ...]:
        return tuple(node for node in self.nodes if node.indicator.is_leaf)

    @cached_property
    def simple_rules(self) -> tuple[tuple[Node, n.SimpleRule], ...]:
        """Every simple rule, `when` branches included, with the indicator it
        scores, in source order."""
        from rubricdsl.checker.walk import simple_rules

        scored = ((node, node.indicator.score) for node in self.nodes if node.indicator.score is not None)
        return tuple((node, simple) for node, score in scored for simple in simple_rules(score.rule))

    @cached_property
    def band_rules(self) -> tuple[n.Bands, ...]:
        """Every rule scored by bands, in source order."""
        return tuple(rule for _, rule in self.simple_rules if isinstance(rule, n.Bands))

    # ------------------------------------------------------------ names
    @cached_property
    def inputs(self) -> dict[str, n.InputDecl]:
        """Inputs by name; of two with one name, the first counts."""
        found: dict[str, n.InputDecl] = {}
        for decl in self.file.inputs:
            found.setdefault(decl.name.name, decl)
        return found

    @cached_property
    def domains(self) -> Domains:
        """The values each input can take, from its type and constraints."""
        return input_domains(self.inputs)

    @cached_property
    def top_scope(self) -> Scope:
        return Scope(self.inputs, semantics.visible_lets(self.file, ()))

    def layout(self, rule: n.Bands) -> Layout:
        """Where the rule's bands and steps act, worked out once per check (do not modify)."""
        found = self._layouts.get(id(rule))
        if found is None:
            found = self._layouts[id(rule)] = layout(rule)
        return found

    def scope_of(self, node: Node) -> Scope:
        return self._scopes[id(node.indicator)]

    @cached_property
    def _scopes(self) -> dict[int, Scope]:
        """Each indicator's scope, by its id, built on its parent's: the passes
        ask for it at every node, and rebuilding it from the top costs the depth."""
        scopes: dict[int, Scope] = {}
        for node in self.nodes:  # parents come before their children
            outer = scopes[id(node.ancestry[-1])] if node.ancestry else self.top_scope
            scopes[id(node.indicator)] = outer.within(node.indicator.lets)
        return scopes

    @cached_property
    def let_scopes(self) -> dict[n.LetDecl, Scope]:
        """Where each `let` is defined: its expression sees that block's names."""
        scopes = {let: self.top_scope for let in self.file.lets}
        for node in self.nodes:
            for let in node.indicator.lets:
                scopes[let] = self.scope_of(node)
        return scopes

    def let_scope(self, let: n.LetDecl) -> Scope:
        """The names the `let`'s expression sees, those where it is defined."""
        return self._let_scopes_by_id.get(id(let), self.top_scope)

    @cached_property
    def _let_scopes_by_id(self) -> dict[int, Scope]:
        # Hashing a `let` would walk its whole expression, on every lookup.
        return {id(let): scope for let, scope in self.let_scopes.items()}

    @cached_property
    def name_uses(self) -> NameUses:
        """What every name written in the file stands for where it is written."""
        from rubricdsl.checker.walk import name_uses

        return name_uses(self)

    @cached_property
    def analysis(self) -> Analysis:
        from rubricdsl.checker.ranges import analyse

        return analyse(self)


def _walk(indicators: Iterable[n.Indicator], ancestry: tuple[n.Indicator, ...], found: list[Node]) -> None:
    for indicator in indicators:
        found.append(Node(indicator, ancestry))
        _walk(indicator.children, (*ancestry, indicator), found)


def closest(name: str, candidates: Iterable[str]) -> str | None:
    """The candidate a misspelt name most likely meant, if one is close enough."""
    close = difflib.get_close_matches(name, list(dict.fromkeys(candidates)), n=1, cutoff=0.5)
    return close[0] if close else None


def did_you_mean(name: str, candidates: Iterable[str]) -> str | None:
    """A help line naming the closest candidate, if one is close enough."""
    meant = closest(name, candidates)
    return f"did you mean `{meant}`?" if meant else None


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def num(value: Decimal) -> str:
    """A decimal as people write it: `3`, `0.5`, `12.5`."""
    text = format((value + 0).normalize(), "f") if value.is_finite() else str(value)
    return "−" + text[1:] if text.startswith("-") else text
