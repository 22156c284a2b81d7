"""Cues of register (builder/checks/register.py): a reader who never sees the
question tells the right option by its words, its reasons or its hedging. One
test a rule, each asserting path, line and message, and the clean case."""

from __future__ import annotations

from test_items import bank, items_of, question

from builder.checks.register import word_cue
from builder.content.problems import Problems
from builder.load.course import load_course

KEYS = ["Ask together what matters to them", "Listen and ask what they notice",
        "Ask what feels right together", "Notice and ask together what helps",
        "Listen together to what matters", "Ask what they would like together"]
OTHERS = ["Suggest a plan and remind them", "Reassure them it will pass soon",
          "Encourage them to rest until next week", "Remind them gently of their plan"]


def voiced(prefix: str, n: int = 6) -> list[str]:
    """Questions whose right option speaks one voice and whose wrong ones another."""
    return [question(f"{prefix}{i}", [(KEYS[i % len(KEYS)], True),
                                      *((OTHERS[(i + j) % 4], False) for j in range(3))])
            for i in range(n)]


def test_two_voices_are_found_by_the_word_cue(mini):
    bank(mini, "01-one", *voiced("m01-q0"))
    bank(mini, "02-two", *voiced("m02-q0"))
    found = items_of(mini, strict=True)
    assert any(p.startswith("modules/course.yml:1: word cue: from the options' words alone, "
                            "a classifier trained on the other modules picks the right option of "
                            "12 of 12 single-answer questions (100%; keep it at or under 35%)")
               for p in found), found
    hint = [p for p in found if p.startswith("quizzes/01-one.yml:2: warning: word cue:")]
    assert len(hint) == 1 and "6 of 6" in hint[0] and "together" in hint[0].split("carry it:")[1]


def test_one_voice_leaves_the_word_cue_at_chance(mini):
    """The same sentences, keyed at random across questions: nothing to learn."""
    texts = KEYS[:4]
    bank(mini, "01-one", *(question(f"m01-q0{i}", [(t, j == i % 4) for j, t in enumerate(texts)])
                          for i in range(6)))
    bank(mini, "02-two", *(question(f"m02-q0{i}", [(t, j == (i + 1) % 4) for j, t in enumerate(texts)])
                          for i in range(6)))
    problems = Problems(mini)
    course = load_course(mini, problems)
    cues = word_cue([m.quiz for m in course.modules if m.quiz])
    assert sum(c.picked for c in cues) / sum(c.total for c in cues) <= 0.35
    assert not [p for p in items_of(mini, strict=True) if "word cue" in p]


def test_wrong_options_that_explain_themselves(mini):
    keys = [f"Stay with the peer {w}" for w in ("today", "now", "here", "a while", "this time", "too")]
    qs = [question(f"m01-q0{i}", [(keys[i], True), ("Call the office, since it is late", False),
                                  ("Wait a day so that they can rest", False)]) for i in range(6)]
    text = bank(mini, "01-one", *qs)
    found = [p for p in items_of(mini) if "reason clauses" in p]
    lines = [n for n, line in enumerate(text.splitlines(), 1) if "since" in line or "so that" in line]
    assert found == [
        'quizzes/01-one.yml:2: warning: reason clauses: wrong options explain themselves (0 of 6 '
        'right options and 12 of 12 wrong ones say "since", "so" or "because"); give both the same '
        f"share, or put every reason in the feedback (lines {', '.join(map(str, lines[:8]))})"]


def test_reasons_on_both_sides_are_clean(mini):
    qs = [question(f"m01-q0{i}", [(f"Stay a while, since it is late {i}", True),
                                  (f"Call the office, since it is late {i}", False),
                                  (f"Wait a day so that they rest {i}", False)]) for i in range(6)]
    bank(mini, "01-one", *qs)
    assert not [p for p in items_of(mini, strict=True) if "reason clauses" in p]


def test_true_false_keyed_by_its_hedging(mini):
    bank(mini, "02-two",
         question("m02-q01", [("True", True), ("False", False)], "true-false",
                  prompt="A peer may feel relief and grief at once."),
         question("m02-q02", [("True", False), ("False", True)], "true-false",
                  prompt="Grief always moves through the same stages."))
    assert [p for p in items_of(mini, strict=True) if "true/false: every" in p] == [
        "quizzes/02-two.yml:2: true/false: every statement here worded with a hedge (may, "
        "can, often) is True and every absolute one (always, never, only) is False, so the wording "
        "gives the answer; write a True absolute or a False hedged statement: m02-q01, m02-q02"]


def test_a_true_absolute_breaks_the_pattern(mini):
    bank(mini, "02-two",
         question("m02-q01", [("True", True), ("False", False)], "true-false",
                  prompt="A peer may feel relief and grief at once."),
         question("m02-q02", [("True", True), ("False", False)], "true-false",
                  prompt="The duty to report is always your own."))
    assert not [p for p in items_of(mini, strict=True) if "true/false: every" in p]
