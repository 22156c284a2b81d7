"""The loader for reflection prompts."""

from __future__ import annotations

from pathlib import Path

from builder.checks.policy import check_field_safety
from builder.content.fields import check_fields, check_id, check_module_ref
from builder.content.model import PROMPT_FIELDS, REFLECTION_SET_FIELDS, ReflectionPrompt, ReflectionSet
from builder.content.problems import Problems
from builder.content.yamlfile import load_yaml

__all__ = ["load_reflections"]


def load_reflections(path: Path, problems: Problems, modules: set[str],
                      seen: dict[str, str]) -> ReflectionSet | None:
    data = load_yaml(path, problems, "the reflection set is empty; it needs module: and prompts:")
    if data is None:
        return None
    got = check_fields(data, REFLECTION_SET_FIELDS, path, problems, "the reflection set")
    if not got or not {"module", "prompts"} <= got.keys():
        return None
    ok = check_module_ref(got["module"], modules, path, data.lines["module"], problems,
                     "the reflection set")
    prompts = []
    for item, line in zip(got["prompts"], got["prompts"].lines):
        p = check_fields(item, PROMPT_FIELDS, path, problems, "a reflection prompt", line)
        if not p or not {"id", "text"} <= p.keys():
            continue
        check_field_safety(p, item, path, problems, f'prompt "{p["id"]}"', markdown=("text",))
        if not check_id(p["id"], path, item.lines["id"], problems, "the prompt"):
            continue
        if p["id"] in seen:
            problems.error(path, item.lines["id"], f'prompt "{p["id"]}" has the same id as a '
                           f"prompt in {seen[p['id']]}; give each prompt its own id")
            continue
        seen[p["id"]] = problems.rel(path)
        prompts.append(ReflectionPrompt(p["id"], p["text"], p.get("self_care", False),
                                        item.lines.get("text", line)))
    if not got["prompts"]:
        problems.error(path, data.lines["prompts"], "the reflection set has no prompts")
    return ReflectionSet(got["module"], tuple(prompts), path) if ok else None
