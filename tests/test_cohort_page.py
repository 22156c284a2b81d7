"""The cohort page's trainees (issue 27), in Debian's Chromium: three trainees
export their self-check results under one file name, each in a browser of their
own, and the page reads three trainees, each with the code their record of
learning shows; a trainee's second file is found and said; the module filter;
the CSV downloads; the honest message when too few files were read; crafted and
older files read as builder/pages/ reads them; the name asked for on export.
The sample's figures held to the notebook are in test_insights.py."""

from __future__ import annotations

import json
import re

import pytest
from browsing import answered, open_page, set_record
from cohort_browser import COHORT, cohort, download, drop, grid_cells, grid_head  # noqa: F401
from conftest import REPO
from playwright.sync_api import Page, expect
from test_a11y import SCHEMES, axe_clean, settle

from builder.pages.cohort_grid import grid, grid_csv
from builder.pages.course_version import course_version
from builder.pages.insights import MIN_PAIRS, by_question, earlier_note, look_again_note
from builder.pages.results_files import Cohort, learner_code, set_apart, trainee_from

pytestmark = pytest.mark.browser
SAME_NAME = "peer-support-self-check-results-2026-12-06.json"


def export_results(page: Page, site: str, name: str) -> tuple[str, dict]:
    """Download the self-check results from the progress page, giving `name`; the text."""
    page.goto(site + "progress/")
    page.get_by_role("button", name="Download my self-check results for a facilitator").click()
    page.get_by_label("Your name for the facilitator (optional)").fill(name)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download my results file").click()
    text = open(info.value.path(), encoding="utf-8").read()
    return text, json.loads(text)


def record_of(page: Page, site: str) -> dict:
    page.goto(site + "record/")
    sheet = page.locator("[data-ps-record-sheet]")
    expect(sheet.locator("[data-ps-record-code]")).to_have_text(re.compile(r"[0-9A-F]{4}-[0-9A-F]{4}"))
    return {"code": sheet.locator("[data-ps-record-code]").inner_text(),
            "version": sheet.locator("[data-ps-record-version]").inner_text(),
            "rows": sheet.locator("tbody tr").all_inner_texts(),
            "name": page.get_by_label("Your name, as you want it on the record").input_value()}


def as_python_reads(files: list[tuple[str, str]]) -> Cohort:
    trainees, aside = set_apart([trainee_from(name, text, json.loads(text)) for name, text in files])
    return Cohort(trainees, [], aside)


