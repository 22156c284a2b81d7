"""Reading one content file, bounded: a regular file inside the repository, at
most `MAX_BYTES`, UTF-8 with or without a byte-order mark, and no control
characters. Each refusal is a `path:line: message`; nothing here raises."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

from builder.content.problems import Problems

__all__ = ["CONTENT_FOLDERS", "MAX_BYTES", "odd_files", "read_content", "read_once", "refusal"]

# The folders of a course that hold content: regular files and folders only, no links.
CONTENT_FOLDERS = ("modules", "quizzes", "reflections", "practice", "facilitator", "data", "pages")
LINK = ("is a symbolic link, which would publish whatever it points to; put the file itself "
        "here instead")
SPECIAL = "is not a regular file (a pipe, device or socket), which the build cannot copy; remove it"

MAX_BYTES = 1_000_000  # 1 MB; the longest module is about 40 KB
# What YAML refuses as text, and Markdown should not carry either: C0 and C1
# controls but tab, line feed, carriage return and next line, and U+FFFE/U+FFFF.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
# Bidirectional embeddings, overrides and isolates: they make text show in an order
# other than it is stored (a phone number read backwards). Right-to-left scripts need none.
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
BIDI_WHAT = ("a bidirectional control character (U+{:04X}), which makes text show in an order "
             "other than it is written; delete it (right-to-left scripts need none)")
_read: ContextVar[dict | None] = ContextVar("peer_support_read", default=None)


@contextmanager
def read_once() -> Iterator[None]:
    """Within it, each content file is read from disk once: the loaders and the
    checks that look at a file again (the language check) get the same text, and a
    refusal is reported once."""
    token = _read.set({})
    try:
        yield
    finally:
        _read.reset(token)


@lru_cache(maxsize=8)
def _resolved(root: Path) -> Path:
    return root.resolve()


def refusal(path: Path, root: Path, anywhere: bool = False) -> str | None:
    """Why `path` is not a content file to read, or None. `anywhere`: a file named
    in the site's settings (an agency's support lines) may sit outside `root`, and
    may be a link."""
    if not anywhere and path.is_symlink():
        return LINK
    try:
        target = path.resolve()
        inside = target.is_relative_to(_resolved(root))
    except (OSError, RuntimeError):  # a loop of symbolic links
        return "is a loop of symbolic links; replace it with the file itself"
    if not inside and not anywhere:
        return (f"leads outside the repository (to {target}); content files must be inside "
                "it: copy the file in instead of linking to it")
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if path.is_symlink():
            return f"is a symbolic link to {target}, which does not exist; fix or remove the link"
        return "does not exist"
    except OSError as exc:
        return f"cannot be read: {exc.strerror}"
    if stat.S_ISDIR(mode):
        return "is a folder, not a file; rename it or move it out of the content folders"
    if not stat.S_ISREG(mode):
        return SPECIAL
    return None


def odd_files(folder: Path) -> list[tuple[Path, str]]:
    """Everything in `folder` (a folder the site copies from) that is not a plain
    file or folder, each with why: a symbolic link could publish any file on the
    machine (/proc/self/environ) or loop; a pipe or device would hang the build.
    Links are not followed."""
    if folder.is_symlink():  # the folder itself: nothing in it is read from elsewhere
        return [(folder, f"this {LINK}")]
    found: list[tuple[Path, str]] = []
    for top, dirs, names in os.walk(folder):  # does not follow links
        for name in sorted(dirs + names):
            path = Path(top, name)
            try:
                mode = os.lstat(path).st_mode
            except OSError as exc:
                found.append((path, f"this cannot be read: {exc.strerror}"))
                continue
            if stat.S_ISLNK(mode):
                found.append((path, f"this {LINK}"))
            elif not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                found.append((path, f"this {SPECIAL}"))
    return found


def read_content(path: Path, problems: Problems, *, anywhere: bool = False) -> str | None:
    """The text of a content file, or None once the reason is reported."""
    read = _read.get()
    if read is None:
        return _read_content(path, problems, anywhere)
    if (path, anywhere) not in read:
        read[path, anywhere] = _read_content(path, problems, anywhere)
    return read[path, anywhere]


def _read_content(path: Path, problems: Problems, anywhere: bool) -> str | None:
    why = refusal(path, problems.root, anywhere)
    if why:
        problems.error(path, 1, f"this {why}")
        return None
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_BYTES + 1)
    except OSError as exc:
        problems.error(path, 1, f"cannot read the file: {exc.strerror}")
        return None
    if len(raw) > MAX_BYTES:
        problems.error(path, 1, f"the file is larger than {MAX_BYTES // 1_000_000} MB, the limit "
                       "for one content file; split it or shorten it")
        return None
    try:
        text = raw.decode("utf-8-sig")  # a leading byte-order mark is dropped
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        problems.error(path, line, f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x} "
                       "on this line); save it as UTF-8")
        return None
    first = CONTROL.search(text)
    if first:
        more = len(CONTROL.findall(text)) - 1
        problems.error(path, text.count("\n", 0, first.start()) + 1,
                       f"a control character (U+{ord(first.group()):04X}) that text cannot hold"
                       + (f" (and {more} more after it)" if more else "") + "; delete it")
        return None
    if found := BIDI.search(text):
        problems.error(path, text.count("\n", 0, found.start()) + 1,
                       BIDI_WHAT.format(ord(found.group())))
        return None
    return text
