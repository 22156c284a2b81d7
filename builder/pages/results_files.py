"""Trainees' self-check results files, read by what they hold, never by their
names: every results file exported on one day has the same name, so three
trainees' files are three trainees. A file carries the trainee's learner id (a
random id their browser made once) and the name they chose to give, if any
(version 2; a version 1 file has neither). Two files with one learner id are
the same trainee: the newer is kept and the other set aside, with a note; two
files without an id are the same only when they are the same text.

Of a file's answers, those in the form the site writes are read, and one counts
only while it answered the question as it is now: status.js's current(), the
rule the trainee's own pages use, step for step. The grid (cohort_grid.py) and
the figures (insights.py) both count by it.

The cohort page (builder/site/assets/cohortgrid.js) does the same, step for
step; tests/test_insights.py holds the two together.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from builder.content.model import Question

__all__ = ["RESULTS_FORMAT", "LEARNER_ID", "MAX_NAME", "Trainee", "Cohort", "learner_code",
           "trainee_from", "read_cohort", "set_apart", "answers_in", "current"]

RESULTS_FORMAT = "peer-support-self-check-results"  # written by the progress page
LEARNER_ID = re.compile(r"[0-9a-f]{32}")  # what learner.js makes: 16 random bytes as hex
MAX_NAME = 100  # characters of a trainee's name that are read
EXPORTED = re.compile(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,3}))?Z")  # as toISOString writes
CONTROLS = re.compile(r"[\x00-\x1f\x7f]")


def learner_code(learner_id: str | None) -> str:
    """The short code the record of learning shows beside the course's version, and
    the cohort page beside the trainee: the id's first eight hex digits ("3F9A-0C1E")."""
    if not learner_id or not LEARNER_ID.fullmatch(learner_id):
        return ""
    return f"{learner_id[:4]}-{learner_id[4:8]}".upper()


def _exported(value: object) -> str:
    """When the file was written, as one fixed form ("...:00.000Z") that sorts as time
    does; "" when it is missing or not in the form the site writes (the oldest)."""
    found = EXPORTED.fullmatch(value) if isinstance(value, str) else None
    return f"{found.group(1)}.{(found.group(2) or '').ljust(3, '0')}Z" if found else ""


def answers_in(record: object) -> dict[str, dict]:
    """The answers in a file's module record that are in the form the site writes."""
    answers = record.get("answers") if isinstance(record, dict) else None
    out = {}
    for qid, a in (answers.items() if isinstance(answers, dict) else ()):
        chosen = a.get("chosen") if isinstance(a, dict) else None
        if (isinstance(a, dict) and isinstance(a.get("correct"), bool) and isinstance(chosen, list)
                and all(isinstance(c, str) for c in chosen)):
            clean = {"chosen": list(chosen), "correct": a["correct"]}
            if isinstance(a.get("rev"), str):
                clean["rev"] = a["rev"]
            if isinstance(a.get("first"), bool):
                clean["first"] = a["first"]
            out[qid] = clean
    return out


def _choices(q: Question) -> list[str]:
    if q.type == "ordering":
        return [str(i) for i in range(1, len(q.steps) + 1)]
    return [o.key for o in q.options]


def _grade(q: Question, chosen: list[str]) -> bool:
    if q.type == "ordering":
        return chosen == _choices(q)
    right = list(q.correct_keys)
    return len(chosen) == len(right) and all(c in right for c in chosen)


def current(q: Question, a: dict) -> dict | None:
    """status.js's current(): the answer (one from answers_in), if it answered this
    version of the question. One saved before revisions existed counts while its
    choices are all still offered and it still grades as it did."""
    chosen = a["chosen"]
    if not chosen:
        return None
    if a.get("rev"):
        return a if a["rev"] == q.revision else None
    offered = _choices(q)
    known = all(c in offered for c in chosen) and (q.type != "ordering" or len(chosen) == len(offered))
    return a if known and _grade(q, chosen) == a["correct"] else None


