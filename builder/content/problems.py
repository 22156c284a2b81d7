"""Problems found in content files, reported as `path:line: message`."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
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
        return _relative(str(path), str(self.root))

    def error(self, path: Path | str, line: int, message: str) -> None:
        self._add(Problem(self.rel(path), line, message))

    def warn(self, path: Path | str, line: int, message: str) -> None:
        self._add(Problem(self.rel(path), line, message, warning=True))

    def extend(self, problems: list[Problem]) -> None:
        for problem in problems:
            self._add(problem)

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


@lru_cache(maxsize=4096)  # resolving asks the file system; loading asks once a question
def _relative(path: str, root: str) -> str:
    try:  # the folder resolved, not the file: a link is named as itself
        found = Path(path)
        return (found.parent.resolve() / found.name).relative_to(Path(root).resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):
        return Path(path).as_posix()
