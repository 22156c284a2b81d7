"""Reading the course again, only for the files that changed.

While `serve` runs, the plugin loads the course inside `with reusing(store):`.
There, a function marked `@reused_while_same` (the YAML parser and the language
check: the costly part of loading) is given the text of a file and returns what
it returned for that same text the last time, and reports the same problems
again, without doing the work. A file that changed has new text, so it is read
afresh; the checks across files (ids, numbers, links) always run. A plain
build keeps nothing. A kept result is shared from build to build: callers read
it and never change it."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from builder.content.problems import Problems

__all__ = ["reusing", "reused_while_same"]

F = TypeVar("F", bound=Callable[..., Any])
_current: ContextVar[tuple[dict, set] | None] = ContextVar("peer_support_memo", default=None)


@contextmanager
def reusing(store: dict) -> Iterator[None]:
    """Reuse results kept in `store`; afterwards keep only those this run used."""
    used: set = set()
    token = _current.set((store, used))
    try:
        yield
    finally:
        _current.reset(token)
        for key in store.keys() - used:
            del store[key]


def reused_while_same(fn: F) -> F:
    """For fn(text, path, problems, *args): the same arguments give the same result
    and the same problems, computed once."""

    @functools.wraps(fn)
    def wrapper(text: str, path, problems: Problems, *args: Any, **kwargs: Any) -> Any:
        current = _current.get()
        if current is None:
            return fn(text, path, problems, *args, **kwargs)
        store, used = current
        key = (fn.__qualname__, str(path), text, args, tuple(sorted(kwargs.items())))
        used.add(key)
        if key in store:
            result, found = store[key]
            problems.extend(found)
            return result
        before = len(problems.items)
        result = fn(text, path, problems, *args, **kwargs)
        store[key] = (result, problems.items[before:])
        return result

    return wrapper  # type: ignore[return-value]
