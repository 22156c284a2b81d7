"""imsmanifest.xml for the SCORM package: one organization, one item, one SCO
(the launch page) listing every file of the package. SCORM 1.2 (IMS Content
Packaging 1.1.2 with ADL's adlcp) or SCORM 2004 4th Edition (IMS CP 1.1.4 with
adlcp 1.3). The schemas the manifest names travel at the package's root
(SCHEMAS); tests/test_scorm_manifest.py validates against ADL's copies."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Flavour", "FLAVOURS", "manifest", "identifier"]

XSI = "http://www.w3.org/2001/XMLSchema-instance"
VENDOR = Path(__file__).resolve().parents[1] / "site" / "vendor"


@dataclass(frozen=True)
class Flavour:
    version: str            # as scorm.js and the launch page name it: "1.2" or "2004"
    label: str              # as people name it
    schemaversion: str      # the manifest's <schemaversion>
    cp: str                 # the content packaging namespace
    adlcp: str
    scorm_type: str         # the adlcp attribute that marks a SCO (1.2: scormtype)
    locations: tuple[tuple[str, str], ...]  # namespace, schema file: xsi:schemaLocation
    schemas: Path           # the folder of control documents carried at the root

    def schema_files(self) -> list[Path]:
        return sorted(p for p in self.schemas.iterdir() if p.suffix in (".xsd", ".dtd"))


SCORM12 = Flavour(
    "1.2", "SCORM 1.2", "1.2", "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
    "http://www.adlnet.org/xsd/adlcp_rootv1p2", "scormtype",
    (("http://www.imsproject.org/xsd/imscp_rootv1p1p2", "imscp_rootv1p1p2.xsd"),
     ("http://www.imsglobal.org/xsd/imsmd_rootv1p2p1", "imsmd_rootv1p2p1.xsd"),
     ("http://www.adlnet.org/xsd/adlcp_rootv1p2", "adlcp_rootv1p2.xsd")),
    VENDOR / "scorm12")
SCORM2004 = Flavour(
    "2004", "SCORM 2004 4th Edition", "2004 4th Edition", "http://www.imsglobal.org/xsd/imscp_v1p1",
    "http://www.adlnet.org/xsd/adlcp_v1p3", "scormType",
    (("http://www.imsglobal.org/xsd/imscp_v1p1", "imscp_v1p1.xsd"),
     ("http://www.adlnet.org/xsd/adlcp_v1p3", "adlcp_v1p3.xsd"),
     ("http://www.adlnet.org/xsd/adlseq_v1p3", "adlseq_v1p3.xsd"),
     ("http://www.adlnet.org/xsd/adlnav_v1p3", "adlnav_v1p3.xsd"),
     ("http://www.imsglobal.org/xsd/imsss", "imsss_v1p0.xsd")),
    VENDOR / "scorm2004")
FLAVOURS = {"scorm12": SCORM12, "scorm2004": SCORM2004}


def identifier(text: str) -> str:
    """An XML ID (xs:ID) made from `text`: letters, digits, "-", "_", ".", not starting
    with a digit."""
    ident = re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-") or "course"
    return ident if re.match(r"[A-Za-z_]", ident) else f"ps-{ident}"


def manifest(flavour: Flavour, course_id: str, title: str, launch: str, files: list[str]) -> bytes:
    """The manifest of a package whose one SCO is `launch`; `files` are every file of
    the package, relative to its root, as URLs (forward slashes)."""
    cp, adlcp = flavour.cp, flavour.adlcp
    ET.register_namespace("", cp)
    ET.register_namespace("adlcp", adlcp)
    ET.register_namespace("xsi", XSI)
    base = identifier(course_id)
    root = ET.Element(f"{{{cp}}}manifest", {
        "identifier": base, "version": "1",
        f"{{{XSI}}}schemaLocation": " ".join(f"{ns} {xsd}" for ns, xsd in flavour.locations)})
    metadata = ET.SubElement(root, f"{{{cp}}}metadata")
    ET.SubElement(metadata, f"{{{cp}}}schema").text = "ADL SCORM"
    ET.SubElement(metadata, f"{{{cp}}}schemaversion").text = flavour.schemaversion
    organizations = ET.SubElement(root, f"{{{cp}}}organizations", default=f"{base}-org")
    organization = ET.SubElement(organizations, f"{{{cp}}}organization",
                                 identifier=f"{base}-org")
    ET.SubElement(organization, f"{{{cp}}}title").text = title
    item = ET.SubElement(organization, f"{{{cp}}}item", identifier=f"{base}-item",
                         identifierref=f"{base}-sco")
    ET.SubElement(item, f"{{{cp}}}title").text = title
    resources = ET.SubElement(root, f"{{{cp}}}resources")
    resource = ET.SubElement(resources, f"{{{cp}}}resource", {
        "identifier": f"{base}-sco", "type": "webcontent", "href": launch,
        f"{{{adlcp}}}{flavour.scorm_type}": "sco"})
    for name in [launch, *sorted(f for f in files if f != launch)]:
        ET.SubElement(resource, f"{{{cp}}}file", href=name)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
