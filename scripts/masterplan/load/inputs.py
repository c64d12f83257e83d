"""Stage 1, load: which files the build may read at all.

The build reads only **regular files inside the repository**: every entry below ``data/``,
``docs/`` and ``macros/`` must be a regular file or a real folder. A symbolic link is
refused wherever it points (a link to ``../../.git/config`` or ``/proc/self/environ`` would
otherwise publish that file; refusing every link keeps the rule simple and needs no
resolving, so a link loop is just another link), and so are FIFOs, devices and sockets
(reading a FIFO waits for ever). Each is a problem naming the file, found without opening
it, so ``masterplan check`` never shows what such a file holds.

A chapter (``.md``) larger than :data:`MAX_CHAPTER_BYTES` is refused by its size, before it is
read (:func:`oversized_chapters`): Markdown of that length takes minutes and gigabytes to build.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from ..errors import Problem, shown_path

_KINDS = {
    stat.S_IFIFO: "FIFO (pipa bernama)",
    stat.S_IFCHR: "berkas perangkat",
    stat.S_IFBLK: "berkas perangkat blok",
    stat.S_IFSOCK: "soket",
}
FIX = "situs dan PDF hanya dibangun dari berkas biasa di dalam repositori"
# The largest chapter read: twenty times the longest chapter of the sample (about 26 KB).
MAX_CHAPTER_BYTES = 512 * 1024


def chapter_too_large(path: Path) -> bool:
    return Path(path).suffix == ".md" and os.lstat(path).st_size > MAX_CHAPTER_BYTES


def oversized_chapters(files: list[Path], root: Path) -> list[Problem]:
    """A problem for each chapter among ``files`` larger than :data:`MAX_CHAPTER_BYTES`, found from its size alone."""
    problems = []
    for path in files:
        if chapter_too_large(path):
            shown = shown_path(path, root)
            problems.append(
                Problem(
                    shown,
                    1,
                    f"bab `{shown}` berukuran {os.lstat(path).st_size:,} bita, lebih dari batas "
                    f"{MAX_CHAPTER_BYTES // 1024} KB per bab; pecah menjadi beberapa bab (berkas .md) yang lebih pendek.",
                )
            )
    return problems


def _entry_problem(path: Path, mode: int, root: Path) -> Problem | None:
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None  # before the shown path: resolving it for every file was most of a walk's time
    shown = shown_path(path, root)
    if stat.S_ISLNK(mode):
        return Problem(
            shown,
            1,
            f"`{shown}` adalah tautan simbolik (symlink); {FIX}. Ganti tautan itu dengan salinan berkasnya, atau hapus.",
        )
    kind = _KINDS.get(stat.S_IFMT(mode), "bukan berkas biasa")
    return Problem(
        shown, 1, f"`{shown}` adalah {kind}, bukan berkas biasa; {FIX}. Hapus lalu ganti dengan berkas biasa."
    )


def regular_files(folder: Path, root: Path) -> tuple[list[Path], list[Problem]]:
    """The regular files below ``folder`` (sorted), and a problem for every other kind of entry.

    Nothing is followed or opened: links, FIFOs and devices are named, never read.
    A missing folder holds no files.
    """
    folder = Path(folder)
    try:
        top = os.lstat(folder)
    except FileNotFoundError:
        return [], []
    except OSError as exc:
        return [], [_unreadable(folder, root, exc)]
    problem = _entry_problem(folder, top.st_mode, root)
    if problem or not stat.S_ISDIR(top.st_mode):
        return [], [problem] if problem else []
    files: list[Path] = []
    problems: list[Problem] = []
    _walk(folder, root, files, problems)
    return sorted(files), problems


def _walk(folder: Path, root: Path, files: list[Path], problems: list[Problem]) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        problems.append(_unreadable(folder, root, exc))
        return
    for entry in entries:
        path = Path(entry.path)
        mode = entry.stat(follow_symlinks=False).st_mode
        problem = _entry_problem(path, mode, root)
        if problem:
            problems.append(problem)
        elif stat.S_ISDIR(mode):
            _walk(path, root, files, problems)
        else:
            files.append(path)


def _unreadable(path: Path, root: Path, exc: OSError) -> Problem:
    shown = shown_path(path, root)
    reason = (
        "akses ditolak"
        if exc.errno in (errno.EACCES, errno.EPERM)
        else f"galat sistem {errno.errorcode.get(exc.errno or 0, '?')}"
    )
    return Problem(shown, 1, f"`{shown}` tidak bisa dibaca ({reason}); periksa izin folder dan berkasnya.")
