"""The change history of ``data/`` from Git: who changed which programme, when.

Read with one ``git log`` and one ``git cat-file --batch`` process. Without Git (a
downloaded zip, a shallow copy), the history is simply unavailable and says why.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..formats import tanggal

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


def _parse(text: str):
    return yaml.load(text, Loader=_LOADER)


def _git(root: Path, *args: str, data: str | None = None) -> str:
    return subprocess.run(["git", "-C", str(root), *args], input=data, capture_output=True, text=True, check=True).stdout


class _Snapshots:
    """Programmes at a commit, read through one long-running ``git cat-file --batch``."""

    def __init__(self, root: Path, data_rel: str):
        self.root, self.data_rel = root, data_rel
        self.cache: dict[str, dict[str, str]] = {}

    def at(self, sha: str) -> dict[str, str]:
        if sha not in self.cache:
            self.cache[sha] = self._read(sha)
        return self.cache[sha]

    def _read(self, sha: str) -> dict[str, str]:
        names = _git(self.root, "ls-tree", "-r", "--name-only", sha, "--", f"{self.data_rel}/program/").split()
        if not names:
            return {}
        raw = _git(self.root, "cat-file", "--batch", data="".join(f"{sha}:{n}\n" for n in names))
        programmes: dict[str, str] = {}
        for text in _split_batch(raw):
            try:
                content = _parse(text) or {}
            except yaml.YAMLError:
                continue  # a broken historic file: skip it, the history is informative only
            items = content.get("program") if isinstance(content, dict) else None
            for p in items if isinstance(items, list) else []:
                if isinstance(p, dict) and "id" in p:
                    programmes[str(p["id"])] = json.dumps(p, sort_keys=True, default=str)
        return programmes


def _split_batch(raw: str) -> list[str]:
    out, pos = [], 0
    while pos < len(raw):
        header_end = raw.index("\n", pos)
        parts = raw[pos:header_end].split()
        if len(parts) < 3:  # "<object> missing"
            pos = header_end + 1
            continue
        size = int(parts[2])
        body = raw[header_end + 1: header_end + 1 + size]
        out.append(body)
        pos = header_end + 1 + len(body) + 1
    return out


def commit_epoch(root: Path) -> int | None:
    """Commit time of HEAD, or None outside Git."""
    try:
        return int(_git(Path(root), "log", "-1", "--format=%ct").strip())
    except (OSError, subprocess.CalledProcessError, ValueError):
        return None


def _identity(text: str) -> tuple | None:
    try:
        region = (_parse(text) or {}).get("wilayah") or {}
        return (str(region.get("jenis")), str(region.get("nama")))
    except (yaml.YAMLError, AttributeError):
        return None


def region_start(root: Path, data_rel: str, region: tuple[str, str]) -> str | None:
    """The commit where this region's data began: a fork's history leaves out the region it came from.

    Walks the commits that touched ``wilayah.yml`` from the newest and returns the
    oldest one, in the unbroken run from HEAD, that names this region (kind, name).
    """
    shas = _git(root, "log", "--format=%H", "--", f"{data_rel}/wilayah.yml").split()
    if not shas:
        return None
    raw = _git(root, "cat-file", "--batch", data="".join(f"{sha}:{data_rel}/wilayah.yml\n" for sha in shas))
    start = None
    for sha, text in zip(shas, _split_batch(raw)):
        if _identity(text) != region:
            break
        start = sha
    return start


def read_history(root: Path, data_rel: str = "data", limit: int = 200, region: tuple[str, str] | None = None) -> History:
    """The changes of ``data/``; with ``region`` (kind, name) only those since that region's data began."""
    root = Path(root)
    try:
        if _git(root, "rev-parse", "--is-inside-work-tree").strip() != "true":
            raise subprocess.CalledProcessError(1, "git")
        log = _git(root, "log", f"-n{limit}", "--format=%H%x1f%P%x1f%aI%x1f%an%x1f%s", "--", f"{data_rel}/")
        start = region_start(root, data_rel, region) if region else None
        if region and start is None:
            return History(True)  # this region's data is not committed yet: nothing of it to show
    except (OSError, subprocess.CalledProcessError):
        return History(False, "Riwayat Git tidak tersedia (misalnya salinan dari berkas zip), sehingga riwayat perubahan tidak dapat ditampilkan.")
    snapshots = _Snapshots(root, data_rel)
    history = History(True)
    for line in log.splitlines():
        sha, parents, date, author, message = line.split("\x1f", 4)
        after = snapshots.at(sha)
        before = snapshots.at(parents.split()[0]) if parents and sha != start else {}
        change = Change(sha[:10], dt.date.fromisoformat(date[:10]), author, message,
                        added=sorted(after.keys() - before.keys()), removed=sorted(before.keys() - after.keys()),
                        changed=sorted(k for k in after.keys() & before.keys() if after[k] != before[k]))
        history.changes.append(change)
        for pid in change.added + change.changed:
            history.last_changed.setdefault(pid, change.date)
        if region and sha == start:
            break  # older commits belong to the region this repository was copied from
    return history
