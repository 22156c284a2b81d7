"""The cohort figures count an answer only while it answered the question as it
is now (status.js's current(), the rule the trainee's own pages and the cohort
grid use): an answer to an earlier version of a question, whose options may not
be the ones shown now, counts nowhere, not in the question's row, its wrong
option chosen most, its competencies, nor the rest of a trainee's score. The
notebook and the cohort page both say how many answers they set apart, in the
same words. Crafted results files, read by the real notebook and by the
facilitator edition's page in Chromium."""

from __future__ import annotations

import html
import json
import statistics
from pathlib import Path

import nbclient
import nbformat
import pytest
from cohort_browser import cohort, drop, page_table  # noqa: F401 (cohort: a fixture)
from conftest import REPO
from playwright.sync_api import expect
from test_insights import NOTEBOOK, table_rows

from builder.pages.insights import by_competency, by_question, earlier_note, two_places
from builder.pages.plain import plain
from builder.pages.results_files import read_cohort

OLD = "0" * 10  # a revision no question has now: the question was rewritten since


def singles(course) -> list:
    """The first four single-answer questions of the first module with a self-check."""
    module = next(m for m in course.modules if m.quiz)
    return [q for q in module.quiz.questions if q.type == "single"][:4]


def wrong(q, n: int = 0) -> str:
    return [o.key for o in q.options if not o.correct][n]


def results(learner: str, name: str, module: str, answers: dict) -> str:
    return json.dumps({"format": "peer-support-self-check-results", "version": 2, "site": "s",
                       "exported": "2026-12-06T10:00:00.000Z",
                       "learner": {"id": learner * 32, "name": name},
                       "modules": {module: {"answers": answers}}})


def two_trainees(course) -> list[tuple[str, str]]:
    """Xena answered q1 before it was rewritten (an option it offered then, wrong), q2 as it
    is now, q3 before revisions were kept (still grading as saved) and q4 before revisions
    with an option it no longer offers; Yan answered q1 and q2 as they are now."""
    q1, q2, q3, q4 = singles(course)
    gone = chr(ord(max(o.key for o in q4.options)) + 1)
    return [
        ("x.json", results("a", "Xena", q1.module, {
            q1.id: {"chosen": [wrong(q1)], "correct": False, "rev": OLD, "first": False},
            q2.id: {"chosen": list(q2.correct_keys), "correct": True, "rev": q2.revision, "first": True},
            q3.id: {"chosen": list(q3.correct_keys), "correct": True},
            q4.id: {"chosen": [gone], "correct": False}})),
        ("y.json", results("b", "Yan", q1.module, {
            q1.id: {"chosen": list(q1.correct_keys), "correct": True, "rev": q1.revision, "first": True},
            q2.id: {"chosen": [wrong(q2, 1)], "correct": False, "rev": q2.revision, "first": False}})),
    ]


