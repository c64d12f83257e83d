"""Git, read as bytes: the one place the package runs ``git`` to read a repository.

Every reader of Git (the change history, the enacted revision, the editing session)
goes through here, so the same rules hold everywhere:

- output is bytes, split on the NUL records Git writes with ``-z`` and ``%x00``, never on
  line breaks: a commit subject may hold U+2028, ``\\x1c``-``\\x1e`` or a tab (text copied
  from web pages and Word does), and must stay one field of one record;
- a blob's size is known (``ls-tree -l``, ``cat-file --batch-check``) before it is read,
  and a blob over the caller's bound is never read;
- text is decoded only where it is shown, from the exact bytes Git reported;
- every command has a time limit.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

TIMEOUT_S = 60
REGULAR_FILE_MODES = (b"100644", b"100755")
_SHA = re.compile(rb"[0-9a-f]{40}(?:[0-9a-f]{24})?")  # SHA-1, or SHA-256 repositories


class GitError(Exception):
    """Git is missing, the folder is no repository, a command failed or took too long."""


def run(
    root: Path, *args: str, stdin: bytes | None = None, timeout: float = TIMEOUT_S, env: dict | None = None
) -> bytes:
    """``git -C root args``; its standard output as bytes, or :class:`GitError` with Git's own message."""
    code, out, err = run_status(root, *args, stdin=stdin, timeout=timeout, env=env)
    if code != 0:
        raise GitError(err or f"git {args[0]} gagal (kode {code})")
    return out


def run_status(
    root: Path, *args: str, stdin: bytes | None = None, timeout: float = TIMEOUT_S, env: dict | None = None
) -> tuple[int, bytes, str]:
    """(exit code, standard output, standard error as text) of ``git -C root args``, for commands whose
    other exit codes mean something (``merge-tree`` exits 1 on a conflict); :class:`GitError` when Git cannot run."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *args], input=stdin, capture_output=True, timeout=timeout, env=env
        )
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} tidak selesai dalam {timeout:.0f} detik") from None
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitError(str(exc)) from None
    return result.returncode, result.stdout, result.stderr.decode("utf-8", "replace").strip()


def is_work_tree(root: Path) -> bool:
    try:
        return run(root, "rev-parse", "--is-inside-work-tree").strip() == b"true"
    except GitError:
        return False


def prefix(root: Path) -> str:
    """The folder ``root`` is in, relative to the top of the work tree ("" at the top, else ending in "/")."""
    return run(root, "rev-parse", "--show-prefix").decode("utf-8", "surrogateescape").strip()


def commit_time(root: Path, rev: str = "HEAD") -> int | None:
    """The commit time of ``rev`` (seconds since 1970), or None outside Git or without commits."""
    try:
        return int(run(root, "log", "-1", "--format=%ct", rev, "--").strip())
    except (GitError, ValueError):
        return None


def resolves(root: Path, rev: str) -> bool:
    try:
        run(root, "rev-parse", "--verify", "--quiet", rev)
        return True
    except GitError:
        return False


# ------------------------------------------------------------------ commits


@dataclass(frozen=True)
class Commit:
    sha: str
    parents: tuple[str, ...]
    date: str  # the author date, ISO 8601
    author: str
    subject: str


_LOG_FIELDS = 5
_LOG_FORMAT = "%H%x00%P%x00%aI%x00%an%x00%s"


def log(root: Path, *paths: str, limit: int = 200, rev: str = "HEAD") -> list[Commit]:
    """The commits of ``rev`` that touched ``paths``, newest first.

    With ``-z`` Git ends each record with NUL, and the format ends each field with NUL,
    so every field is one NUL-terminated item whatever characters it holds. A record whose
    commit id is not one (it cannot happen with Git's own output) ends the reading.
    """
    raw = run(root, "log", "-z", f"-n{int(limit)}", f"--format={_LOG_FORMAT}", rev, "--", *paths)
    items = raw.split(b"\x00")
    commits = []
    for start in range(0, len(items) - _LOG_FIELDS + 1, _LOG_FIELDS):
        sha, parents, date, author, subject = items[start : start + _LOG_FIELDS]
        if not _SHA.fullmatch(sha):
            break
        commits.append(
            Commit(
                sha.decode("ascii"),
                tuple(p.decode("ascii") for p in parents.split()),
                date.decode("ascii", "replace"),
                _text(author),
                _text(subject),
            )
        )
    return commits


def _text(raw: bytes) -> str:
    """Text for showing: UTF-8 as typed (Git keeps what was committed); bytes that are not UTF-8 as U+FFFD."""
    return raw.decode("utf-8", "replace")


# ------------------------------------------------------------------ trees and blobs


@dataclass(frozen=True)
class Entry:
    mode: bytes
    kind: str  # "blob", "tree", "commit" (a submodule)
    sha: str
    size: int | None  # bytes; None for anything but a blob
    path: str  # from the top of the repository, decoded as UTF-8 (undecodable bytes kept as surrogates)

    @property
    def regular_file(self) -> bool:
        """A plain file: not a symlink (120000) or a submodule, which are never followed."""
        return self.kind == "blob" and self.mode in REGULAR_FILE_MODES


def tree(root: Path, rev: str, *paths: str) -> list[Entry]:
    """Every entry under ``paths`` at ``rev`` (recursive, from the top of the repository), with blob sizes."""
    raw = run(root, "ls-tree", "-r", "-l", "-z", "--full-tree", rev, "--", *paths)
    entries = []
    for record in filter(None, raw.split(b"\x00")):
        meta, _, path = record.partition(b"\t")
        mode, kind, sha, size = meta.split()
        entries.append(
            Entry(
                mode,
                kind.decode("ascii"),
                sha.decode("ascii"),
                int(size) if size.isdigit() else None,
                path.decode("utf-8", "surrogateescape"),
            )
        )
    return entries


def trees(root: Path, names: list[str]) -> list[list[Entry] | None]:
    """The entries of each tree named (``rev:path`` from the top), through one ``git cat-file --batch``:
    one level (a subtree is an entry of kind "tree"), in Git's order, blob sizes unknown (:func:`sizes`
    gives them); None where the name is missing or not a tree."""
    if not names:
        return []
    raw = run(root, "cat-file", "--batch", stdin=_names(names))
    out: list[list[Entry] | None] = []
    pos = 0
    for name in names:
        header_end = raw.index(b"\n", pos)
        parts = raw[pos:header_end].split()
        if len(parts) != 3 or parts[1] not in (b"tree", b"blob", b"commit", b"tag"):  # "<name> missing"
            out.append(None)
            pos = header_end + 1
            continue
        size = int(parts[2])
        body = raw[header_end + 1 : header_end + 1 + size]
        pos = header_end + 1 + size + 1  # the content, then Git's one newline
        out.append(
            _tree_entries(body, len(parts[0]) // 2, name.partition(":")[2].rstrip("/")) if parts[1] == b"tree" else None
        )
    return out


def _tree_entries(body: bytes, sha_bytes: int, folder: str) -> list[Entry]:
    """A tree object's records: ``<mode> <name>\\0`` and the object id in binary."""
    entries, pos = [], 0
    while pos < len(body):
        name_end = body.index(b"\x00", pos)
        mode, _, name = body[pos:name_end].partition(b" ")
        sha = body[name_end + 1 : name_end + 1 + sha_bytes].hex()
        pos = name_end + 1 + sha_bytes
        kind = "tree" if mode == b"40000" else "commit" if mode == b"160000" else "blob"
        path = name.decode("utf-8", "surrogateescape")
        entries.append(Entry(mode, kind, sha, None, f"{folder}/{path}" if folder else path))
    return entries


