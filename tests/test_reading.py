"""Reading content files is bounded (builder/content/files.py, builder/content/yamlfile.py):
every odd file is a `path:line: message`, quickly, never a traceback or a hang."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from conftest import BANK, problems_of, write

from builder.content.files import MAX_BYTES
from builder.content.yamlfile import MAX_DEPTH

# About 1 KB of YAML that stands for 9^7 values if its aliases were expanded.
BOMB = 'a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]\n' + "".join(
    f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]\n" for prev, name in zip("abcdef", "bcdefg"))
OUTSIDE = "leads outside the repository"


def timed_problems(root: Path) -> list[str]:
    start = time.monotonic()
    problems = problems_of(root)
    assert time.monotonic() - start < 1.0, "reading took a second or more"
    return problems


def front_matter(root: Path, extra: str) -> None:
    """Add keys to module 01-one's front matter, after line 5 (status)."""
    path = root / "modules/01-one.md"
    text = path.read_text(encoding="utf-8")
    assert text.split("\n")[4] == "status: coming"
    path.write_text(text.replace("status: coming\n", "status: coming\n" + extra), encoding="utf-8")


# --- YAML budgets -----------------------------------------------------------------

def test_alias_bomb_in_module_front_matter(mini):
    assert len(BOMB) < 1100
    front_matter(mini, BOMB)
    assert timed_problems(mini) == [
        "modules/01-one.md:11: the aliases (*name) here expand the file past 100,000 values; "
        "write the values out instead"]


def test_alias_bomb_in_a_quiz_bank(mini):
    write(mini / "quizzes/01-one.yml", BANK + BOMB)
    assert timed_problems(mini) == [
        "quizzes/01-one.yml:20: the aliases (*name) here expand the file past 100,000 values; "
        "write the values out instead"]


def test_a_few_aliases_are_fine(mini):
    write(mini / "quizzes/01-one.yml", BANK.replace("[SP-1.2]", "&c [SP-1.2]")
          + BANK.split("questions:\n")[1].replace("m01-q01", "m01-q02")
          .replace("competencies: [SP-1.2]", "competencies: *c"))
    assert timed_problems(mini) == []


@pytest.mark.parametrize("flow", [True, False], ids=["flow", "block"])
def test_400_levels_of_nesting_in_a_quiz_bank(mini, flow):
    deep = "x: " + "[" * 400 + "]" * 400 + "\n" if flow else \
        "x:\n" + "".join("  " * i + "- \n" for i in range(400))
    write(mini / "quizzes/01-one.yml", BANK + deep)
    assert timed_problems(mini) == [
        f"quizzes/01-one.yml:{15 if flow else 16 + MAX_DEPTH - 1}: lists and mappings nest more "
        f"than {MAX_DEPTH} levels deep here; content needs a few levels"]


def test_400_levels_of_nesting_in_front_matter(mini):
    front_matter(mini, "x: " + "{a: " * 400 + "1" + "}" * 400 + "\n")
    assert timed_problems(mini) == [
        f"modules/01-one.md:6: lists and mappings nest more than {MAX_DEPTH} levels deep here; "
        "content needs a few levels"]


def test_recursive_alias_and_a_set_as_a_key(mini):
    write(mini / "quizzes/01-one.yml", BANK + "x: &r [*r]\n")
    [problem] = timed_problems(mini)
    assert problem.startswith("quizzes/01-one.yml:15: YAML syntax error: found unconstructable "
                              "recursive node")
    write(mini / "quizzes/01-one.yml", BANK + "? !!set {a}\n: 1\n")
    assert timed_problems(mini) == [
        "quizzes/01-one.yml:15: a key must be plain text, not a mapping or a list"]


# --- one error per syntax error -------------------------------------------------

