"""What the learner data tests share: a page in Debian's Chromium that notes every
dialog, page error and payload flag it meets, and learner files and records as the
site writes them (AUTHORING.md, "Learner data in the browser"). The tests are in
test_learner_storage.py and test_learner_imports.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

EXIT_URL = "https://www.google.ca/"
# In every field a file or a stored record can hold: it would set a flag, or break a selector.
PAYLOAD = ('"]\')<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>'
           '<svg onload="window.__pwned=1">\\')
SHORT_PAYLOAD = '"]<img src=x onerror=window.__pwned=1>'  # fits a date field (40 characters)
FILL_TO_QUOTA = """() => {
    let i = 0;
    for (let size = 1 << 22; size >= 1; size >>= 1) {
        const chunk = "x".repeat(size);
        for (;;) { try { localStorage.setItem("fill:" + i, chunk); i++; } catch (e) { break; } }
    }
    return i;
}"""


class Watched:
    """A page, with every dialog, page error and payload flag it meets."""

    def __init__(self, page: Page, site: str, cfg: dict):
        self.page, self.site, self.cfg = page, site, cfg
        self.prefix = f"ps:{cfg['siteId']}:"
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.accept = False
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda e: self.errors.append(f"{e}\n{e.stack}"))

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.accept() if self.accept else dialog.dismiss()

    def goto(self, path: str = "") -> None:
        self.page.goto(self.site + path)
        self.page.wait_for_load_state("load")

    def seed(self, records: dict[str, str]) -> None:
        """Write raw values under our keys (`module:<id>` and so on), as another version might have."""
        if not self.page.url.startswith(self.site):
            self.goto()
        self.page.evaluate("r => Object.entries(r).forEach(([k, v]) => localStorage.setItem(k, v))",
                           {self.prefix + k: v for k, v in records.items()})

    def storage(self) -> dict[str, str]:
        """Our keys in localStorage, without the prefix (the theme keeps its own keys there too)."""
        return self.page.evaluate("""p => Object.fromEntries(Object.keys(localStorage)
            .filter(k => k.startsWith(p)).map(k => [k.slice(p.length), localStorage.getItem(k)]))""",
                                  self.prefix)

    def export(self, tmp_path: Path) -> dict:
        self.goto("progress/")
        with self.page.expect_download() as info:
            self.page.get_by_role("button", name="Download all my data (JSON)").click()
        path = tmp_path / "export.json"
        info.value.save_as(path)
        return json.loads(path.read_text(encoding="utf-8"))

    def bring_in(self, tmp_path: Path, data: dict | str, name: str = "data.json") -> str:
        """Bring a file in on the progress page; the message the page then shows."""
        if "progress" not in self.page.url:
            self.goto("progress/")
        path = tmp_path / name
        path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
        message = self.page.locator("[data-ps-message]")
        self.page.evaluate("() => { document.querySelector('[data-ps-message]').textContent = ''; }")
        self.page.locator("[data-ps-import]").set_input_files(str(path))
        expect(message).not_to_be_empty()
        return message.inner_text()

    def assert_inert(self) -> None:
        """No payload ran, no page broke."""
        assert self.page.evaluate("window.__pwned") is None
        assert [d for d in self.dialogs if not d.startswith("confirm")] == []
        assert self.errors == []


@pytest.fixture(scope="module")
def cfg(trainee_site) -> dict:
    """The browser config the site was built with: its module, question, answer and prompt ids."""
    text = (trainee_site[0] / "assets/peer-support/config.js").read_text(encoding="utf-8")
    return json.loads(text.split("=", 1)[1].strip().rstrip(";"))


@pytest.fixture
def context(browser):
    ctx = browser.new_context(accept_downloads=True)
    ctx.route(EXIT_URL + "**", lambda route: route.fulfill(body="neutral"))
    yield ctx
    ctx.close()


@pytest.fixture
def w(context, trainee_site, cfg) -> Watched:
    page = context.new_page()
    page.set_default_timeout(15_000)
    return Watched(page, trainee_site[1], cfg)


def single(course):
    """A module with reflections and a single-answer question, that question and its options."""
    module = next(m for m in course.modules if m.quiz and m.reflections
                  and any(q.type == "single" for q in m.quiz.questions))
    q = next(q for q in module.quiz.questions if q.type == "single")
    return module, q, next(o for o in q.options if o.correct), next(o for o in q.options if not o.correct)


def learner_file(cfg: dict, modules: dict | None = None, reflections: dict | None = None, **extra) -> dict:
    return {"format": "peer-support-learner-data", "version": 2, "site": cfg["siteId"],
            "exported": "2026-01-01T00:00:00Z", "modules": modules or {},
            "reflections": reflections or {}, **extra}


def module_record(score: int, total: int, answers: dict | None = None) -> dict:
    return {"v": 2, "visited": "2026-01-01T00:00:00Z", "attempts": 3,
            "best": {"score": score, "total": total}, "answers": answers or {}}


def compact(value) -> str:
    """JSON as the site writes it, so that the site has nothing to rewrite."""
    return json.dumps(value, separators=(",", ":"))


def reflection(text: str) -> dict:
    return {"v": 2, "text": text, "updated": "2026-01-01T00:00:00Z"}