def _names(objects: list[str]) -> bytes:
    if any("\n" in name or "\r" in name for name in objects):
        raise GitError("nama objek Git berisi baris baru")  # one name per line is the batch protocol
    return "".join(f"{name}\n" for name in objects).encode("utf-8", "surrogateescape")


def sizes(root: Path, objects: list[str]) -> list[int | None]:
    """The size in bytes of each blob named (a sha or ``rev:path``), None where it is missing or no blob."""
    if not objects:
        return []
    raw = run(root, "cat-file", "--batch-check", stdin=_names(objects))
    found: list[int | None] = []
    for header in raw.split(b"\n")[: len(objects)]:
        parts = header.split()
        found.append(int(parts[2]) if len(parts) == 3 and parts[1] == b"blob" else None)
    return found


def blobs(root: Path, shas: list[str]) -> list[bytes]:
    """The blobs' exact bytes, in the order asked, through one ``git cat-file --batch``.

    Callers bound the sizes first (:func:`tree` gives them); the reply is sliced by the byte
    counts Git reports, so no character of the content can shift a boundary.
    """
    if not shas:
        return []
    raw = run(root, "cat-file", "--batch", stdin=_names(shas))
    out, pos = [], 0
    for _ in shas:
        header_end = raw.index(b"\n", pos)
        parts = raw[pos:header_end].split()
        if len(parts) != 3 or parts[1] != b"blob":  # "<sha> missing", or not a blob: nothing to read
            out.append(b"")
            pos = header_end + 1
            continue
        size = int(parts[2])
        out.append(raw[header_end + 1 : header_end + 1 + size])
        pos = header_end + 1 + size + 1  # the content, then Git's one newline
    return out
