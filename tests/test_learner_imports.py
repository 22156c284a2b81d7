"""Learner data files brought in on the progress page: crafted or malformed files
are refused whole and run nothing, good ones are merged once, in Debian's Chromium
(AUTHORING.md, "Learner data in the browser")."""

from __future__ import annotations

import json

import pytest
from learner_browser import (  # noqa: F401 (cfg, context, w: fixtures)
    PAYLOAD,
    SHORT_PAYLOAD,
    Watched,
    cfg,
    context,
    learner_file,
    module_record,
    reflection,
    single,
    w,
)
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


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
    assert "Nothing was changed" in message and "not in the form this course writes" in message
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
    expect(w.page.locator(f'[data-ps-row="{module.id}"] [data-ps-visited]')).to_have_text("In progress")
    expect(w.page.locator(".ps-nav-done")).to_have_count(0)
    w.assert_inert()


@pytest.mark.parametrize("malformed", ["question", "option"])
def test_malformed_answers_are_refused_whole(w, course, cfg, tmp_path, malformed):
    """(A record for a module or prompt this course does not have is kept aside instead:
    test_learner_boundary.py.)"""
    module, q, right, _ = single(course)
    good = {"v": 2, "text": "A good reflection that must not be stored alone."}
    reflections = {module.reflections.prompts[0].id: good}
    modules: dict = {}
    if malformed == "question":
        answer = {"chosen": [right.key], "correct": True}
        modules[module.id] = module_record(0, 1, {'q"]<img src=x>': answer})
    else:
        modules[module.id] = module_record(0, 1, {q.id: {"chosen": ['a"]'], "correct": True}})
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
