"""The change history of ``data/`` from Git: who changed which programme, when.

Read through :mod:`gitread` (bytes, NUL-separated records): one ``git log``, one
``git ls-tree`` per commit and one ``git cat-file --batch`` for the programme files not
seen yet; a file shared by many commits is parsed once. Without Git (a downloaded zip,
a shallow copy), the history is simply unavailable and says why.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..formats import tanggal
from . import gitread
from .yamlfiles import MAX_FILE_BYTES

# The C parser when PyYAML has it, as yamlfiles.py composes with it: several times faster, and a historic
# file is read as the validator read it (the two parsers disagree on a few malformed texts).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Change:
    sha: str
    date: dt.date
    author: str
    message: str
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @property
    def date_text(self) -> str:
        return tanggal(self.date)


@dataclass
class History:
    available: bool
    reason: str = ""
    changes: list[Change] = field(default_factory=list)
    last_changed: dict[str, dt.date] = field(default_factory=dict)

    def last_changed_text(self, programme_id: str) -> str:
        day = self.last_changed.get(programme_id)
        return tanggal(day) if day else ""


def _parse(raw: bytes):
    # From the exact bytes Git gave: a curly quote or an ellipsis is three bytes but one character,
    # so the text is decoded only after the blob was cut out by its byte size (gitread.blobs).
    return yaml.load(raw.decode("utf-8-sig"), Loader=_LOADER)


class _Snapshots:
    """Programmes at a commit. Each programme file's blob is parsed once, however many commits share it, and the
    commits are read together: one ``cat-file`` for their folders, one for the sizes, one for the new files."""

    def __init__(self, root: Path, data_rel: str):
        self.root, self.data_rel = root, data_rel
        self.folder = f"{gitread.prefix(root)}{data_rel}/program"
        self.at_commit: dict[str, dict[str, str]] = {}
        self.in_blob: dict[str, dict[str, str]] = {}

    def at(self, sha: str) -> dict[str, str]:
        if sha not in self.at_commit:
            self.load([sha])
        return self.at_commit[sha]

    def load(self, shas: list[str]) -> None:
        """Reads the programmes at every commit named that was not read yet."""
        todo = [sha for sha in dict.fromkeys(shas) if sha not in self.at_commit]
        listed = gitread.trees(self.root, [f"{sha}:{self.folder}" for sha in todo])
        files = {
            sha: [e for e in found if e.path.endswith((".yml", ".yaml"))]
            for sha, found in self._files(dict(zip(todo, (e or [] for e in listed), strict=True))).items()
        }
        unknown = sorted({e.sha for found in files.values() for e in found} - self.in_blob.keys())
        size = dict(zip(unknown, gitread.sizes(self.root, unknown), strict=True))
        new = [
            sha for sha in unknown if (size[sha] or 0) <= MAX_FILE_BYTES
        ]  # as ls-tree -l: a file over the bound is not read
        for blob_sha, raw in zip(new, gitread.blobs(self.root, new), strict=True):
            self.in_blob[blob_sha] = _programmes(raw)
        for sha, found in files.items():
            programmes: dict[str, str] = {}
            for entry in found:
                if entry.sha in self.in_blob:
                    programmes.update(self.in_blob[entry.sha])
            self.at_commit[sha] = programmes

    def _files(self, listed: dict[str, list[gitread.Entry]]) -> dict[str, list[gitread.Entry]]:
        """Each commit's regular files under the folder, subfolders included (one read per level for all
        commits), in the order ``ls-tree -r`` lists them."""
        while True:
            subtrees = {
                e.sha: f"{sha}:{e.path}" for sha, entries in listed.items() for e in entries if e.kind == "tree"
            }
            if not subtrees:
                return {sha: [e for e in entries if e.regular_file] for sha, entries in listed.items()}
            inside = dict(zip(subtrees, gitread.trees(self.root, list(subtrees.values())), strict=True))
            listed = {
                sha: [child for e in entries for child in ((inside[e.sha] or []) if e.kind == "tree" else [e])]
                for sha, entries in listed.items()
            }


def _programmes(raw: bytes) -> dict[str, str]:
    """A programme file's entries by id, each as comparable JSON; a broken historic file gives none."""
    try:
        content = _parse(raw) or {}
    except (yaml.YAMLError, UnicodeDecodeError, RecursionError):
        return {}  # the history is informative only: a file that no longer parses is skipped
    items = content.get("program") if isinstance(content, dict) else None
    return {
        str(p["id"]): json.dumps(p, sort_keys=True, default=str)
        for p in (items if isinstance(items, list) else [])
        if isinstance(p, dict) and "id" in p
    }


