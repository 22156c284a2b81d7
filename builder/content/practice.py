"""The practice file's model (`practice/<module id>.yml`, issue 26): one
definition of every field of the two kinds of exercise, used by the loader,
the renderers and the tests.

- **Your reply** (`reply`): a situation and the peer's words; the trainee
  writes a reply, then compares it with two or three model replies, each with
  why it works, and ticks the review points it meets.
- **A conversation** (`conversation`): turns, each with the peer's words and
  either three replies to choose from (each leading to another turn, with a
  note on what it does) or an ending; a debrief at every ending.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from builder.content.schema import Field

__all__ = ["PRACTICE_FIELDS", "REPLY_FIELDS", "CONVERSATION_FIELDS", "MODEL_REPLY_FIELDS",
           "TURN_FIELDS", "CHOICE_FIELDS", "EXERCISE_TYPES", "MODELS", "REVIEW", "CHOICES",
           "PATH_TURNS", "ModelReply", "Choice", "Turn", "Exercise", "PracticeSet"]

EXERCISE_TYPES = ("reply", "conversation")
MODELS = (2, 3)  # model replies a reply exercise has, at least and at most
REVIEW = (3, 5)  # review points an exercise has
CHOICES = 3  # replies to choose from at each turn of a conversation that is not an ending
PATH_TURNS = (3, 5)  # turns along any path of a conversation, the ending counted

PRACTICE_FIELDS = (Field("module", str), Field("exercises", list))
_COMMON = (
    Field("id", str, hint="unique across the course, such as m06-p1"),
    Field("type", str, hint="reply or conversation"),
    Field("title", str, hint="a short title, plain text"),
    Field("competencies", list, hint="competency ids such as SP-2.4"),
    Field("situation", str, hint="1-3 sentences: who, where, what has happened"),
)
REPLY_FIELDS = (
    *_COMMON,
    Field("peer", str, hint="the peer's words"),
    Field("models", list, hint="2 or 3 model replies, each with text: and why:"),
    Field("review", list, hint="3 to 5 self-review points, first person"),
)
CONVERSATION_FIELDS = (
    *_COMMON,
    Field("turns", list, hint="the turns; the first is the start"),
    Field("debrief", str, hint="shown at every ending: the standards at work, named"),
    Field("review", list, hint="3 to 5 points: the observer's sheet on the role-play card"),
)
MODEL_REPLY_FIELDS = (Field("text", str), Field("why", str, hint="what makes it work"))
TURN_FIELDS = (
    Field("id", str, hint="a short id, such as start"),
    Field("peer", str, hint="the peer's words at this turn"),
    Field("choices", list, required=False, hint="exactly 3, each with text:, next: and note:"),
    Field("end", str, required=False, hint="for an ending: what this path came to"),
)
CHOICE_FIELDS = (
    Field("text", str, hint="a reply the trainee could pick"),
    Field("next", str, hint="the id of the turn it leads to"),
    Field("note", str, hint="what this reply does, shown after it is picked"),
)


def _lines() -> Any:
    """Where each key of a record was written ({key: file line}), for problems."""
    return field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class ModelReply:
    text: str
    why: str
    lines: dict[str, int] = _lines()


@dataclass(frozen=True)
class Choice:
    text: str
    next: str
    note: str
    lines: dict[str, int] = _lines()


@dataclass(frozen=True)
class Turn:
    id: str
    peer: str
    choices: tuple[Choice, ...] = ()
    end: str | None = None  # an ending: what this path came to
    line: int = field(default=0, compare=False)
    lines: dict[str, int] = _lines()


@dataclass(frozen=True)
class Exercise:
    id: str
    type: str  # reply | conversation
    title: str
    competencies: tuple[str, ...]
    situation: str
    review: tuple[str, ...]
    peer: str = ""  # reply
    models: tuple[ModelReply, ...] = ()  # reply
    turns: tuple[Turn, ...] = ()  # conversation: the first is the start
    debrief: str = ""  # conversation
    line: int = field(default=0, compare=False)
    lines: dict[str, int] = _lines()
    review_lines: tuple[int, ...] = field(default=(), compare=False)

    @property
    def is_reply(self) -> bool:
        return self.type == "reply"

    def turn(self, turn_id: str) -> Turn | None:
        return next((t for t in self.turns if t.id == turn_id), None)

    def longest_path(self) -> tuple[Turn, ...]:
        """The longest path from the first turn to an ending (the first choice's, of
        equal ones): the path a role-play card follows. Only for a conversation the
        checks passed (every next names a turn, no cycle)."""
        memo: dict[str, tuple[Turn, ...]] = {}

        def longest(turn: Turn, depth: int) -> tuple[Turn, ...]:
            if turn.id not in memo:
                best: tuple[Turn, ...] = ()
                for choice in turn.choices if depth < len(self.turns) else ():
                    following = self.turn(choice.next)
                    rest = longest(following, depth + 1) if following else ()
                    if len(rest) > len(best):
                        best = rest
                memo[turn.id] = (turn, *best) if best or turn.end is not None else ()
            return memo[turn.id]

        return longest(self.turns[0], 1) if self.turns else ()

    @property
    def endings(self) -> tuple[Turn, ...]:
        return tuple(t for t in self.turns if t.end is not None)


@dataclass(frozen=True)
class PracticeSet:
    module: str
    exercises: tuple[Exercise, ...]
    path: Path

    @property
    def conversations(self) -> tuple[Exercise, ...]:
        return tuple(e for e in self.exercises if not e.is_reply)
