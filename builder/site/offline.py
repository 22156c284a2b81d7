"""The offline bundle: the built site as one zip that works opened from disk."""

from __future__ import annotations

import zipfile
from pathlib import Path

__all__ = ["zip_site"]


def zip_site(site_dir: Path) -> Path:
    """Zip `site_dir` into `<site_dir>.zip` beside it, under one top folder."""
    archive = site_dir.with_name(f"{site_dir.name}.zip")
    top = "peer-support-training"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(site_dir.rglob("*")):
            if path.is_file():
                zf.write(path, f"{top}/{path.relative_to(site_dir).as_posix()}")
    return archive
