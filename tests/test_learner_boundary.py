"""Learner data at the trust boundary (issue 24, finding 14): two tabs on one module
lose no reflection; a question larger than a saved answer can hold is refused by
`check`; a file brought in keeps what it can and names what it set aside; storage
that was full only for a file that did not fit says so no longer; and a results file
of any name is read on the cohort page."""

from __future__ import annotations

import json
import re

import pytest
from conftest import BANK, REPO, problems_of, write
from learner_browser import (  # noqa: F401 (cfg, context, w: fixtures)
    FILL_TO_QUOTA,
    Watched,
    cfg,
    compact,
    context,
    learner_file,
    module_record,
    reflection,
    single,
    w,
)
from playwright.sync_api import expect
from cohort_browser import cohort  # noqa: F401 (a fixture)
from test_insights import SAMPLE

from builder.content.model import MAX_OPTIONS, MAX_STEPS

SAVED = "Saved on this device."
BOTH = "This reflection was also changed in another tab or window: both versions are kept, this one first."


# --- two tabs --------------------------------------------------------------------------

@pytest.mark.browser
def test_two_tabs_on_one_module_lose_no_reflection(context, trainee_site, cfg, course):
    """Two tabs overwrote each other's reflection while both said "saved"."""
    module, *_ = single(course)
    prompt = module.reflections.prompts[0].id
    key = f"ps:{cfg['siteId']}:reflection:{prompt}"
    a, b = (Watched(context.new_page(), trainee_site[1], cfg) for _ in range(2))
    for tab in (a, b):
        tab.goto(f"modules/{module.id}/")
    area = {tab: tab.page.locator(f"#r-{prompt}") for tab in (a, b)}
    saved = {tab: tab.page.locator(f'[data-ps-prompt="{prompt}"] [data-ps-saved]') for tab in (a, b)}

    # A tab with nothing new of its own shows what the other tab saved.
    area[a].fill("Written in tab A.")
    expect(saved[a]).to_have_text(SAVED)
    expect(area[b]).to_have_value("Written in tab A.")
    expect(saved[b]).to_have_text("Updated from another tab or window.")

    # A tab with words not yet saved keeps them, and the other tab's, at once.
    b.page.evaluate("p => { document.getElementById('r-' + p).value = 'Tab B, not yet saved.'; }",
                    prompt)
    area[a].fill("Tab A again.")
    both = "Tab B, not yet saved.\n\n---\n\nTab A again."
    expect(area[b]).to_have_value(both)
    expect(saved[b]).to_have_text(BOTH)
    expect(area[a]).to_have_value(both)                   # and tab A shows what B kept
    assert json.loads(a.storage()[f"reflection:{prompt}"])["text"] == both

    # Saving over a text another tab wrote since this tab read it (its notice not yet
    # here): both are kept.
    b.page.evaluate("([k, r]) => { localStorage.setItem(k, r); document.querySelectorAll("
                    "'[data-ps-saved]').forEach(s => { s.textContent = ''; }); }",
                    [key, compact(reflection("Another tab's words."))])
    area[b].fill("Tab B's own words.")
    expect(saved[b]).to_have_text(BOTH)
    text = json.loads(b.storage()[f"reflection:{prompt}"])["text"]
    assert text == "Tab B's own words.\n\n---\n\nAnother tab's words."
    expect(area[a]).to_have_value(text)
    for tab in (a, b):
        tab.assert_inert()


# --- questions a saved answer can hold ---------------------------------------------------

def test_a_question_larger_than_a_saved_answer_is_refused(mini):
    """27 options or 31 steps passed `check`, and their answers exported as corrupt."""
    options = "".join(f"      - text: Option {i}.\n        feedback: Why {i}.\n"
                      for i in range(MAX_OPTIONS + 1))
    steps = "".join(f"      - Step {i}.\n" for i in range(MAX_STEPS + 1))
    bank = BANK.replace("      - text: Explore options with them.\n", options + (
        "      - text: Explore options with them.\n")) + (
        "  - id: m01-q02\n    type: ordering\n    kind: recall\n    competencies: [SP-1.2]\n"
        f"    prompt: Put these in order.\n    steps:\n{steps}    explanation: The order.\n")
    write(mini / "quizzes/01-one.yml", bank)
    lines = bank.split("\n")
    found = problems_of(mini)
    assert f"quizzes/01-one.yml:{lines.index('    options:') + 1}: question \"m01-q01\" has " \
           f"{MAX_OPTIONS + 3} options; a learner's saved answer holds at most {MAX_OPTIONS} " \
           "(a to z): split the question" in found, found
    assert f"quizzes/01-one.yml:{lines.index('    steps:') + 1}: question \"m01-q02\" has " \
           f"{MAX_STEPS + 1} steps; a learner's saved answer holds at most {MAX_STEPS}: split " \
           "the question" in found, found
    write(mini / "quizzes/01-one.yml", bank.replace(options, "").replace(
        steps, "".join(f"      - Step {i}.\n" for i in range(MAX_STEPS))))
    assert problems_of(mini) == []


