"""What every pass shares: the file, the diagnostics so far, the indicator
tree flattened with each node's ancestry, and name resolution in scopes."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING

from rubricdsl import codes, semantics
from rubricdsl import nodes as n
from rubricdsl.checker.coverage import StepRun, all_step_runs
from rubricdsl.checker.domains import Domains, input_domains
from rubricdsl.diagnostics import Diagnostic, Label
from rubricdsl.source import Source, Span

if TYPE_CHECKING:
    from rubricdsl.checker.ranges import Analysis

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
        return tuple(node.name.name for node in self.chain)

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


@dataclass
class Context:
    file: n.RubricFile
    source: Source
    diagnostics: list[Diagnostic] = field(default_factory=list)
    ranges: dict[LeafPath, tuple[Decimal, Decimal]] = field(default_factory=dict)
    # Several passes need every band rule's step runs; the file keeps each
    # rule alive while checking, so its id names it.
    _step_runs: dict[int, list[StepRun]] = field(default_factory=dict, repr=False, compare=False)

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
        return tuple(_walk(self.file.indicators, ()))

    @cached_property
    def leaves(self) -> tuple[Node, ...]:
        return tuple(node for node in self.nodes if node.indicator.is_leaf)

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

    def step_runs(self, rule: n.Bands) -> list[StepRun]:
        """The rule's step runs, worked out once per check (do not modify)."""
        runs = self._step_runs.get(id(rule))
        if runs is None:
            runs = self._step_runs[id(rule)] = all_step_runs(rule)
        return runs

    def scope_of(self, node: Node) -> Scope:
        return Scope(self.inputs, semantics.visible_lets(self.file, node.chain))

    @cached_property
    def let_scopes(self) -> dict[n.LetDecl, Scope]:
        """Where each `let` is defined: its expression sees that block's names."""
        scopes = {let: self.top_scope for let in self.file.lets}
        for node in self.nodes:
            scope = self.scope_of(node)
            scopes.update({let: scope for let in node.indicator.lets})
        return scopes

    @cached_property
    def analysis(self) -> Analysis:
        from rubricdsl.checker.ranges import analyse

        return analyse(self)


def _walk(indicators: Iterable[n.Indicator], ancestry: tuple[n.Indicator, ...]) -> Iterator[Node]:
    for indicator in indicators:
        yield Node(indicator, ancestry)
        yield from _walk(indicator.children, (*ancestry, indicator))


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
