"""YAML that remembers where each value came from.

Mappings load as `Node` dicts and sequences as `NodeList`s; both know the line
of the node itself and of each key or item, so a check can say
`quizzes/06-boundaries.yml:41: ...`. Duplicate keys are reported, not merged.
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path
from typing import Any

import yaml

from builder.content.files import BIDI, BIDI_WHAT, CONTROL, read_content
from builder.content.memo import reused_while_same
from builder.content.problems import Problems

__all__ = ["Node", "NodeList", "load_yaml", "parse_yaml"]


class Node(dict):
    line: int = 1
    lines: dict[Any, int]


class NodeList(list):
    line: int = 1
    lines: list[int]


# libyaml's parser (C) when PyYAML has it; the constructors below are ours either way.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Content nests five levels at most (a bank, its questions, an option); aliases
# (*name) may repeat a value, but not expand a file past MAX_VALUES values.
MAX_DEPTH = 20
MAX_VALUES = 100_000


_LINE_FEED = re.compile("\n")


class _Lines:
    """The file line of a position in the text, counting line feeds only (YAML also
    breaks lines at a lone CR or U+2028, which editors do not show as lines)."""

    def __init__(self, text: str, first_line: int) -> None:
        self.feeds = [match.start() for match in _LINE_FEED.finditer(text)]
        self.first_line = first_line

    def __call__(self, index: int) -> int:
        return bisect.bisect_left(self.feeds, index) + self.first_line


class _Loader(_Base):  # type: ignore[valid-type, misc]
    duplicates: list[tuple[int, str]]
    line_of: _Lines


def _mapping(loader: _Loader, node: yaml.MappingNode) -> Node:
    result = Node()
    result.line = loader.line_of(node.start_mark.index)
    result.lines = {}
    for key_node, value_node in node.value:
        key = _construct(loader, key_node)
        line = loader.line_of(key_node.start_mark.index)
        if not _hashable(key):
            loader.duplicates.append((line, "a key must be plain text, not a mapping or a list"))
            continue
        if key in result:
            loader.duplicates.append((line, f'the key "{key}" appears twice in one mapping; keep one'))
        result[key] = _construct(loader, value_node)
        result.lines[key] = line
    return result


_STR = "tag:yaml.org,2002:str"


def _construct(loader: _Loader, node: yaml.Node) -> Any:
    """A value: most are text, which is the node's own value. A control character
    written as an escape ("\\u0007") is refused as one written as it is would be."""
    if node.tag == _STR and isinstance(node, yaml.ScalarNode):
        if found := CONTROL.search(node.value):
            loader.duplicates.append((loader.line_of(node.start_mark.index),
                                      f"the text holds a control character (U+{ord(found.group()):04X}), "
                                      "written as an escape, that text cannot hold; delete it"))
        elif found := BIDI.search(node.value):
            loader.duplicates.append((loader.line_of(node.start_mark.index),
                                      "the text holds " + BIDI_WHAT.format(ord(found.group()))))
        return node.value
    return loader.construct_object(node, deep=True)


def _hashable(key: Any) -> bool:
    try:
        hash(key)
    except TypeError:
        return False
    return True


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> NodeList:
    result = NodeList(_construct(loader, child) for child in node.value)
    result.line = loader.line_of(node.start_mark.index)
    result.lines = [loader.line_of(child.start_mark.index) for child in node.value]
    return result


def _timestamp(loader: _Loader, node: yaml.ScalarNode) -> Any:
    try:
        return _Base.construct_yaml_timestamp(loader, node)
    except ValueError:  # 2026-02-30 looks like a date but is none: keep the text for the checks
        return loader.construct_scalar(node)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def _within_budget(root: yaml.Node) -> bool:
    """Whether a composed document nests at most MAX_DEPTH levels and its aliases
    expand it to at most MAX_VALUES values, counted as _over_budget counts them.
    An alias is the node it names, so each node is counted once and a bomb is
    cheap to measure; nothing has been built from it yet."""
    sizes: dict[int, int] = {}

    def size(node: yaml.Node, depth: int) -> int:
        if isinstance(node, yaml.ScalarNode):
            return 1
        if id(node) in sizes:  # an alias, or a collection that holds itself (&r [*r])
            return sizes[id(node)]
        if depth > MAX_DEPTH:
            raise _OverBudget
        sizes[id(node)] = 1
        children = node.value if isinstance(node, yaml.SequenceNode) else \
            [child for pair in node.value for child in pair]
        sizes[id(node)] = total = 1 + sum(size(child, depth + 1) for child in children)
        if total > MAX_VALUES:
            raise _OverBudget
        return total

    try:
        size(root, 1)
    except _OverBudget:
        return False
    return True


class _OverBudget(Exception):
    pass


def _over_budget(text: str, line_of: _Lines) -> tuple[int, str] | None:
    """(line, message) where the text nests too deep or its aliases expand too far,
    read from the parser's events (slower than _within_budget, but they say where)."""
    sizes: dict[str, int] = {}  # anchor: how many values it stands for
    levels: list[list] = []  # per open list or mapping: [values so far, its anchor]
    total = 0
    for event in yaml.parse(text, Loader=_Base):
        if isinstance(event, yaml.ScalarEvent):  # the commonest first
            size = 1
            if event.anchor:
                sizes[event.anchor] = 1
        elif isinstance(event, yaml.AliasEvent):
            size = sizes.get(event.anchor or "", 1)
        elif isinstance(event, yaml.CollectionStartEvent):
            levels.append([1, event.anchor])
            if len(levels) > MAX_DEPTH:
                return _line(event, line_of), (
                    f"lists and mappings nest more than {MAX_DEPTH} levels deep here; "
                    "content needs a few levels")
            total += 1  # literal collections: the file's size bounds them
            continue
        elif isinstance(event, yaml.CollectionEndEvent):
            size, anchor = levels.pop()
            if anchor:
                sizes[anchor] = size
            if levels:
                levels[-1][0] += size
            continue
        else:
            continue
        if levels:
            levels[-1][0] += size
        total += size
        if total > MAX_VALUES:
            return _line(event, line_of), (
                f"the aliases (*name) here expand the file past {MAX_VALUES:,} values; "
                "write the values out instead")
    return None


