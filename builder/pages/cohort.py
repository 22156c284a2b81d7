"""The facilitator edition's cohort page: the course facts that
builder/site/assets/cohort.js and cohortgrid.js need to read trainees' results
files in the browser (modules, question texts, wrong options, competencies, the
thresholds), written into the page. Completion comes from config.js, as on
every page (status.js)."""

from __future__ import annotations

import json

from builder.content.model import Course
from builder.pages.insights import FLAG_BELOW, MIN_PAIRS, MIN_RANK, RESULTS_FORMAT
from builder.pages.plain import plain, short
from builder.pages.templating import render

__all__ = ["cohort_page", "cohort_data", "script_json"]


def cohort_page(course: Course, directory_urls: bool = True) -> str:
    return render("cohort.md", data=cohort_data(course, directory_urls), min_pairs=MIN_PAIRS,
                  min_rank=MIN_RANK)


def cohort_data(course: Course, directory_urls: bool = True) -> str:
    """The course as the cohort page's script reads it, as JSON."""
    def answers_url(module_id: str) -> str:
        return f"../{module_id}-answers/" if directory_urls else f"{module_id}-answers.html"

    data = {
        "format": RESULTS_FORMAT, "minPairs": MIN_PAIRS, "minRank": MIN_RANK, "flagBelow": FLAG_BELOW,
        "modules": [{"id": m.id, "label": m.label, "answers": answers_url(m.id),
                     "questions": [{"id": q.id, "n": n, "prompt": short(q.prompt, 90),
                                    "wrong": {o.key: plain(o.text) for o in q.options
                                              if not o.correct},
                                    "competencies": list(q.competencies)}
                                   for n, q in enumerate(m.quiz.questions, start=1)]}
                    for m in course.modules if m.quiz],
        "competencies": [{"id": c.id, "text": short(c.text, 90)}
                         for c in course.competencies.values()],
    }
    return script_json(data)


def script_json(data: object) -> str:
    """JSON to write inside <script type="application/json">: no "<" at all, so
    neither "</script" nor "<!--" (HTML's script data states) can end the element
    early or swallow the page after it. JSON reads "\\u003c" back as "<"."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
