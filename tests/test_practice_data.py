"""Practice as the learner's data, in Debian's Chromium (issue 26): practised
on the progress page and the record of learning, apart from complete; the
learner's data file carrying the replies and the facilitator's results file
not; bringing a file in (deleted and restored, twice, a reply on two devices);
old, foreign and broken files refused whole; corrupt stored records kept aside
and listed; the offline bundle opened from disk."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from conftest import build_site
from playwright.sync_api import Page, expect
from practice_site import (MODULE, PREFIX, REPLY, SECOND, TALK, choose, finish, new_page,
                           open_module, stored, transcript, write_reply)
from practice_site import course_root, page, site  # noqa: F401  (the shared fixtures)

pytestmark = pytest.mark.browser


# --- progress, the record, the data files --------------------------------------------------------

def practise_everything(page: Page) -> None:
    open_module(page)
    for exercise in (REPLY, SECOND):
        write_reply(page, exercise, f"My reply to {exercise}.")
        page.locator(f"#p-{exercise}").get_by_text("See model replies").click()
        expect(page.locator(f"#p-{exercise} [data-ps-exercise-done]")).to_be_visible()
    choose(page, "What makes you want to go back?")
    choose(page, "What would finishing it mean to you?")
    expect(page.locator("[data-ps-practice-status]")).to_have_text(
        "Practised ✓: every exercise here is done.")


def test_practised_on_the_progress_page_and_the_record_of_learning(page):
    open_module(page)
    write_reply(page, REPLY, "Only one so far.")
    page.locator(f"#p-{REPLY}").get_by_text("See model replies").click()
    page.goto(page.site + "progress/")
    row = page.locator(f'[data-ps-row="{MODULE}"]')
    expect(row.locator("[data-ps-practised]")).to_have_text("1 of 3 exercises done")
    expect(page.locator('[data-ps-row="02-two"] [data-ps-practised]')).to_have_text("No practice")
    practise_everything(page)
    question = page.locator("[data-ps-question]").first  # the self-check, for the record
    question.locator("input").first.check()
    question.get_by_role("button", name="Check").click()
    page.goto(page.site + "progress/")
    expect(row.locator("[data-ps-practised]")).to_have_text("Practised ✓")
    # completion stays its own (the options are shuffled: the one checked may be right or not)
    expect(row.locator("[data-ps-visited]")).to_have_text(re.compile(r"^(Complete|Mastered) ✓$"))
    page.goto(page.site + "record/")
    expect(page.locator(f'[data-ps-record-row="{MODULE}"]')).to_contain_text("Practised")
    expect(page.locator("[data-ps-record-summary]")).to_contain_text("1 of them practised")


def download(page: Page, button: str, path: Path) -> dict:
    with page.expect_download() as info:
        page.get_by_role("button", name=button).click()
    info.value.save_as(path)
    return json.loads(path.read_text(encoding="utf-8"))


def bring_in(page: Page, path: Path) -> str:
    message = page.locator("[data-ps-message]")
    page.evaluate("() => { document.querySelector('[data-ps-message]').textContent = ''; }")
    page.locator("[data-ps-import]").set_input_files(str(path))
    expect(message).not_to_be_empty()
    return message.inner_text()


def test_the_data_file_carries_the_replies_and_the_results_file_does_not(page, tmp_path):
    practise_everything(page)
    page.goto(page.site + "progress/")
    data = download(page, "Download all my data (JSON)", tmp_path / "all.json")
    assert set(data["practice"]) == {REPLY, SECOND, TALK}
    assert data["practice"][REPLY]["text"] == f"My reply to {REPLY}."
    assert data["practice"][TALK]["path"] == [0, 1] and data["practice"][TALK]["done"]
    page.get_by_role("button", name="Download my self-check results for a facilitator").click()
    results = download(page, "Download my results file", tmp_path / "r.json")  # after the name
    raw = (tmp_path / "r.json").read_text(encoding="utf-8")
    assert results["format"] == "peer-support-self-check-results"
    assert "practice" not in results and "My reply to" not in raw and "m01-p" not in raw

    # delete, then bring the file back in: everything returns
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Delete my data on this device").click()
    expect(page.locator("[data-ps-message]")).to_contain_text("deleted")  # said before the next
    assert stored(page, REPLY) is None
    message = bring_in(page, tmp_path / "all.json")
    assert "and 3 practice exercises." in message, message
    expect(page.locator(f'[data-ps-row="{MODULE}"] [data-ps-practised]')).to_have_text("Practised ✓")
    open_module(page)
    expect(page.locator(f"#p-{REPLY}-reply")).to_have_value(f"My reply to {REPLY}.")
    expect(page.locator(f"#p-{TALK} .ps-finished")).to_contain_text("Lee leaves")
    # the same file again changes nothing
    page.goto(page.site + "progress/")
    assert "Everything in that file is already here." in bring_in(page, tmp_path / "all.json")


def test_a_reply_on_both_devices_keeps_both(page, tmp_path):
    open_module(page)
    write_reply(page, REPLY, "Written on the phone.")
    page.goto(page.site + "progress/")
    path = tmp_path / "phone.json"
    data = download(page, "Download all my data (JSON)", path)
    data["practice"][REPLY]["text"] = "Written on the laptop."
    path.write_text(json.dumps(data), encoding="utf-8")
    bring_in(page, path)
    record = stored(page, REPLY)
    assert record["text"] == "Written on the phone." and record["tries"] == ["Written on the laptop."]


def test_old_foreign_and_broken_practice_data(page, tmp_path):
    open_module(page)
    write_reply(page, REPLY, "Here before.")
    page.goto(page.site + "progress/")
    old = {"format": "peer-support-learner-data", "version": 2, "site": "b-c-peer-support-training",
           "modules": {}, "reflections": {}}  # an export from before practice existed
    (tmp_path / "old.json").write_text(json.dumps(old), encoding="utf-8")
    assert "Everything in that file is already here." in bring_in(page, tmp_path / "old.json")
    good = {"v": 1, "type": "conversation", "path": [0], "done": None, "updated": None}
    for bad, says in (
            ({"m01-p9": good}, "a practice exercise this course does not have, “m01-p9”"),
            ({TALK: {**good, "path": [5]}}, f"a practice record for {TALK} that is not in the form"),
            ({REPLY: good}, f"a practice record for {REPLY} of another kind of exercise"),
            ({REPLY: {"v": 1, "type": "reply", "text": "x", "tries": [], "opened": None,
                      "ticks": [7], "done": None, "updated": None}}, "ticks a review point")):
        (tmp_path / "bad.json").write_text(json.dumps({**old, "practice": bad}), encoding="utf-8")
        message = bring_in(page, tmp_path / "bad.json")
        assert says in message and "Nothing was changed." in message, message
    assert stored(page, REPLY)["text"] == "Here before."


def test_a_corrupt_practice_record_is_kept_aside_and_listed_never_a_crash(page, tmp_path):
    page.goto(page.site)
    page.evaluate("""p => {
        localStorage.setItem(p + "practice:m01-p1", "{not json");
        localStorage.setItem(p + "practice:m01-p3", JSON.stringify({v: 1, type: "conversation", path: [9]}));
    }""", PREFIX)
    open_module(page)
    expect(page.locator("[data-ps-storage-note]").first).to_contain_text(
        "Some saved data could not be read (2 items)")
    keys = page.evaluate("p => Object.keys(localStorage).filter(k => k.startsWith(p + 'corrupt:'))", PREFIX)
    assert sorted(keys) == [PREFIX + "corrupt:1:practice:m01-p1", PREFIX + "corrupt:1:practice:m01-p3"]
    choose(page, "What makes you want to go back?")  # the exercises start afresh and work
    write_reply(page, REPLY, "A new reply.")
    page.goto(page.site + "progress/")
    data = download(page, "Download all my data (JSON)", tmp_path / "all.json")
    assert data["corrupt"]["practice:m01-p1"] == ["{not json"]
    assert data["practice"][REPLY]["text"] == "A new reply."


# --- offline ------------------------------------------------------------------------------------

def test_practice_works_from_the_offline_bundle(browser, course_root, tmp_path):
    out = tmp_path / "site"
    build_site(out, "--offline", cwd=course_root)
    with zipfile.ZipFile(out.with_name("site.zip")) as zf:
        zf.extractall(tmp_path / "unpacked")
    bundle = next((tmp_path / "unpacked").iterdir())
    page = new_page(browser, "file://")
    page.goto((bundle / f"modules/{MODULE}.html").as_uri())
    write_reply(page, REPLY, "Written offline.")
    choose(page, "What makes you want to go back?")
    expect(transcript(page)).to_contain_text("I guess I want to prove")
    page.reload()
    expect(page.locator(f"#p-{REPLY}-reply")).to_have_value("Written offline.")
    expect(transcript(page).locator("> li")).to_have_count(2)
    finish(page)
