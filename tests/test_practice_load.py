"""Practice files (issue 26): every rule of the schema (the brief's
practice-schema.md, AUTHORING.md "A practice file") reported as
`path:line: message`, never a traceback; and the model the loader makes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import PRACTICE, problems_of, write

from builder.commands.cli import check
from builder.content.problems import Problems
from builder.load.course import load_course

TEXT = PRACTICE.read_text(encoding="utf-8")
FILE = "practice/01-one.yml"


def put(root: Path, text: str = TEXT, name: str = "01-one") -> Path:
    return write(root / f"practice/{name}.yml", text)


def line_of(text: str, needle: str, nth: int = 0) -> int:
    """The file line of the nth occurrence of `needle` in `text`."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    return text.count("\n", 0, at) + 1


def practice_problems(root: Path, strict: bool = False) -> list[str]:
    return [p for p in problems_of(root, strict) if p.startswith("practice/")]


def edited(old: str, new: str, count: int = 1) -> str:
    assert TEXT.count(old) >= count, old
    return TEXT.replace(old, new, count)


def test_the_fixture_loads_clean_into_the_model(mini):
    put(mini)
    assert problems_of(mini, strict=True) == []
    problems = Problems(mini)
    course = load_course(mini, problems, check_writing=True, strict=True)
    assert [p for p in problems.items if p.path.startswith("practice/")] == []
    practice = course.module("01-one").practice
    assert practice is not None and practice.path == mini / FILE
    reply, second, talk = practice.exercises
    assert (reply.id, reply.type, reply.title) == ("m01-p1", "reply", "A peer who wants to be told")
    assert reply.peer.startswith("Just tell me") and len(reply.models) == 2
    assert reply.models[0].why.startswith("It names") and len(reply.review) == 3
    assert reply.review_lines[0] == line_of(TEXT, "- I named what she")
    assert talk.type == "conversation" and [t.id for t in talk.turns] == [
        "start", "open", "closed", "end-open", "end-closed"]
    assert [t.id for t in talk.longest_path()] == ["start", "open", "end-open"]
    assert talk.turns[0].choices[1].next == "closed" and talk.turns[3].end.startswith("Lee leaves")
    assert [t.id for t in talk.endings] == ["end-open", "end-closed"]
    assert talk.debrief.startswith("Self-determination") and practice.conversations == (talk,)
    assert course.module("02-two").practice is None


# --- the file and its exercises -------------------------------------------------------

def test_module_must_match_the_file_name_and_exist(mini):
    put(mini, TEXT, "02-two")
    assert practice_problems(mini) == [
        'practice/02-two.yml:4: the practice file is for module "01-one" but the file is named '
        '"02-two.yml"; name it 01-one.yml']
    (mini / "practice/02-two.yml").unlink()
    put(mini, edited("module: 01-one", "module: 09-gone"))
    assert practice_problems(mini) == [
        'practice/01-one.yml:4: the practice file is for module "09-gone", which does not exist; '
        "use a module id from modules/course.yml"]


def test_an_empty_file_or_a_list_is_refused_with_its_line(mini):
    put(mini, "")
    assert practice_problems(mini) == [
        "practice/01-one.yml:1: the practice file is empty; it needs module: and exercises:"]
    put(mini, "- a\n- b\n")
    assert practice_problems(mini) == [
        "practice/01-one.yml:1: the practice file must be a mapping of keys to values, not a list"]


def test_yaml_syntax_error_names_its_line(mini):
    put(mini, edited("    title: A promise asked for", "    title: [A promise"))
    found = practice_problems(mini)
    assert len(found) == 1 and found[0].startswith("practice/01-one.yml:") and "YAML syntax" in found[0]


def test_exercise_ids_have_the_form_mnn_pn(mini):
    put(mini, edited("id: m01-p2", "id: m1-two"))
    assert practice_problems(mini) == [
        f'practice/01-one.yml:{line_of(TEXT, "id: m01-p2")}: exercise id "m1-two" must be m, the '
        "module's two-digit number, -p and a number, such as m06-p1"]


