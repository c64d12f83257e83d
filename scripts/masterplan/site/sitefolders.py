"""Stage 6, site: the folders a build writes, and how every way out of a build leaves them.

``mkdocs build`` writes into ``.site.baru-*`` beside ``site/`` and swaps it in with two
renames: ``site/`` → ``.site.lama-<pid>``, then ``.site.baru-*`` → ``site/``. A build killed
between the two leaves no ``site/``; the next build first **recovers**: it renames the
old site back (it was complete: it was the site), removes what a killed build left, and only
then starts. The PDFs are typeset into ``$TMPDIR/masterplan-pdf-<pid>-*``, removed when the
build ends in any way Python sees (success, error, strict abort, Ctrl-C, ``kill``); after
``kill -9`` the next build removes the folders of processes that no longer run.

Disk full, a read-only folder, a permission refused: an Indonesian message naming the
folder, never a traceback (:func:`os_message`, :func:`install_excepthook`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import signal
import sys
import tempfile
from pathlib import Path

PDF_PREFIX = "masterplan-pdf-"
_PDF_DIR = re.compile(rf"^{PDF_PREFIX}(\d+)-")


def staging_glob(site: Path) -> str:
    return f".{site.name}.baru-*"


def old_glob(site: Path) -> str:
    return f".{site.name}.lama-*"


def recover(site: Path) -> None:
    """Put the folders back as a finished build leaves them: ``site/`` (if there was one), nothing else."""
    parent = site.parent
    olds = sorted(parent.glob(old_glob(site)), key=lambda p: p.stat().st_mtime, reverse=True)
    if not site.exists() and olds:
        olds[0].rename(site)  # killed between the two renames: the old site comes back
        olds = olds[1:]
    for leftover in olds + sorted(parent.glob(staging_glob(site))):
        shutil.rmtree(leftover, ignore_errors=True)


def swap_in(staging: Path, site: Path) -> None:
    old = None
    if site.exists():
        old = site.with_name(f".{site.name}.lama-{os.getpid()}")
        site.rename(old)
    staging.rename(site)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def pdf_prefix() -> str:
    return f"{PDF_PREFIX}{os.getpid()}-"


def remove_stale_pdf_dirs() -> None:
    """The PDF folders of builds that were killed: their process no longer runs."""
    temp = Path(tempfile.gettempdir())
    for folder in temp.glob(f"{PDF_PREFIX}*"):
        match = _PDF_DIR.match(folder.name)
        if (
            match
            and folder.is_dir()
            and not folder.is_symlink()
            and folder.stat().st_uid == os.getuid()
            and not _running(int(match.group(1)))
        ):
            shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


_REASONS = {
    errno.ENOSPC: "disk penuh",
    errno.EDQUOT: "kuota disk habis",
    errno.EROFS: "folder hanya-baca (read-only)",
    errno.EACCES: "izin ditolak",
    errno.EPERM: "izin ditolak",
    errno.ELOOP: "tautan simbolik berputar (symlink loop)",
    errno.ENAMETOOLONG: "nama berkas terlalu panjang",
}


def os_message(exc: OSError, fallback: Path | str, folder: bool = False) -> str:
    """A file-system failure in Indonesian, naming the file (or, with ``folder``, the folder ``fallback``)."""
    where = fallback if folder or not exc.filename else exc.filename
    code = exc.errno or 0
    reason = _REASONS.get(code, f"galat sistem {errno.errorcode.get(code, '?')}")
    advice = {
        errno.ENOSPC: "kosongkan ruang disk",
        errno.EDQUOT: "kosongkan ruang disk",
        errno.EROFS: "bangun di folder yang bisa ditulis",
        errno.EACCES: "periksa izin folder itu",
        errno.EPERM: "periksa izin folder itu",
    }.get(code, "periksa berkas atau folder itu")
    return f"{where}:1: build gagal: {reason}; {advice}, lalu bangun ulang. Situs yang lama tetap utuh."


def install_excepthook() -> None:
    """An OSError that escapes MkDocs (it writes the pages itself) ends with one Indonesian line."""
    previous = sys.excepthook

    def hook(kind, exc, tb):
        if isinstance(exc, OSError) and exc.errno in _REASONS:
            # A full disk is about the folder being built in, not the file that happened to be copied.
            full = exc.errno in (errno.ENOSPC, errno.EDQUOT)
            print(f"ERROR   -  {os_message(exc, Path.cwd(), folder=full)}", file=sys.stderr)
            sys.stderr.flush()
            return
        previous(kind, exc, tb)

    sys.excepthook = hook


_previous_sigterm = None
_cleanup = None
_owner_pid = 0


def _on_sigterm(signum, frame):
    """Clean up, then die of SIGTERM as before.

    No exception is raised here: raised from a signal handler it may land in a finaliser or an
    after-fork hook, where Python ignores it and the build would go on.
    """
    if os.getpid() == _owner_pid and _cleanup is not None:
        try:
            _cleanup()
        finally:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGTERM)
    else:  # a forked book process: it owns none of the build's folders
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTERM)


def cleanup_on_sigterm(cleanup) -> None:
    """`kill` (SIGTERM) removes the build's temporary folders (``cleanup``) before the process ends."""
    global _previous_sigterm, _cleanup, _owner_pid  # noqa: PLW0603  (a signal handler reads them)
    install_excepthook()
    try:
        if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
            _previous_sigterm = signal.signal(signal.SIGTERM, _on_sigterm)
            _cleanup, _owner_pid = cleanup, os.getpid()
    except ValueError:  # not the main thread (a test driving the plugin): leave signals alone
        pass


def restore_sigterm() -> None:
    global _previous_sigterm, _cleanup
    if _previous_sigterm is not None:
        with contextlib.suppress(ValueError):
            signal.signal(signal.SIGTERM, _previous_sigterm)
        _previous_sigterm, _cleanup = None, None


CACHE_FOLDER = ".cache"


def local_cache(root: Path, name: str) -> Path | None:
    """``.cache/<name>`` under the project, where a build keeps what it made for the next build (the PDFs of a Typst
    source, the enacted versions' open data); None when caching is off (``MASTERPLAN_NO_CACHE``) or when the
    repository itself holds files under ``.cache/``: what a build reads from there it publishes as its own output,
    so only this machine's builds may have written it, never a commit."""
    if os.environ.get("MASTERPLAN_NO_CACHE"):
        return None
    from ..load import gitread

    try:
        tracked = gitread.run(root, "ls-files", "-z", "--", CACHE_FOLDER)
    except gitread.GitError:
        tracked = b""  # not a Git repository: nothing a commit could bring
    return None if tracked else root / CACHE_FOLDER / name
