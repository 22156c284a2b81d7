"""Practice on the module page in Debian's Chromium (issue 26), on the test
course built with its practice file: a reply written, the model replies opened
and the review ticked, all kept after a reload; "Try again" keeping the earlier
reply in view; a conversation followed down two paths with "Start again"
between, kept after a reload; keyboard only, with focus moved and the live
region speaking; axe-core in light and dark; 320 px; without JavaScript. No
page asks another origin for anything (practice_site.finish). The learner's
data and the offline bundle are in test_practice_data.py."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from practice_site import (PAGE, REPLY, SECOND, TALK, choose, finish, live, new_page, open_module,
                           stored, transcript, write_reply)
from practice_site import course_root, page, site  # noqa: F401  (the shared fixtures)
from test_a11y import SCHEMES, axe_when_still, settle

pytestmark = pytest.mark.browser


# --- your reply ---------------------------------------------------------------------------

def test_a_reply_written_models_opened_and_review_ticked_are_kept_after_a_reload(page):
    open_module(page)
    ex = page.locator(f"#p-{REPLY}")
    expect(page.locator("[data-ps-practice-status]")).to_have_text("0 of 3 exercises done.")
    write_reply(page, REPLY, "It sounds hard to choose. What matters most to you here?")
    expect(ex.locator("[data-ps-exercise-done]")).to_be_hidden()  # not done: the models unopened
    ex.get_by_text("See model replies").click()
    expect(ex.locator(".ps-model").first).to_contain_text("It sounds like you're torn")
    expect(ex.locator(".ps-model .ps-why").first).to_contain_text("Why it works:")
    expect(ex.locator("[data-ps-exercise-done]")).to_have_text("Done ✓")
    ex.get_by_label("I did not tell her what to do.").check()
    ex.get_by_label("I asked a question that helps her think.").check()
    expect(page.locator("[data-ps-practice-status]")).to_have_text("1 of 3 exercises done.")
    record = stored(page, REPLY)
    assert record["text"] == "It sounds hard to choose. What matters most to you here?"
    assert record["ticks"] == [1, 2] and record["opened"] and record["done"] and record["tries"] == []

    page.reload()
    ex = page.locator(f"#p-{REPLY}")
    expect(ex.get_by_label("What would you say? Write your reply.")).to_have_value(
        "It sounds hard to choose. What matters most to you here?")
    expect(ex.get_by_label("I did not tell her what to do.")).to_be_checked()
    expect(ex.get_by_label("I asked a question that helps her think.")).to_be_checked()
    expect(ex.get_by_label("I named what she seemed to feel.")).not_to_be_checked()
    expect(ex.locator("[data-ps-exercise-done]")).to_have_text("Done ✓")
    expect(page.locator("[data-ps-practice-status]")).to_have_text("1 of 3 exercises done.")


def test_try_again_keeps_the_earlier_reply_in_view_to_compare(page):
    open_module(page)
    ex = page.locator(f"#p-{SECOND}")
    area = ex.get_by_label("What would you say? Write your reply.")
    expect(ex.get_by_role("button", name="Try again")).to_be_hidden()
    write_reply(page, SECOND, "I promise.")
    ex.get_by_text("See model replies").click()
    ex.get_by_label("I kept my tone warm.").check()
    ex.get_by_role("button", name="Try again").click()
    expect(area).to_have_value("")
    expect(area).to_be_focused()
    expect(ex.get_by_label("I kept my tone warm.")).not_to_be_checked()
    expect(ex.locator(".ps-earlier")).to_contain_text("Your earlier replies, to compare:")
    expect(ex.locator(".ps-earlier-text")).to_have_text(["I promise."])
    expect(live(page)).to_have_text("Your reply is kept above, to compare. Write a new one.")
    expect(ex.locator("[data-ps-exercise-done]")).to_have_text("Done ✓")  # done stays done
    write_reply(page, SECOND, "Thank you for trusting me. Before you tell me, here are the limits.")
    page.reload()
    ex = page.locator(f"#p-{SECOND}")
    expect(ex.locator(".ps-earlier-text")).to_have_text(["I promise."])
    expect(ex.get_by_label("What would you say? Write your reply.")).to_have_value(
        "Thank you for trusting me. Before you tell me, here are the limits.")
    assert stored(page, SECOND)["tries"] == ["I promise."]


# --- a conversation -------------------------------------------------------------------------

def test_a_conversation_down_two_paths_with_start_again_kept_after_reloads(page):
    open_module(page)
    talk = page.locator(f"#p-{TALK}")
    expect(talk.locator("[data-ps-script]")).to_be_hidden()  # the whole script is for no script
    expect(transcript(page).locator("> li")).to_have_count(1)
    expect(transcript(page).locator("figcaption")).to_have_text("The peer says:")
    expect(transcript(page)).to_contain_text("I don't know if I should go back to school.")
    choose(page, "What makes you want to go back?")
    step = transcript(page).locator("> li").nth(1)
    expect(step).to_contain_text("You said:")
    expect(step).to_contain_text("An open question keeps the choice with Lee.")
    expect(step).to_contain_text("I guess I want to prove I can finish something.")
    expect(step).to_be_focused()
    expect(live(page)).to_have_text("Reply chosen. The peer answers.")
    assert stored(page, TALK)["path"] == [0] and stored(page, TALK)["done"] is None

    page.reload()  # midway: the same turn, with its replies to choose from
    expect(transcript(page).locator("> li")).to_have_count(2)
    expect(talk.get_by_role("button")).to_have_text([
        "Finishing something matters a lot to you.", "What would finishing it mean to you?",
        "You could start with one course."])
    choose(page, "You could start with one course.")
    finished = talk.locator(".ps-finished")
    expect(finished).to_contain_text("How it ended: Lee goes quiet")
    expect(finished).to_contain_text("Debrief: Self-determination at work")
    expect(finished).to_be_focused()
    expect(live(page)).to_have_text("The conversation has ended. Read how it ended, and the debrief.")
    expect(talk.locator("[data-ps-exercise-done]")).to_have_text("Done ✓")
    done = stored(page, TALK)["done"]
    assert done and stored(page, TALK)["path"] == [0, 2]

    talk.get_by_role("button", name="Start again").click()
    expect(transcript(page).locator("> li")).to_have_count(1)
    expect(transcript(page).locator("> li").first).to_be_focused()
    expect(live(page)).to_have_text("Started again from the beginning.")
    expect(talk.locator("[data-ps-exercise-done]")).to_have_text("Done ✓")  # one path reached an end
    choose(page, "You should go. It would be worth it.")
    expect(transcript(page)).to_contain_text("Maybe. Everyone has an opinion about it.")
    choose(page, "You've heard a lot of opinions. What's yours?")
    expect(finished).to_contain_text("How it ended: Lee leaves with a plan of their own")
    record = stored(page, TALK)
    assert record["path"] == [1, 0] and record["done"] == done

    page.reload()  # at the ending of the second path
    expect(talk.locator(".ps-finished")).to_contain_text("Lee leaves with a plan of their own")
    expect(transcript(page)).to_contain_text("You should go. It would be worth it.")
    expect(transcript(page)).not_to_contain_text("You could start with one course.")


def test_a_choice_touching_a_safety_point_shows_its_box_with_the_note(page):
    open_module(page)
    choose(page, "You should go. It would be worth it.")
    choose(page, "I won't tell anyone what you decide.")
    step = transcript(page).locator("> li").nth(2)
    expect(step.locator("[data-ps-safety=confidentiality] summary")).to_have_text(
        "What to do: confidentiality and its limits")


# --- keyboard, screen readers, axe, phones, no script ------------------------------------------

def tab_to(page: Page, selector: str, limit: int = 300) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_keyboard_only(page):
    open_module(page)
    tab_to(page, f"#p-{REPLY}-reply")
    page.keyboard.type("Typed with the keyboard.")
    tab_to(page, f"#p-{REPLY} summary")
    page.keyboard.press("Enter")
    expect(page.locator(f"#p-{REPLY} [data-ps-models]")).to_have_attribute("open", "")
    tab_to(page, f"#p-{REPLY}-tick-0")
    page.keyboard.press("Space")
    expect(page.locator(f"#p-{REPLY}-tick-0")).to_be_checked()
    tab_to(page, f'#p-{TALK} [data-ps-pick="0"]')
    page.keyboard.press("Enter")
    expect(transcript(page).locator("> li").nth(1)).to_be_focused()
    tab_to(page, f'#p-{TALK} [data-ps-pick="1"]', limit=10)  # the next replies follow at once
    page.keyboard.press("Space")
    expect(page.locator(f"#p-{TALK} .ps-finished")).to_be_focused()
    tab_to(page, f"#p-{TALK} [data-ps-restart]", limit=10)
    page.keyboard.press("Enter")
    expect(transcript(page).locator("> li").first).to_be_focused()
    page.reload()
    expect(page.locator(f"#p-{REPLY}-reply")).to_have_value("Typed with the keyboard.")
    expect(page.locator(f"#p-{REPLY}-tick-0")).to_be_checked()
    assert stored(page, TALK)["done"] and stored(page, TALK)["path"] == []


def every_state(page: Page) -> None:
    """A reply with an earlier try and the models open, and a conversation at its end."""
    write_reply(page, SECOND, "First.")
    page.locator(f"#p-{SECOND}").get_by_role("button", name="Try again").click()
    write_reply(page, SECOND, "Second.")
    page.locator(f"#p-{SECOND}").get_by_text("See model replies").click()
    page.locator(f"#p-{SECOND}").get_by_label("I kept my tone warm.").check()
    choose(page, "Lots of people go back later in life.")
    choose(page, "I won't tell anyone what you decide.")
    expect(page.locator(f"#p-{TALK} .ps-finished")).to_be_visible()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_in_light_and_dark(browser, site, scheme):
    page = new_page(browser, site, color_scheme=scheme)
    page.goto(site + PAGE)
    settle(page, scheme)
    axe_when_still(page)  # as it loads: nothing done yet
    every_state(page)
    page.locator(f"#p-{TALK} .ps-transcript [data-ps-safety] summary").click()  # a box open
    axe_when_still(page)
    page.locator(f"#p-{TALK}").get_by_role("button", name="Start again").click()
    choose(page, "What makes you want to go back?")
    axe_when_still(page)  # midway, with the replies to choose from
    finish(page)


def test_no_sideways_scrolling_at_320(browser, site):
    page = new_page(browser, site, viewport={"width": 320, "height": 640})
    page.goto(site + PAGE)
    every_state(page)
    wide = page.evaluate("""() => {
        const root = document.documentElement;
        if (root.scrollWidth <= root.clientWidth) return [];
        return [...document.querySelectorAll('.ps-practice *')]
            .filter(e => e.getBoundingClientRect().right > root.clientWidth + 1)
            .slice(0, 5).map(e => e.tagName + '.' + e.className);
    }""")
    assert wide == []
    box = page.locator(f"#p-{TALK} .ps-finished [data-ps-restart]").bounding_box()
    assert box["height"] >= 44  # a tap target
    finish(page)


def test_without_javascript_the_page_shows_the_situation_the_peer_and_the_models(browser, site):
    page = new_page(browser, site, java_script_enabled=False)
    page.goto(site + PAGE)
    reply = page.locator(f"#p-{REPLY}")
    expect(reply.locator(".ps-situation")).to_contain_text("She is deciding whether to move")
    expect(reply.locator("figure.ps-peer")).to_contain_text("Just tell me what you would do.")
    expect(reply.locator("textarea")).to_be_hidden()  # nothing would be kept
    reply.get_by_text("See model replies").click()
    expect(reply.locator(".ps-model").nth(1)).to_contain_text("Deciding this is tiring.")
    expect(reply.locator(".ps-review-list")).to_contain_text("I did not tell her what to do.")
    expect(reply.locator("input[data-ps-tick]").first).to_be_hidden()  # a list to read: no ticks kept
    talk = page.locator(f"#p-{TALK}")
    expect(talk.locator("[data-ps-opening]")).to_contain_text("I don't know if I should go back to school.")
    talk.get_by_text("Read every turn of this conversation").click()
    talk.locator(f'#p-{TALK}-start .ps-goto a').nth(1).click()  # follow a reply to the turn it leads to
    expect(page).to_have_url(site + PAGE + f"#p-{TALK}-closed")
    expect(talk.locator(f"#p-{TALK}-closed")).to_contain_text("Everyone has an opinion about it.")
    expect(talk.locator("[data-ps-debrief]")).to_contain_text("Self-determination at work")
    finish(page)
