"""What the practice tests share (issue 26): the mini course with the small
practice file of tests/fixtures/practice/ for its module 01-one. The tests are
test_practice_load.py, test_practice_render.py and test_practice_browser.py."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import PRACTICE, make_mini

MODULE = "01-one"
REPLY, SECOND, TALK = "m01-p1", "m01-p2", "m01-p3"  # the fixture's exercises


def practice_course(root: Path) -> Path:
    """The mini course in `root`, with module 01-one's practice file."""
    make_mini(root)
    (root / "practice").mkdir()
    shutil.copy(PRACTICE, root / "practice" / f"{MODULE}.yml")
    return root
