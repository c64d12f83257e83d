"""The new site's folder: ``mkdocs build`` writes beside ``site_dir`` and the old site stays until
the new one is complete, PDFs included; then the two are swapped (sitefolders.py)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from . import sitefolders


class Staging:
    """A sibling folder of the final site; :class:`OSError` when it cannot be made (a read-only or full parent)."""

    def __init__(self, final: Path):
        self.final = final
        final.parent.mkdir(parents=True, exist_ok=True)
        self.folder = Path(tempfile.mkdtemp(prefix=f".{final.name}.baru-", dir=final.parent))
        self.folder.chmod(_folder_mode())  # mkdtemp makes it 0700; web servers and Pages must read it

    def swap_in(self) -> None:
        sitefolders.swap_in(self.folder, self.final)

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _folder_mode() -> int:
    """The mode ``mkdir`` would give a new folder under the current umask (0755 under 022)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o777 & ~umask
