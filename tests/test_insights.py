"""Cohort insights: the facilitator notebook and the cohort page, run on the
sample results, and their figures held to each other: the trainees read from
the files, the trainee x module grid, the item and competency figures, what is
said when nothing was computed, and the CSV downloads. The cohort page's other
stories (three trainees' same-named files, duplicates, the module filter, few
files) are in test_cohort_page.py; answers to an earlier version of a question in
test_cohort_revisions.py."""

from __future__ import annotations

import html
import json
import re
import statistics
from collections import Counter

import nbclient
import nbformat
import pytest
from cohort_browser import cohort, download, drop, grid_cells, grid_head, page_table  # noqa: F401 (cohort: a fixture)
from conftest import REPO, Server, free_port, write
from playwright.sync_api import expect

from builder.pages.cohort_grid import grid, grid_csv, questions_csv
from builder.pages.insights import (MIN_PAIRS, MIN_RANK, by_competency, by_question, look_again_note,
                                    percent, read_results, two_places)
from builder.pages.plain import plain
from builder.pages.results_files import learner_code, read_cohort

NOTEBOOK = REPO / "facilitator/cohort-insights.ipynb"
SAMPLE = REPO / "facilitator/sample-results"


def kept_files() -> list[dict]:
    """The sample by hand: one file a learner id, the one exported last."""
    newest: dict[str, dict] = {}
    for path in SAMPLE.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        learner = data["learner"]["id"]
        if learner not in newest or data["exported"] > newest[learner]["exported"]:
            newest[learner] = data
    return list(newest.values())


def expected_counts():
    """Count the sample files by hand: answers and fits per question."""
    answered, fitted = Counter(), Counter()
    for data in kept_files():
        for module in data["modules"].values():
            for qid, answer in module["answers"].items():
                answered[qid] += 1
                fitted[qid] += answer["correct"]
    return answered, fitted


def table_rows(html: str) -> list[list[str]]:
    body = html.split("<tbody>", 1)[1]
    return [re.findall(r"<td>(.*?)</td>", row) for row in body.split("</tr>") if "<td>" in row]