def test_exercise_ids_are_unique_within_a_file_and_across_the_course(mini):
    put(mini, edited("id: m01-p2", "id: m01-p1"))
    assert practice_problems(mini) == [
        f'practice/01-one.yml:{line_of(TEXT, "id: m01-p2")}: exercise "m01-p1" has the same id as '
        "an exercise in practice/01-one.yml; give each exercise its own id"]
    put(mini)
    write(mini / "modules/02-two.md", (mini / "modules/02-two.md").read_text())
    put(mini, TEXT.replace("module: 01-one", "module: 02-two").replace("m01-p2", "m02-p2")
        .replace("m01-p3", "m02-p3"), "02-two")
    assert practice_problems(mini) == [
        f'practice/02-two.yml:{line_of(TEXT, "id: m01-p1")}: exercise "m01-p1" has the same id as '
        "an exercise in practice/01-one.yml; give each exercise its own id"]


def test_a_file_needs_two_replies_and_a_conversation(mini):
    start, end = TEXT.index("  - id: m01-p2"), TEXT.index("  - id: m01-p3")
    put(mini, TEXT[:start] + TEXT[end:])
    assert practice_problems(mini) == [
        f'practice/01-one.yml:{line_of(TEXT, "exercises:")}: the practice file has 1 reply and 1 '
        "conversation exercise(s); a module needs at least 2 of type: reply and 1 of type: "
        "conversation"]
    put(mini, TEXT[:end])
    assert practice_problems(mini)[0].endswith("has 2 reply and 0 conversation exercise(s); a "
                                                "module needs at least 2 of type: reply and 1 of "
                                                "type: conversation")


def test_an_exercise_type_is_reply_or_conversation(mini):
    put(mini, edited("type: reply", "type: quiz"))
    found = practice_problems(mini)
    assert f'practice/01-one.yml:{line_of(TEXT, "type: reply")}: exercise "m01-p1" has type ' \
        '"quiz"; use one of: reply, conversation' in found
    put(mini, edited("    type: reply\n", ""))
    assert f'practice/01-one.yml:{line_of(TEXT, "- id: m01-p1")}: exercise "m01-p1" has no ' \
        '"type"; add type: reply or type: conversation' in practice_problems(mini)


def test_each_kind_has_its_own_keys(mini):
    put(mini, edited("    peer: \"Just tell me", "    debrief: A debrief.\n    peer: \"Just tell me"))
    [problem] = practice_problems(mini)
    at = line_of(TEXT, 'peer: "Just tell me')
    assert problem.startswith(f'practice/01-one.yml:{at}: '
                              'unknown key "debrief" in exercise "m01-p1"; the keys are: id, type, '
                              "title, competencies, situation, peer, models, review")
    put(mini, edited("    debrief: |", "    peer: Hello.\n    debrief: |"))
    [problem] = practice_problems(mini)
    assert 'unknown key "peer" in exercise "m01-p3"' in problem


def test_a_missing_key_is_named(mini):
    put(mini, edited('    peer: "Just tell me what you would do. I can\'t decide."\n', ""))
    assert practice_problems(mini) == [
        f'practice/01-one.yml:{line_of(TEXT, "- id: m01-p1")}: exercise "m01-p1" has no "peer" '
        "(the peer's words); add it"]


def test_title_is_plain_text_and_competencies_are_known(mini):
    put(mini, edited("title: A peer who wants to be told", "title: A <b>peer</b>")
        .replace("competencies: [SP-1.2]", "competencies: [SP-9.9]", 1))
    found = practice_problems(mini)
    assert f'practice/01-one.yml:{line_of(TEXT, "title: A peer")}: the title of exercise "m01-p1" ' \
        'holds "<", which a title or name cannot: write one line of plain text, without < > [ ] ' \
        "{ } ` | or a backslash" in found
    assert f'practice/01-one.yml:{line_of(TEXT, "competencies: [SP-1.2]")}: exercise "m01-p1" ' \
        'names competency "SP-9.9", which the standards of practice do not define; use an id ' \
        "such as SP-2.4 from modules/standards-of-practice.md" in found


# --- "your reply" -------------------------------------------------------------------------

