"""The suspend data scorm-report.js writes for the LMS, in Chromium on the whole
course's package: every question of every module answered, with the longest answers
the course allows, fits SCORM 1.2's 4,096 characters and reads back as it was written;
a budget too small leaves whole modules out and says which; and suspend data that
does not read (wholly or in part) is set aside, never taken for answers."""

from __future__ import annotations

import pytest
from conftest import Server, free_port
from scorm_package import package

pytestmark = pytest.mark.browser

SCORM12_LIMIT = 4096
RECORDS = """worst => {
  const iso = "2026-11-02T10:20:00.000Z";
  return PS.cfg.modules.map(id => {
    const answers = {};
    PS.status.fromConfig(id).forEach(d => {
      const chosen = d.ordered ? d.offered.slice().reverse() : (worst ? d.offered : d.right).slice();
      answers[d.id] = { chosen, correct: PS.status.grade(d, chosen), rev: d.rev, first: !worst };
    });
    return [id, { v: 2, visited: iso, attempts: 123456, best: { score: 3, total: 1000 },
                  answers, completed: iso }];
  });
}"""


@pytest.fixture(scope="module")
def course_page(browser, tmp_path_factory):
    """The whole course's SCORM 1.2 package, served, with scorm-report.js on its home page."""
    root = tmp_path_factory.mktemp("scorm-data")
    package("scorm12", root / "course.zip")
    server = Server(root, free_port())
    context = browser.new_context()
    page = context.new_page()
    page.goto(server.url + "course/index.html")
    page.wait_for_function("() => window.PS && PS.status")
    page.add_script_tag(url=server.url + "course/assets/peer-support/scorm-report.js")
    yield page
    context.close()
    server.close()


def encoded(page, worst: bool, limit: int, place: bool = True) -> dict:
    return page.evaluate(f"""([worst, limit, place]) => {{
        const records = ({RECORDS})(worst);
        const at = place ? {{ v: 1, module: PS.cfg.modules[3], at: "2026-11-03T08:00:00.000Z" }} : null;
        const packed = PS.scormReport.encode(records, at, limit);
        return {{ records: Object.fromEntries(records), packed, modules: PS.cfg.modules,
                  back: PS.scormReport.decode(packed.text) }};
    }}""", [worst, limit, place])


@pytest.mark.parametrize("worst", [True, False], ids=["every-option-chosen", "right-answers"])
def test_the_whole_course_fits_and_reads_back(course_page, course, worst):
    out = encoded(course_page, worst, SCORM12_LIMIT)
    packed, back = out["packed"], out["back"]
    assert packed["omitted"] == []
    assert len(packed["text"]) < SCORM12_LIMIT, len(packed["text"])
    assert sum(len(m.quiz.questions) for m in course.modules if m.quiz) == \
        sum(len(r["answers"]) for r in out["records"].values()) > 200
    assert back["aside"] == {}
    assert back["modules"] == out["records"]      # every answer, date, count and best score
    assert back["place"] == {"v": 1, "module": out["modules"][3], "at": "2026-11-03T08:00:00.000Z"}


def test_a_budget_too_small_leaves_whole_modules_out(course_page):
    out = encoded(course_page, True, 1500, place=False)
    packed, back = out["packed"], out["back"]
    assert len(packed["text"]) <= 1500 and packed["omitted"]
    kept = [m for m in out["modules"] if m not in packed["omitted"]]
    assert kept and list(back["modules"]) == kept
    assert all(back["modules"][m] == out["records"][m] for m in kept)


def test_suspend_data_that_does_not_read_is_kept_aside(course_page):
    back = course_page.evaluate(f"""() => {{
        const records = ({RECORDS})(false), ids = PS.cfg.modules;
        const text = PS.scormReport.encode(records.slice(0, 2), null, 4096).text;
        const [head, place, body] = text.split("~");
        const [first, second] = body.split(";");
        const f = first.split(","), answers = f[5].split(".");
        const tampered = [
          "ffff" + answers[0].slice(4),                 // a revision no question has
          answers[1].slice(0, 5) + "z",                 // an option the question does not offer
          answers[2].slice(0, 4) + (+answers[2][4] ^ 1) + answers[2].slice(5),  // grades otherwise
          ...answers.slice(3)];
        const broken = [f.slice(0, 5).join(",") + "," + tampered.join("."), "99-not-a-module,,,1,,",
                        second.replace(/,[0-9a-z]+,/, ",!!,")].join(";");
        return {{ ids, answers, second: second.split(",")[0],
                  back: PS.scormReport.decode([head, place, broken].join("~")),
                  foreign: PS.scormReport.decode("cmi-data-of-another-course"),
                  far: PS.scormReport.decode("p1~" + ids[0] + ".zzzzzzzz~" + ids[1] + ",zzzzzzzz,,1,,"),
                  empty: PS.scormReport.decode("") }};
    }}""")
    out = back["back"]
    first = back["ids"][0]
    assert list(out["modules"]) == [first]
    assert len(out["modules"][first]["answers"]) == len(back["answers"]) - 3
    assert out["aside"][f"scorm:{first}"] == [".".join(["ffff" + back["answers"][0][4:],
                                                         back["answers"][1][:5] + "z",
                                                         out["aside"][f"scorm:{first}"][0].split(".")[2]])]
    assert out["aside"]["scorm:99-not-a-module"] == ["99-not-a-module,,,1,,"]
    assert list(out["aside"]) == [f"scorm:{first}", "scorm:99-not-a-module", f"scorm:{back['second']}"]
    assert back["foreign"] == {"modules": {}, "place": None,
                               "aside": {"scorm:suspend_data": ["cmi-data-of-another-course"]}}
    assert back["empty"] is None
    # Dates past what a browser can hold: kept aside, nothing thrown.
    far = back["far"]
    assert far["place"] is None and far["modules"] == {}
    assert far["aside"] == {"scorm:place": [f"{back['ids'][0]}.zzzzzzzz"],
                            f"scorm:{back['ids'][1]}": [f"{back['ids'][1]},zzzzzzzz,,1,,"]}