@pytest.mark.parametrize("rel,old,new,line", [
    ("quizzes/01-one.yml", "    kind: scenario\n", "    kind: [scenario\n", 6),
    ("reflections/01-one.yml", "prompts:", "prompts: [", 3),
    ("modules/01-one.md", "status: coming", "status: [coming", 6),
    ("modules/course.yml", "modules:", "modules: {", 2),
    ("data/glossary.yml", "- term:", "- term: [", 7),
    ("data/core-values.yml", "hope-and-wholeness:", "hope-and-wholeness: [", 4),
], ids=lambda v: v if isinstance(v, str) and "/" in v else "")
def test_a_yaml_syntax_error_is_reported_once(mini, rel, old, new, line):
    path = mini / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    [problem] = timed_problems(mini)
    assert problem.startswith(f"{rel}:") and ": YAML syntax error: " in problem


def test_a_yaml_syntax_error_names_its_line(mini):
    write(mini / "quizzes/01-one.yml", BANK.replace("    kind: scenario\n", "    kind: [scenario\n"))
    assert timed_problems(mini) == [
        "quizzes/01-one.yml:6: YAML syntax error: did not find expected ',' or ']'"]


# --- what a content file is -----------------------------------------------------

LINK = ("this is a symbolic link, which would publish whatever it points to; put the file "
        "itself here instead")


@pytest.mark.parametrize("name, target", [
    ("02-two.yml", "no-such-file.yml"), ("02-two.yml", "/nonexistent/evil.yml"),
    ("01-one.yml", "/dev/zero"), ("02-two.yml", "02-two.yml"),
], ids=["dangling inside", "dangling outside", "a device", "a loop"])
def test_a_symlink_is_no_content_file(mini, name, target):
    (mini / "quizzes" / name).unlink()
    os.symlink(target, mini / "quizzes" / name)
    assert timed_problems(mini) == [f"quizzes/{name}:1: {LINK}"]


def test_symlink_to_a_file_outside(mini, tmp_path):
    write(tmp_path / "elsewhere.yml", BANK.replace("01-one", "02-two"))
    (mini / "quizzes/02-two.yml").unlink()
    os.symlink(tmp_path / "elsewhere.yml", mini / "quizzes/02-two.yml")
    assert timed_problems(mini) == [f"quizzes/02-two.yml:1: {LINK}"]


def test_a_folder_of_content_that_is_a_link(mini, tmp_path):
    """The folder itself a link: refused as a link, and each file in it named with
    where it leads."""
    shutil.move(mini / "quizzes", tmp_path / "banks")
    os.symlink(tmp_path / "banks", mini / "quizzes")
    problems = timed_problems(mini)
    assert f"quizzes:1: {LINK}" in problems
    assert any(p.endswith(f"/quizzes/01-one.yml:1: this {OUTSIDE} (to {tmp_path}/banks/01-one.yml); "
                          "content files must be inside it: copy the file in instead of linking "
                          "to it") for p in problems), problems


@pytest.mark.parametrize("folder", ["modules", "quizzes", "reflections", "facilitator", "data",
                                    "pages"])
def test_no_link_or_pipe_anywhere_in_the_content(mini, folder):
    """Finding 2 and 13: links, pipes and devices are refused in every content folder,
    also under names the course never reads, however deep, with no traceback or hang.
    A link to a file inside the repository too: one rule, no file is a link."""
    write(mini / "shared/notes.md", "notes\n")
    (mini / folder / "deep/er").mkdir(parents=True)
    os.symlink("../../../shared/notes.md", mini / folder / "deep/er/notes.txt")
    os.symlink("/etc/hostname", mini / folder / "host.md")
    os.mkfifo(mini / folder / "deep/pipe.yml")
    problems = timed_problems(mini)
    assert f"{folder}/deep/er/notes.txt:1: {LINK}" in problems
    assert f"{folder}/host.md:1: {LINK}" in problems
    assert f"{folder}/deep/pipe.yml:1: this is not a regular file (a pipe, device or socket), " \
           "which the build cannot copy; remove it" in problems
    assert sum("symbolic link" in p or "regular file" in p for p in problems) == 3, problems


def test_a_pipe_named_like_a_content_file(mini):
    os.mkfifo(mini / "reflections/02-two.yml.tmp")
    os.replace(mini / "reflections/02-two.yml.tmp", mini / "reflections/02-two.yml")
    assert timed_problems(mini) == [
        "reflections/02-two.yml:1: this is not a regular file (a pipe, device or socket), which "
        "the build cannot copy; remove it"]


