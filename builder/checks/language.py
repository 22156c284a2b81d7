"""The person-first language check.

Grounded in the B.C. overview's person-first table ("negative phrase" against
"person-first phrase") and the content guide. A line that quotes a phrase on
purpose, to teach what to say instead, ends with `<!-- language-example -->`;
a whole table or list sits between `<!-- language-examples -->` and
`<!-- /language-examples -->`.
"""

from __future__ import annotations

import bisect
import itertools
import re
from pathlib import Path

from builder.content.memo import reused_while_same
from builder.content.problems import Problems

__all__ = ["RULES", "LINE_MARKER", "BLOCK_START", "BLOCK_END", "check_language", "strip_markers"]

LINE_MARKER = "<!-- language-example -->"
BLOCK_START = "<!-- language-examples -->"
BLOCK_END = "<!-- /language-examples -->"

# (pattern, what to say instead). Patterns are case-insensitive, whole words.
RULES: tuple[tuple[str, str], ...] = (
    (r"addicts?", '"a person who uses substances" or "a person living with an addiction"'),
    (r"junkies?", '"a person who uses substances"'),
    (r"alcoholics(?! anonymous)", '"people who use alcohol" or "people living with alcohol use disorder"'),
    (r"an alcoholic", '"a person who uses alcohol" or "a person living with alcohol use disorder"'),
    # A proper name is left as it is: the U.S. agency SAMHSA.
    (r"(?:substance|drug|alcohol) abuse(?! and mental health services)",
     '"substance use" (or "problematic substance use")'),
    (r"(?:substance |drug )?abusers?", '"a person who uses substances"'),
    (r"schizophrenics?", '"a person living with schizophrenia"'),
    (r"(?:an? |the )diabetics?", '"a person with diabetes"'),
    (r"the mentally ill", '"people living with mental health challenges"'),
    (r"mentally ill (?:person|people|man|woman|men|women)", '"a person living with a mental illness"'),
    (r"the homeless", '"people experiencing homelessness"'),
    (r"homeless (?:person|people|man|woman|men|women)", '"a person experiencing homelessness"'),
    (r"suffer(?:s|ed|ing)? from", '"lives with", "has" or "is experiencing"'),
    (r"committed suicide", '"died by suicide"'),
    (r"(?:successful|failed) suicide", '"died by suicide" or "a suicide attempt"'),
    (r"non-?judge?mental(?:ly)?",
     'a description of the practice: "we notice and question our judgements" '
     "(the curriculum avoids this word on purpose)"),
    (r"crazy|psycho|insane|lunatic", "words that describe the experience, not a label"),
)
# Every phrase a rule flags holds one of these words (lowercase; a test holds each
# rule to it). Only the lines holding one are searched with the rules' pattern:
# most lines of a course hold none, and str.find skips them far faster than a regex.
STEMS = ("addict", "junkie", "alcoholic", "abuse", "schizophrenic", "diabetic", "mentally ill",
         "homeless", "suffer", "suicide", "judg", "crazy", "psycho", "insane", "lunatic")
# One pattern for every rule, for lowercase text.
_ALL = re.compile(r"\b(?:" + "|".join(rf"(?P<r{i}>(?:{p})\b)" for i, (p, _) in enumerate(RULES))
                  + ")")


def _lines_with_stems(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each line of lowercase `text` holding a stem, in order."""
    spans = set()
    for stem in STEMS:
        at = text.find(stem)
        while at != -1:
            start, end = text.rfind("\n", 0, at) + 1, text.find("\n", at)
            end = len(text) if end == -1 else end
            spans.add((start, end))
            at = text.find(stem, end)
    return sorted(spans)


def _skipped(lines: list[str]) -> set[int]:
    """Indexes of lines that quote flagged phrases on purpose (the markers)."""
    skipped, inside = set(), False
    for index, line in enumerate(lines):
        if BLOCK_START in line:
            inside = True
        if inside or LINE_MARKER in line or BLOCK_END in line:
            skipped.add(index)
        if BLOCK_END in line:
            inside = False
    return skipped


@reused_while_same  # while serving, text that did not change is not checked again
def check_language(text: str, path: Path | str, problems: Problems, strict: bool = False,
                   first_line: int = 1) -> None:
    """Report every flagged phrase in `text` as a warning (an error if strict)."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lowercase is longer: positions would shift
        lowered = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    # A rule's phrase never crosses a line, so searching line by line finds the same.
    found = [m for start, end in _lines_with_stems(lowered)
             for m in _ALL.finditer(lowered, start, end)]
    if not found:
        return
    report = problems.error if strict else problems.warn
    lines = text.split("\n")
    skipped = _skipped(lines)
    starts = list(itertools.accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
    for match in found:
        index = bisect.bisect_right(starts, match.start()) - 1
        if index not in skipped:
            suggestion = RULES[int(str(match.lastgroup)[1:])][1]
            report(path, index + first_line, f'person-first language: '
                   f'"{text[match.start():match.end()]}"; say {suggestion}')


def strip_markers(markdown: str) -> str:
    """Remove the language markers so they never reach a page."""
    for marker in (LINE_MARKER, BLOCK_START, BLOCK_END):
        markdown = markdown.replace(" " + marker, "").replace(marker, "")
    return markdown