def test_notebook_runs_and_its_figures_add_up(course, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", str(REPO))  # the kernel imports this checkout's builder
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(nb, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    files = len(list(SAMPLE.glob("*.json")))
    assert outputs[0]["text"].startswith(f"{files} results files read: {len(kept_files())} trainees. "
                                         "Set aside trainee-c-earlier.json: an earlier file")
    assert outputs[0]["text"] == read_cohort(SAMPLE).summary + "\n", "no answer of the sample set apart"
    trainees, questions, competencies = (o["data"]["text/html"] for o in outputs if "data" in o)
    assert [r[1] for r in table_rows(trainees)] == [
        learner_code(d["learner"]["id"]) for d in sorted(kept_files(), key=lambda d: (
            (d["learner"]["name"] or "No name given").lower()))]
    for row, data in zip(table_rows(trainees), sorted(kept_files(), key=lambda d: (
            (d["learner"]["name"] or "No name given").lower()))):
        for m, text in zip([m for m in course.modules if m.quiz], row[2:]):
            record = data["modules"].get(m.id)
            if record is None:
                assert text == "Not handed in"
            elif len(record["answers"]) < len(m.quiz.questions):
                assert text == f"In progress: {len(record['answers'])} of {len(m.quiz.questions)} answered"
            else:
                first = sum(a["first"] for a in record["answers"].values())
                assert text == f"Complete: {first} of {len(m.quiz.questions)} right first time"
    answered, fitted = expected_counts()
    rows = table_rows(questions)
    assert len(rows) == len(answered)
    for module, qid, n, right, share, _r, _flag, _wrong in rows:
        assert (int(n), int(right)) == (answered[qid], fitted[qid]), qid
        assert int(share) == int(100 * fitted[qid] / answered[qid] + 0.5)
    assert [int(r[4]) for r in rows] == sorted(int(r[4]) for r in rows), "hardest first"
    tags = {q.id: q.competencies for m in course.modules if m.quiz for q in m.quiz.questions}
    ranks = []
    for cid, _count, _trainees, n, right, _percent, rank in table_rows(competencies):
        assert int(n) == sum(answered[q] for q in answered if cid in tags[q])
        assert int(right) == sum(fitted[q] for q in answered if cid in tags[q])
        assert (int(n) >= MIN_RANK) == rank.isdigit(), "ranked only on enough answers"
        ranks.append(rank)
    ranked = [r for r in ranks if r.isdigit()]
    assert ranked == [str(i) for i in range(1, len(ranked) + 1)] and ranks[:len(ranked)] == ranked
    assert len(ranked) < len(ranks), "the sample has competencies with too few answers to rank"


def test_the_committed_notebook_shows_the_sample(course):
    """The facilitator edition renders stored outputs: they must match a fresh run."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    stored = [o["data"]["text/html"] for c in nb.cells if c.cell_type == "code"
              for o in c.outputs if "data" in o]
    read = next(o["text"] for c in nb.cells if c.cell_type == "code" for o in c.outputs if "text" in o)
    assert read == read_cohort(SAMPLE).summary + "\n", "no answer of the sample set apart"
    results, _ = read_results(SAMPLE)
    fresh = by_question(course, results)
    assert len(table_rows(stored[1])) == len(fresh)
    assert [r[1] for r in table_rows(stored[1])] == [r.question for r in fresh]
    cohort = read_cohort(SAMPLE)
    assert [r[2:] for r in table_rows(stored[0])] == [
        [html.escape(c.text) for c in row.cells] for row in grid(course, cohort.trainees)]
    assert [r[0] for r in table_rows(stored[2])] == [r.competency for r in by_competency(course, results)]


def test_discrimination_is_the_point_biserial_against_the_rest_of_the_score(course):
    """Recomputed here from the files with the standard library's correlation."""
    results, _ = read_results(SAMPLE)
    known = {q.id for m in course.modules if m.quiz for q in m.quiz.questions}
    trainees = [{q: a["correct"] for mod in r["modules"].values() for q, a in mod["answers"].items()
                 if q in known} for r in results]
    rows = by_question(course, results)
    assert any(r.discrimination is not None for r in rows) and any(r.flagged for r in rows)
    for row in rows:
        pairs = [(float(t[row.question]), (sum(t.values()) - t[row.question]) / (len(t) - 1))
                 for t in trainees if row.question in t and len(t) > 1]
        xs, ys = zip(*pairs)
        if len(pairs) < MIN_PAIRS or len(set(xs)) == 1 or len(set(ys)) == 1:
            assert row.discrimination is None, row.question
        else:
            assert row.discrimination == pytest.approx(statistics.correlation(xs, ys)), row.question
            assert row.flagged == (row.discrimination < 0)
        assert row.difficulty == row.correct / row.answered


def test_shares_and_figures_round_halves_up_as_the_browser_does():
    assert [percent(1, 8), percent(3, 8), percent(1, 3), percent(0, 0)] == [13, 38, 33, 0]
    assert [two_places(0.125), two_places(-0.125), two_places(0.114), two_places(None)] == [
        "0.13", "-0.13", "0.11", "n/a"]


def test_bad_files_are_skipped_with_a_note(tmp_path, course):
    q = course.module("01-foundations").quiz.questions[0]
    wrong = next(o for o in q.options if not o.correct)
    write(tmp_path / "broken.json", "{nope")
    write(tmp_path / "other.json", '{"format": "peer-support-learner-data"}')
    write(tmp_path / "good.json", json.dumps({
        "format": "peer-support-self-check-results", "version": 1,
        "modules": {"01-foundations": {"answers": {q.id: {"chosen": [wrong.key], "correct": False},
                                                   "nope": {"chosen": ["a"], "correct": True}}}}}))
    results, skipped = read_results(tmp_path)
    assert skipped == ["broken.json: not a JSON file", "other.json: not a self-check results file"]
    [row] = by_question(course, results)
    assert (row.question, row.answered, row.correct) == (q.id, 1, 0)
    assert (row.common_wrong, row.common_wrong_count) == (wrong.text, 1)
    assert {r.competency for r in by_competency(course, results)} == set(q.competencies)


def test_the_sample_answers_are_the_banks_own(course):
    """scripts/make-sample-results made the sample from the banks as they are now."""
    questions = {q.id: q for m in course.modules if m.quiz for q in m.quiz.questions}
    for path in sorted(SAMPLE.glob("*.json")):
        for module in json.loads(path.read_text())["modules"].values():
            for qid, answer in module["answers"].items():
                q = questions[qid]
                if q.type == "ordering":
                    right = answer["chosen"] == [str(i) for i in range(1, len(q.steps) + 1)]
                else:
                    assert set(answer["chosen"]) <= {o.key for o in q.options}, (path.name, qid)
                    right = sorted(answer["chosen"]) == sorted(q.correct_keys)
                assert answer["correct"] == right, (path.name, qid)
                assert answer["rev"] == q.revision and (answer["first"] <= right), (path.name, qid)


def test_facilitator_edition_renders_the_notebook_without_a_cdn(facilitator_site):
    page = (facilitator_site / "facilitator/cohort-insights/index.html").read_text(encoding="utf-8")
    assert "Self-check questions, hardest first" in page
    assert '<script src="">' not in page and "cdnjs" not in page


def test_the_cohort_page_is_in_the_facilitator_edition_only(facilitator_site, trainee_site):
    assert (facilitator_site / "facilitator/cohort/index.html").is_file()
    site, _ = trainee_site
    assert not (site / "facilitator").exists()
    for script in ("cohort.js", "cohortgrid.js"):
        assert (facilitator_site / "assets/peer-support" / script).is_file()
        assert not (site / "assets/peer-support" / script).exists()
        assert script not in (site / "index.html").read_text(encoding="utf-8")


# --- the cohort page, in the browser ----------------------------------------------

@pytest.mark.browser
def test_cohort_page_shows_every_question_with_the_notebooks_figures(cohort, course, tmp_path):
    """Chosen with the keyboard: the trainees, the grid, the figures and both CSV downloads
    match builder/pages/ (the notebook's code), row for row."""
    files = sorted(SAMPLE.glob("*.json"))
    button = cohort.get_by_role("button", name="Choose results files")
    for _ in range(200):
        cohort.keyboard.press("Tab")
        if cohort.evaluate("() => document.activeElement.matches('[data-ps-cohort-choose]')"):
            break
    # Enter on the button opens the browser's file dialog (the file input's click); headless
    # Chromium does not always report that dialog to Playwright, so the files go to the input.
    cohort.evaluate("() => document.querySelector('.ps-cohort-input').addEventListener("
                    "'click', () => { window.__chooser = true; })")
    cohort.keyboard.press("Enter")
    assert cohort.evaluate("() => window.__chooser === true"), "Enter did not open the file dialog"
    cohort.locator(".ps-cohort-input").set_input_files(files)
    sample = read_cohort(SAMPLE)
    expect(cohort.locator("[data-ps-cohort-status]")).to_have_text(sample.summary)
    expect(button).to_be_visible()
    assert grid_head(cohort) == ["Trainee", "Code", *(m.label for m in course.modules if m.quiz)]
    assert grid_cells(cohort) == [[row.trainee.label, row.trainee.code, *(c.text for c in row.cells)]
                                  for row in grid(course, sample.trainees)]
    results = sample.results
    expected = by_question(course, results)
    rows = page_table(cohort, "[data-ps-cohort-questions]")
    assert [r["id"] for r in rows] == [e.question for e in expected], "every question, hardest first"
    questions = {q.id: (m, n, q) for m in course.modules if m.quiz
                 for n, q in enumerate(m.quiz.questions, start=1)}
    for row, e in zip(rows, expected):
        module, n, q = questions[e.question]
        name, answered, fitted, share, r, wrong = row["cells"]
        assert name.startswith(f"{module.label}Question {n}: ") and q.prompt.split()[0] in name
        assert row["href"] == f"../{module.id}-answers/#{q.id}"
        assert (int(answered), int(fitted), share) == (e.answered, e.correct, f"{e.percent}%")
        assert r == two_places(e.discrimination), e.question
        assert wrong == (f"{plain(e.common_wrong)} ({e.common_wrong_count})"  # as rendered
                         if e.common_wrong else ""), e.question
    flagged = cohort.locator("[data-ps-cohort-flagged] li a")
    expect(flagged).to_have_count(sum(e.flagged for e in expected))
    competencies = page_table(cohort, "[data-ps-cohort-competencies]")
    rank = iter(range(1, 1000))
    assert [(c["id"], c["cells"][1:]) for c in competencies] == [
        (e.competency, [str(e.questions), str(e.trainees), str(e.answered), str(e.correct),
                        f"{e.percent}%", str(next(rank)) if e.ranked else
                        f"Not ranked: fewer than {MIN_RANK} answers"])
        for e in by_competency(course, results)]
    name, text = download(cohort, "Download the trainees and modules (CSV)", tmp_path)
    assert re.fullmatch(r"cohort-grid-\d{4}-\d\d-\d\d\.csv", name)
    assert text == grid_csv(course, sample.trainees)
    name, text = download(cohort, "Download the question figures (CSV)", tmp_path)
    assert re.fullmatch(r"cohort-questions-\d{4}-\d\d-\d\d\.csv", name)
    assert text == questions_csv(course, expected)


@pytest.mark.browser
def test_one_module_shown_as_the_notebook_shows_it(cohort, course, tmp_path):
    """The module filter: the grid's column, the questions and competencies of that module,
    the note on discrimination and the CSV files, as builder/pages/ computes them for
    that module; the rest scores still span every module."""
    cohort.set_input_files("[data-ps-cohort-input]", sorted(SAMPLE.glob("*.json")))
    sample = read_cohort(SAMPLE)
    module = next(m for m in course.modules if m.quiz and m.id != "01-foundations")
    expect(cohort.locator("[data-ps-cohort-grid] tbody tr")).to_have_count(len(sample.trainees))
    cohort.get_by_label("Show").select_option(label=module.label)
    assert grid_head(cohort) == ["Trainee", "Code", module.label]
    assert grid_cells(cohort) == [[row.trainee.label, row.trainee.code, row.cells[0].text]
                                  for row in grid(course, sample.trainees, module.id)]
    rows = by_question(course, sample.results, module.id)
    everyone = {r.question: r for r in by_question(course, sample.results)}
    assert rows and all(r.discrimination == everyone[r.question].discrimination for r in rows)
    assert [r["id"] for r in page_table(cohort, "[data-ps-cohort-questions]")] == [r.question for r in rows]
    assert [c["id"] for c in page_table(cohort, "[data-ps-cohort-competencies]")] == [
        r.competency for r in by_competency(course, sample.results, module.id)]
    note = look_again_note(rows, len(sample.trainees))
    if note:
        expect(cohort.locator("[data-ps-cohort-flagged] li")).to_have_text([note])
    name, text = download(cohort, "Download the trainees and modules (CSV)", tmp_path)
    assert name.startswith(f"cohort-grid-{module.id}-") and text == grid_csv(course, sample.trainees, module.id)
    _, text = download(cohort, "Download the question figures (CSV)", tmp_path)
    assert text == questions_csv(course, rows)
    cohort.get_by_label("Show").select_option(label="All modules")
    expect(cohort.locator("[data-ps-cohort-questions] tbody tr")).to_have_count(len(everyone))


@pytest.mark.browser
def test_cohort_page_takes_dropped_files_notes_bad_ones_and_can_drop_them_again(cohort, course):
    good = json.loads((SAMPLE / "trainee-a.json").read_text(encoding="utf-8"))
    drop(cohort, [("a.json", json.dumps(good))])
    drop(cohort, [("notes.json", "{not json")])
    status = cohort.locator("[data-ps-cohort-status]")
    expect(status).to_contain_text("Skipped notes.json: not a JSON file.")
    expect(status).to_contain_text("1 results file read: 1 trainee.")
    answered = sum(len(m["answers"]) for m in good["modules"].values())
    expect(cohort.locator("[data-ps-cohort-questions] tbody tr")).to_have_count(answered)
    cohort.get_by_role("button", name="Remove a.json").click()
    expect(cohort.locator("[data-ps-cohort-results]")).to_be_hidden()
    expect(status).to_contain_text("Removed a.json. 0 results files read: 0 trainees.")


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["facilitator/cohort/", "facilitator/cohort-insights/"])
def test_cohort_page_and_notebook_pass_axe(browser, facilitator_url, path, scheme):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme=scheme, viewport={"width": 320, "height": 800})
    page = context.new_page()
    page.goto(facilitator_url + path)
    if path == "facilitator/cohort/":
        page.set_input_files("[data-ps-cohort-input]", sorted(SAMPLE.glob("*.json")))
        expect(page.locator("[data-ps-cohort-questions] tbody tr").first).to_be_visible()
    page.wait_for_load_state("load")
    results = Axe().run(page)
    context.close()
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.browser
def test_results_file_for_a_facilitator_holds_no_reflections(browser, trainee_site, course, tmp_path):
    _, site = trainee_site
    module = next(m for m in course.modules if m.quiz and m.reflections)
    q = next(q for q in module.quiz.questions if q.type == "single")
    right = next(o for o in q.options if o.correct)
    page = browser.new_context(accept_downloads=True).new_page()
    page.goto(site + f"modules/{module.id}/")
    page.locator(f"#r-{module.reflections.prompts[0].id}").fill("A private thought.")
    page.locator(f"#q-{q.id} input[value='{right.key}']").check()
    page.locator(f"#q-{q.id}").get_by_role("button", name="Check").click()
    expect(page.locator(f"[data-ps-prompt='{module.reflections.prompts[0].id}'] [data-ps-saved]")
           ).to_have_text("Saved on this device.")
    page.goto(site + "progress/")
    page.get_by_role("button", name="Download my self-check results for a facilitator").click()
    name = page.get_by_label("Your name for the facilitator (optional)")
    expect(name).to_be_focused()
    expect(name).to_have_value("")
    with page.expect_download() as info:
        name.press("Enter")  # no name: the file still carries the learner id
    path = tmp_path / "results.json"
    info.value.save_as(path)
    text = path.read_text()
    data = json.loads(text)
    assert (data["format"], data["version"]) == ("peer-support-self-check-results", 2)
    assert re.fullmatch("[0-9a-f]{32}", data["learner"]["id"]) and data["learner"]["name"] is None
    assert info.value.suggested_filename.endswith(f"-{learner_code(data['learner']['id'])}.json")
    assert data["modules"][module.id]["answers"][q.id] == {"chosen": [right.key], "correct": True,
                                                           "rev": q.revision, "first": True}
    assert "A private thought" not in text and "reflection" not in text
    expect(page.locator("[data-ps-message]")).to_contain_text(
        f"without a name, and your learner code {learner_code(data['learner']['id'])}")
    expect(page.get_by_role("button", name="Download my self-check results for a facilitator")).to_be_focused()
    page.context.close()