@dataclass(frozen=True)
class Trainee:
    file: str  # the file's name, to tell the facilitator which one is meant
    data: dict  # the file as read
    text: str  # the file's text: two files without an id are one trainee when it is equal
    learner_id: str | None
    name: str  # the name the trainee gave, or ""
    exported: str  # see _exported
    odd_learner: bool = False  # the file has a learner part that is not in the site's form

    @property
    def code(self) -> str:
        return learner_code(self.learner_id)

    @property
    def label(self) -> str:
        """How the grid names the trainee: the name given, else the file's name."""
        if self.name:
            return self.name
        return "No name given" if self.learner_id else self.file

    @property
    def key(self) -> str:
        return f"id:{self.learner_id}" if self.learner_id else f"text:{self.text}"

    @property
    def sort_key(self) -> tuple[str, str, str]:
        return (self.label.lower(), self.code, self.file)


def trainee_from(file: str, text: str, data: dict) -> Trainee:
    """A results file (`data`, read from `text`) as a trainee."""
    learner = data.get("learner")
    learner_id, name = None, ""
    if isinstance(learner, dict):
        given = learner.get("id")
        learner_id = given if isinstance(given, str) and LEARNER_ID.fullmatch(given) else None
        if isinstance(learner.get("name"), str):
            name = CONTROLS.sub("", learner["name"]).strip()[:MAX_NAME]
    odd = learner is not None and learner_id is None
    return Trainee(file, data, text, learner_id, name, _exported(data.get("exported")), odd)


@dataclass(frozen=True)
class Cohort:
    trainees: list[Trainee]  # one a trainee, in the grid's order
    skipped: list[str]  # files that are not results files, and why
    set_aside: list[str]  # files from a trainee already read, and which file was kept

    @property
    def results(self) -> list[dict]:
        return [t.data for t in self.trainees]

    @property
    def summary(self) -> str:
        """What was read, as the cohort page says it."""
        files, n = len(self.trainees) + len(self.set_aside), len(self.trainees)
        return " ".join([f"{files} results file{'' if files == 1 else 's'} read: "
                         f"{n} trainee{'' if n == 1 else 's'}.",
                         *(f"Set aside {note}." for note in self.set_aside),
                         *(f"Read {t.file} as a trainee of its own: its learner id is not in the "
                           "form this course writes." for t in self.trainees if t.odd_learner),
                         *(f"Skipped {note}." for note in self.skipped)])


def set_apart(trainees: list[Trainee]) -> tuple[list[Trainee], list[str]]:
    """One trainee a learner (the newest file; on a tie, the first read), in the grid's
    order, and a note for each file set aside."""
    kept: dict[str, Trainee] = {}
    for t in trainees:
        if t.key not in kept or t.exported > kept[t.key].exported:
            kept[t.key] = t
    notes = []
    for t in trainees:
        keep = kept[t.key]
        if keep is t:
            continue
        if t.learner_id:
            notes.append(f"{t.file}: an earlier file from the same trainee ({keep.label}, "
                         f"code {keep.code}) as {keep.file}, which is used")
        else:
            notes.append(f"{t.file}: the same file as {keep.file}, read once")
    return sorted(kept.values(), key=lambda t: t.sort_key), notes


def read_cohort(folder: Path) -> Cohort:
    """Every results file in `folder`, by content, and a note for each file that is not one."""
    read, skipped = [], []
    for path in sorted(Path(folder).glob("*.json")):
        try:
            text = path.read_text(encoding="utf-8-sig")  # as a browser reads it: no BOM
            data = json.loads(text)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            skipped.append(f"{path.name}: not a JSON file")
            continue
        if not isinstance(data, dict) or data.get("format") != RESULTS_FORMAT:
            skipped.append(f"{path.name}: not a self-check results file")
            continue
        read.append(trainee_from(path.name, text, data))
    trainees, aside = set_apart(read)
    return Cohort(trainees, skipped, aside)
