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

    def rel(self, path: Path | str) -> str:
        return _relative(str(path), str(self.root))

    def error(self, path: Path | str, line: int, message: str) -> None:
        self.items.append(Problem(self.rel(path), line, message))

    def warn(self, path: Path | str, line: int, message: str) -> None:
        self.items.append(Problem(self.rel(path), line, message, warning=True))

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
    try:
        return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()
