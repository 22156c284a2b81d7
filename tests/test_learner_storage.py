"""Learner data kept in the browser loses nothing and runs nothing: records that
cannot be read are kept aside, full or blocked storage is said where it happens,
and pre-seeded storage breaks no page, in Debian's Chromium (AUTHORING.md,
"Learner data in the browser")."""

from __future__ import annotations

import json
import re

import pytest
from learner_browser import (  # noqa: F401 (cfg, context, w: fixtures)
    FILL_TO_QUOTA,
    PAYLOAD,
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

pytestmark = pytest.mark.browser


# --- kept aside, never lost ------------------------------------------------------------


def test_two_corrupt_records_under_one_key_are_both_kept(w, course, tmp_path):
    module, *_ = single(course)
    prompt = module.reflections.prompts[0].id
    for broken in ("{broken one", "{broken two", "{broken one"):
        w.seed({f"reflection:{prompt}": broken})
        w.goto(f"modules/{module.id}/")
        expect(w.page.locator("[data-ps-storage-note]").first).to_contain_text("kept aside, not deleted")
    data = w.storage()
    assert f"reflection:{prompt}" not in data
    assert data[f"corrupt:1:reflection:{prompt}"] == "{broken one"
    assert data[f"corrupt:2:reflection:{prompt}"] == "{broken two"
    assert f"corrupt:3:reflection:{prompt}" not in data      # the same text again is not copied twice
    assert w.export(tmp_path)["corrupt"] == {f"reflection:{prompt}": ["{broken one", "{broken two"]}
    w.assert_inert()


def test_copy_that_does_not_fit_leaves_the_original_in_place(w, course, tmp_path):
    module, *_ = single(course)
    prompt = module.reflections.prompts[0].id
    big = "{not json " + "x" * 1_000_000
    w.seed({f"reflection:{prompt}": big})
    assert w.page.evaluate(FILL_TO_QUOTA) > 0
    w.goto(f"modules/{module.id}/")
    note = w.page.locator("[data-ps-storage-note]").first
    expect(note).to_contain_text("left where it was, not deleted")
    assert w.storage()[f"reflection:{prompt}"] == big
    # Typing there does not overwrite it either.
    w.page.locator(f"#r-{prompt}").fill("A new thought.")
    expect(w.page.locator(f'[data-ps-prompt="{prompt}"] [data-ps-saved]')).to_contain_text("Not saved")
    assert w.storage()[f"reflection:{prompt}"] == big
    assert w.export(tmp_path)["corrupt"] == {f"reflection:{prompt}": [big]}
    w.assert_inert()


def test_storage_exactly_full_still_shows_and_exports_everything(w, course, tmp_path):
    module, q, right, _ = single(course)
    prompts = [p.id for p in module.reflections.prompts[:2]]
    texts = {p: f"What I wrote for {p}, months ago." for p in prompts}
    w.seed({f"reflection:{p}": compact(reflection(t)) for p, t in texts.items()}
           | {f"module:{module.id}": compact(module_record(1, len(module.quiz.questions)))})
    assert w.page.evaluate(FILL_TO_QUOTA) > 0
    w.goto(f"modules/{module.id}/")
    for p, text in texts.items():
        expect(w.page.locator(f"#r-{p}")).to_have_value(text)
    note = w.page.locator("[data-ps-storage-note]").first
    expect(note).to_contain_text("storage for the site is full")
    expect(note).not_to_contain_text("not letting the site save")
    # Writes fail, and the page says so where they happen.
    w.page.locator(f"#r-{prompts[0]}").fill(texts[prompts[0]] + " And more that does not fit." * 10)
    expect(w.page.locator(f'[data-ps-prompt="{prompts[0]}"] [data-ps-saved]')).to_have_text(
        "Not saved: this browser's storage for the site is full.")
    item = w.page.locator(f"#q-{q.id}")
    item.locator(f'input[value="{right.key}"]').check()
    item.get_by_role("button", name="Check").click()
    expect(item.locator("[data-ps-result]")).to_contain_text("That fits")
    expect(item.locator("[data-ps-result]")).to_contain_text("Not saved")

    exported = w.export(tmp_path)
    assert {p: r["text"] for p, r in exported["reflections"].items()} == texts
    assert exported["modules"][module.id]["best"]["score"] == 1
    row = w.page.locator(f'[data-ps-row="{module.id}"]')
    expect(row.locator("[data-ps-written]")).to_have_text(f"2 of {len(module.reflections.prompts)}")
    expect(row.locator("[data-ps-visited]")).to_have_text("In progress")
    w.assert_inert()



# --- pre-seeded storage ----------------------------------------------------------------------


def test_preseeded_storage_breaks_no_page_and_loses_nothing(w, course, cfg, tmp_path):
    module, q, right, wrong = single(course)
    prompts = [p.id for p in module.reflections.prompts]
    other = next(m for m in course.modules if m.id != module.id and m.quiz)
    huge = "A long reflection. " * 50_000                          # about 1 MB
    seeded = {
        f"module:{other.id}": json.dumps({"v": 1, "best": 2, "total": len(other.quiz.questions),
                                          "visited": True, "attempts": 2}),
        f"reflection:{prompts[0]}": json.dumps("An old bare string, version 1."),
        f"reflection:{prompts[1]}": json.dumps(reflection(huge)),
        f"reflection:{prompts[2]}": '{"v": 2, "text": "cut off',
        f"reflection:{prompts[3]}": json.dumps({"v": 2, "text": {"nested": True}}),
        f"module:{course.modules[-1].id}": json.dumps([1, 2, 3]),
        f"module:{course.modules[-2].id}": json.dumps({"v": 2, "attempts": 1e300, "answers": {}}),
        f"module:{course.modules[-3].id}": "null",
        f"module:{module.id}": json.dumps({
            "v": 2, "visited": "2026-01-01", "attempts": 2, "best": {"score": 1, "total": 2},
            "answers": {q.id: {"chosen": [wrong.key, PAYLOAD], "correct": False},
                        PAYLOAD: {"chosen": [PAYLOAD], "correct": True}}}),
        f"module:{PAYLOAD}": json.dumps(module_record(1, 1)),
        f"reflection:{PAYLOAD}": json.dumps(reflection(PAYLOAD)),
        f"corrupt:{PAYLOAD}": PAYLOAD,
        "module:__proto__": json.dumps(module_record(0, 0)),
    }
    w.seed(seeded)
    w.goto(f"modules/{module.id}/")
    expect(w.page.locator("[data-ps-storage-note]").first).to_contain_text("kept aside, not deleted")
    expect(w.page.locator(f"#r-{prompts[0]}")).to_have_value("An old bare string, version 1.")
    expect(w.page.locator(f"#r-{prompts[1]}")).to_have_value(huge)
    expect(w.page.locator(f"#r-{prompts[2]}")).to_have_value("")
    item = w.page.locator(f"#q-{q.id}")
    # The saved answer names an option the question does not have: kept, never shown.
    expect(item.locator("[data-ps-result]")).to_be_hidden()
    item.locator(f'input[value="{right.key}"]').check()
    item.get_by_role("button", name="Check").click()
    expect(item.locator("[data-ps-result]")).to_contain_text("That fits")
    w.goto("progress/")
    expect(w.page.locator(f'[data-ps-row="{other.id}"] [data-ps-best]')).to_contain_text("2 of")
    expect(w.page.locator("[data-ps-overall]")).to_contain_text("You have completed 0 of")
    w.goto("")
    expect(w.page.locator("h1").first).to_be_visible()
    w.assert_inert()

    # Nothing is lost: every record is in the file, as a record this course can use or kept aside.
    exported = w.export(tmp_path)
    assert exported["modules"][other.id]["best"] == {"score": 2, "total": len(other.quiz.questions)}
    assert exported["reflections"][prompts[0]]["text"] == "An old bare string, version 1."
    assert exported["reflections"][prompts[1]]["text"] == huge
    aside = exported["corrupt"]
    for key in (f"reflection:{prompts[2]}", f"reflection:{prompts[3]}", f"module:{course.modules[-1].id}",
                f"module:{course.modules[-2].id}", f"module:{course.modules[-3].id}"):
        assert aside[key] == [seeded[key]], key
    assert aside[PAYLOAD] == [PAYLOAD]
    assert json.loads(aside[f"reflection:{PAYLOAD}"][0])["text"] == PAYLOAD    # ids it does not have
    assert json.loads(aside[f"module:{PAYLOAD}"][0])["best"] == {"score": 1, "total": 1}
    assert json.loads(aside["module:__proto__"][0])["v"] == 2
    assert PAYLOAD in json.loads(aside[f"module:{module.id}"][0])["answers"]

    # After "Delete my data", bringing the file back restores every value stored before.
    before = w.storage()
    w.accept = True                          # the delete confirmation
    w.page.get_by_role("button", name="Delete my data on this device").click()
    expect(w.page.locator("[data-ps-message]")).to_contain_text("deleted")
    assert w.storage() == {}
    assert "kept aside, unchanged" in w.bring_in(tmp_path, exported, "back.json")
    restored = w.storage()
    kept = kept_aside(restored)
    for key, value in before.items():
        if key.startswith("corrupt:"):
            assert value in kept[original_of(key)], key
        else:
            assert restored.get(key) == value or value in kept[key], key
    assert restored[f"module:{other.id}"] == before[f"module:{other.id}"]
    w.assert_inert()


def original_of(aside_key: str) -> str:
    """The key an entry was kept aside from: `corrupt:<n>:<key>`, or `corrupt:<key>` before numbering."""
    return re.sub(r"^\d+:", "", aside_key.removeprefix("corrupt:"))


def kept_aside(storage: dict[str, str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, value in storage.items():
        if key.startswith("corrupt:"):
            out.setdefault(original_of(key), []).append(value)
    return out


def test_storage_unavailable_import_is_said_to_last_this_visit(browser, trainee_site, cfg, course, tmp_path):
    context = browser.new_context()
    context.add_init_script("""Object.defineProperty(window, 'localStorage', {
        get() { throw new DOMException('blocked', 'SecurityError'); } });""")
    w = Watched(context.new_page(), trainee_site[1], cfg)
    module, *_ = single(course)
    prompt = module.reflections.prompts[0].id
    message = w.bring_in(tmp_path, learner_file(cfg, reflections={prompt: reflection("For now.")}))
    assert "For this visit only" in message and "1 reflection" in message, message
    w.page.locator(f'[data-ps-row="{module.id}"] a').click()
    expect(w.page.locator(f"#r-{prompt}")).to_have_value("For now.")
    assert w.page.evaluate("window.__pwned") is None  # (the theme's own scripts throw without storage)
    context.close()
