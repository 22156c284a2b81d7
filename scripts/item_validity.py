"""Fresh-reader validity study of the self-check banks (quizzes/VALIDITY.md).

    python scripts/item_validity.py sheets OUT --seed N [MODULE ...]
        writes, for each bank, three answer sheets with freshly shuffled options:
        OUT/options/<module>.md   the options alone (single and multiple answer)
        OUT/questions/<module>.md each question with its options, no module
        OUT/open-book/<module>.md the same, to answer with the module open
        and OUT/key.json, which maps each sheet's letters back to option keys.
    python scripts/item_validity.py score OUT ANSWERS.json [...]
        scores readers' answers ({"m01-q03": "B", "m01-q05": "A,C", ...}) against
        the key, by sheet kind and question type, and lists every miss.

Readers never see the key, the feedback, the explanation or this repository.
"""

from __future__ import annotations

import json
import random
import sys
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("options", "questions", "open-book")
HOW = {"single": "choose one letter", "multiple": "choose every letter that fits",
       "true-false": "answer A (True) or B (False)", "ordering": "give the letters in order"}


def banks(modules: list[str]) -> dict[str, list[dict]]:
    found = {}
    for path in sorted((ROOT / "quizzes").glob("*.yml")):
        bank = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not modules or bank["module"] in modules:
            found[bank["module"]] = bank["questions"]
    return found


def sheets(out: Path, seed: int, modules: list[str]) -> None:
    rng = random.Random(seed)
    key: dict[str, dict] = {}
    for module, questions in banks(modules).items():
        text = {kind: [f"# {module}: {kind}\n"] for kind in KINDS}
        for q in questions:
            if q["type"] == "ordering":
                items = [(str(i), s) for i, s in enumerate(q["steps"])]
                right = [str(i) for i in range(len(items))]
            elif q["type"] == "true-false":
                items = [(o["text"], o["text"]) for o in q["options"]]
                right = [o["text"] for o in q["options"] if o.get("correct")]
            else:
                items = [(str(i), o["text"]) for i, o in enumerate(q["options"])]
                right = [str(i) for i, o in enumerate(q["options"]) if o.get("correct")]
            if q["type"] != "true-false":
                rng.shuffle(items)
            letters = {chr(65 + n): k for n, (k, _) in enumerate(items)}
            key[q["id"]] = {"module": module, "type": q["type"], "letters": letters,
                            "right": right}
            options = "\n".join(f"- {chr(65 + n)}. {t.strip()}" for n, (_, t) in enumerate(items))
            prompt = " ".join(q["prompt"].split())
            for kind in KINDS:
                if kind == "options" and q["type"] not in ("single", "multiple"):
                    continue
                stem = "" if kind == "options" else f"{prompt}\n\n"
                text[kind].append(f"## {q['id']} ({HOW[q['type']]})\n\n{stem}{options}\n")
        for kind in KINDS:
            (out / kind).mkdir(parents=True, exist_ok=True)
            (out / kind / f"{module}.md").write_text("\n".join(text[kind]), encoding="utf-8")
    (out / "key.json").write_text(json.dumps(key, indent=1), encoding="utf-8")


def right_answer(entry: dict, given: str) -> bool:
    chosen = [entry["letters"].get(x.strip().upper()) for x in given.split(",") if x.strip()]
    if entry["type"] == "ordering":
        return chosen == entry["right"]
    return sorted(c for c in chosen if c) == sorted(entry["right"]) and None not in chosen


def score(out: Path, answer_files: list[Path]) -> None:
    """Each file's score by question type, its misses and the items of its banks it
    left unanswered (not counted), then all the files together."""
    key = json.loads((out / "key.json").read_text(encoding="utf-8"))
    together: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for path in answer_files:
        answers = json.loads(path.read_text(encoding="utf-8"))
        tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        misses = []
        for qid, given in answers.items():
            if qid not in key:
                continue
            entry = key[qid]
            ok = right_answer(entry, str(given))
            for group in ("all", entry["type"]):
                for counts in (tally[group], together[group]):
                    counts[0] += ok
                    counts[1] += 1
            if not ok:
                misses.append(qid)
        answered = [key[q] for q in answers if q in key]
        modules = {e["module"] for e in answered}
        types = {e["type"] for e in answered} | {"single", "multiple"}  # an options sheet has no others
        unanswered = [q for q, e in key.items()
                      if e["module"] in modules and e["type"] in types and q not in answers]
        print(f"{path.name}: {_tally(tally)}")
        print(f"  missed: {', '.join(misses) or 'none'}")
        if unanswered:
            print(f"  not answered (not counted): {', '.join(unanswered)}")
    if len(answer_files) > 1:
        print(f"together: {_tally(together)}")


def _tally(tally: dict[str, list[int]]) -> str:
    return "; ".join(f"{g} {r}/{n} ({100 * r / n:.0f}%)" for g, (r, n) in sorted(tally.items()))


if __name__ == "__main__":
    if sys.argv[1] == "sheets":
        seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 1
        rest = [a for a in sys.argv[3:] if a != "--seed" and not a.isdigit()]
        sheets(Path(sys.argv[2]), seed, rest)
    else:
        score(Path(sys.argv[2]), [Path(p) for p in sys.argv[3:]])
