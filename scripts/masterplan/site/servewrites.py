"""``mkdocs serve``: a rebuild leaves alone the files of the site folder whose bytes it would write unchanged.

MkDocs empties the site folder before every build and writes every page and copies every theme and
``docs/`` file again: about 850 files unlinked and written after a one-line data edit, of which a
handful differ. That file work took 0.1-0.2 s of a rebuild, and more when the disk was busy.
While ``mkdocs serve`` runs, the plugin installs :class:`KeptWrites` over MkDocs' three file helpers
(``clean_directory``, ``write_file``, ``copy_file``) for the served folder only:

- emptying the folder removes every file except those MkDocs itself wrote or copied in the last build;
  files other code writes (open data, the editor, the search index, the manifest) go and are written
  again as before;
- a page or template output whose bytes equal what was written last time, to a file nobody changed
  since (same size, modification time and inode), is not written again; a copy is skipped when its
  source and its copy are both as they were after the last copy;
- after MkDocs has written everything (``finish``, at the start of the plugin's ``on_post_build``),
  the files it wrote last time and not this time (a removed page) are removed;
- the form editor's files (``sunting/``: Decap's scripts and the YAML library, about 120) are copied
  through :meth:`KeptWrites.copy_extra`, kept in the same way, and those not copied again are removed
  right after the editor is written (``finish_extra``), before the search index and the manifest.

The served folder then holds the same files, with the same bytes, as after a build into an empty folder
(tests/test_serve_cache.py compares them). ``mkdocs build`` never installs this.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field

from mkdocs import utils as mkdocs_utils

_HELPERS = ("clean_directory", "write_file", "copy_file")


def _signature(path: str) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino)


@dataclass(repr=False)
class KeptWrites:
    site: str = ""
    # path -> (digest of the bytes, file's signature); a digest, not the bytes: at 1,000 programmes the pages
    # would otherwise be held twice
    pages: dict[str, tuple[bytes, tuple | None]] = field(default_factory=dict)
    copies: dict[str, tuple[tuple | None, tuple | None]] = field(default_factory=dict)  # path -> (source's, copy's)
    written: set[str] = field(default_factory=set)  # what MkDocs wrote or kept in this build
    extra: set[str] = field(default_factory=set)  # of those, files the plugin copied in (the form editor's)
    previous: set[str] = field(default_factory=set)  # what it wrote or kept in the last one
    kept: int = 0
    rewritten: int = 0
    removed: int = 0
    _originals: dict[str, object] = field(default_factory=dict)

    # ------------------------------------------------------------ lifecycle
    def install(self) -> None:
        if self._originals:
            return
        for name in _HELPERS:
            self._originals[name] = getattr(mkdocs_utils, name)
        mkdocs_utils.clean_directory = self.clean_directory
        mkdocs_utils.write_file = self.write_file
        mkdocs_utils.copy_file = self.copy_file

    def uninstall(self) -> None:
        for name, original in self._originals.items():
            if getattr(mkdocs_utils, name) == getattr(self, name):
                setattr(mkdocs_utils, name, original)
        self._originals = {}

    def begin(self, site_dir: str) -> None:
        """A new build into ``site_dir`` (a different folder than last time forgets what was written)."""
        site = os.path.abspath(site_dir)
        if site != self.site:
            self.site, self.pages, self.copies = site, {}, {}
        self.previous = set(self.pages) | set(self.copies)
        self.written = set()
        self.kept = self.rewritten = self.removed = 0

    def finish(self) -> None:
        """MkDocs has written every page and file: remove those of the last build it did not write in this one."""
        self._remove(self.previous - self.written - self.extra)

    def finish_extra(self) -> None:
        """The plugin has copied its files in (:meth:`copy_extra`): remove those of the last build it did not copy."""
        self._remove((self.previous & self.extra) - self.written)

    def _remove(self, paths: set[str]) -> None:
        for path in paths:
            self.pages.pop(path, None)
            self.copies.pop(path, None)
            self.extra.discard(path)
            try:
                os.unlink(path)
                self.removed += 1
            except FileNotFoundError:
                pass

    def report(self) -> str:
        return f"{self.kept} berkas situs tidak ditulis ulang (sama), {self.rewritten} ditulis, {self.removed} dihapus"

    # ------------------------------------------------------------ MkDocs' helpers
    def _ours(self, path: str) -> str | None:
        path = os.path.abspath(path)
        return path if self.site and path.startswith(self.site + os.sep) else None

    def clean_directory(self, directory: str) -> None:
        if os.path.abspath(directory) != self.site:
            self._originals["clean_directory"](directory)  # type: ignore[operator]
            return
        if not os.path.isdir(directory):
            return
        keep = self.previous
        for entry in os.listdir(directory):
            if entry.startswith("."):  # as MkDocs: hidden entries stay
                continue
            top = os.path.join(self.site, entry)
            if not os.path.isdir(top) or os.path.islink(top):
                if top not in keep:
                    os.unlink(top)
                continue
            for folder, _dirs, names in os.walk(top, topdown=False):
                for name in names:
                    path = os.path.join(folder, name)
                    if path not in keep:
                        os.unlink(path)
                if not os.listdir(folder):
                    os.rmdir(folder)

    def write_file(self, content: bytes, output_path: str) -> None:
        path = self._ours(output_path)
        if path is None:
            self._originals["write_file"](content, output_path)  # type: ignore[operator]
            return
        self.written.add(path)
        digest = hashlib.blake2b(content).digest()
        kept = self.pages.get(path)
        if kept is not None and kept[0] == digest and kept[1] == _signature(path) and kept[1] is not None:
            self.kept += 1
            return
        self.copies.pop(path, None)
        self._originals["write_file"](content, output_path)  # type: ignore[operator]
        self.pages[path] = (digest, _signature(path))
        self.rewritten += 1

    def copy_extra(self, source_path: str | os.PathLike, output_path: str | os.PathLike) -> None:
        """A copy made by the plugin after MkDocs wrote the site (the form editor's files), kept like MkDocs' own."""
        self.copy_file(str(source_path), str(output_path))
        path = self._ours(str(output_path))
        if path is not None:
            self.extra.add(path)

    def copy_file(self, source_path: str, output_path: str) -> None:
        target = os.path.join(output_path, os.path.basename(source_path)) if os.path.isdir(output_path) else output_path
        path = self._ours(target)
        if path is None:
            self._originals["copy_file"](source_path, output_path)  # type: ignore[operator]
            return
        self.written.add(path)
        source = _signature(source_path)
        kept = self.copies.get(path)
        if kept is not None and source is not None and kept == (source, _signature(path)):
            self.kept += 1
            return
        self.pages.pop(path, None)
        self._originals["copy_file"](source_path, output_path)  # type: ignore[operator]
        self.copies[path] = (source, _signature(path))
        self.rewritten += 1
