"""Cues of register: a reader who never sees the question can still tell the
right option by how the options are written, when keys and distractors are
written in two voices.

Three rules, each with its reason in AUTHORING.md ("Questions only a reader
can answer"):

- the word cue: a simple classifier over option words, trained on the other
  modules' banks (leave one module out), picks the key of each single-answer
  question of a bank; the course-wide share is held to `WORD_CUE_SHARE`;
- reason clauses ("since", "so that", "because") in keys and distractors at
  different rates, per bank;
- true/false statements whose key follows their wording (hedged = True,
  absolute = False), per bank.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from builder.content.model import Option, Question, QuizBank

__all__ = ["check_register", "word_cue", "WordCue", "WORD_CUE_SHARE", "REASON_GAP",
           "REASON_MIN_OPTIONS"]

WORD_CUE_SHARE = 0.35     # the course's single-answer keys a word classifier may pick
WORD_CUE_MIN = 5          # a bank's single-answer questions needed to report its share
REASON_GAP = 0.2          # keys and distractors with a reason clause, apart by more than this
REASON_MIN_OPTIONS = 6    # keys a bank needs before its reason clauses are judged
WORDS_SHOWN = 6

WORD = re.compile(r"[a-z']+")
# Function words: they say nothing of an option's register on their own.
STOPWORDS = frozenset("""a an the to of and or in on for with it is be you your they them their
he she him her his this that at as by from are was we our not do does if i it's""".split())
REASON = re.compile(r"\b(?:since|so that|so|because|in order to|to make sure|which means|"
                    r"otherwise)\b", re.IGNORECASE)
HEDGED = re.compile(r"\b(?:may|might|can|could|often|usually|sometimes|some|many|most|tends?|"
                    r"likely)\b", re.IGNORECASE)
ABSOLUTE = re.compile(r"\b(?:always|never|all|every|only|must|none|no one|nothing|cannot|"
                      r"can't)\b", re.IGNORECASE)

Report = Callable[[Path, int, str], None]


def words(text: str) -> frozenset[str]:
    return frozenset(w for w in WORD.findall(text.lower()) if len(w) > 2 and w not in STOPWORDS)


@dataclass(frozen=True)
class WordCue:
    module: str
    picked: float   # single-answer keys the classifier picks (a tie of k options counts 1/k)
    total: int      # single-answer questions
    words: tuple[str, ...]  # the words that most often carried a pick, most first


class _Model:
    """Naive Bayes over the presence of words in an option: keyed or not."""

    def __init__(self, options: Iterable[Option]) -> None:
        self.seen = {True: Counter[str](), False: Counter[str]()}
        self.count = Counter[bool]()
        for option in options:
            self.count[option.correct] += 1
            self.seen[option.correct].update(words(option.text))

    def weight(self, word: str) -> float:
        key = (self.seen[True][word] + 1) / (self.count[True] + 2)
        other = (self.seen[False][word] + 1) / (self.count[False] + 2)
        return math.log(key / other)

    def score(self, text: str) -> float:
        return sum(self.weight(w) for w in words(text))


def _options(banks: Iterable[QuizBank]) -> Iterable[Option]:
    return (o for bank in banks for q in bank.questions if q.type in ("single", "multiple")
            for o in q.options)


def word_cue(banks: list[QuizBank]) -> list[WordCue]:
    """For each bank, how many of its single-answer keys a classifier trained on
    the other banks picks from the options alone."""
    found = []
    for bank in banks:
        model = _Model(_options(b for b in banks if b.module != bank.module))
        picked, total, carried = 0.0, 0, Counter[str]()
        for q in bank.questions:
            if q.type != "single" or len(q.correct_keys) != 1:
                continue
            total += 1
            scores = [(round(model.score(o.text), 9), o) for o in q.options]
            top = max(s for s, _ in scores)
            best = [o for s, o in scores if s == top]
            if any(o.correct for o in best):
                picked += 1 / len(best)
                carried.update(w for w in words(next(o for o in best if o.correct).text)
                               if model.weight(w) > 0.4)
        found.append(WordCue(bank.module, picked, total,
                             tuple(w for w, _ in carried.most_common(WORDS_SHOWN))))
    return found


def check_register(banks: Iterable[QuizBank], course_path: Path, report: Report,
                   hint: Report) -> None:
    banks = list(banks)
    cues = word_cue(banks)
    for bank, cue in zip(banks, cues):
        if cue.total >= WORD_CUE_MIN and cue.picked > WORD_CUE_SHARE * cue.total:
            hint(bank.path, bank.line, f"word cue: a classifier trained on the other modules' "
                 f"options picks the right option of {cue.picked:g} of {cue.total} single-answer "
                 f"questions here ({_percent(cue.picked, cue.total)}) from their words alone; "
                 f"words that carry it: {', '.join(cue.words)}; use them in wrong options too")
        _check_reasons(bank, report)
        _check_hedging(bank, report)
    picked, total = sum(c.picked for c in cues), sum(c.total for c in cues)
    if total and picked > WORD_CUE_SHARE * total:
        worst = sorted(cues, key=lambda c: c.picked / c.total if c.total else 0, reverse=True)[:3]
        report(course_path, 1, f"word cue: from the options' words alone, a classifier trained on "
               f"the other modules picks the right option of {picked:g} of {total} single-answer "
               f"questions ({_percent(picked, total)}; keep it at or under "
               f"{_percent(WORD_CUE_SHARE, 1)}): right and wrong options are written in two voices; "
               f"most in {', '.join(c.module for c in worst)}")


def _check_reasons(bank: QuizBank, report: Report) -> None:
    keys = [o for q in bank.questions if q.type in ("single", "multiple") for o in q.options
            if o.correct]
    others = [o for q in bank.questions if q.type in ("single", "multiple") for o in q.options
              if not o.correct]
    if len(keys) < REASON_MIN_OPTIONS or not others:
        return
    in_keys = sum(bool(REASON.search(o.text)) for o in keys)
    in_others = [o for o in others if REASON.search(o.text)]
    gap = len(in_others) / len(others) - in_keys / len(keys)
    if abs(gap) > REASON_GAP:
        which, lines = (("wrong options explain themselves", [o.line for o in in_others]) if gap > 0
                        else ("right options explain themselves",
                              [o.line for o in keys if REASON.search(o.text)]))
        report(bank.path, bank.line, f"reason clauses: {which} ({in_keys} of {len(keys)} right "
               f"options and {len(in_others)} of {len(others)} wrong ones say \"since\", \"so\" or "
               f"\"because\"); give both the same share, or put every reason in the feedback "
               f"(lines {', '.join(map(str, lines[:8]))})")


def _wording(q: Question) -> str | None:
    hedged, absolute = bool(HEDGED.search(q.prompt)), bool(ABSOLUTE.search(q.prompt))
    return "hedged" if hedged and not absolute else "absolute" if absolute and not hedged else None


def _check_hedging(bank: QuizBank, report: Report) -> None:
    judged = []
    for q in bank.questions:
        wording = _wording(q)
        if q.type == "true-false" and q.correct_keys and wording:
            key = next(o.text for o in q.options if o.correct)
            judged.append((q, (wording == "hedged") == (key == "True")))
    if len(judged) >= 2 and all(follows for _, follows in judged):
        report(bank.path, bank.line, "true/false: every statement here worded with a hedge "
               "(may, can, often) is True and every absolute one (always, never, only) is False, "
               "so the wording gives the answer; write a True absolute or a False hedged "
               f"statement: {', '.join(q.id for q, _ in judged)}")


def _percent(part: float, whole: float) -> str:
    return f"{round(100 * part / whole)}%"
