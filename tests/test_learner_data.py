"""Learner data in the browser loses nothing and runs nothing: crafted imports
and pre-seeded storage, in Debian's Chromium (AUTHORING.md, "Learner data in
the browser")."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser
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


# --- kept aside, never lost ------------------------------------------------------------


def test_two_corrupt_records_under_one_key_are_both_kept(w, course, tmp_path):
    module, *_ = single(course)
    prompt = module.reflections.prompts[0].id
    for broken in ("{broken one", "{broken two", "{broken one"):
        w.seed({f"reflection:{prompt}": broken})
        w.goto(f"modules/{module.id}/")
        expect(w.page.locator("[data-ps-storage-note]").first).to_contain_text("kept aside, not deleted")
    data = w.storage()
    assert f"reflection:{prompt}" not in data
    assert data[f"corrupt:1:reflection:{prompt}"] == "{broken one"
    assert data[f"corrupt:2:reflection:{prompt}"] == "{broken two"
    assert f"corrupt:3:reflection:{prompt}" not in data      # the same text again is not copied twice
    assert w.export(tmp_path)["corrupt"] == {f"reflection:{prompt}": ["{broken one", "{broken two"]}
    w.assert_inert()


def test_copy_that_does_not_fit_leaves_the_original_in_place(w, course, tmp_path):
    module, *_ = single(course)
    prompt = module.reflections.prompts[0].id
    big = "{not json " + "x" * 1_000_000
    w.seed({f"reflection:{prompt}": big})
    assert w.page.evaluate(FILL_TO_QUOTA) > 0
    w.goto(f"modules/{module.id}/")
    note = w.page.locator("[data-ps-storage-note]").first
    expect(note).to_contain_text("left where it was, not deleted")
    assert w.storage()[f"reflection:{prompt}"] == big
    # Typing there does not overwrite it either.
    w.page.locator(f"#r-{prompt}").fill("A new thought.")
    expect(w.page.locator(f'[data-ps-prompt="{prompt}"] [data-ps-saved]')).to_contain_text("Not saved")
    assert w.storage()[f"reflection:{prompt}"] == big
    assert w.export(tmp_path)["corrupt"] == {f"reflection:{prompt}": [big]}
    w.assert_inert()


def test_storage_exactly_full_still_shows_and_exports_everything(w, course, tmp_path):
    module, q, right, _ = single(course)
    prompts = [p.id for p in module.reflections.prompts[:2]]
    texts = {p: f"What I wrote for {p}, months ago." for p in prompts}
    w.seed({f"reflection:{p}": compact(reflection(t)) for p, t in texts.items()}
           | {f"module:{module.id}": compact(module_record(1, len(module.quiz.questions)))})
    assert w.page.evaluate(FILL_TO_QUOTA) > 0
    w.goto(f"modules/{module.id}/")
    for p, text in texts.items():
        expect(w.page.locator(f"#r-{p}")).to_have_value(text)
    note = w.page.locator("[data-ps-storage-note]").first
    expect(note).to_contain_text("storage for the site is full")
    expect(note).not_to_contain_text("not letting the site save")
    # Writes fail, and the page says so where they happen.
    w.page.locator(f"#r-{prompts[0]}").fill(texts[prompts[0]] + " And more that does not fit." * 10)
    expect(w.page.locator(f'[data-ps-prompt="{prompts[0]}"] [data-ps-saved]')).to_have_text(
        "Not saved: this browser's storage for the site is full.")
    item = w.page.locator(f"#q-{q.id}")
    item.locator(f'input[value="{right.key}"]').check()
    item.get_by_role("button", name="Check").click()
    expect(item.locator("[data-ps-result]")).to_contain_text("That fits")
    expect(item.locator("[data-ps-result]")).to_contain_text("Not saved")

    exported = w.export(tmp_path)
    assert {p: r["text"] for p, r in exported["reflections"].items()} == texts
    assert exported["modules"][module.id]["best"]["score"] == 1
    row = w.page.locator(f'[data-ps-row="{module.id}"]')
    expect(row.locator("[data-ps-written]")).to_have_text(f"2 of {len(module.reflections.prompts)}")
    expect(row.locator("[data-ps-visited]")).to_have_text("Yes")
    w.assert_inert()


# --- crafted imports -----------------------------------------------------------------------


def test_crafted_import_in_every_field_is_refused_and_runs_nothing(w, course, cfg, tmp_path):
    module, q, right, _ = single(course)
    prompt = module.reflections.prompts[0].id
    crafted = learner_file(
        cfg,
        modules={PAYLOAD: module_record(1, 1),
                 module.id: {"v": 2, "visited": SHORT_PAYLOAD, "attempts": 1, "best": None,
                             "answers": {PAYLOAD: {"chosen": [PAYLOAD], "correct": True},
                                         q.id: {"chosen": [PAYLOAD, right.key], "correct": True}}}},
        reflections={PAYLOAD: reflection(PAYLOAD),
                     prompt: {"v": 2, "text": PAYLOAD, "updated": SHORT_PAYLOAD}},
        corrupt={PAYLOAD: PAYLOAD}, site=PAYLOAD)
    w.goto("progress/")
    before = w.storage()
    message = w.bring_in(tmp_path, crafted)
    assert "Nothing was changed" in message and "this course does not have" in message
    assert w.storage() == before
    assert w.dialogs == []            # refused before anything was asked
    for path in ("", f"modules/{module.id}/", "progress/"):
        w.goto(path)
    w.assert_inert()


def test_crafted_text_with_known_ids_is_stored_and_shown_inert(w, course, cfg, tmp_path):
    module, q, right, _ = single(course)
    prompt = module.reflections.prompts[0].id
    crafted = learner_file(
        cfg, site=SHORT_PAYLOAD,
        modules={module.id: {"v": 2, "visited": SHORT_PAYLOAD, "attempts": 1, "best": None,
                             "answers": {q.id: {"chosen": [right.key], "correct": True}}, PAYLOAD: PAYLOAD}},
        reflections={prompt: {"v": 2, "text": PAYLOAD, "updated": SHORT_PAYLOAD}},
        corrupt={f"reflection:{PAYLOAD}": [PAYLOAD]})
    w.accept = True
    message = w.bring_in(tmp_path, crafted)
    assert "Brought in progress for 1 module and 1 reflection" in message, message
    assert len(w.dialogs) == 1 and SHORT_PAYLOAD[:20] in w.dialogs[0]
    stored = json.loads(w.storage()[f"module:{module.id}"])
    assert PAYLOAD not in stored                                  # only the fields this course writes
    w.goto(f"modules/{module.id}/")
    expect(w.page.locator(f"#r-{prompt}")).to_have_value(PAYLOAD)
    expect(w.page.locator(f"#q-{q.id} [data-ps-result]")).to_contain_text("That fits")
    w.goto("progress/")
    expect(w.page.locator("[data-ps-overall]")).to_contain_text("You have completed")
    w.assert_inert()


def test_import_that_is_not_stored_does_not_claim_success(context, trainee_site, cfg, course, tmp_path):
    """One browser refuses to store reflections; another silently drops them."""
    module, *_ = single(course)
    prompt = module.reflections.prompts[0].id
    data = learner_file(cfg, modules={module.id: module_record(1, len(module.quiz.questions))},
                        reflections={prompt: reflection("Kept safe, I hope.")})
    context.add_init_script("""const set = Storage.prototype.setItem;
        Storage.prototype.setItem = function (k, v) {
            if (k.includes(':reflection:') && sessionStorage.getItem('drop') === 'throw')
                throw new DOMException('full', 'QuotaExceededError');
            if (k.includes(':reflection:') && sessionStorage.getItem('drop') === 'silently') return;
            return set.call(this, k, v); };""")
    w = Watched(context.new_page(), trainee_site[1], cfg)
    for how in ("throw", "silently"):
        w.goto("progress/")
        w.page.evaluate("how => sessionStorage.setItem('drop', how)", how)
        before = w.storage()
        message = w.bring_in(tmp_path, data)
        assert "could not store" in message and "Nothing was changed" in message, (how, message)
        assert w.storage() == before        # all or nothing: the module record is not there either
    w.assert_inert()


def test_file_from_another_copy_asks_first(w, course, cfg, tmp_path):
    module, *_ = single(course)
    prompt = module.reflections.prompts[0].id
    data = learner_file(cfg, reflections={prompt: reflection("From the agency's other site.")},
                        site="another-agency")
    w.goto("progress/")
    before = w.storage()
    assert "chose not to" in w.bring_in(tmp_path, data)
    assert w.storage() == before
    assert len(w.dialogs) == 1 and "another copy of the course" in w.dialogs[0]
    assert "another-agency" in w.dialogs[0]
    w.accept = True
    assert "Brought in progress for 0 modules and 1 reflection" in w.bring_in(tmp_path, data)
    assert json.loads(w.storage()[f"reflection:{prompt}"])["text"] == "From the agency's other site."
    assert len(w.dialogs) == 2
    w.assert_inert()


def test_same_file_twice_adds_nothing_the_second_time(w, course, cfg, tmp_path):
    module, q, right, _ = single(course)
    first, second, third = (p.id for p in module.reflections.prompts[:3])
    w.seed({f"reflection:{first}": json.dumps(reflection("Written here.")),
            f"reflection:{third}": json.dumps(reflection("Part one."))})
    data = learner_file(
        cfg, modules={module.id: module_record(1, len(module.quiz.questions),
                                               {q.id: {"chosen": [right.key], "correct": True}})},
        reflections={first: reflection("Written on my phone."), second: reflection("Only on the phone."),
                     third: reflection("Part one.\n\n---\n\nPart two.")})
    message = w.bring_in(tmp_path, data)
    assert "Brought in progress for 1 module and 3 reflections" in message
    assert "1 reflection was different on this device, so both versions are kept" in message
    after = w.storage()
    assert json.loads(after[f"reflection:{first}"])["text"] == "Written here.\n\n---\n\nWritten on my phone."
    assert json.loads(after[f"reflection:{third}"])["text"] == "Part one.\n\n---\n\nPart two."
    assert "Everything in that file is already here" in w.bring_in(tmp_path, data)
    assert w.storage() == after
    # Its own export, brought back, adds nothing either.
    exported = w.export(tmp_path)
    assert "Everything in that file is already here" in w.bring_in(tmp_path, exported, "export.json")
    assert w.storage() == after
    w.assert_inert()


def test_impossible_scores_never_complete_a_module(w, course, cfg, tmp_path):
    module, *_ = single(course)
    n = len(module.quiz.questions)
    w.goto("progress/")
    for score, total in ((n, n - 1), (-1, n), (1.5, n), (5000, 5000)):
        message = w.bring_in(tmp_path, learner_file(cfg, modules={module.id: module_record(score, total)}))
        assert "Nothing was changed" in message, (score, total, message)
    assert w.storage() == {}
    # A best of a longer, earlier version of the self-check is possible, so it is kept,
    # but it is not a best of this one: the module is not complete.
    message = w.bring_in(tmp_path, learner_file(cfg, modules={module.id: module_record(n + 1, n + 1)}))
    assert "Brought in progress for 1 module" in message, message
    expect(w.page.locator("[data-ps-overall]")).to_contain_text("completed 0 of")
    expect(w.page.locator(f'[data-ps-row="{module.id}"] [data-ps-best]')).to_contain_text(
        "None yet since the self-check changed")
    # Stored by other means, an impossible score still does not count.
    w.seed({f"module:{module.id}": json.dumps(module_record(999, 12))})
    w.goto("progress/")
    expect(w.page.locator("[data-ps-overall]")).to_contain_text("completed 0 of")
    expect(w.page.locator(f'[data-ps-row="{module.id}"] [data-ps-visited]')).to_have_text("Yes")
    expect(w.page.locator(".ps-nav-done")).to_have_count(0)
    w.assert_inert()


@pytest.mark.parametrize("unknown", ["module", "prompt", "malformed question", "malformed option"])
def test_unknown_modules_prompts_and_malformed_answers_are_refused_whole(w, course, cfg, tmp_path,
                                                                           unknown):
    module, q, right, _ = single(course)
    good = {"v": 2, "text": "A good reflection that must not be stored alone."}
    reflections = {module.reflections.prompts[0].id: good}
    modules: dict = {}
    if unknown == "module":
        modules["99-not-a-module"] = module_record(0, 0)
    elif unknown == "malformed question":
        answer = {"chosen": [right.key], "correct": True}
        modules[module.id] = module_record(0, 1, {'q"]<img src=x>': answer})
    elif unknown == "malformed option":
        modules[module.id] = module_record(0, 1, {q.id: {"chosen": ['a"]'], "correct": True}})
    else:
        reflections["no-such-prompt"] = good
    w.goto("progress/")
    message = w.bring_in(tmp_path, learner_file(cfg, modules=modules, reflections=reflections))
    assert "cannot be brought in" in message and "Nothing was changed" in message, message
    assert w.storage() == {}
    w.assert_inert()


@pytest.mark.parametrize("changed", ["question", "option", "step"])
def test_answers_to_questions_no_longer_asked_are_kept_but_never_count(w, course, cfg, tmp_path,
                                                                       changed):
    """A file from before a self-check was rewritten: its answers to retired questions, or to
    options and steps a question no longer has, come in unchanged (nothing is lost) but never
    count, and the page shows them nowhere."""
    module, q, right, _ = single(course)
    ordering = next((m, oq) for m in course.modules if m.quiz
                    for oq in m.quiz.questions if oq.type == "ordering")
    if changed == "question":
        target, answers = module, {"m01-q99": {"chosen": ["b"], "correct": True}}
    elif changed == "option":
        target, answers = module, {q.id: {"chosen": ["z"], "correct": True}}
    else:
        steps = [str(i) for i in range(1, len(ordering[1].steps) + 2)]
        target, answers = ordering[0], {ordering[1].id: {"chosen": steps, "correct": True}}
    record = module_record(1, 1, answers)
    w.goto("progress/")
    message = w.bring_in(tmp_path, learner_file(cfg, modules={target.id: record}))
    assert "1 answer to questions this version of the course has changed or no longer asks is " \
           "kept, but not counted" in message, message
    assert json.loads(w.storage()[f"module:{target.id}"])["answers"] == answers
    w.goto(f"modules/{target.id}/")
    expect(w.page.locator("[data-ps-result]:visible")).to_have_count(0)
    expect(w.page.locator("[data-ps-score]")).to_be_hidden()
    w.assert_inert()


def test_an_answer_to_an_earlier_version_of_a_question_does_not_show(w, course):
    """Answers are kept by option key. When a question is rewritten under the same id, an
    answer saved for the earlier version (another revision) is not shown as this one's."""
    module, q, right, _ = single(course)
    w.seed({f"module:{module.id}": json.dumps(module_record(1, len(module.quiz.questions), {
        q.id: {"chosen": [right.key], "correct": True, "rev": "0000000000"}}))})
    w.goto(f"modules/{module.id}/")
    expect(w.page.locator(f"#q-{q.id} [data-ps-result]")).to_be_hidden()
    # Answered now, it is saved with this version's revision and shows on the next visit.
    w.page.locator(f"#q-{q.id} label", has=w.page.locator(f'input[value="{right.key}"]')).click()
    w.page.locator(f"#q-{q.id}").get_by_role("button", name="Check").click()
    saved = json.loads(w.storage()[f"module:{module.id}"])["answers"][q.id]
    assert saved["rev"] == q.revision and saved["correct"] is True
    w.goto(f"modules/{module.id}/")
    expect(w.page.locator(f"#q-{q.id} [data-ps-result]")).to_contain_text("That fits")


