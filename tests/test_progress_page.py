"""The progress page on a phone (issue 25, points 3 and 9): the modules as a
task list with a status tag each (GOV.UK's task list), readable at 320 px with
the reflections count in reach, and what bringing a file in did shown as a
status beside its button, not under the red Delete button."""

from __future__ import annotations

import json
import re

import pytest
from browsing import answered, set_record
from phone import SCHEMES, phone, settle
from playwright.sync_api import expect
from test_a11y import axe_clean, axe_when_still

pytestmark = pytest.mark.browser


def seeded(page, course):
    """One module mastered, one in progress, the rest not started; a reflection written."""
    done, started = [m for m in course.modules if m.quiz and m.reflections][:2]
    set_record(page, done.id, answered(done, right=True))
    set_record(page, started.id, answered(started, right=False, skip=2))
    prompt = started.reflections.prompts[0]
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [
        f"ps:b-c-peer-support-training:reflection:{prompt.id}",
        json.dumps({"v": 2, "text": "Mine.", "updated": "2026-11-01T10:00:00Z"})])
    return done, started


@pytest.mark.parametrize("large", [False, True], ids=["usual", "doubled"])
@pytest.mark.parametrize("scheme", SCHEMES)
def test_modules_are_a_task_list_readable_at_320(browser, trainee_site, course, scheme, large):
    page = phone(browser, 320, scheme, large=large)
    page.goto(trainee_site[1])
    done, started = seeded(page, course)
    page.goto(trainee_site[1] + "progress/")
    settle(page, scheme)
    tasks = page.locator(".ps-task-list > li")
    expect(tasks).to_have_count(len(course.modules))
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    want = {done.id: ("Mastered ✓", "mastered"), started.id: ("In progress", "in-progress")}
    for i, m in enumerate(course.modules):
        task = tasks.nth(i)
        tag = task.locator("[data-ps-visited]")
        text, state = want.get(m.id, ("Not started", "not-started"))
        expect(tag).to_have_text(text)
        assert tag.get_attribute("data-ps-state") == state
        link = task.get_by_role("link")
        expect(link).to_have_text(m.label)
        # The reflections count is in the row, on the screen: nothing scrolls sideways to it.
        written = task.locator("[data-ps-written]")
        prompts = len(m.reflections.prompts) if m.reflections else 0
        expect(written).to_have_text(f"{1 if m is started else 0} of {prompts}")
        for part in (link, tag, written):
            box = part.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 320, (m.id, box)
        # The status and what is done are read with the link.
        described = link.evaluate("a => a.getAttribute('aria-describedby').split(' ').map("
                                  "id => document.getElementById(id).textContent).join(' ')")
        assert text in described and "Reflections written" in described
    best = tasks.nth(course.modules.index(done)).locator("[data-ps-best]")
    expect(best).to_contain_text("right first time")
    # The whole row is the target: a tap on its hint opens the module.
    row = tasks.nth(course.modules.index(started))
    row.scroll_into_view_if_needed()
    hint = row.locator(".ps-task-hint").bounding_box()
    page.touchscreen.tap(hint["x"] + hint["width"] - 4, hint["y"] + hint["height"] / 2)
    expect(page).to_have_url(f"{trainee_site[1]}modules/{started.id}/")
    page.go_back()
    settle(page, scheme)
    review = page.get_by_role("article").get_by_role("link", name="Review what you missed")
    expect(review).to_have_attribute("href", re.compile(r"/review/$"))
    axe_when_still(page)
    page.context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_what_bringing_a_file_in_did_is_shown_beside_its_button(browser, trainee_site, course,
                                                              scheme, tmp_path):
    page = phone(browser, 360, scheme)
    page.goto(trainee_site[1])
    done, _ = seeded(page, course)
    page.goto(trainee_site[1] + "progress/")
    settle(page, scheme)
    record = json.loads(page.evaluate("k => localStorage.getItem(k)",
                                      f"ps:b-c-peer-support-training:module:{done.id}"))
    page.evaluate("localStorage.clear()")
    good = tmp_path / "mine.json"
    good.write_text(json.dumps({"format": "peer-support-learner-data", "version": 2,
                                "site": "b-c-peer-support-training", "modules": {done.id: record},
                                "reflections": {}, "corrupt": {}}))
    page.locator("[data-ps-import]").set_input_files(str(good))
    message = page.locator("[data-ps-message]")
    expect(message).to_contain_text("Brought in progress for 1 module")
    assert message.get_attribute("data-ps-outcome") == "done"
    importer = page.locator(".ps-import-label").bounding_box()
    delete = page.get_by_role("button", name="Delete my data on this device").bounding_box()
    box = message.bounding_box()
    assert importer["y"] + importer["height"] <= box["y"] < box["y"] + box["height"] <= delete["y"], \
        (importer, box, delete)
    assert box["y"] - (importer["y"] + importer["height"]) < 40, "right under its button"
    looks = message.evaluate("e => getComputedStyle(e).borderLeftColor")
    axe_clean(page)
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    page.locator("[data-ps-import]").set_input_files(str(bad))
    expect(message).to_contain_text("Nothing was changed")
    assert message.get_attribute("data-ps-outcome") == "unchanged"
    assert message.evaluate("e => getComputedStyle(e).borderLeftColor") != looks
    page.context.close()
