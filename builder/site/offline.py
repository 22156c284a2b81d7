"""The offline bundle: the built site as one zip that works opened from disk."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path

__all__ = ["zip_site", "write_zip"]


def zip_site(site_dir: Path) -> Path:
    """Zip `site_dir` into `<site_dir>.zip` beside it, under one top folder."""
    archive = site_dir.with_name(f"{site_dir.name}.zip")
    write_zip(archive, site_dir, top="peer-support-training")
    return archive


def write_zip(archive: Path, site_dir: Path, top: str = "",
              first: Iterable[tuple[str, bytes]] = ()) -> None:
    """Zip every file of `site_dir` into `archive`, under the folder `top` (or at the
    root when it is ""), after the `first` (name, content) entries."""
    prefix = f"{top}/" if top else ""
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in first:
            zf.writestr(f"{prefix}{name}", data)
        for path in sorted(site_dir.rglob("*")):
            if path.is_file():
                zf.write(path, f"{prefix}{path.relative_to(site_dir).as_posix()}")
