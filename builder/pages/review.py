"""The "Review what you missed" page (issue 25): every self-check question of
the course, in its module's bank and with the module page's own markup
(question.html), hidden; in the browser, review.js shows the questions the
trainee has not yet answered right and the self-check takes them from there.
Nothing is fetched: the page works opened from disk too."""

from __future__ import annotations

from builder.content.model import Course, Module
from builder.pages.templating import Page, render

__all__ = ["review_page", "REVIEW"]

REVIEW = "review.md"
PLACEHOLDER = "<!-- ps:generated:review -->"  # content cannot write one (checks/policy.py)


def review_page(course: Course, directory_urls: bool = True) -> Page:
    def url(module: Module) -> str:
        return f"modules/{module.id}/" if directory_urls else f"modules/{module.id}.html"

    html = render("review.html", modules=[m for m in course.modules if m.quiz and m.quiz.questions],
                  up="../" if directory_urls else "", url=url)
    return Page(REVIEW, render("review.md", placeholder=PLACEHOLDER), ((PLACEHOLDER, html.strip()),))