def test_a_reply_has_two_or_three_models(mini):
    one = TEXT.index("      - text: \"Deciding"), TEXT.index("    review:\n      - I named")
    put(mini, TEXT[:one[0]] + TEXT[one[1]:])
    assert practice_problems(mini) == [
        f'practice/01-one.yml:{line_of(TEXT, "models:")}: exercise "m01-p1" has 1 model replies; '
        "write 2 to 3"]
    extra = '      - text: "One more."\n        why: Because.\n'
    put(mini, edited("    review:\n      - I thanked", extra + "    review:\n      - I thanked"))
    assert practice_problems(mini) == [
        f'practice/01-one.yml:{line_of(TEXT, "models:", 1)}: exercise "m01-p2" has 4 model '
        "replies; write 2 to 3"]


def test_a_model_needs_text_and_why(mini):
    put(mini, edited("        why: It offers a way to think it through, not an answer.\n", ""))
    at = line_of(TEXT, '- text: "Deciding')
    assert practice_problems(mini) == [
        f'practice/01-one.yml:{at}: a model reply of exercise '
        '"m01-p1" has no "why" (what makes it work); add it']


@pytest.mark.parametrize("kind", ["reply", "conversation"])
def test_three_to_five_review_points(mini, kind):
    needle = "      - I asked a question that helps her think.\n" if kind == "reply" else \
        "      - The supporter gave no advice.\n"
    exercise = "m01-p1" if kind == "reply" else "m01-p3"
    at = line_of(TEXT, "review:", 0 if kind == "reply" else 2)
    put(mini, edited(needle, ""))
    assert practice_problems(mini) == [
        f'practice/01-one.yml:{at}: exercise "{exercise}" has 2 review points; write 3 to 5']
    put(mini, edited(needle, needle * 4))
    assert practice_problems(mini) == [
        f'practice/01-one.yml:{at}: exercise "{exercise}" has 6 review points; write 3 to 5']


# --- "a conversation" ---------------------------------------------------------------------

def test_a_turn_has_three_choices(mini):
    choice = ('          - text: "Lots of people go back later in life."\n            next: closed\n'
              "            note: Reassurance moves past what Lee feels.\n")
    put(mini, edited(choice, ""))
    assert practice_problems(mini) == [
        f'practice/01-one.yml:{line_of(TEXT, "choices:")}: turn "start" of exercise "m01-p3" has '
        "2 choices; give it exactly 3, each plausible to a caring person"]


def test_a_choice_needs_text_next_and_note(mini):
    put(mini, edited("            note: Advice, however kind, takes the choice away.\n", ""))
    at = line_of(TEXT, '- text: "You should go.')
    assert practice_problems(mini) == [
        f'practice/01-one.yml:{at}: a choice of turn "start" '
        'of exercise "m01-p3" has no "note" (what this reply does, shown after it is picked); add it']


def test_a_turn_needs_an_id_and_the_peers_words(mini):
    put(mini, edited('        peer: "I don\'t know if I should go back to school."\n', ""))
    assert f'practice/01-one.yml:{line_of(TEXT, "- id: start")}: a turn of exercise "m01-p3" has ' \
        'no "peer" (the peer\'s words at this turn); add it' in practice_problems(mini)


def test_a_turn_has_choices_or_an_end_never_both(mini):
    at = line_of(TEXT, "- id: end-open")
    put(mini, edited("        end: Lee leaves", "        choices: []\n        end: Lee leaves"))
    assert f'practice/01-one.yml:{at}: turn "end-open" of exercise "m01-p3" has both choices: and ' \
        "end:; a turn either offers 3 replies or ends the conversation, never both" \
        in practice_problems(mini)
    put(mini, edited("        end: Lee leaves with a plan of their own and a reason that is theirs.\n",
                     ""))
    assert f'practice/01-one.yml:{at}: turn "end-open" of exercise "m01-p3" has neither choices: ' \
        "nor end:; give it 3 choices, or an end: saying what this path came to" \
        in practice_problems(mini)


def test_every_next_names_a_turn(mini):
    put(mini, edited("            next: closed\n            note: Advice",
                     "            next: nowhere\n            note: Advice"))
    assert practice_problems(mini) == [
        f'practice/01-one.yml:{line_of(TEXT, "next: closed")}: a choice of turn "start" of exercise '
        '"m01-p3" leads to "nowhere", which is not a turn of this conversation; use one of: start, '
        "open, closed, end-open, end-closed"]


