"""The person-first language check."""

from __future__ import annotations

import pytest
from conftest import problems_of, write

from builder.checks.language import _ALL, RULES, STEMS, check_language, strip_markers
from builder.content.problems import Problems


def flagged(text: str, strict: bool = False) -> list[str]:
    problems = Problems(__import__("pathlib").Path("."))
    check_language(text, "page.md", problems, strict=strict)
    return [str(p) for p in problems.items]


@pytest.mark.parametrize("phrase, suggestion", [
    ("He is an addict.", "a person who uses substances"),
    ("She was schizophrenic", "a person living with schizophrenia"),
    ("Services for the homeless", "people experiencing homelessness"),
    ("He suffers from depression", "lives with"),
    ("They committed suicide", "died by suicide"),
    ("Peer support is non-judgmental", "notice and question our judgements"),
    ("a nonjudgemental space", "notice and question our judgements"),
    ("a homeless person", "a person experiencing homelessness"),
    ("two junkies", "a person who uses substances"),
    ("the alcoholics at the back", "people who use alcohol"),
    ("an alcoholic", "a person who uses alcohol"),
    ("a diabetic", "a person with diabetes"),
    ("drug abuse", '"substance use"'),
    ("mentally ill people", "living with a mental illness"),
    ("a failed suicide", "a suicide attempt"),
    ("that lunatic", "not a label"),
])
def test_flags_phrase_with_suggestion(phrase, suggestion):
    [problem] = flagged(phrase)
    assert problem.startswith("page.md:1: warning: person-first language")
    assert suggestion in problem


# At least one phrase for each rule, in RULES order.
EVERY_RULE = ["addicts", "junkie", "alcoholics", "an alcoholic", "alcohol abuse", "drug abusers",
              "schizophrenics", "the diabetic", "the mentally ill", "mentally ill men",
              "the homeless", "homeless women", "suffering from", "committed suicide",
              "successful suicide", "non-judgemental", "crazy", "psycho", "insane", "lunatic"]


def test_every_phrase_a_rule_flags_holds_a_stem():
    """The check searches only lines holding a stem: a rule whose phrase held none
    would never be found. Each rule's examples are flagged, and hold a stem."""
    rules = set()
    for phrase in EVERY_RULE:
        [match] = _ALL.finditer(phrase)
        rules.add(match.lastgroup)
        assert any(stem in match.group() for stem in STEMS), phrase
        assert len(flagged(f"Fine.\nSome text with {phrase.upper()} in it.\nFine.")) == 1, phrase
    assert rules == {f"r{i}" for i in range(len(RULES))}


def test_line_numbers_and_strict():
    [problem] = flagged("fine\nfine\nan addict\n", strict=True)
    assert problem.startswith("page.md:3: person-first language")


def test_proper_names_are_not_flagged():
    assert flagged("Alcoholics Anonymous began in 1935. The Substance Abuse and Mental Health "
                   "Services Administration (SAMHSA) names four Rs.") == []


def test_clean_text_passes():
    assert flagged("A person who uses substances. Addiction is a word some people use. "
                   "A person experiencing homelessness. Homelessness is a policy failure.") == []


def test_marked_examples_are_allowed():
    text = ("| negative phrase | person-first phrase |\n"
            "<!-- language-examples -->\n| Addict | Person who uses substances |\n"
            "| Schizophrenic | Person with schizophrenia |\n<!-- /language-examples -->\n"
            'We do not say "addict". <!-- language-example -->\nBut an addict here is flagged.\n')
    [problem] = flagged(text)
    assert problem.startswith("page.md:7:")
    assert "<!--" not in strip_markers(text)


def test_check_reports_language_as_warnings_or_errors(mini):
    path = mini / "modules/02-two.md"
    write(path, path.read_text() + "\nSome people suffer from stigma.\n")
    assert problems_of(mini) == [
        'modules/02-two.md:11: warning: person-first language: "suffer from"; say "lives with", '
        '"has" or "is experiencing"']
    assert problems_of(mini, strict=True) == [
        'modules/02-two.md:11: person-first language: "suffer from"; say "lives with", '
        '"has" or "is experiencing"']
