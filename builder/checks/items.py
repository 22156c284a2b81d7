"""The item-writing check: cues that let a test-wise trainee answer a
self-check question without reading the module.

Each rule, and the reason for it, is in AUTHORING.md ("Questions only a
reader can answer"); the cues of register (the words and clauses that tell a
right option from a wrong one) are in `register`. Problems are warnings, or errors under `check --strict`,
except the absolute-word hint, which stays a warning: it is a hint, and only a
person can tell whether the word gives the answer away.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from builder.checks.duplicates import COMPARISONS, near_duplicates
from builder.checks.register import check_register
from builder.content.model import Module, Question, QuizBank
from builder.content.problems import Problems

__all__ = ["check_items", "story_names", "LENGTH_RATIO", "LONGEST_SHARE", "POSITION_RANGE",
           "POSITION_MIN_BANK", "TRUE_FALSE_LEAN", "COUNT_SHARE", "DUPLICATE_OVERLAP"]

LENGTH_RATIO = 1.3       # right option longer than this times the longest other one
LONGEST_SHARE = 0.4      # in a bank, the right option longest in more than this share ...
LONGEST_MIN_BANK = 5     # ... of at least this many single-answer questions
POSITION_RANGE = (0.15, 0.40)  # each place of a 4-option right answer, as a share
POSITION_MIN_BANK = 8    # a bank (or the course) needs this many 4-option questions to judge
TRUE_FALSE_LEAN = 0.65   # true/false keyed one way more than this, over the course
COUNT_SHARE = 0.6        # one "right of total" count in more than this share of multiples
COUNT_MIN = 5
PLACE_GAP = 0.25         # a place of multiple-answer options right this far from the overall share
PLACE_MIN = 20           # ... judged once that many options stand in the place, over the course
DUPLICATE_OVERLAP = 0.3  # word overlap (Jaccard) of two questions in different banks
STEM = 5                 # words compare by their first letters: "stopped" and "stopping" agree
SHOWN = 8                # question ids listed in one message

ABSOLUTE = re.compile(r"\b(always|never|must|only)\b", re.IGNORECASE)
ALL_OR_NONE = re.compile(
    r"\b(?:all|none|both|neither) of (?:the above|these|the options|the answers)\b", re.IGNORECASE)
STORIES = re.compile(r"^## Stories from practice\s*$(.*?)(?=^## |\Z)", re.MULTILINE | re.DOTALL)
NAME = re.compile(r"\b[A-Z][a-z]+\b")
WORD = re.compile(r"[a-z]+")
# Words too common to tell two questions apart.
STOPWORDS = frozenset("""
about after again also asked asks because been before being could does doing done feel feels
from have here into just know knows like made make many more most much need needs only other
over people person said says should some someone something such than that their them then
there they this those tell tells under very want wants were what when where which while will
with would your peer peers support supporter supporters worker program fits best standards
practice""".split())


def check_items(banks: Iterable[QuizBank], modules: dict[str, Module], problems: Problems,
                course_path: Path, strict: bool = False) -> None:
    """Report every item-writing cue in `banks`: per question, per bank, and
    over the whole course (reported against the course order, `course_path`)."""
    report = problems.error if strict else problems.warn
    banks = list(banks)
    shared = _shared_names(modules.values())
    for bank in banks:
        names = story_names(modules[bank.module], shared) if bank.module in modules else {}
        for q in bank.questions:
            _check_question(q, bank.path, names, report, problems.warn)
        _check_longest_share(bank, report)
        _check_positions([q for q in bank.questions], bank.path, bank.line, "this bank", report,
                         POSITION_MIN_BANK)
    every = [(bank, q) for bank in banks for q in bank.questions]
    questions = [q for _, q in every]
    _check_positions(questions, course_path, 1, "the course", report, POSITION_MIN_BANK)
    _check_true_false(questions, course_path, report)
    _check_counts(questions, course_path, report)
    _check_multiple_places(questions, course_path, report)
    _check_duplicates(every, problems, report, course_path)
    check_register(banks, course_path, report, problems.warn)


# --- one question ----------------------------------------------------------------

def _plain(text: str) -> str:
    return " ".join(re.sub(r"[*_`]", "", text).split())


def _check_question(q: Question, path: Path, names: dict[str, str], report: Report,
                    hint: Report) -> None:
    what = f'question "{q.id}"'
    keyed = [o for o in q.options if o.correct]
    others = [o for o in q.options if not o.correct]
    if q.type == "single" and len(keyed) == 1 and others:
        right, longest = len(_plain(keyed[0].text)), max(len(_plain(o.text)) for o in others)
        if right > LENGTH_RATIO * longest:
            report(path, keyed[0].line, f"{what}: the right option is {right / longest:.2f} times "
                   f"as long as the longest other option (over {LENGTH_RATIO} gives it away); "
                   "trim it, or give the other options real substance")
    for option in q.options:
        if found := ALL_OR_NONE.search(option.text):
            report(path, option.line, f'{what}: "{found.group(0)}" rewards a guess that reads '
                   "none of the options; write an option of its own")
    hedged = keyed and not any(ABSOLUTE.search(o.text) for o in keyed)
    if q.type in ("single", "multiple") and hedged:
        for option in others:
            if found := ABSOLUTE.search(option.text):
                hint(path, option.line, f'{what}: hint: this option says "{found.group(0)}" and '
                     "no right option does; an absolute word marks a wrong answer to a test-wise "
                     "reader (reword it if it gives the answer away)")
    text = " ".join([q.prompt, *(o.text for o in q.options), *q.steps])
    named = sorted({n for n in NAME.findall(text) if n in names})
    if named:
        stories = sorted({names[n] for n in named})
        report(path, q.line, f"{what} names {_join(named)}, from this module's "
               f"{_plural(len(stories), 'story', 'stories')} {_join(stories, quote=True)}; ask "
               "about a new situation, not the module's story retold")
    explanation = _plain(q.explanation).lower()
    for option in keyed if q.type != "true-false" else ():
        said = _plain(option.text).lower().rstrip(".!?")
        if len(said.split()) >= 4 and said in explanation:
            report(path, q.line, f"{what}: the explanation repeats the right option word for "
                   "word; say why it fits in other words, so that matching text is no clue")


# --- one bank ----------------------------------------------------------------------

def _longest_is_right(q: Question) -> bool:
    lengths = [(len(_plain(o.text)), o.correct) for o in q.options]
    top = max(n for n, _ in lengths)
    winners = [right for n, right in lengths if n == top]
    return winners == [True]


def _check_longest_share(bank: QuizBank, report: Report) -> None:
    single = [q for q in bank.questions if q.type == "single" and len(q.correct_keys) == 1]
    longest = [q.id for q in single if _longest_is_right(q)]
    if len(single) >= LONGEST_MIN_BANK and len(longest) > LONGEST_SHARE * len(single):
        report(bank.path, bank.line, f"the right option is the longest in {len(longest)} of "
               f"{len(single)} single-answer questions ({_percent(len(longest), len(single))}; "
               f"keep it at or under {_percent(LONGEST_SHARE)}): {_ids(longest)}; trim right "
               "answers or give the other options substance")


def _check_positions(questions: list[Question], path: Path, line: int, where: str,
                     report: Report, minimum: int) -> None:
    four = [q for q in questions if q.type == "single" and len(q.options) == 4
            and len(q.correct_keys) == 1]
    if len(four) < minimum:  # too few to judge
        return
    low, high = POSITION_RANGE
    for index, key in enumerate("abcd"):
        at = [q.id for q in four if q.correct_keys[0] == key]
        share = len(at) / len(four)
        if share < low or share > high:
            place = ("first", "second", "third", "fourth")[index]
            fix = (f"put more right answers {place}" if share < low
                   else f"move some elsewhere: {_ids(at)}")
            report(path, line, f"in {where}, the right option is {place} in {len(at)} of "
                   f"{len(four)} four-option questions ({_percent(len(at), len(four))}); keep "
                   f"each place between {_percent(low)} and {_percent(high)}: {fix}")


# --- the whole course ----------------------------------------------------------------

def _check_true_false(questions: list[Question], path: Path, report: Report) -> None:
    keyed = Counter(next(o.text for o in q.options if o.correct) for q in questions
                    if q.type == "true-false" and q.correct_keys)
    total = sum(keyed.values())
    if not total:
        return
    side, count = keyed.most_common(1)[0]
    if count / total > TRUE_FALSE_LEAN:
        ids = [q.id for q in questions if q.type == "true-false"
               and any(o.correct and o.text == side for o in q.options)]
        report(path, 1, f'true/false questions are keyed "{side}" in {count} of {total} '
               f"({_percent(count, total)}; keep either side at or under "
               f"{_percent(TRUE_FALSE_LEAN)}), so always answering {side} pays: turn some "
               f"statements round: {_ids(ids)}")


def _check_counts(questions: list[Question], path: Path, report: Report) -> None:
    multiple = [q for q in questions if q.type == "multiple"]
    if len(multiple) < COUNT_MIN:
        return
    counts = Counter((len(q.correct_keys), len(q.options)) for q in multiple)
    (right, total), n = counts.most_common(1)[0]
    if n / len(multiple) > COUNT_SHARE:
        report(path, 1, f"{n} of {len(multiple)} multiple-answer questions "
               f"({_percent(n, len(multiple))}) have {right} right options of {total}; vary the "
               f"number of right options (keep any one count at or under {_percent(COUNT_SHARE)})")


def _check_multiple_places(questions: list[Question], path: Path, report: Report) -> None:
    """The answer key, printouts and exports keep options in the order written: a place
    that is right far more (or less) often than options are overall lets a reader of
    that order pick by place."""
    multiple = [q for q in questions if q.type == "multiple"]
    options = sum(len(q.options) for q in multiple)
    if not options:
        return
    overall = sum(len(q.correct_keys) for q in multiple) / options
    for index in range(max(len(q.options) for q in multiple)):
        key = chr(97 + index)
        there = [q for q in multiple if len(q.options) > index]
        right = [q.id for q in there if key in q.correct_keys]
        if len(there) < PLACE_MIN:
            continue
        share = len(right) / len(there)
        if abs(share - overall) > PLACE_GAP:
            fix = (f"move some right options elsewhere: {_ids(right)}" if share > overall
                   else "put more right options here")
            report(path, 1, f"in multiple-answer questions, option {key} is right in "
                   f"{len(right)} of {len(there)} ({_percent(len(right), len(there))}), against "
                   f"{_percent(overall)} of all their options; keep each place within "
                   f"{_percent(PLACE_GAP)} of that: {fix}")


def _words(q: Question) -> frozenset[str]:
    text = " ".join([q.prompt, *(o.text for o in q.options), *q.steps]).lower()
    return frozenset(w[:STEM] for w in WORD.findall(text) if len(w) >= 4 and w not in STOPWORDS)


def _check_duplicates(every: list[tuple[QuizBank, Question]], problems: Problems,
                      report: Report, course_path: Path) -> None:
    search = near_duplicates([_words(q) for _, q in every], [bank.module for bank, _ in every],
                             DUPLICATE_OVERLAP)
    for match in search.matches:
        (bank_a, a), (bank_b, b) = every[match.earlier], every[match.later]
        more = f", and of {match.more} other {_plural(match.more, 'question', 'questions')}" \
            if match.more else ""
        report(bank_b.path, b.line, f'question "{b.id}" is a near duplicate of "{a.id}" in '
               f"{problems.rel(bank_a.path)} ({match.overlap:.2f} word overlap){more}; a scenario "
               "belongs to one module: write one only this module's topic raises")
    if search.stopped_at is not None:
        bank, q = every[search.stopped_at]
        report(course_path, 1, f"the near-duplicate search stopped at question \"{q.id}\" in "
               f"{problems.rel(bank.path)}, after {COMPARISONS:,} comparisons: so many questions "
               "share most of their words that the rest were not compared; make the questions "
               "differ, or split the course")


# --- the module's own stories ------------------------------------------------------------

def _shared_names(modules: Iterable[Module]) -> set[str]:
    """Capitalized words found in more than one module: places, peoples and
    terms such as "Indigenous", never a story's character (story names are
    unique to their module)."""
    seen = Counter(n for m in modules for n in set(NAME.findall(m.body)))
    return {n for n, count in seen.items() if count > 1}


def story_names(module: Module, shared: frozenset[str] | set[str] = frozenset()
                ) -> dict[str, str]:
    """Names of the people in a module's "Stories from practice", each with the
    title of its story: capitalized words that recur in a story, never appear
    in lower case in the module, and are not `shared` with other modules."""
    section = STORIES.search(module.body)
    if not section:
        return {}
    lower = set(WORD.findall(module.body))
    names: dict[str, str] = {}
    for story in re.split(r"^### ", section.group(1), flags=re.MULTILINE)[1:]:
        title, _, text = story.partition("\n")
        counts = Counter(NAME.findall(title + "\n" + text))
        for name, n in counts.items():
            if n >= 2 and name.lower() not in lower and name not in shared:
                names.setdefault(name, title.strip())
    return names


# --- wording helpers -------------------------------------------------------------------------

Report = Callable[[Path, int, str], None]


def _percent(part: float, whole: float = 1) -> str:
    return f"{round(100 * part / whole)}%"


def _ids(ids: list[str]) -> str:
    more = len(ids) - SHOWN
    return ", ".join(ids[:SHOWN]) + (f" and {more} more" if more > 0 else "")


def _plural(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


def _join(items: list[str], quote: bool = False) -> str:
    items = [f'"{i}"' for i in items] if quote else items
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
