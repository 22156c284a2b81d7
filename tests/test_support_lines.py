"""Support lines carry a `checked:` date for the people who publish: `check`
warns (path:line) when a line has none or one more than 12 months old; the
build, and so the learner's page, never depends on the date."""

from __future__ import annotations

from datetime import date

from conftest import REPO, write

from builder.commands.cli import check
from builder.content.problems import Problems
from builder.load.course import load_course
from builder.load.data import load_support_lines

LINES = """- name: Emergency services
  contact: Call 9-1-1
  tel: "911"
  for: Anyone whose life or safety is in danger right now.
  region: Canada-wide
  checked: 2026-03-01
- name: Drop-in
  contact: Visit the front desk
  for: Anyone.
  region: Here
"""


def warnings(path, today):
    problems = Problems(path.parent)
    lines = load_support_lines(path, problems, today)
    return lines, [str(p) for p in problems.sorted()]


def test_checked_date_is_read_and_a_missing_one_is_a_warning(tmp_path):
    path = write(tmp_path / "lines.yml", LINES)
    lines, found = warnings(path, date(2026, 11, 30))
    assert lines[0].checked == date(2026, 3, 1) and lines[1].checked is None
    assert found == ['lines.yml:7: warning: support line "Drop-in" has no checked: date; confirm '
                     "its number and hours with the service, then add checked: 2026-11-30"]


def test_a_date_more_than_12_months_old_is_a_warning_on_its_line(tmp_path):
    path = write(tmp_path / "lines.yml", LINES.replace("Visit the front desk\n",
                                                       "Visit the front desk\n  checked: 2026-03-01\n"))
    assert warnings(path, date(2027, 3, 1))[1] == []  # exactly 12 months: still fresh
    found = warnings(path, date(2027, 3, 2))[1]
    assert found == [
        'lines.yml:6: warning: support line "Emergency services" was last checked on 2026-03-01, '
        "more than 12 months ago; confirm its number and hours again and update checked:",
        'lines.yml:9: warning: support line "Drop-in" was last checked on 2026-03-01, more than '
        "12 months ago; confirm its number and hours again and update checked:"]


def test_a_date_still_to_come_is_a_warning(tmp_path):
    path = write(tmp_path / "lines.yml", LINES.replace("2026-03-01", "2027-01-01"))
    assert warnings(path, date(2026, 11, 30))[1][0] == (
        'lines.yml:6: warning: support line "Emergency services" was checked on 2027-01-01, a date '
        "still to come; write the day it was actually checked")


def test_a_quoted_or_impossible_date_is_an_error_not_a_traceback(tmp_path):
    for bad, kind in (('"2026-03-01"', "text"), ("2026-02-30", "text"), ("yesterday", "text")):
        path = write(tmp_path / "lines.yml", LINES.replace("2026-03-01", bad))
        problems = Problems(tmp_path)
        load_support_lines(path, problems, date(2026, 11, 30))
        assert [str(p) for p in problems.errors] == [
            'lines.yml:6: "checked" in a support line must be a date written as YYYY-MM-DD, '
            f"without quotes, not {kind}"]


def test_no_date_check_without_today(tmp_path):
    path = write(tmp_path / "lines.yml", LINES)
    assert warnings(path, None)[1] == []


def test_the_build_does_not_depend_on_the_date_but_check_does(mini, capsys):
    write(mini / "data/support-lines.yml", LINES)
    problems = Problems(mini)
    load_course(mini, problems)  # what the MkDocs plugin does
    assert problems.items == []
    assert check(mini, today=date(2030, 1, 1)) == 0  # warnings, not errors
    err = capsys.readouterr().err
    assert 'data/support-lines.yml:6: warning: support line "Emergency services" was last' in err
    assert 'data/support-lines.yml:7: warning: support line "Drop-in" has no checked: date' in err


def test_check_reads_an_agency_file_given_on_the_command_line(mini, capsys):
    agency = write(mini / "agencies/ours/support-lines.yml", LINES)
    assert check(mini, support_lines=agency, today=date(2026, 11, 30)) == 0
    err = capsys.readouterr().err
    assert 'agencies/ours/support-lines.yml:7: warning: support line "Drop-in"' in err


def test_the_real_lines_are_all_dated():
    lines = load_support_lines(REPO / "data/support-lines.yml", Problems(REPO))
    assert [line.name for line in lines if line.checked is None] == []
    names = {line.name: line for line in lines}
    assert names["B.C. line for reporting child abuse or neglect"].contact == "Call 1-800-663-9122"
    assert "text CONNECT to 686868" in names["Kids Help Phone"].contact
