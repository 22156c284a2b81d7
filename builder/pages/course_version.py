"""The course's version, as the record of learning states it: the day the site
was built and, when the course's folder is a git checkout, its revision (and
whether files it tracks were changed since). Worked out once a build, here only.
SOURCE_DATE_EPOCH, when set, is the build's date (reproducible builds)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

__all__ = ["CourseVersion", "course_version"]


@dataclass(frozen=True)
class CourseVersion:
    built: str  # YYYY-MM-DD (UTC)
    revision: str = ""  # the commit, abbreviated; "" when not a git checkout
    changed: bool = False  # tracked files differ from that commit

    @property
    def text(self) -> str:
        if not self.revision:
            return f"built {self.built}"
        return (f"built {self.built} from revision {self.revision}"
                + (" with local changes" if self.changed else ""))


def _build_day() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    when = (dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch.isdigit()
            else dt.datetime.now(dt.UTC))
    return when.date().isoformat()


def _git(root: Path, *args: str) -> subprocess.CompletedProcess | None:
    try:
        # No hook or file-system monitor a checkout's own config might name is run.
        return subprocess.run(["git", "-c", "core.fsmonitor=false", "-C", str(root), *args],
                              capture_output=True, text=True, timeout=20,
                              env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"})
    except (OSError, subprocess.SubprocessError):  # no git, or it hung
        return None


def course_version(root: Path) -> CourseVersion:
    """The version of the course in `root`, as of now."""
    head = _git(root, "rev-parse", "--short=10", "HEAD")
    if head is None or head.returncode != 0 or not head.stdout.strip():
        return CourseVersion(_build_day())
    diff = _git(root, "diff", "--quiet", "HEAD", "--")
    return CourseVersion(_build_day(), head.stdout.strip(), diff is not None and diff.returncode == 1)
