"""Finding an indicator by its name (when unique) or its path `投入/预算编制/准确性`."""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from rubricdsl import ir
from rubricdsl.errors import RubricDslError


class UnknownIndicatorError(RubricDslError, KeyError):
    """No indicator has that name or path (or the name is not unique)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown indicator"


class IndicatorIndex:
    """Positions of indicators in walk order, by path and by name."""

    def __init__(self, nodes: Sequence[ir.Indicator]) -> None:
        self.paths = ["/".join(node.path) for node in nodes]
        self.by_path = {path: i for i, path in enumerate(self.paths)}
        self.by_name: dict[str, list[int]] = {}
        for i, node in enumerate(nodes):
            self.by_name.setdefault(node.name, []).append(i)

    def find(self, name_or_path: str | Sequence[str]) -> int:
        key = name_or_path if isinstance(name_or_path, str) else "/".join(name_or_path)
        key = key.strip().strip("/")
        if key in self.by_path:
            return self.by_path[key]
        found = self.by_name.get(key) or [i for i, p in enumerate(self.paths) if p.endswith("/" + key)]
        if len(found) == 1:
            return found[0]
        if found:
            choices = ", ".join(self.paths[i] for i in found)
            raise UnknownIndicatorError(f"{key} names several indicators ({choices}); give the path")
        raise UnknownIndicatorError(f"no indicator named {key}{self.suggestion(key)}")

    def suggestion(self, key: str) -> str:
        words = [*self.by_name, *self.paths]
        close = difflib.get_close_matches(key, words, n=1, cutoff=0.5)
        return f" (did you mean {close[0]}?)" if close else ""
