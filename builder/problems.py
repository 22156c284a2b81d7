"""Problems found in content files, reported as `path:line: message`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Problem", "Problems"]


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str
    warning: bool = False

    def __str__(self) -> str:
        kind = "warning: " if self.warning else ""
        return f"{self.path}:{self.line}: {kind}{self.message}"


@dataclass
class Problems:
    """Collects every problem of a run, so that all are reported at once."""

    root: Path
    items: list[Problem] = field(default_factory=list)
    _seen: set[Problem] = field(default_factory=set, repr=False)

    def rel(self, path: Path | str) -> str:
        path = Path(path)
        try:  # the folder resolved, not the file: a link is named as itself
            return (path.parent.resolve() / path.name).relative_to(self.root.resolve()).as_posix()
        except (ValueError, OSError, RuntimeError):
            return path.as_posix()

    def error(self, path: Path | str, line: int, message: str) -> None:
        self._add(Problem(self.rel(path), line, message))

    def warn(self, path: Path | str, line: int, message: str) -> None:
        self._add(Problem(self.rel(path), line, message, warning=True))

    def _add(self, problem: Problem) -> None:
        if problem not in self._seen:  # a file read twice reports its problem once
            self._seen.add(problem)
            self.items.append(problem)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.warning]

    def sorted(self) -> list[Problem]:
        return sorted(set(self.items))
