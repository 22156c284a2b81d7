"""The navigation does not grow every page with the course: past 16 modules
they are listed in groups of 16, and each page carries only its own branch
(navigation.prune)."""

from __future__ import annotations

import re

from conftest import build_site, write

from builder.commands.scaffold import stub_files
from builder.site.plugin import _in_groups


def test_a_short_module_list_stays_as_it_is():
    entries = [{f"{n}. M": f"modules/{n:02d}-m.md"} for n in range(1, 17)]
    assert _in_groups(entries, list(range(1, 17))) == entries


def test_a_long_module_list_comes_in_groups_of_sixteen():
    numbers = list(range(1, 41))
    groups = _in_groups([{f"{n}. M": f"modules/{n:02d}-m.md"} for n in numbers], numbers)
    assert [next(iter(g)) for g in groups] == ["Modules 1 to 16", "Modules 17 to 32",
                                               "Modules 33 to 40"]
    assert [len(next(iter(g.values()))) for g in groups] == [16, 16, 8]


def module_links(html: str) -> set[str]:
    """The modules a page's navigation links to (the page itself is "./")."""
    return set(re.findall(r'href="\.\./(\d\d-m\d+)/" class="md-nav__link', html))


def test_a_course_of_eighteen_modules_keeps_each_page_to_its_own_group(mini, tmp_path):
    ids = [f"{n:02d}-m{n}" for n in range(1, 19)]
    for old in ("01-one", "02-two"):
        for folder, suffix in (("modules", "md"), ("quizzes", "yml"), ("reflections", "yml"),
                               ("facilitator", "md")):
            (mini / folder / f"{old}.{suffix}").unlink(missing_ok=True)
    write(mini / "modules/course.yml", "modules:\n" + "".join(f"  - {i}\n" for i in ids))
    for number, module_id in enumerate(ids, start=1):
        for rel, text in stub_files(module_id, f"Module {number}", number).items():
            write(mini / rel, text)
    site = tmp_path / "site"
    build_site(site, cwd=mini)
    first = (site / "modules/01-m1/index.html").read_text(encoding="utf-8")
    last = (site / "modules/18-m18/index.html").read_text(encoding="utf-8")
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Modules 1 to 16" in first and "Modules 17 to 18" in first
    # Its own group in full, and the first module of the other group (that group's link).
    assert module_links(first) == {f"{n:02d}-m{n}" for n in range(2, 18)}
    assert module_links(last) == {"01-m1", "17-m17"}
    # Other pages' navigation carries one link for the whole module list (the home page's
    # own content lists every module, with each one's status).
    home_links = set(re.findall(r'href="modules/(\d\d-m\d+)/" class="md-nav__link', home))
    assert home_links <= {"01-m1", "17-m17"} and "18-m18" in home