def test_wrong_shapes_and_huge_files_are_refused(w, cfg, course, tmp_path):
    module, *_ = single(course)
    prompt = module.reflections.prompts[0].id
    w.goto("progress/")
    for data in (learner_file(cfg, modules=[1, 2]),
                 learner_file(cfg, modules={module.id: {"v": 2, "attempts": "3", "answers": {}}}),
                 learner_file(cfg, reflections={prompt: {"v": 2, "text": ["list"]}}),
                 learner_file(cfg, reflections={prompt: reflection("x" * 1_000_001)}),
                 learner_file(cfg, corrupt={f"reflection:{prompt}": [5]}),
                 {**learner_file(cfg), "version": 99}, {**learner_file(cfg), "format": "other"},
                 "[]", "null"):
        message = w.bring_in(tmp_path, data if isinstance(data, str) else json.dumps(data))
        assert "Nothing was changed" in message, message
    assert w.storage() == {}
    w.assert_inert()


# --- pre-seeded storage ----------------------------------------------------------------------


def test_preseeded_storage_breaks_no_page_and_loses_nothing(w, course, cfg, tmp_path):
    module, q, right, wrong = single(course)
    prompts = [p.id for p in module.reflections.prompts]
    other = next(m for m in course.modules if m.id != module.id and m.quiz)
    huge = "A long reflection. " * 50_000                          # about 1 MB
    seeded = {
        f"module:{other.id}": json.dumps({"v": 1, "best": 2, "total": len(other.quiz.questions),
                                          "visited": True, "attempts": 2}),
        f"reflection:{prompts[0]}": json.dumps("An old bare string, version 1."),
        f"reflection:{prompts[1]}": json.dumps(reflection(huge)),
        f"reflection:{prompts[2]}": '{"v": 2, "text": "cut off',
        f"reflection:{prompts[3]}": json.dumps({"v": 2, "text": {"nested": True}}),
        f"module:{course.modules[-1].id}": json.dumps([1, 2, 3]),
        f"module:{course.modules[-2].id}": json.dumps({"v": 2, "attempts": 1e300, "answers": {}}),
        f"module:{course.modules[-3].id}": "null",
        f"module:{module.id}": json.dumps({
            "v": 2, "visited": "2026-01-01", "attempts": 2, "best": {"score": 1, "total": 2},
            "answers": {q.id: {"chosen": [wrong.key, PAYLOAD], "correct": False},
                        PAYLOAD: {"chosen": [PAYLOAD], "correct": True}}}),
        f"module:{PAYLOAD}": json.dumps(module_record(1, 1)),
        f"reflection:{PAYLOAD}": json.dumps(reflection(PAYLOAD)),
        f"corrupt:{PAYLOAD}": PAYLOAD,
        "module:__proto__": json.dumps(module_record(0, 0)),
    }
    w.seed(seeded)
    w.goto(f"modules/{module.id}/")
    expect(w.page.locator("[data-ps-storage-note]").first).to_contain_text("kept aside, not deleted")
    expect(w.page.locator(f"#r-{prompts[0]}")).to_have_value("An old bare string, version 1.")
    expect(w.page.locator(f"#r-{prompts[1]}")).to_have_value(huge)
    expect(w.page.locator(f"#r-{prompts[2]}")).to_have_value("")
    item = w.page.locator(f"#q-{q.id}")
    # The saved answer names an option the question does not have: kept, never shown.
    expect(item.locator("[data-ps-result]")).to_be_hidden()
    item.locator(f'input[value="{right.key}"]').check()
    item.get_by_role("button", name="Check").click()
    expect(item.locator("[data-ps-result]")).to_contain_text("That fits")
    w.goto("progress/")
    expect(w.page.locator(f'[data-ps-row="{other.id}"] [data-ps-best]')).to_contain_text("2 of")
    expect(w.page.locator("[data-ps-overall]")).to_contain_text("You have completed 0 of")
    w.goto("")
    expect(w.page.locator("h1").first).to_be_visible()
    w.assert_inert()

    # Nothing is lost: every record is in the file, as a record this course can use or kept aside.
    exported = w.export(tmp_path)
    assert exported["modules"][other.id]["best"] == {"score": 2, "total": len(other.quiz.questions)}
    assert exported["reflections"][prompts[0]]["text"] == "An old bare string, version 1."
    assert exported["reflections"][prompts[1]]["text"] == huge
    aside = exported["corrupt"]
    for key in (f"reflection:{prompts[2]}", f"reflection:{prompts[3]}", f"module:{course.modules[-1].id}",
                f"module:{course.modules[-2].id}", f"module:{course.modules[-3].id}"):
        assert aside[key] == [seeded[key]], key
    assert aside[PAYLOAD] == [PAYLOAD]
    assert json.loads(aside[f"reflection:{PAYLOAD}"][0])["text"] == PAYLOAD    # ids it does not have
    assert json.loads(aside[f"module:{PAYLOAD}"][0])["best"] == {"score": 1, "total": 1}
    assert json.loads(aside["module:__proto__"][0])["v"] == 2
    assert PAYLOAD in json.loads(aside[f"module:{module.id}"][0])["answers"]

    # After "Delete my data", bringing the file back restores every value stored before.
    before = w.storage()
    w.accept = True                          # the delete confirmation
    w.page.get_by_role("button", name="Delete my data on this device").click()
    expect(w.page.locator("[data-ps-message]")).to_contain_text("deleted")
    assert w.storage() == {}
    assert "kept aside, unchanged" in w.bring_in(tmp_path, exported, "back.json")
    restored = w.storage()
    kept = kept_aside(restored)
    for key, value in before.items():
        if key.startswith("corrupt:"):
            assert value in kept[original_of(key)], key
        else:
            assert restored.get(key) == value or value in kept[key], key
    assert restored[f"module:{other.id}"] == before[f"module:{other.id}"]
    w.assert_inert()


