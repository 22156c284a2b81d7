"""Results files read by what they hold (builder/pages/results_files.py): one
trainee a learner id however the files are named, the newest of one trainee's
files kept and the others said, files without an id told apart by their text,
and the short code the record of learning shows."""

from __future__ import annotations

import json

from conftest import write

from builder.pages.results_files import learner_code, read_cohort, set_apart, trainee_from

ID_A, ID_B = "0123456789abcdef" * 2, "fedcba9876543210" * 2


def results(learner: dict | None = None, exported: str = "2026-12-06T10:00:00.000Z", **extra) -> dict:
    data = {"format": "peer-support-self-check-results", "version": 2, "site": "s",
            "exported": exported, "modules": {}, **extra}
    if learner is not None:
        data["learner"] = learner
    return data


def test_the_code_is_the_ids_first_eight_hex_digits():
    assert learner_code(ID_A) == "0123-4567"
    assert learner_code("3f9a0c1e" + "0" * 24) == "3F9A-0C1E"
    for odd in (None, "", "3F9A0C1E" + "0" * 24, ID_A + "0", "g" * 32, ID_A[:-1]):
        assert learner_code(odd) == "", odd


def test_files_of_one_name_in_three_folders_are_three_trainees(tmp_path):
    """The case issue 27 found: a day's files share one name."""
    name = "peer-support-self-check-results-2026-12-06.json"
    trainees = []
    for n, (learner_id, person) in enumerate([(ID_A, "Sam"), (ID_B, None), ("1" * 32, "Ana")]):
        path = write(tmp_path / str(n) / name, json.dumps(results({"id": learner_id, "name": person})))
        text = path.read_text(encoding="utf-8")
        trainees.append(trainee_from(name, text, json.loads(text)))
    kept, aside = set_apart(trainees)
    assert [t.label for t in kept] == ["Ana", "No name given", "Sam"] and aside == []
    assert [t.code for t in kept] == ["1111-1111", "FEDC-BA98", "0123-4567"]


def test_one_trainees_files_keep_the_newest_and_say_so(tmp_path):
    write(tmp_path / "later.json", json.dumps(results({"id": ID_A, "name": "Sam"}, "2026-12-06T10:00:00Z")))
    write(tmp_path / "earlier.json", json.dumps(results({"id": ID_A, "name": "Sam R."},
                                                        "2026-12-06T09:59:59.999Z")))
    write(tmp_path / "undated.json", json.dumps(results({"id": ID_A, "name": "S"}, "yesterday")))
    cohort = read_cohort(tmp_path)
    [sam] = cohort.trainees
    assert (sam.file, sam.name, sam.exported) == ("later.json", "Sam", "2026-12-06T10:00:00.000Z")
    assert cohort.set_aside == [
        "earlier.json: an earlier file from the same trainee (Sam, code 0123-4567) as later.json, which is used",
        "undated.json: an earlier file from the same trainee (Sam, code 0123-4567) as later.json, which is used"]
    assert cohort.summary.startswith("3 results files read: 1 trainee. Set aside earlier.json: ")


def test_older_files_without_an_id_are_told_apart_by_their_text(tmp_path):
    v1 = {"format": "peer-support-self-check-results", "version": 1, "modules": {}}
    write(tmp_path / "a.json", json.dumps(v1))
    write(tmp_path / "b.json", json.dumps(v1))                      # the same file twice
    write(tmp_path / "c.json", json.dumps({**v1, "exported": "2026-01-01T00:00:00Z"}))
    cohort = read_cohort(tmp_path)
    assert [(t.label, t.code) for t in cohort.trainees] == [("a.json", ""), ("c.json", "")]
    assert cohort.set_aside == ["b.json: the same file as a.json, read once"]


def test_a_learner_part_not_in_the_sites_form_is_read_and_said(tmp_path):
    write(tmp_path / "odd.json", json.dumps(results({"id": "ABC", "name": "Jo\u0007 " + "x" * 200})))
    write(tmp_path / "bare.json", json.dumps(results({"name": 7})))
    write(tmp_path / "none.json", json.dumps(results(None, other="field")))
    write(tmp_path / "notes.json", "{not json")
    write(tmp_path / "data.json", json.dumps({"format": "peer-support-learner-data"}))
    cohort = read_cohort(tmp_path)
    odd = next(t for t in cohort.trainees if t.file == "odd.json")
    assert odd.name == "Jo " + "x" * 97 and odd.code == "" and odd.odd_learner
    assert not next(t for t in cohort.trainees if t.file == "none.json").odd_learner
    assert cohort.summary == (
        "3 results files read: 3 trainees. Read bare.json as a trainee of its own: its learner id is "
        "not in the form this course writes. Read odd.json as a trainee of its own: its learner id "
        "is not in the form this course writes. Skipped data.json: not a self-check results file. "
        "Skipped notes.json: not a JSON file.")


def test_a_file_with_a_byte_order_mark_is_read(tmp_path):
    (tmp_path / "bom.json").write_bytes(b"\xef\xbb\xbf" + json.dumps(results({"id": ID_A, "name": None})).encode())
    assert [t.code for t in read_cohort(tmp_path).trainees] == ["0123-4567"]
