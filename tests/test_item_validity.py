"""The fresh-reader study's script (scripts/item_validity.py, quizzes/VALIDITY.md):
sheets from the real banks that never show the key, and a score that counts
exactly the right answers, lists misses and says which items went unanswered."""

from __future__ import annotations

import json
import subprocess
import sys

import yaml
from conftest import REPO

SCRIPT = REPO / "scripts/item_validity.py"


def run(*args: str) -> str:
    result = subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_sheets_hide_the_key_and_the_score_counts_only_exact_answers(tmp_path):
    run("sheets", str(tmp_path), "--seed", "5", "12-crisis")
    key = json.loads((tmp_path / "key.json").read_text(encoding="utf-8"))
    assert key and {e["module"] for e in key.values()} == {"12-crisis"}
    bank = yaml.safe_load((REPO / "quizzes/12-crisis.yml").read_text(encoding="utf-8"))
    sheet = " ".join((tmp_path / "questions/12-crisis.md").read_text(encoding="utf-8").split())
    taught = [q["explanation"] for q in bank["questions"]]
    taught += [o["feedback"] for q in bank["questions"] for o in q.get("options", [])]
    assert taught and not [t for t in taught if " ".join(t.split())[:60] in sheet]
    assert "<!--" not in sheet and "correct:" not in sheet
    options = (tmp_path / "options/12-crisis.md").read_text(encoding="utf-8")
    assert "True or false" not in options  # the options sheet has no question and no true/false

    def letters(entry: dict) -> str:
        back = {k: letter for letter, k in entry["letters"].items()}
        return ",".join(back[k] for k in entry["right"])

    ids = sorted(key)
    answers = {q: letters(key[q]) for q in ids[2:]}  # the first two unanswered
    wrong = ids[2]
    entry = key[wrong]
    answers[wrong] = next(letter for letter, k in entry["letters"].items() if k not in entry["right"])
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    out = run("score", str(tmp_path), str(path))
    n = len(ids) - 2
    assert f"all {n - 1}/{n} " in out
    assert f"  missed: {wrong}\n" in out
    unanswered = ", ".join(q for q in key if q in ids[:2])  # in the bank's order
    assert f"  not answered (not counted): {unanswered}\n" in out
