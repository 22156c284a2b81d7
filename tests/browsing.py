"""What the browser tests of the learning flow share: a page whose quick exit
lands on a stand-in, the learner's data in localStorage, and a few questions
of the real course picked by kind."""

from __future__ import annotations

import json

from playwright.sync_api import Page

EXIT_URL = "https://www.google.ca/"
SITE_ID = "b-c-peer-support-training"  # from the site name


def open_page(browser, **context_args) -> Page:
    """A page in a context of its own; the neutral quick-exit site is answered
    here, so no test reaches the internet. Close it with page.context.close()."""
    context = browser.new_context(**context_args)
    context.route(EXIT_URL + "**", lambda route: route.fulfill(body="<title>Search</title>neutral"))
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


def module_key(module_id: str) -> str:
    return f"ps:{SITE_ID}:module:{module_id}"


def set_record(page: Page, module_id: str, record: dict) -> None:
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [module_key(module_id), json.dumps(record)])


def answered(module, right: bool = True, skip: int = 0) -> dict:
    """A module record with every question answered (but the last `skip`), all right or all wrong."""
    questions = module.quiz.questions[:len(module.quiz.questions) - skip]
    answers = {}
    for q in questions:
        if q.type == "ordering":
            chosen = [str(i) for i in range(1, len(q.steps) + 1)]
            if not right:
                chosen.reverse()
        else:
            chosen = [o.key for o in q.options if o.correct == right][:1 if not right else None]
        answers[q.id] = {"chosen": chosen, "correct": right, "rev": q.revision}
    score = len(questions) if right else 0
    return {"v": 2, "visited": "2026-11-01T10:00:00Z", "attempts": len(questions),
            "best": {"score": score, "total": len(module.quiz.questions)}, "answers": answers}