def original_of(aside_key: str) -> str:
    """The key an entry was kept aside from: `corrupt:<n>:<key>`, or `corrupt:<key>` before numbering."""
    return re.sub(r"^\d+:", "", aside_key.removeprefix("corrupt:"))


def kept_aside(storage: dict[str, str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, value in storage.items():
        if key.startswith("corrupt:"):
            out.setdefault(original_of(key), []).append(value)
    return out


def test_storage_unavailable_import_is_said_to_last_this_visit(browser, trainee_site, cfg, course, tmp_path):
    context = browser.new_context()
    context.add_init_script("""Object.defineProperty(window, 'localStorage', {
        get() { throw new DOMException('blocked', 'SecurityError'); } });""")
    w = Watched(context.new_page(), trainee_site[1], cfg)
    module, *_ = single(course)
    prompt = module.reflections.prompts[0].id
    message = w.bring_in(tmp_path, learner_file(cfg, reflections={prompt: reflection("For now.")}))
    assert "For this visit only" in message and "1 reflection" in message, message
    w.page.locator(f'[data-ps-row="{module.id}"] a').click()
    expect(w.page.locator(f"#r-{prompt}")).to_have_value("For now.")
    assert w.page.evaluate("window.__pwned") is None  # (the theme's own scripts throw without storage)
    context.close()
