"""One story of progress reaches the facilitator too (issue 25, point 1): the
self-check results file carries each module's status as status.js states it,
and the cohort page counts complete and mastered modules with the same model,
from each file's answers, never from what a file says of itself."""

from __future__ import annotations

import json

import pytest
from browsing import answered, set_record
from cohort_browser import grid_cells
from playwright.sync_api import expect
from test_a11y import axe_clean

pytestmark = pytest.mark.browser


def results_of(browser, site: str, records: dict, tmp_path) -> dict:
    """The results file the progress page downloads, with these module records stored."""
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(site)
    for module_id, rec in records.items():
        set_record(page, module_id, rec)
    page.goto(site + "progress/")
    page.get_by_role("button", name="Download my self-check results for a facilitator").click()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download my results file").click()
    path = tmp_path / "results.json"
    info.value.save_as(path)
    context.close()
    return json.loads(path.read_text(encoding="utf-8"))


def test_results_file_and_cohort_page_use_the_status_model(browser, trainee_site, facilitator_url,
                                                           course, tmp_path):
    first, second = [m for m in course.modules if m.quiz][:2]
    n = len(first.quiz.questions)
    complete = answered(first, right=True)
    wrong = [q.id for q in first.quiz.questions[:2]]
    for qid in wrong:  # two right only at the second try: complete, mastered, first try kept
        complete["answers"][qid]["first"] = False
    complete["completed"] = "2026-11-02T10:00:00Z"
    partial = answered(second, right=True, skip=1)
    data = results_of(browser, trainee_site[1], {first.id: complete, second.id: partial}, tmp_path)
    assert data["modules"][first.id]["status"] == {
        "complete": True, "mastered": True, "answered": n, "total": n, "firstTry": n - 2,
        "completed": "2026-11-02T10:00:00Z"}
    m = len(second.quiz.questions)
    assert data["modules"][second.id]["status"] == {
        "complete": False, "mastered": False, "answered": m - 1, "total": m, "firstTry": m - 1,
        "completed": None}

    # A second trainee, whose first module is complete but not mastered; a third whose file
    # claims what its answers do not show.
    other = answered(first, right=False)
    claims = {"format": "peer-support-self-check-results", "version": 1, "modules": {first.id: {
        "answers": dict(list(complete["answers"].items())[:1]), "attempts": 1,
        "status": {"complete": True, "mastered": True, "answered": n, "total": n}}}}
    files = []
    b = {**data, "learner": {"id": "f" * 32, "name": "B"}, "modules": {first.id: other}}
    for name, content in (("a.json", data), ("b.json", b), ("c.json", claims)):
        files.append(tmp_path / name)
        files[-1].write_text(json.dumps(content), encoding="utf-8")
    page = browser.new_context(viewport={"width": 320, "height": 800}).new_page()
    page.goto(facilitator_url + "facilitator/cohort/")
    page.locator("[data-ps-cohort-input]").set_input_files([str(f) for f in files])
    expect(page.locator("[data-ps-cohort-grid] tbody tr")).to_have_count(3)
    column = 2 + [m.id for m in course.modules if m.quiz].index(first.id)  # name, code, modules
    cells = sorted(row[column] for row in grid_cells(page))
    # Worked out from each file's answers by status.js: all answered is complete (wrong or
    # right); the file that claims complete with one answer is in progress.
    assert [c.split(":")[0] for c in cells] == ["Complete", "Complete", "In progress"], cells
    assert cells[2] == f"In progress: 1 of {n} answered"
    axe_clean(page)
    page.context.close()
