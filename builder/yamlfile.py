"""YAML that remembers where each value came from.

Mappings load as `Node` dicts and sequences as `NodeList`s; both know the line
of the node itself and of each key or item, so a check can say
`quizzes/06-boundaries.yml:41: ...`. Duplicate keys are reported, not merged.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from builder.memo import reused_while_same
from builder.problems import Problems

__all__ = ["Node", "NodeList", "load_yaml", "parse_yaml"]


class Node(dict):
    line: int = 1
    lines: dict[Any, int]


class NodeList(list):
    line: int = 1
    lines: list[int]


# libyaml's parser (C) when PyYAML has it; the constructors below are ours either way.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[valid-type, misc]
    duplicates: list[tuple[int, str]]


def _mapping(loader: _Loader, node: yaml.MappingNode) -> Node:
    result = Node()
    result.line = node.start_mark.line + 1
    result.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if isinstance(key, (dict, list)):
            loader.duplicates.append((line, "a key must be plain text, not a mapping or a list"))
            continue
        if key in result:
            loader.duplicates.append((line, f'the key "{key}" appears twice in one mapping; keep one'))
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = line
    return result


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> NodeList:
    result = NodeList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.lines = [child.start_mark.line + 1 for child in node.value]
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


@reused_while_same  # while serving, a file whose text did not change is not parsed again
def parse_yaml(text: str, path: Path, problems: Problems, first_line: int = 1) -> Any:
    """Parse YAML text; on a syntax error report it and return None."""
    loader = _Loader(text)
    loader.duplicates = []
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + first_line) if mark else first_line
        what = exc.problem or "not valid YAML"
        problems.error(path, line, f"YAML syntax error: {what}")
        return None
    except yaml.YAMLError as exc:  # pragma: no cover - other parser errors carry no mark
        problems.error(path, first_line, f"YAML error: {exc}")
        return None
    finally:
        loader.dispose()
    for line, message in loader.duplicates:
        problems.error(path, line + first_line - 1, message)
    if first_line != 1:
        _shift(data, first_line - 1)
    return data


def _shift(data: Any, by: int) -> None:
    if isinstance(data, Node):
        data.line += by
        data.lines = {k: v + by for k, v in data.lines.items()}
        for value in data.values():
            _shift(value, by)
    elif isinstance(data, NodeList):
        data.line += by
        data.lines = [v + by for v in data.lines]
        for value in data:
            _shift(value, by)


def load_yaml(path: Path, problems: Problems) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.error(path, 1, f"the file is not UTF-8 text ({exc.reason}); save it as UTF-8")
        return None
    return parse_yaml(text, path, problems)