def test_turn_ids_are_unique_in_a_conversation(mini):
    put(mini, edited("      - id: closed\n", "      - id: open\n"))
    found = practice_problems(mini)
    assert f'practice/01-one.yml:{line_of(TEXT, "- id: closed")}: exercise "m01-p3" has two turns ' \
        'with the id "open"; give each turn its own id' in found


def test_every_turn_is_reachable_from_the_first(mini):
    text = TEXT.replace("            next: closed\n", "            next: open\n")
    put(mini, text)
    assert practice_problems(mini) == [
        f'practice/01-one.yml:{line_of(TEXT, "- id: closed")}: turn "closed" of exercise "m01-p3" '
        'cannot be reached from the first turn ("start"); point a choice\'s next: at it, or remove it']


def test_no_cycles(mini):
    put(mini, edited("            next: end-open\n            note: Naming it",
                     "            next: start\n            note: Naming it"))
    assert practice_problems(mini) == [
        f'practice/01-one.yml:{line_of(TEXT, "next: end-open", 2)}: a choice of turn "closed" of '
        'exercise "m01-p3" leads back to "start" (start → closed → start); a conversation only '
        "moves forward, so that every path reaches an ending"]


def test_every_path_is_three_to_five_turns(mini):
    at = line_of(TEXT, "    turns:")
    put(mini, edited("            next: open\n", "            next: end-open\n"))
    found = practice_problems(mini)
    assert f"practice/01-one.yml:{at}: exercise \"m01-p3\": the path start → end-open takes 2 " \
        "turn(s) to reach its ending; every path needs 3 to 5 turns, the ending counted: add a " \
        "turn before the ending" in found
    # a chain six turns long: start, open, a, b, c, end-open
    chain = "".join(f"      - id: {t}\n        peer: Words.\n        choices:\n" + "".join(
        f"          - text: Reply {n}.\n            next: {nxt}\n            note: A note.\n"
        for n in range(3)) for t, nxt in (("a", "b"), ("b", "c"), ("c", "end-open")))
    text = TEXT.replace("next: end-open\n            note: Reflecting",
                        "next: a\n            note: Reflecting").replace(
        "      - id: closed\n", chain + "      - id: closed\n")
    put(mini, text)
    assert practice_problems(mini) == [
        f"practice/01-one.yml:{at}: exercise \"m01-p3\": the path start → open → a → b → c → end-open "
        "takes 6 turn(s) to reach its ending; every path needs 3 to 5 turns, the ending counted: "
        "end it sooner"]


def test_at_least_two_endings(mini):
    put(mini, TEXT.replace("next: end-closed", "next: end-open")
        .replace("      - id: end-closed\n        peer: \"I'll think about it, I suppose.\"\n"
                 "        end: Lee goes quiet; the choice now feels like yours, not theirs.\n", ""))
    assert practice_problems(mini) == [
        f'practice/01-one.yml:{line_of(TEXT, "    turns:")}: exercise "m01-p3" has 1 ending(s) a '
        "trainee can reach; give it at least two different endings (turns with end:)"]


def test_a_long_chain_is_checked_without_recursion_or_listing_paths(mini):
    """Thousands of turns in a row, each with three choices to the next: a path
    count of 3^2999 and a depth past Python's recursion limit, answered at once."""
    turns = "".join(f"      - id: t{i}\n        peer: Words.\n        choices:\n" + "".join(
        f"          - text: Reply {n}.\n            next: t{i + 1}\n            note: A note.\n"
        for n in range(3)) for i in range(3000))
    turns += "      - id: t3000\n        peer: Bye.\n        end: The end.\n"
    start = TEXT.index("    turns:\n") + len("    turns:\n")
    put(mini, TEXT[:start] + turns + TEXT[TEXT.index("    debrief:"):])
    found = practice_problems(mini)
    assert any("takes 3001 turn(s) to reach its ending" in p and "t0 → t1 → t2 → t3 → t4 → t5 → …"
               in p for p in found), found
    assert any("has 1 ending(s)" in p for p in found)


# --- the writing checks every text gets -----------------------------------------------------