def test_three_trainees_one_file_name_three_rows_with_their_record_codes(
        browser, trainee_site, facilitator_url, course, tmp_path):
    _, site = trainee_site
    done, partial = [m for m in course.modules if m.quiz][:2]
    learners, files = [], []
    for n, name in enumerate(["Sam Rivera", "", "Ana Lee"]):
        page = open_page(browser, accept_downloads=True)  # storage of its own
        page.goto(site)
        record = answered(done, right=n != 1)  # the second trainee's answers are all wrong
        record["completed"] = f"2026-11-0{n + 3}T12:00:00.000Z"
        for i, q in enumerate(done.quiz.questions):  # the third got two right only at a later try
            record["answers"][q.id]["first"] = n != 1 and i >= n
        set_record(page, done.id, record)
        set_record(page, partial.id, answered(partial, right=True, skip=2))
        before = record_of(page, site)
        text, data = export_results(page, site, name)
        after = record_of(page, site)
        assert before["code"] == after["code"] == learner_code(data["learner"]["id"]), "made once, kept"
        assert data["learner"]["name"] == (name or None) and after["name"] == name
        total = len(done.quiz.questions)
        first = total - n if n != 1 else 0
        [row] = after["rows"]  # the module in progress is not on the record
        assert row.startswith(f"{done.label}\tNovember {n + 3}, 2026\t{first} of {total} right first time")
        assert after["version"] == course_version(REPO).text
        (tmp_path / str(n)).mkdir()
        (tmp_path / str(n) / SAME_NAME).write_text(text, encoding="utf-8")
        learners.append((page, after["code"], name))
        files.append(text)

    cohort = open_page(browser, accept_downloads=True)
    requests: list[str] = []
    cohort.on("request", lambda r: requests.append(r.url))
    cohort.goto(facilitator_url + COHORT)
    cohort.set_input_files("[data-ps-cohort-input]", [tmp_path / str(n) / SAME_NAME for n in range(3)])
    status = cohort.locator("[data-ps-cohort-status]")
    expect(status).to_have_text("3 results files read: 3 trainees.")
    shown = [SAME_NAME, f"{SAME_NAME} (2)", f"{SAME_NAME} (3)"]
    expected = as_python_reads(list(zip(shown, files)))
    rows = grid_cells(cohort)
    assert sorted((r[0], r[1]) for r in rows) == sorted(
        (name or "No name given", code) for _, code, name in learners), "the record's code beside each"
    assert rows == [[r.trainee.label, r.trainee.code, *(c.text for c in r.cells)]
                    for r in grid(course, expected.trainees)]
    assert any(r[2].startswith("Complete: ") for r in rows) and any(r[3].startswith("In progress: ") for r in rows)
    # Fewer than five trainees: said, not "None: no question was missed".
    note = cohort.locator("[data-ps-cohort-flagged] li")
    expect(note).to_have_text([look_again_note(by_question(course, expected.results), 3)])
    expect(note).to_contain_text(f"at least {MIN_PAIRS} trainees who answered the question, and 3 trainees were read")
    _, text = download(cohort, "Download the trainees and modules (CSV)", tmp_path)
    assert text == grid_csv(course, expected.trainees)

    # Sam hands in again, later: one trainee, the newer file used, the earlier said.
    sam, code, _ = learners[0]
    again, _ = export_results(sam, site, "Sam Rivera")
    (tmp_path / "again").mkdir()
    (tmp_path / "again" / SAME_NAME).write_text(again, encoding="utf-8")
    cohort.set_input_files("[data-ps-cohort-input]", [tmp_path / "again" / SAME_NAME])
    expect(status).to_have_text(
        f"4 results files read: 3 trainees. Set aside {SAME_NAME}: an earlier file from the same trainee "
        f"(Sam Rivera, code {code}) as {SAME_NAME} (4), which is used.")
    expect(cohort.locator("[data-ps-cohort-files] li").first).to_contain_text("set aside")
    assert len(grid_cells(cohort)) == 3

    # One module: its column alone, in the page and in the CSV.
    cohort.get_by_label("Show").select_option(partial.id)
    assert grid_head(cohort) == ["Trainee", "Code", partial.label]
    expected = as_python_reads(list(zip([*shown, f"{SAME_NAME} (4)"], [*files, again])))
    assert grid_cells(cohort) == [[r.trainee.label, r.trainee.code, r.cells[0].text]
                                  for r in grid(course, expected.trainees, partial.id)]
    name, text = download(cohort, "Download the trainees and modules (CSV)", tmp_path)
    assert name.startswith(f"cohort-grid-{partial.id}-")
    assert text == grid_csv(course, expected.trainees, partial.id)
    assert all(u.startswith((facilitator_url, "blob:")) for u in requests), "nothing leaves the page"
    for page, _, _ in learners:
        page.context.close()
    cohort.context.close()