def _line(event: yaml.Event, line_of: _Lines) -> int:
    return line_of(event.start_mark.index if event.start_mark else 0)


@reused_while_same  # while serving, a file whose text did not change is not parsed again
def parse_yaml(text: str, path: Path, problems: Problems, first_line: int = 1,
               empty: str = "the file is empty") -> Any:
    """Parse YAML text. None when it cannot be read (the syntax error is reported)
    or holds nothing (`empty` is reported)."""
    loader = _Loader(text)
    loader.duplicates = []
    loader.line_of = _Lines(text, first_line)
    try:
        node = loader.get_single_node()
        if node is not None and not _within_budget(node):
            over = _over_budget(text, loader.line_of)
            problems.error(path, *(over or (loader.line_of(node.start_mark.index),
                                            "the file is too large to read")))
            return None
        data = None if node is None else loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = loader.line_of(mark.index) if mark else first_line
        what = exc.problem or "not valid YAML"
        problems.error(path, line, f"YAML syntax error: {what}")
        return None
    except yaml.reader.ReaderError as exc:  # a character YAML cannot hold
        line = loader.line_of(exc.position)
        problems.error(path, line, f"YAML cannot read this: {exc.reason}")
        return None
    except yaml.YAMLError as exc:  # pragma: no cover - other parser errors carry no mark
        problems.error(path, first_line, f"YAML error: {exc}")
        return None
    finally:
        loader.dispose()
    for line, message in loader.duplicates:
        problems.error(path, line, message)
    if data is None:
        problems.error(path, first_line if first_line == 1 else first_line - 1, empty)
    return data


def load_yaml(path: Path, problems: Problems, empty: str = "the file is empty", *,
              anywhere: bool = False) -> Any:
    """Read and parse a YAML content file; None once a problem is reported."""
    text = read_content(path, problems, anywhere=anywhere)
    return None if text is None else parse_yaml(text, path, problems, empty=empty)