def test_the_limits_are_the_ones_the_browser_reads():
    """One fact, two languages: the limits `check` holds are what transfer.js accepts."""
    js = (REPO / "builder/site/assets/transfer.js").read_text(encoding="utf-8")
    assert re.search(r"CHOICE = /\^\(\?:\[a-z\]\|", js), "option keys are single letters"
    assert MAX_OPTIONS == 26
    assert f"MAX_CHOICES = {MAX_STEPS};" in js


# --- bringing a file in -------------------------------------------------------------------

@pytest.mark.browser
def test_an_import_keeps_what_it_can_and_names_what_it_set_aside(w, course, cfg, tmp_path):
    """One retired prompt id or one module outside an agency's subset refused a whole file."""
    module, *_ = single(course)
    prompt = module.reflections.prompts[0].id
    data = learner_file(cfg, modules={module.id: module_record(1, len(module.quiz.questions)),
                                      "99-not-here": module_record(2, 2)},
                        reflections={prompt: reflection("Kept."),
                                     "m01-r99": reflection("A retired prompt's words.")})
    message = w.bring_in(tmp_path, data)
    assert message.startswith("Brought in progress for 1 module and 1 reflection. 2 entries "
                              "that this course cannot read or use are kept aside, unchanged, "
                              "among them the records for module \u201c99-not-here\u201d, "
                              "reflection \u201cm01-r99\u201d, which this course does not "
                              "have."), message
    stored = w.storage()
    assert json.loads(stored[f"reflection:{prompt}"])["text"] == "Kept."
    assert json.loads(stored["corrupt:1:reflection:m01-r99"]) == reflection("A retired prompt's words.")
    assert json.loads(stored["corrupt:1:module:99-not-here"]) == module_record(2, 2)
    exported = w.export(tmp_path)                        # and they go out again with the rest
    assert json.loads(exported["corrupt"]["reflection:m01-r99"][0])["text"] == \
        "A retired prompt's words."
    assert "Everything in that file is already here" in w.bring_in(tmp_path, data)
    w.assert_inert()


@pytest.mark.browser
def test_the_storage_note_goes_when_a_file_that_did_not_fit_is_put_back(w, course, cfg, tmp_path):
    """After an over-quota import was rolled back, the page kept saying storage was full."""
    module, *_ = single(course)
    prompt = module.reflections.prompts[0].id
    w.goto("progress/")
    assert w.page.evaluate(FILL_TO_QUOTA) > 0
    freed = w.page.evaluate("""() => {
        const keys = Object.keys(localStorage).filter(k => k.startsWith('fill:'))
            .sort((a, b) => localStorage.getItem(a).length - localStorage.getItem(b).length);
        let freed = 0;
        for (const k of keys) { if (freed > 60000) break; freed += localStorage.getItem(k).length; localStorage.removeItem(k); }
        return freed; }""")
    assert freed > 60000
    w.goto("progress/")
    note = w.page.locator("[data-ps-storage-note]")
    expect(note).to_be_hidden()
    message = w.bring_in(tmp_path, learner_file(cfg, reflections={prompt: reflection("x" * 900_000)}))
    assert "could not store" in message and "Nothing was changed" in message, message
    expect(note).to_be_hidden()
    assert f"reflection:{prompt}" not in w.storage()
    w.assert_inert()


# --- the cohort page ---------------------------------------------------------------------

@pytest.mark.browser
def test_a_results_file_of_any_name_is_read(cohort, tmp_path):  # noqa: F811 (the fixture)
    """A results file named __proto__ was dropped; two trainees' files of one name were
    one. Files are read by their content, whatever their names: a second file from the
    same trainee is read and set aside, and the page says so."""
    sample = sorted(SAMPLE.glob("*.json"))[:2]
    paths = []
    for folder, source in zip(("one", "two"), sample):
        (tmp_path / folder).mkdir()
        write(tmp_path / folder / "results.json", source.read_text(encoding="utf-8"))
        paths.append(tmp_path / folder / "results.json")
    write(tmp_path / "__proto__", sample[0].read_text(encoding="utf-8"))
    write(tmp_path / "constructor", sample[1].read_text(encoding="utf-8").replace("{", "{ ", 1))
    cohort.locator(".ps-cohort-input").set_input_files([*paths, tmp_path / "__proto__",
                                                        tmp_path / "constructor"])
    status = cohort.locator("[data-ps-cohort-status]")
    expect(status).to_contain_text("4 results files read: 2 trainees.")
    expect(status).to_contain_text("Set aside __proto__: an earlier file from the same trainee")
    names = cohort.locator("[data-ps-cohort-files] li")
    expect(names).to_have_count(4)
    listed = " ".join(names.all_inner_texts())
    assert "__proto__" in listed and "constructor" in listed and "results.json" in listed
    cohort.get_by_role("button", name="Remove constructor").click()
    expect(status).to_contain_text("Removed constructor. 3 results files read: 2 trainees.")