def test_crafted_and_older_files_read_as_the_notebook_reads_them(cohort, course, tmp_path):
    """Files the page must read without a word lost: an older file with no learner, a
    learner id not in the site's form, a name with control characters and a formula,
    answers to rewritten questions, a module complete before answers were kept, answers
    not in the site's form, a date not in it."""
    module, other = [m for m in course.modules if m.quiz][:2]
    qs, n = module.quiz.questions, len(module.quiz.questions)
    key = lambda q: [str(i) for i in range(1, len(q.steps) + 1)] if q.type == "ordering" else list(q.correct_keys)  # noqa: E731
    def results(learner, modules, exported="2026-12-06T10:00:00.000Z", version=2):
        data = {"format": "peer-support-self-check-results", "version": version, "site": "x",
                "exported": exported, "modules": modules}
        if learner is not None:
            data["learner"] = learner
        return json.dumps(data)
    files = [
        ("old.json", results(None, {module.id: {"best": {"score": n, "total": n}, "attempts": 1, "answers": {}}},
                             version=1)),
        ("odd-id.json", results({"id": "NOT-AN-ID", "name": "Odd"}, {})),
        ("formula.json", results({"id": "c" * 32, "name": "=cmd|' /C calc'!A0\u0007"}, {
            module.id: {"answers": {q.id: {"chosen": key(q), "correct": True, "rev": "0" * 12} for q in qs}},
            other.id: {"answers": {q.id: {"chosen": key(q), "correct": True} for q in other.quiz.questions},
                       "completed": "soon"}})),
        ("junk.json", results({"id": "d" * 32, "name": None}, {
            module.id: {"answers": {qs[0].id: {"chosen": [1], "correct": True}, qs[1].id: "x",
                                    qs[2].id: {"chosen": key(qs[2]), "correct": True, "first": "no"}},
                        "best": [n, n]}, other.id: "nothing"}, exported="last week")),
        ("notes.json", "{not json"),
    ]
    drop(cohort, files)
    expected = as_python_reads([f for f in files if f[0] != "notes.json"])
    expected = Cohort(expected.trainees, ["notes.json: not a JSON file"], expected.set_aside)
    earlier = earlier_note(course, expected.results)  # formula.json's answers to rewritten questions
    assert earlier.startswith(f"{n} answers to an earlier version")
    expect(cohort.locator("[data-ps-cohort-status]")).to_have_text(f"{expected.summary} {earlier}")
    assert grid_cells(cohort) == [[r.trainee.label, r.trainee.code or "none", *(c.text for c in r.cells)]
                                  for r in grid(course, expected.trainees)]
    _, text = download(cohort, "Download the trainees and modules (CSV)", tmp_path)
    assert text == grid_csv(course, expected.trainees) and "'=cmd|" in text
    assert cohort.evaluate("window.__pwned") is None


def test_fewer_than_five_trainees_computes_nothing_and_says_so(cohort, course):
    sample = sorted((REPO / "facilitator/sample-results").glob("*.json"))[:2]
    cohort.set_input_files("[data-ps-cohort-input]", sample)
    note = cohort.locator("[data-ps-cohort-flagged] li")
    expect(note).to_have_text("Not computed: a discrimination figure needs the results of at least "
                              f"{MIN_PAIRS} trainees who answered the question, and 2 trainees were read.")
    expect(cohort.locator("[data-ps-cohort-flagged]")).not_to_contain_text("None")
    assert set(cohort.locator("[data-ps-cohort-questions] tbody td:nth-child(5)").all_inner_texts()) == {"n/a"}


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_name_panel_on_the_progress_page_passes_axe_at_320(browser, trainee_site, scheme):
    page = open_page(browser, color_scheme=scheme, viewport={"width": 320, "height": 800})
    page.goto(trainee_site[1] + "progress/")
    settle(page, scheme)
    page.get_by_role("button", name="Download my self-check results for a facilitator").click()
    expect(page.get_by_label("Your name for the facilitator (optional)")).to_be_focused()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    axe_clean(page)
    page.keyboard.press("Escape")
    expect(page.locator("[data-ps-results-ask]")).to_be_hidden()
    expect(page.get_by_role("button", name="Download my self-check results for a facilitator")).to_be_focused()
    page.context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_cohort_grid_passes_axe_at_320_with_one_module(browser, facilitator_url, scheme):
    page = open_page(browser, color_scheme=scheme, viewport={"width": 320, "height": 800})
    page.goto(facilitator_url + COHORT)
    settle(page, scheme)
    page.set_input_files("[data-ps-cohort-input]", sorted((REPO / "facilitator/sample-results").glob("*.json")))
    expect(page.locator("[data-ps-cohort-grid] tbody tr").first).to_be_visible()
    page.get_by_label("Show").select_option(index=2)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    axe_clean(page)
    page.context.close()
