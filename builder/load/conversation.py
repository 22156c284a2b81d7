"""The shape of a practice conversation: where each reply leads. Every `next`
names a turn, every turn can be reached from the first, no path comes back on
itself, every path from the first turn reaches an ending in 3 to 5 turns (the
ending counted), and there are at least two endings. Lengths are worked out
turn by turn (shortest and longest path from each), never by listing paths,
which could be exponentially many in a broken file."""

from __future__ import annotations

from pathlib import Path

from builder.content.practice import PATH_TURNS, Turn
from builder.content.problems import Problems

__all__ = ["check_conversation"]


def check_conversation(turns: tuple[Turn, ...], what: str, path: Path, line: int,
                       problems: Problems) -> None:
    """Report every problem with the turns of one conversation, at its line."""
    if not turns:
        return
    by_id: dict[str, Turn] = {}
    for turn in turns:
        if turn.id in by_id:
            problems.error(path, turn.line, f'{what} has two turns with the id "{turn.id}"; give '
                           "each turn its own id")
        by_id.setdefault(turn.id, turn)
    linked = True
    for turn in turns:
        for choice in turn.choices:
            if choice.next not in by_id:
                linked = False
                problems.error(path, choice.lines.get("next", turn.line), f'a choice of turn '
                               f'"{turn.id}" of {what} leads to "{choice.next}", which is not a '
                               f"turn of this conversation; use one of: {', '.join(by_id)}")
    start = turns[0]
    reached = _reachable(start, by_id)
    for turn in turns:
        if turn.id not in reached and by_id[turn.id] is turn:
            problems.error(path, turn.line, f'turn "{turn.id}" of {what} cannot be reached from '
                           f'the first turn ("{start.id}"); point a choice\'s next: at it, or '
                           "remove it")
    endings = [t for t in turns if t.end is not None and t.id in reached]
    if len(endings) < 2:
        problems.error(path, line, f"{what} has {len(endings)} ending(s) a trainee can reach; "
                       "give it at least two different endings (turns with end:)")
    order = _walk(start, by_id, what, path, problems)
    if order is not None and linked:
        _check_lengths(order, by_id, what, path, line, problems)


def _reachable(start: Turn, by_id: dict[str, Turn]) -> set[str]:
    seen, todo = {start.id}, [start]
    while todo:
        for choice in todo.pop().choices:
            if choice.next in by_id and choice.next not in seen:
                seen.add(choice.next)
                todo.append(by_id[choice.next])
    return seen


def _walk(start: Turn, by_id: dict[str, Turn], what: str, path: Path,
          problems: Problems) -> list[Turn] | None:
    """The turns reached from `start`, each after every turn it leads to (a depth-first
    walk, kept on a list rather than the call stack: a file may hold thousands of turns).
    A choice that leads back to a turn on its own path is reported; then None."""
    state: dict[str, int] = {start.id: 1}  # 1: on the path being walked, 2: done
    trail: list[tuple[Turn, int]] = [(start, 0)]  # each turn on the path, and its next choice
    order: list[Turn] = []
    looped = False
    while trail:
        turn, index = trail[-1]
        if index == len(turn.choices):
            state[turn.id] = 2
            order.append(turn)
            trail.pop()
            continue
        trail[-1] = (turn, index + 1)
        choice = turn.choices[index]
        nxt = by_id.get(choice.next)
        if nxt is None:
            continue
        if state.get(nxt.id) == 1:
            looped = True
            ids = [t.id for t, _ in trail]
            loop = " → ".join([*ids[ids.index(nxt.id):], nxt.id])
            problems.error(path, choice.lines.get("next", turn.line), f'a choice of turn '
                           f'"{turn.id}" of {what} leads back to "{nxt.id}" ({loop}); a '
                           "conversation only moves forward, so that every path reaches an "
                           "ending")
        elif not state.get(nxt.id):
            state[nxt.id] = 1
            trail.append((nxt, 0))
    return None if looped else order


def _check_lengths(order: list[Turn], by_id: dict[str, Turn], what: str, path: Path,
                   line: int, problems: Problems) -> None:
    """Every path from the first turn (the last of `order`) reaches an ending in PATH_TURNS
    turns: its shortest and longest paths do. `order` puts each turn after the turns it
    leads to, and every next names a turn."""
    low, high = PATH_TURNS
    for pick, wrong, fix in ((min, lambda n: n < low, "add a turn before the ending"),
                             (max, lambda n: n > high, "end it sooner")):
        length: dict[str, int] = {}
        via: dict[str, str] = {}
        for turn in order:
            if turn.end is not None or not turn.choices:
                length[turn.id] = 1
                continue
            best = pick(turn.choices, key=lambda c: length[c.next])
            length[turn.id], via[turn.id] = 1 + length[best.next], best.next
        start = order[-1].id
        if wrong(length[start]):
            ids = [start]
            while ids[-1] in via and len(ids) <= high:
                ids.append(via[ids[-1]])
            shown = " → ".join(ids) + (" → …" if ids[-1] in via else "")
            problems.error(path, line, f"{what}: the path {shown} takes {length[start]} turn(s) "
                           f"to reach its ending; every path needs {low} to {high} turns, the "
                           f"ending counted: {fix}")
