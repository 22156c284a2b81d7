"""Near-duplicate search over word sets, without comparing every pair.

Two sets whose overlap (Jaccard: shared words over all words) is at least `t`
share at least one word among the rarest `n - ceil(t * n) + 1` words of each (a
set of n words; words ordered by how few sets hold them, across all sets). So
each set is compared only with the earlier sets that share one of its rarest
words (prefix filtering, as in Bayardo, Ma and Srikant's All-Pairs), and the
pairs found are exactly the pairs at or above `t`. On text written by people
that is a few comparisons a set; on thousands of generated, nearly identical
questions it could still be every pair, so the comparisons have a budget, and
the search says where it stopped."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["COMPARISONS", "Match", "Search", "near_duplicates"]

COMPARISONS = 2_000_000  # candidates looked up (each then compared), at most: a few seconds


@dataclass(frozen=True)
class Match:
    earlier: int  # index of the first earlier set it matches
    later: int
    overlap: float
    more: int = 0  # how many other earlier sets it matches


@dataclass
class Search:
    matches: list[Match]  # one a later set that matches any: its first, and how many more
    stopped_at: int | None = None  # the set the budget ran out on, or None: complete


def near_duplicates(sets: Sequence[frozenset[str]], groups: Sequence[str], threshold: float,
                    budget: int = COMPARISONS) -> Search:
    """Each later set's matches among the earlier sets of other groups (a module),
    in order; stops when `budget` comparisons are spent."""
    # (a float product a hair over a whole number must not round the prefix down)
    frequency = Counter(word for words in sets for word in words)
    index: dict[str, dict[str, list[int]]] = defaultdict(dict)  # word: group: sets, in order
    search = Search([])
    spent = 0
    for later, words in enumerate(sets):
        if not words:
            continue
        rarest = sorted(words, key=lambda w: (frequency[w], w))
        prefix = rarest[:len(rarest) - math.ceil(threshold * len(rarest) - 1e-9) + 1]
        candidates: set[int] = set()
        for word in prefix:
            for group, members in index[word].items():
                if group == groups[later]:
                    continue
                spent += len(members)  # looking candidates up costs as much as comparing
                if spent > budget:
                    search.stopped_at = later
                    return search
                candidates.update(members)
            index[word].setdefault(groups[later], []).append(later)
        found: list[tuple[int, float]] = []
        for earlier in sorted(candidates):
            overlap = len(sets[earlier] & words) / len(sets[earlier] | words)
            if overlap >= threshold:
                found.append((earlier, overlap))
        if found:
            search.matches.append(Match(found[0][0], later, found[0][1], len(found) - 1))
    return search