def write_files(folder: Path, files: list[tuple[str, str]]) -> Path:
    folder.mkdir()
    for name, text in files:
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def run_notebook(folder: Path, monkeypatch) -> list:
    """The cohort insights notebook, run on the results files in `folder`; its outputs."""
    monkeypatch.setenv("PYTHONPATH", str(REPO))  # the kernel imports this checkout's builder
    nb = nbformat.read(NOTEBOOK, as_version=4)
    settings = nb.cells[1]
    assert 'RESULTS = "sample-results"' in settings.source
    settings.source = settings.source.replace('"sample-results"', repr(str(folder)))
    nbclient.NotebookClient(nb, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    return [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]


def test_the_note_says_how_many_answers_were_set_apart(course):
    q1, q2, _, _ = singles(course)
    one = [json.loads(results("c", "Z", q1.module, {
        q1.id: {"chosen": list(q1.correct_keys), "correct": True, "rev": OLD},
        q2.id: {"chosen": list(q2.correct_keys), "correct": True, "rev": q2.revision}}))]
    assert earlier_note(course, one) == ("1 answer to an earlier version of a question is not counted "
                                         "(the question has changed since).")
    assert [r.question for r in by_question(course, one)] == [q2.id]
    two = [json.loads(text) for _, text in two_trainees(course)]
    assert earlier_note(course, two) == ("2 answers to an earlier version of a question are not counted "
                                         "(the question has changed since).")
    assert earlier_note(course, two[1:]) == ""


@pytest.mark.browser
def test_page_and_notebook_count_only_answers_to_the_question_as_it_is_now(
        cohort, course, tmp_path, monkeypatch):  # noqa: F811
    q1, q2, q3, q4 = singles(course)
    files = two_trainees(course)
    note = "2 answers to an earlier version of a question are not counted (the question has changed since)."
    texts = {o.key: o.text for o in q2.options}
    # question: (answered, fitted, the wrong option chosen most and how often); no q4
    expected = {q1.id: (1, 1, None), q2.id: (2, 1, (texts[wrong(q2, 1)], 1)), q3.id: (1, 1, None)}

    outputs = run_notebook(write_files(tmp_path / "files", files), monkeypatch)
    summary = read_cohort(tmp_path / "files").summary
    assert outputs[0]["text"] == f"{summary}\n{note}\n"
    nb_rows = table_rows([o for o in outputs if "data" in o][1]["data"]["text/html"])
    assert {r[1]: (int(r[2]), int(r[3]), r[7]) for r in nb_rows} == {
        qid: (n, right, f"{html.escape(w[0])} ({w[1]})" if w else "")
        for qid, (n, right, w) in expected.items()}

    drop(cohort, files)
    expect(cohort.locator("[data-ps-cohort-status]")).to_have_text(f"{summary} {note}")
    rows = page_table(cohort, "[data-ps-cohort-questions]")
    assert {r["id"]: (int(r["cells"][1]), int(r["cells"][2]), r["cells"][5]) for r in rows} == {
        qid: (n, right, f"{plain(w[0])} ({w[1]})" if w else "")
        for qid, (n, right, w) in expected.items()}
    assert [(r["id"], r["cells"][1:5]) for r in rows] == [  # the notebook's figures, row for row
        (r[1], [r[2], r[3], f"{r[4]}%", r[5]]) for r in nb_rows]
    read = [json.loads(text) for _, text in files]
    tags = {q.id: q.competencies for q in (q1, q2, q3, q4)}
    competencies = page_table(cohort, "[data-ps-cohort-competencies]")
    assert [(c["id"], c["cells"][2:5]) for c in competencies] == [
        (r.competency, [str(r.trainees), str(r.answered), str(r.correct)])
        for r in by_competency(course, read)]
    assert sum(int(c["cells"][3]) for c in competencies) == sum(
        n * len(tags[qid]) for qid, (n, _, _) in expected.items()), "q1's old answer or q4's counted"

    # One answer set apart is said in the singular, as insights.py says it.
    cohort.get_by_role("button", name="Clear all files").click()
    one = results("c", "Zoe", q1.module,
                  {q1.id: {"chosen": list(q1.correct_keys), "correct": True, "rev": OLD}})
    drop(cohort, [("z.json", one)])
    expect(cohort.locator("[data-ps-cohort-status]")).to_have_text(
        "1 results file read: 1 trainee. " + earlier_note(course, [json.loads(one)]))
    expect(cohort.locator("[data-ps-cohort-questions] tbody tr")).to_have_count(0)


def test_an_old_answer_is_not_in_the_rest_of_a_trainees_score(course):
    """Six trainees answer qa and qb as they are now, and qc before it was rewritten, right
    exactly when they got qa right: counted, qc would make qa look far more discriminating."""
    qa, qb, qc, _ = singles(course)
    a, b = [1, 1, 1, 0, 0, 0], [1, 0, 1, 0, 1, 0]
    data = six_trainees(qa, qb, qc, a, b)
    rows = {r.question: r for r in by_question(course, data)}
    assert set(rows) == {qa.id, qb.id}
    assert rows[qa.id].discrimination == pytest.approx(statistics.correlation(a, b))
    with_old = statistics.correlation(a, [(y + x) / 2 for x, y in zip(a, b)])
    assert two_places(with_old) != two_places(rows[qa.id].discrimination), "the case tells the two apart"
    assert earlier_note(course, data).startswith("6 answers to an earlier version")


@pytest.mark.browser
def test_the_page_leaves_old_answers_out_of_the_rest_score_too(cohort, course):  # noqa: F811
    qa, qb, qc, _ = singles(course)
    data = six_trainees(qa, qb, qc, [1, 1, 1, 0, 0, 0], [1, 0, 1, 0, 1, 0])
    drop(cohort, [(f"{n}.json", json.dumps(d)) for n, d in enumerate(data)])
    expect(cohort.locator("[data-ps-cohort-status]")).to_contain_text(earlier_note(course, data))
    rows = page_table(cohort, "[data-ps-cohort-questions]")
    assert {r["id"]: r["cells"][4] for r in rows} == {
        r.question: two_places(r.discrimination) for r in by_question(course, data)}


def six_trainees(qa, qb, qc, a: list[int], b: list[int]) -> list[dict]:
    def answer(q, right: int, rev: str) -> dict:
        return {"chosen": list(q.correct_keys) if right else [wrong(q)], "correct": bool(right), "rev": rev}
    return [json.loads(results(f"{n:x}", f"T{n}", qa.module, {
        qa.id: answer(qa, x, qa.revision), qb.id: answer(qb, y, qb.revision), qc.id: answer(qc, x, OLD)}))
        for n, (x, y) in enumerate(zip(a, b))]
