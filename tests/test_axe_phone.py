"""axe-core finds nothing at 320 px, light and dark (issue 25), on the pages
a trainee part of the way through uses: home, a module page with its results
showing, progress, the review page and the record of learning."""

from __future__ import annotations

import pytest
from browsing import answered, set_record
from phone import SCHEMES, phone, settle
from playwright.sync_api import expect
from test_a11y import axe_clean

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", ["", "modules/{started}/", "progress/", "review/", "record/"])
def test_axe_at_320(browser, trainee_site, course, path, scheme):
    done, started = [m for m in course.modules if m.quiz][:2]
    page = phone(browser, 320, scheme)
    page.goto(trainee_site[1])
    set_record(page, done.id, answered(done, right=True))
    set_record(page, started.id, answered(started, right=False, skip=1))
    page.goto(trainee_site[1] + path.format(started=started.id))
    settle(page, scheme)
    if path == "review/":
        expect(page.locator("[data-ps-bank]:visible")).to_have_count(1)
    if path == "record/":
        expect(page.locator(f'[data-ps-record-row="{done.id}"]')).to_be_visible()
    axe_clean(page)
    page.context.close()
