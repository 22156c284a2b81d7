"""Cohort insights: the facilitator notebook, run on the sample results."""

from __future__ import annotations

import json
import re
from collections import Counter

import nbclient
import nbformat
import pytest
from playwright.sync_api import expect

from builder.insights import by_competency, by_question, read_results
from conftest import REPO, write

NOTEBOOK = REPO / "facilitator/cohort-insights.ipynb"
SAMPLE = REPO / "facilitator/sample-results"


def expected_counts():
    """Count the sample files by hand: answers and fits per question."""
    answered, fitted = Counter(), Counter()
    for path in SAMPLE.glob("*.json"):
        for module in json.loads(path.read_text())["modules"].values():
            for qid, answer in module["answers"].items():
                answered[qid] += 1
                fitted[qid] += answer["correct"]
    return answered, fitted


def table_rows(html: str) -> list[list[str]]:
    body = html.split("<tbody>", 1)[1]
    return [re.findall(r"<td>(.*?)</td>", row) for row in body.split("</tr>") if "<td>" in row]


def test_notebook_runs_and_its_figures_add_up(course):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(nb, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert "6 results files read." in outputs[0]["text"]
    questions, competencies = (o["data"]["text/html"] for o in outputs if "data" in o)
    answered, fitted = expected_counts()
    rows = table_rows(questions)
    assert len(rows) == len(answered)
    for module, qid, n, right, percent, _wrong in rows:
        assert (int(n), int(right)) == (answered[qid], fitted[qid]), qid
        assert int(percent) == round(100 * fitted[qid] / answered[qid])
    assert [int(r[4]) for r in rows] == sorted(int(r[4]) for r in rows), "hardest first"
    tags = {q.id: q.competencies for m in course.modules if m.quiz for q in m.quiz.questions}
    for cid, _count, n, right, _percent in table_rows(competencies):
        assert int(n) == sum(answered[q] for q in answered if cid in tags[q])
        assert int(right) == sum(fitted[q] for q in answered if cid in tags[q])


def test_the_committed_notebook_shows_the_sample(course):
    """The facilitator edition renders stored outputs: they must match a fresh run."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    stored = [o["data"]["text/html"] for c in nb.cells if c.cell_type == "code"
              for o in c.outputs if "data" in o]
    results, _ = read_results(SAMPLE)
    fresh = by_question(course, results)
    assert len(table_rows(stored[0])) == len(fresh)
    assert [r[1] for r in table_rows(stored[0])] == [r.question for r in fresh]


def test_bad_files_are_skipped_with_a_note(tmp_path, course):
    write(tmp_path / "broken.json", "{nope")
    write(tmp_path / "other.json", '{"format": "peer-support-learner-data"}')
    write(tmp_path / "good.json", json.dumps({
        "format": "peer-support-self-check-results", "version": 1,
        "modules": {"01-foundations": {"answers": {"m01-q01": {"chosen": ["a"], "correct": False},
                                                   "nope": {"chosen": ["a"], "correct": True}}}}}))
    results, skipped = read_results(tmp_path)
    assert skipped == ["broken.json: not a JSON file", "other.json: not a self-check results file"]
    [row] = by_question(course, results)
    assert (row.question, row.answered, row.correct) == ("m01-q01", 1, 0)
    assert row.common_wrong == course.module("01-foundations").quiz.questions[0].options[0].text
    assert {r.competency for r in by_competency(course, results)} == set(
        course.module("01-foundations").quiz.questions[0].competencies)


def test_facilitator_edition_renders_the_notebook_without_a_cdn(facilitator_site):
    page = (facilitator_site / "facilitator/cohort-insights/index.html").read_text(encoding="utf-8")
    assert "Self-check questions, hardest first" in page
    assert '<script src="">' not in page and "cdnjs" not in page


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
    with page.expect_download() as info:
        page.get_by_role("button", name="Download my self-check results for a facilitator").click()
    path = tmp_path / "results.json"
    info.value.save_as(path)
    text = path.read_text()
    data = json.loads(text)
    assert data["format"] == "peer-support-self-check-results"
    assert data["modules"][module.id]["answers"][q.id] == {"chosen": [right.key], "correct": True}
    assert "A private thought" not in text and "reflection" not in text
    page.context.close()
