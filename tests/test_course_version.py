"""The course's version on the record of learning (builder/pages/course_version.py):
the build's day, and the git revision when the course is a checkout."""

from __future__ import annotations

import subprocess

from conftest import write

from builder.pages.course_version import CourseVersion, course_version


def git(root, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                          text=True).stdout.strip()


def test_a_checkout_gives_its_revision_and_says_when_files_changed(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764979200")  # 2025-12-06 00:00 UTC
    write(tmp_path / "modules/course.yml", "modules: []\n")
    git(tmp_path, "init", "-q")
    git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", ".")
    git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "start")
    head = git(tmp_path, "rev-parse", "--short=10", "HEAD")
    version = course_version(tmp_path)
    assert version == CourseVersion("2025-12-06", head, False)
    assert version.text == f"built 2025-12-06 from revision {head}"
    write(tmp_path / "modules/course.yml", "modules: [01-one]\n")
    assert course_version(tmp_path).text == f"built 2025-12-06 from revision {head} with local changes"


def test_without_git_the_build_day_alone(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764979200")
    assert course_version(tmp_path).text == "built 2025-12-06"
    monkeypatch.setenv("PATH", str(tmp_path))  # no git at all
    assert course_version(tmp_path) == CourseVersion("2025-12-06")
