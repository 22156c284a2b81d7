"""The learner id on the device (learner.js, issue 27), in Debian's Chromium: made
once and kept, the same in the results file and on the record of learning; an
entry that cannot be read is kept aside, never lost; "Download all my data"
carries it and bringing that file to a new device keeps it, while a device with
its own keeps its own; storage that saves nothing is said."""

from __future__ import annotations

import json
import re

import pytest
from learner_browser import Watched, cfg, context, learner_file, w  # noqa: F401 (cfg, context, w: fixtures)
from playwright.sync_api import expect

from builder.pages.results_files import learner_code

pytestmark = pytest.mark.browser
CODE = re.compile(r"[0-9A-F]{4}-[0-9A-F]{4}")


def record_code(w: Watched) -> str:
    w.goto("record/")
    code = w.page.locator("[data-ps-record-code]")
    expect(code).to_have_text(CODE)
    return code.inner_text()


def stored_learner(w: Watched) -> dict:
    return json.loads(w.storage()["learner"])


def test_made_once_kept_and_the_same_in_the_results_file(w, tmp_path):
    w.goto("progress/")
    assert "learner" not in w.storage(), "made only when a page needs it"
    code = record_code(w)
    mine = stored_learner(w)
    assert mine["v"] == 1 and re.fullmatch("[0-9a-f]{32}", mine["id"]) and mine["name"] is None
    assert learner_code(mine["id"]) == code and record_code(w) == code
    w.goto("progress/")
    w.page.get_by_role("button", name="Download my self-check results for a facilitator").click()
    w.page.get_by_label("Your name for the facilitator (optional)").fill("  Sam\u0007 Rivera  ")
    with w.page.expect_download() as info:
        w.page.get_by_role("button", name="Download my results file").click()
    data = json.loads(open(info.value.path(), encoding="utf-8").read())
    assert data["learner"] == {"id": mine["id"], "name": "Sam Rivera"}
    assert stored_learner(w)["name"] == "Sam Rivera", "kept on the device for next time"
    w.page.get_by_role("button", name="Download my self-check results for a facilitator").click()
    expect(w.page.get_by_label("Your name for the facilitator (optional)")).to_have_value("Sam Rivera")
    w.page.get_by_role("button", name="Cancel").click()
    w.accept = True
    w.page.get_by_role("button", name="Delete my data on this device").click()
    expect(w.page.locator("[data-ps-message]")).to_contain_text("deleted")
    assert "learner" not in w.storage()
    assert record_code(w) != code, "a new learner after deleting everything"
    w.assert_inert()


def test_an_entry_that_cannot_be_read_is_kept_aside(w, tmp_path):
    w.seed({"learner": '{"v": 1, "id": "not an id"}'})
    data = w.export(tmp_path)  # exporting changes nothing, and leaves nothing out
    assert data["learner"] is None and data["corrupt"]["learner"] == ['{"v": 1, "id": "not an id"}']
    assert w.storage() == {"learner": '{"v": 1, "id": "not an id"}'}
    code = record_code(w)
    storage = w.storage()
    assert storage["corrupt:1:learner"] == '{"v": 1, "id": "not an id"}'
    assert learner_code(json.loads(storage["learner"])["id"]) == code
    data = w.export(tmp_path)
    assert data["corrupt"]["learner"] == ['{"v": 1, "id": "not an id"}']
    assert learner_code(data["learner"]["id"]) == code
    w.assert_inert()


def test_all_my_data_carries_the_learner_to_a_new_device_only(browser, trainee_site, cfg, w, tmp_path):
    code = record_code(w)
    data = w.export(tmp_path)
    other = browser.new_context(accept_downloads=True)
    fresh = Watched(other.new_page(), trainee_site[1], cfg)
    message = fresh.bring_in(tmp_path, data)
    assert message.startswith("Brought in"), message
    assert record_code(fresh) == code, "the same trainee on the new device"
    own = browser.new_context(accept_downloads=True)
    elsewhere = Watched(own.new_page(), trainee_site[1], cfg)
    theirs = record_code(elsewhere)
    elsewhere.bring_in(tmp_path, data)
    assert record_code(elsewhere) == theirs != code, "a device with its own learner keeps it"
    for watched in (fresh, elsewhere):
        watched.assert_inert()
    other.close()
    own.close()


def test_a_file_whose_learner_is_not_in_the_sites_form_is_refused(w, cfg, tmp_path):
    for learner in ({"v": 1, "id": "x" * 32, "name": None}, {"v": 1, "id": "a" * 32, "name": "n" * 101}, "me"):
        message = w.bring_in(tmp_path, learner_file(cfg, learner=learner))
        assert "a learner id that is not in the form this course writes" in message, message
        assert message.endswith("Nothing was changed.")
    assert "learner" not in w.storage()
    w.assert_inert()


def test_storage_that_saves_nothing_is_said_on_the_record(browser, trainee_site, cfg):
    context = browser.new_context()
    context.add_init_script("""Object.defineProperty(window, 'localStorage', {
        get() { throw new DOMException('blocked', 'SecurityError'); } });""")
    w = Watched(context.new_page(), trainee_site[1], cfg)
    record_code(w)
    expect(w.page.locator("[data-ps-record-code-note]")).to_have_text(
        "This browser is not saving data, so this code holds for this visit only.")
    assert w.page.evaluate("window.__pwned") is None
    context.close()
