"""Each enacted version's open data files, kept on disk by its tag's commit.

An enacted text never changes while its tag points at the same commit, so the files made
from it need to be made only once. Without this, every build of a region with enacted
versions read, checked and derived each tag again (about a second of CPU per tag at 1,000
programmes), even with no amendment in progress.

The key holds everything the files are made from: the tag's commit, the folders read at
it, what the files say about the version (label, dates), and the code that makes them
(a digest of this package's source). A change to any of them gives a new entry. An entry
is JSON (file path -> text), read as data and never run; an entry that cannot be read is
made again. ``masterplan check`` reads entries and adds none, as it does with the PDFs.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..owncode import code_digest

FORMAT = 1  # raise when the entry's layout changes


def entry_key(commit: str, data_rel: str, docs_rel: str, version_fields: dict) -> str:
    fields = {
        "format": FORMAT,
        "code": code_digest(),
        "commit": commit,
        "data": data_rel,
        "docs": docs_rel,
        "version": version_fields,
    }
    return hashlib.sha256(json.dumps(fields, sort_keys=True, default=str).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class VersionStore:
    """Where entries are kept (None: nowhere), and whether this run may add entries."""

    folder: Path | None = None
    write: bool = True

    def get(self, key: str) -> dict[str, str] | None:
        if self.folder is None or not key:
            return None
        try:
            entry = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        files = entry.get("files") if isinstance(entry, dict) else None
        if not isinstance(files, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in files.items()):
            return None
        return files

    def put(self, key: str, files: dict[str, str]) -> None:
        """Written to a temporary file and renamed, so a reader never sees half an entry."""
        if self.folder is None or not self.write or not key:
            return
        temporary = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump({"files": files}, out, ensure_ascii=False)
            os.replace(temporary, self.folder / f"{key}.json")
        except OSError:  # a cache that cannot be written only costs time on the next build
            if temporary is not None:
                Path(temporary).unlink(missing_ok=True)


NO_STORE = VersionStore()