def _identity(raw: bytes) -> tuple | None:
    try:
        region = (_parse(raw) or {}).get("wilayah") or {}
        return (str(region.get("jenis")), str(region.get("nama")))
    except (yaml.YAMLError, UnicodeDecodeError, RecursionError, AttributeError):
        return None


def region_start(root: Path, data_rel: str, region: tuple[str, str]) -> str | None:
    """The commit where this region's data began: a fork's history leaves out the region it came from.

    Walks the commits that touched ``wilayah.yml`` from the newest and returns the
    oldest one, in the unbroken run from HEAD, that names this region (kind, name).
    """
    path = f"{gitread.prefix(root)}{data_rel}/wilayah.yml"
    commits = gitread.log(root, path, limit=10_000)
    names = [f"{c.sha}:{path}" for c in commits]
    sizes = gitread.sizes(root, names)
    readable = [n for n, size in zip(names, sizes, strict=True) if size is not None and size <= MAX_FILE_BYTES]
    texts = dict(zip(readable, gitread.blobs(root, readable), strict=True))
    start = None
    for commit, name in zip(commits, names, strict=True):
        if name not in texts or _identity(texts[name]) != region:
            break
        start = commit.sha
    return start


def read_history(
    root: Path, data_rel: str = "data", limit: int = 200, region: tuple[str, str] | None = None
) -> History:
    """The changes of ``data/``; with ``region`` (kind, name) only those since that region's data began."""
    root = Path(root)
    try:
        if not gitread.is_work_tree(root):
            raise gitread.GitError("bukan repositori Git")
        commits = gitread.log(root, f"{gitread.prefix(root)}{data_rel}/", limit=limit)
        start = region_start(root, data_rel, region) if region else None
        if region and start is None:
            return History(True)  # this region's data is not committed yet: nothing of it to show
        snapshots = _Snapshots(root, data_rel)
        shown = commits[: next((i + 1 for i, c in enumerate(commits) if c.sha == start), len(commits))]
        snapshots.load([sha for c in shown for sha in (c.sha, *c.parents[:1])])  # all at once
        history = History(True)
        for commit in commits:
            after = snapshots.at(commit.sha)
            before = snapshots.at(commit.parents[0]) if commit.parents and commit.sha != start else {}
            change = Change(
                commit.sha[:10],
                _day(commit.date),
                commit.author,
                commit.subject,
                added=sorted(after.keys() - before.keys()),
                removed=sorted(before.keys() - after.keys()),
                changed=sorted(k for k in after.keys() & before.keys() if after[k] != before[k]),
            )
            history.changes.append(change)
            for pid in change.added + change.changed:
                history.last_changed.setdefault(pid, change.date)
            if region and commit.sha == start:
                break  # older commits belong to the region this repository was copied from
    except gitread.GitError:
        return History(
            False,
            "Riwayat Git tidak tersedia (misalnya salinan dari berkas zip), sehingga riwayat perubahan tidak dapat ditampilkan.",
        )
    return history


def _day(iso: str) -> dt.date:
    try:
        return dt.date.fromisoformat(iso[:10])
    except ValueError:
        return dt.date(1970, 1, 1)  # Git always writes an ISO date; this is only a guard