def test_html_policy_on_every_text_field(mini):
    put(mini, edited("note: A fix too soon closes the talk down.",
                     'note: "A fix too soon <script>alert(1)</script>"')
        .replace("why: It names what she seems", "why: It names [x](javascript:alert(1)) what she seems"))
    found = practice_problems(mini)
    assert f'practice/01-one.yml:{line_of(TEXT, "note: A fix too soon")}: the note of a choice of ' \
        'turn "open" of exercise "m01-p3" has <script>, which would run code on the learner\'s ' \
        "page; remove it" in found
    assert any(p.startswith(f"practice/01-one.yml:{line_of(TEXT, 'why: It names')}: the why of a "
                            'model reply of exercise "m01-p1" has a javascript: URL') for p in found)


def test_person_first_language_in_practice_files(mini):
    put(mini, edited("deciding whether to move closer to her", "an addict deciding whether to move "
                     "closer to her"))
    at = line_of(TEXT, "deciding whether to move")
    warning = f'practice/01-one.yml:{at}: warning: person-first language: "addict"'
    assert any(p.startswith(warning) for p in practice_problems(mini))
    assert any(p.startswith(warning.replace("warning: ", ""))
               for p in practice_problems(mini, strict=True))


def test_safety_markers_in_practice_text(mini):
    text = edited(' <!-- safety: confidentiality -->"\n            next: end-closed',
                  '"\n            next: end-closed')
    put(mini, text)
    problems = Problems(mini)
    load_course(mini, problems, check_writing=True)
    at = line_of(TEXT, "- text: \"I won't tell anyone")
    assert [str(p) for p in problems.items if p.path.startswith("practice/")] == [
        f"practice/01-one.yml:{at}: warning: the text of a choice at turn \"closed\" of exercise "
        '"m01-p3" touches "confidentiality and its limits" ("won\'t tell") without its marker: say '
        'it as the canon does (AUTHORING.md, "One voice on safety") and add <!-- safety: '
        "confidentiality -->"]
    put(mini, edited("Lee, a peer you have met", "Lee, a peer <!-- safety: secrets --> you have met"))
    problems = Problems(mini)
    load_course(mini, problems, check_writing=True)
    assert f'practice/01-one.yml:{line_of(TEXT, "situation: |", 2)}: the situation of exercise ' \
        '"m01-p3": "<!-- safety: secrets -->" names no safety point; use one of child, ' \
        "confidentiality, danger, gifts, out-of-hours, suicide" in [str(p) for p in problems.items]


# --- a module without its practice ------------------------------------------------------------

def complete(root: Path, module_id: str = "01-one") -> None:
    path = root / f"modules/{module_id}.md"
    path.write_text(path.read_text().replace("status: coming", "status: complete\nminutes: 30\n"
                    "objectives: [Explain self-determination.]\nvalues: [self-determination]\n"
                    "competencies: [SP-1.2]"))


def checked(root: Path, strict: bool = False) -> list[str]:
    """What `python -m builder check` says (a build says nothing of a missing file)."""
    problems = Problems(root)
    load_course(root, problems, strict=strict, check_writing=True)
    return [str(p) for p in problems.sorted()]


def test_a_complete_module_without_practice_is_an_error_of_strict_check(mini):
    complete(mini)
    assert "modules/01-one.md:1: module 01-one has no practice file; write practice/01-one.yml " \
        '(AUTHORING.md, "A practice file")' in checked(mini, strict=True)
    assert "modules/01-one.md:1: warning: module 01-one has no practice file; write " \
        'practice/01-one.yml (AUTHORING.md, "A practice file")' in checked(mini)
    assert not any("no practice file" in p for p in problems_of(mini))  # a build: nothing
    assert not any("02-two" in p and "practice" in p for p in checked(mini))  # coming: none yet
    put(mini)
    assert not any("no practice file" in p for p in checked(mini, strict=True))


def test_check_command_exits_nonzero_with_path_line(mini, monkeypatch, capsys):
    put(mini, edited("next: closed\n            note: Advice", "next: gone\n            note: Advice"))
    monkeypatch.chdir(mini)
    assert check(mini) == 1
    err = capsys.readouterr().err
    assert re.search(r"^practice/01-one\.yml:\d+: a choice of turn \"start\"", err, re.M)
    assert "Traceback" not in err
