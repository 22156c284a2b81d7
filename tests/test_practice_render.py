"""Practice rendered (issue 26): the module page's practice section (a golden
file, and its place between the reading and the self-check), the real build of
both editions of the test course with its practice file (the component's HTML,
readable without JavaScript, the safety boxes, search, config.js, the progress
page), the role-play cards in the session pack and the line in the session
notes, and the docs tree `generate` writes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, build_site
from practice_site import MODULE, REPLY, SECOND, TALK, practice_course
from selectolax.lexbor import LexborHTMLParser
from test_render import GOLDEN, golden

from builder.checks.policy import generated_placeholder
from builder.content import practice as practice_model
from builder.content.problems import Problems
from builder.load.course import load_course
from builder.pages.practice import marker_only, practice_section, unmarked
from builder.pages.render import module_page_parts


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    return practice_course(tmp_path_factory.mktemp("practice") / "course")


@pytest.fixture(scope="module")
def course(root):
    problems = Problems(root)
    loaded = load_course(root, problems)
    assert not problems.items, problems.items
    return loaded


@pytest.fixture(scope="module")
def trainee(root, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("practice-trainee") / "site"
    build_site(out, cwd=root)
    return out


@pytest.fixture(scope="module")
def facilitator(root, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("practice-facilitator") / "site"
    build_site(out, "--edition", "facilitator", cwd=root)
    return out


def html(site: Path, rel: str) -> LexborHTMLParser:
    return LexborHTMLParser((site / rel).read_text(encoding="utf-8"))


def text(node) -> str:
    return " ".join(node.text().replace("¶", "").split())


# --- the renderer ---------------------------------------------------------------------

def test_practice_markup_is_golden(course):
    golden("practice.html", practice_section(course.module(MODULE).practice))


def test_practice_schema_is_golden():
    lines = []
    for name in sorted(n for n in practice_model.__all__ if n.endswith("_FIELDS")):
        for f in getattr(practice_model, name):
            lines.append(f"{name} {f.name}: {f.type.__name__}{'' if f.required else ' (optional)'}")
    golden("practice_schema.txt", "\n".join(lines) + "\n")


def test_practice_sits_between_the_reading_and_the_self_check(course):
    page = module_page_parts(course.module(MODULE), course)
    md = page.markdown
    marker = generated_placeholder("practice")
    assert md.index(marker) < md.index("{: #self-check }") \
        < md.index("{: #reflections }")
    assert md.index("# Module 1") < md.index("## Practice {: #practice }")
    assert dict(page.html)[marker].startswith('<section class="ps-practice"')
    other = module_page_parts(course.module("02-two"), course)  # no practice file: no section
    assert "ps:generated:practice" not in other.markdown


def test_safety_markers_leave_buttons_and_labels_for_the_text_beside_them():
    said = "I won't tell anyone. <!-- safety: confidentiality -->"
    assert unmarked(said) == "I won't tell anyone."
    assert marker_only(said) == " <!-- safety: confidentiality -->"
    assert marker_only("No marker here.") == ""


def test_golden_file_is_where_the_test_says():
    assert (GOLDEN / "practice.html").is_file() and (GOLDEN / "practice_schema.txt").is_file()


# --- the trainee edition, built -----------------------------------------------------------

def test_module_page_has_the_component_readable_without_javascript(trainee):
    page = html(trainee, f"modules/{MODULE}/index.html")
    section = page.css_first("section.ps-practice")
    assert section.attributes["data-ps-practice"] == MODULE
    ids = [a.attributes["data-ps-exercise"] for a in section.css("article[data-ps-exercise]")]
    assert ids == [REPLY, SECOND, TALK]
    body = page.html
    assert body.index('id="practice"') < body.index('class="ps-practice"') < body.index('id="self-check"')
    reply = section.css_first(f"#p-{REPLY}")
    assert text(reply.css_first("h3")) == "Your reply: A peer who wants to be told"
    assert "back and forth for weeks" in text(reply.css_first(".ps-situation"))
    assert "Just tell me what you would do" in text(reply.css_first("figure.ps-peer blockquote"))
    area = reply.css_first("textarea[data-ps-reply]")
    label = reply.css_first(f'label[for="{area.attributes["id"]}"]')
    assert text(label) == "What would you say? Write your reply."
    assert area.attributes["aria-describedby"] == "practice-privacy"
    assert page.css_first("#practice-privacy a").attributes["href"] == "../../safety/#what-quick-exit-cannot-hide"
    assert text(page.css_first("#practice-privacy")) == text(page.css_first("#reflections-privacy"))
    assert "hidden" in reply.css_first("[data-ps-reply-box]").attributes  # shown by practice.js
    models = reply.css_first("details[data-ps-models]")
    assert text(models.css_first("summary")) == "See model replies"
    assert [text(li.css_first("blockquote")) for li in models.css("li.ps-model")] == [
        "It sounds like you're torn. What pulls you toward moving, and what keeps you here?",
        "Deciding this is tiring. Would it help to talk through each side together?"]
    assert text(models.css_first(".ps-why")).startswith("Why it works: It names what she seems")
    ticks = reply.css("input[data-ps-tick]")
    assert [t.attributes["data-ps-tick"] for t in ticks] == ["0", "1", "2"]
    assert all(reply.css_first(f'label[for="{t.attributes["id"]}"]') for t in ticks)
    talk = section.css_first(f"#p-{TALK}")
    assert text(talk.css_first("[data-ps-opening] blockquote")) == "I don't know if I should go back to school."
    turns = talk.css("[data-ps-script] [data-ps-turn]")
    assert [t.attributes["data-ps-turn"] for t in turns] == ["start", "open", "closed", "end-open", "end-closed"]
    first = [(c.attributes["data-ps-next"], text(c.css_first("[data-ps-said]")))
             for c in turns[0].css("[data-ps-choice]")]
    assert first == [("open", "What makes you want to go back?"),
                     ("closed", "You should go. It would be worth it."),
                     ("closed", "Lots of people go back later in life.")]
    links = [a.attributes["href"] for a in turns[0].css(".ps-goto a")]
    assert links == [f"#p-{TALK}-open", f"#p-{TALK}-closed", f"#p-{TALK}-closed"]
    assert all(talk.css_first(link) for link in links)
    assert text(turns[3].css_first("[data-ps-end]")).startswith("How it ended: Lee leaves")
    assert text(talk.css_first("[data-ps-debrief]")).startswith("Debrief: Self-determination")
    assert "hidden" in talk.css_first("[data-ps-dialogue]").attributes


def test_safety_boxes_follow_the_practice_text_that_touches_them(trainee):
    page = html(trainee, f"modules/{MODULE}/index.html")
    second = page.css_first(f"#p-{SECOND}")
    for where in (".ps-situation", "figure.ps-peer", ".ps-model"):
        assert second.css_first(f"{where} details[data-ps-safety=confidentiality]"), where
    choice = page.css_first(f'#p-{TALK}-closed [data-ps-choice="2"]')
    assert not choice.css_first("[data-ps-said] [data-ps-safety]")  # the button's words: no box
    assert choice.css_first("[data-ps-note] details[data-ps-safety=confidentiality]")
    assert "safety:" not in page.html  # every marker became a box


def test_search_indexes_titles_and_situations_not_the_lines(trainee):
    docs = json.loads((trainee / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    found = {d["location"]: d for d in docs if d["location"].startswith(f"modules/{MODULE}/#p-")}
    assert set(found) == {f"modules/{MODULE}/#p-{e}-title" for e in (REPLY, SECOND, TALK)}
    assert found[f"modules/{MODULE}/#p-{TALK}-title"]["title"] == \
        "A conversation: Back to school: advice or a question"
    assert "back to school to finish a certificate" in found[f"modules/{MODULE}/#p-{TALK}-title"]["text"]
    every = " ".join(d["text"] for d in docs)
    for line in ("I guess I want to prove", "Deciding this is tiring", "What this reply does",
                 "See model replies", "I did not tell her what to do"):
        assert line not in every, line


def test_config_tells_the_browser_each_exercise(trainee):
    text_ = (trainee / "assets/peer-support/config.js").read_text(encoding="utf-8")
    cfg = json.loads(text_.split("=", 1)[1].strip().rstrip(";"))
    assert cfg["practice"] == {MODULE: [[REPLY, "reply", 3], [SECOND, "reply", 4],
                                        [TALK, "conversation", 3]]}


def test_the_components_and_styles_are_served(trainee):
    bundle = (trainee / "assets/peer-support/peer-support.js").read_text(encoding="utf-8")
    assert "PS.practiceData=" in bundle and "PS.practice=" in bundle
    css = (trainee / "assets/peer-support/peer-support.css").read_text(encoding="utf-8")
    assert ".ps-choice-button" in css and ".ps-card" in css


def test_progress_and_record_have_a_practice_column(trainee):
    page = html(trainee, "progress/index.html")
    assert text(page.css_first(f'[data-ps-row="{MODULE}"] [data-ps-practised]')) == "None yet"
    assert text(page.css_first('[data-ps-row="02-two"] [data-ps-practised]')) == "No practice"
    assert "practised when every practice exercise is done" in text(page.css_first(".ps-practised-means"))
    record = html(trainee, "record/index.html")
    assert "Practice" in [text(th) for th in record.css("[data-ps-record-table] thead th")]


# --- the facilitator edition ---------------------------------------------------------------

def test_session_pack_prints_each_conversation_as_a_roleplay_card(facilitator):
    page = html(facilitator, f"facilitator/{MODULE}-pack/index.html")
    heading = page.css_first(f"#roleplay-{TALK}")
    assert text(heading) == "Role-play: Back to school: advice or a question"
    cards = [c for c in page.css(".ps-pack-part .ps-card")]
    assert [text(c.css_first("h4")) for c in cards] == ["The peer's card", "The supporter's card",
                                                         "The observer's card"]
    peer, supporter, observer = (text(c) for c in cards)
    assert "The situation. Lee, a peer you have met a few times" in peer
    # the peer's lines along one path, and how to answer each reply on the way
    assert peer.index("Start with: I don't know if I should go back to school.") \
        < peer.index("Then: I guess I want to prove I can finish something.") \
        < peer.index("Then: I think I want to try.") < peer.index("It ends here: Lee leaves")
    assert 'You should go. It would be worth it. Answer: "Maybe. Everyone has an opinion about ' \
        'it." Then carry on in your own words.' in peer
    assert 'What makes you want to go back? Answer: "I guess I want to prove I can finish ' \
        'something." Then go on below.' in peer
    assert "Then it ends: Lee goes quiet" in peer
    assert "The situation. Lee, a peer" in supporter and "there is no script" in supporter
    assert "Answer:" not in supporter and "Lee leaves" not in supporter
    for point in ("The supporter asked before suggesting anything.",
                  "The supporter reflected back what mattered to Lee.", "The supporter gave no advice."):
        assert "☐ " + point in observer
    assert "Self-determination at work" in observer and "Answer:" not in observer
    intro = text(page.css_first(".ps-print-hint"))
    assert intro.startswith("The session notes, the handout, the role-play cards and the answer key")
    parts = [text(p.css_first("h2")) for p in page.css(".ps-pack-part")]
    assert parts == ["Facilitator notes: Module 1", "Handout: 1. Module 1",
                     "Role-play cards: 1. Module 1", "Answer key: 1. Module 1"]


def test_session_notes_say_where_to_use_each_card(facilitator):
    page = html(facilitator, f"facilitator/{MODULE}/index.html")
    body = page.css_first("article").html
    assert body.index('id="activities"') < body.index('id="role-play-from-the-practice"') \
        < body.index('id="what-to-watch-for"')
    line = text(page.css_first("#role-play-from-the-practice + ul li"))
    assert line.startswith("Back to school: advice or a question: use its role-play card from the "
                           "session pack here, in Activities, in threes (peer, supporter, observer)")
    link = page.css_first("#role-play-from-the-practice + ul a").attributes["href"]
    assert link == f"../{MODULE}-pack/#roleplay-{TALK}"
    assert html(facilitator, f"facilitator/{MODULE}-pack/index.html").css_first(f"#roleplay-{TALK}")
    other = html(facilitator, "facilitator/02-two/index.html")  # no practice: no line
    assert not other.css_first("#role-play-from-the-practice")


def test_the_trainee_edition_has_no_roleplay_cards(trainee):
    assert not (trainee / "facilitator").exists()
    assert not any("roleplay-" in p.read_text(encoding="utf-8") for p in trainee.rglob("*.html"))


# --- the docs tree for another engine ---------------------------------------------------------

def test_generate_writes_the_practice_for_plain_mkdocs(root, tmp_path):
    site = generate_and_build_in(root, tmp_path / "tree")
    page = html(site, f"modules/{MODULE}/index.html")
    assert [a.attributes["data-ps-exercise"] for a in page.css("article[data-ps-exercise]")] == [
        REPLY, SECOND, TALK]
    assert page.css_first(f'#p-{TALK}-closed [data-ps-note] details[data-ps-safety]')


def generate_and_build_in(root: Path, out: Path) -> Path:
    """test_generate's generate_and_build, for a course other than the repository's."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "http://127.0.0.1:8000/",
           "PYTHONPATH": str(REPO)}
    result = subprocess.run([sys.executable, "-m", "builder", "generate", str(out)], cwd=root,
                            env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    # not --strict: the mini course's code of conduct links to a module it does not have
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f",
                             str(out / "mkdocs.yml"), "-d", str(out / "site")], cwd=out, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert re.search(r"plugins:\n  search:", (out / "mkdocs.yml").read_text(encoding="utf-8"))
    return out / "site"
