"""What a content record's keys are described with: `Field`, one key, its type
and whether it must be there. The content model (model.py, practice.py) lists
each kind's fields with it; content/fields.py checks a mapping against them."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Field"]


@dataclass(frozen=True)
class Field:
    """One key of a content record: its type and whether it must be there."""

    name: str
    type: type  # str, int, bool or list (a list of strings unless the loader says otherwise)
    required: bool = True
    hint: str = ""
