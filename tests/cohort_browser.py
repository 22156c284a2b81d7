"""What the cohort page's browser tests share (test_insights.py, test_cohort_page.py):
the page in Debian's Chromium, its tables and grid as text, files dropped or
chosen, and the CSV files it downloads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page

COHORT = "facilitator/cohort/"


@pytest.fixture
def cohort(browser, facilitator_url) -> Page:
    """The cohort page, in a context of its own that takes downloads."""
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(facilitator_url + COHORT)
    yield page
    context.close()


def page_table(page: Page, selector: str) -> list[dict]:
    return page.eval_on_selector_all(selector + " tbody tr", """rows => rows.map(tr => ({
        id: tr.dataset.qid || tr.dataset.competency || tr.dataset.psTrainee,
        cells: Array.from(tr.children).map(c => c.textContent.trim()),
        href: tr.querySelector('a') ? tr.querySelector('a').getAttribute('href') : null}))""")


def grid_cells(page: Page) -> list[list[str]]:
    """The trainees' grid, a row a trainee: name, code, then a cell a module shown."""
    return [row["cells"] for row in page_table(page, "[data-ps-cohort-grid]")]


def grid_head(page: Page) -> list[str]:
    return page.eval_on_selector_all("[data-ps-cohort-grid] thead th", "ths => ths.map(t => t.textContent)")


def drop(page: Page, files: list[tuple[str, str]]) -> None:
    """Drop files (name, text) on the page at once, as from a file manager."""
    page.evaluate("""files => {
        const dt = new DataTransfer();
        for (const [name, text] of files) dt.items.add(new File([text], name, {type: 'application/json'}));
        document.querySelector('[data-ps-drop]').dispatchEvent(
            new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
    }""", [list(f) for f in files])


def download(page: Page, button: str, folder: Path) -> tuple[str, str]:
    """Click a download button; the file's suggested name and its text (byte-order mark kept)."""
    with page.expect_download() as info:
        page.get_by_role("button", name=button).click()
    path = folder / info.value.suggested_filename
    info.value.save_as(path)
    return info.value.suggested_filename, path.read_bytes().decode("utf-8")


def results_text(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)