@pytest.mark.parametrize("rel", ["quizzes/02-two.yml", "modules/02-two.md", "pages/folder.md",
                                 "data/glossary.yml"])
def test_a_folder_named_like_a_content_file(mini, rel):
    path = mini / rel
    if path.exists():
        path.unlink()
    path.mkdir()
    problems = timed_problems(mini)
    assert f"{rel}:1: this is a folder, not a file; rename it or move it out of the content " \
           "folders" in problems


def test_a_file_over_the_size_limit(mini):
    path = mini / "modules/01-one.md"
    path.write_text(path.read_text(encoding="utf-8") + "word " * (MAX_BYTES // 5),
                    encoding="utf-8")
    assert timed_problems(mini) == [
        "modules/01-one.md:1: the file is larger than 1 MB, the limit for one content file; "
        "split it or shorten it"]


# --- text ---------------------------------------------------------------------------

@pytest.mark.parametrize("rel", ["modules/01-one.md", "quizzes/01-one.yml", "reflections/01-one.yml",
                                 "facilitator/01-one.md", "modules/course.yml", "data/glossary.yml",
                                 "data/core-values.yml", "data/support-lines.yml",
                                 "modules/standards-of-practice.md", "pages/index.md"])
def test_a_byte_order_mark_is_accepted_everywhere(mini, rel):
    write(mini / "quizzes/01-one.yml", BANK)
    path = mini / rel
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert timed_problems(mini) == []


def test_a_byte_that_is_not_utf8_on_line_10(mini):
    (mini / "quizzes/01-one.yml").write_bytes(BANK.encode().replace(b"correct: true",
                                                                    b"correct: \xfftrue"))
    assert BANK.split("\n")[9].strip() == "correct: true"
    assert timed_problems(mini) == [
        "quizzes/01-one.yml:10: the file is not UTF-8 text (byte 0xff on this line); save it as "
        "UTF-8"]


@pytest.mark.parametrize("rel,old", [("reflections/01-one.yml", "invites noticing"),
                                     ("modules/01-one.md", "# Module 1")])
def test_a_control_character_at_its_line(mini, rel, old):
    path = mini / rel
    text = path.read_text(encoding="utf-8")
    line = text[:text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, old[:3] + "\x07" + old[3:] + "\x00"), encoding="utf-8")
    assert timed_problems(mini) == [
        f"{rel}:{line}: a control character (U+0007) that text cannot hold (and 1 more after "
        "it); delete it"]


def test_a_bidirectional_override_is_refused_at_its_line(mini):
    """U+202E would show "1-800-663-9122" backwards while the file holds it forwards."""
    path = mini / "modules/01-one.md"
    text = path.read_text(encoding="utf-8")
    line = text[:text.index("# Module 1")].count("\n") + 1
    path.write_text(text.replace("# Module 1", "# Module \u202e1"), encoding="utf-8")
    assert timed_problems(mini) == [
        f"modules/01-one.md:{line}: a bidirectional control character (U+202E), which makes text "
        "show in an order other than it is written; delete it (right-to-left scripts need none)"]


# --- the course order -------------------------------------------------------------

def test_a_course_entry_outside_the_repository(mini, tmp_path):
    outside = mini.parent.parent / "outside"
    write(outside / "evil.md", (mini / "modules/01-one.md").read_text(encoding="utf-8"))
    write(mini / "modules/course.yml", "modules:\n  - 01-one\n  - 02-two\n  - ../../outside/evil\n")
    assert timed_problems(mini) == [
        'modules/course.yml:4: the module id "../../outside/evil" must be lowercase letters, '
        "digits and hyphens, such as 06-boundaries"]


@pytest.mark.parametrize("bad", ["Bad Id", "01-One", "'x\"y'", "'01-one\n'", "'-01'"])
def test_bad_module_ids_in_the_course_order(mini, bad):
    write(mini / "modules/course.yml", f"modules:\n  - 01-one\n  - 02-two\n  - {bad}\n")
    [problem] = timed_problems(mini)
    assert problem.startswith('modules/course.yml:4: the module id "')
    assert problem.endswith('" must be lowercase letters, digits and hyphens, such as '
                            "06-boundaries")
