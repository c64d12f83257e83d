"""Which version of the masterplan the open data is, and every enacted version's data.

The open data under ``unduh/`` is the text on the branch being built: enacted when
the regulation in ``regulasi`` has its number and year, otherwise a draft (marked so
in the catalogue, the data package and the JSON files until it is enacted). Every
regulation in ``ditetapkan`` keeps its own open data, made from its Git tag exactly
as the comparison reads it (:func:`revisions.read_revision`), so a figure of the
enacted text stays downloadable after the draft on ``main`` changes it.

Dates come from Git (commit time), never from the clock, so two builds of the same
commit give the same catalogue.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import MasterplanError, Problem
from ..load import gitread
from . import revisions
from .versioncache import NO_STORE, VersionStore, entry_key

if TYPE_CHECKING:  # views imports this module; the tag's data is derived with views.derive, imported when called
    from .views import View

VERSIONS_FOLDER = "unduh/versi"


@dataclass
class DataVersion:
    """One version of the open data: the current text or an enacted regulation."""

    key: str  # "terkini" or the enacted tag
    label: str  # "Peraturan Bupati Buleleng Nomor 27 Tahun 2024" or "Rancangan Peraturan Bupati Buleleng"
    draft: bool
    folder: str  # where its files are, under the site: "unduh" or "unduh/versi/<tag>"
    modified: dt.datetime | None  # commit time of the text (HEAD, or the tag's commit); None outside Git
    issued: dt.date | None = None  # the regulation's date when enacted


@dataclass
class EnactedData:
    """One enacted version: its files as kept by an earlier build, or the view of the tag's data to make them from."""

    version: DataVersion
    view: View | None  # the tag's data, derived; None when ``files`` came from the store
    files: dict[str, str] | None = None  # its open data files, by path under docs/, when the store had them
    key: str = ""  # the store's key for them
    store: VersionStore = NO_STORE

    def keep(self, files: dict[str, str]) -> None:
        """Called by the render stage with the files it made, so the next build reads them."""
        self.store.put(self.key, files)


@dataclass
class OpenDataVersions:
    current: DataVersion
    enacted: list[EnactedData] = field(default_factory=list)


# Tags already read in this process, by (repository, tag, commit, folders): the comparison and the
# open data read the same tag once, and `mkdocs serve` rebuilds on every edit while a tag's text never
# changes as long as its commit stays the same. Revisions and their derived views are kept apart, so
# `masterplan bench` can time the derive step of the open data alone.
_REVISIONS: dict[tuple, revisions.Revision] = {}
ENACTED_CACHE: dict[tuple, View] = {}


def forget_enacted(keep_revisions: bool = False) -> None:
    """Drops the tags this process has read and derived, as a new build process starts (``masterplan bench``, tests);
    ``keep_revisions`` keeps what was read from Git (a build's comparison reads the amended tag first)."""
    if not keep_revisions:
        _REVISIONS.clear()
    ENACTED_CACHE.clear()


def read_enacted(root: Path, tag: str, data_rel: str = "data", docs_rel: str = "docs") -> revisions.Revision:
    """:func:`revisions.read_revision`, once per tag commit (raises ``gitread.GitError`` as it does)."""
    commit, _ = _tag_commit(root, tag)
    key = (str(Path(root).resolve()), tag, commit, data_rel, docs_rel)
    if not commit or key not in _REVISIONS:
        revision = revisions.read_revision(root, tag, data_rel, docs_rel)
        if not commit:
            return revision
        _REVISIONS[key] = revision
    return _REVISIONS[key]


def open_data_versions(
    view: View, root: Path, data_rel: str, docs_rel: str, store: VersionStore = NO_STORE
) -> OpenDataVersions:
    """The current version and every enacted one: its files from ``store`` when an earlier build made them from the
    same commit with the same code, else the view of its data read from its tag. Raises MasterplanError on a tag
    that cannot be read."""
    from .views import derive  # the tag's data is derived like the draft's

    words, wil = view.words, view.plan.wilayah
    out = OpenDataVersions(current_version(view, root))
    for i, enacted in enumerate(wil.ditetapkan):
        commit, epoch = _tag_commit(root, enacted.tag)
        label = f"{words.peraturan} {words.nama} Nomor {enacted.nomor} Tahun {enacted.tahun}"
        modified = dt.datetime.fromtimestamp(epoch, dt.UTC) if epoch is not None else None
        version = DataVersion(enacted.tag, label, False, f"{VERSIONS_FOLDER}/{enacted.tag}", modified, enacted.tanggal)
        stored_key = entry_key(commit, data_rel, docs_rel, vars(version)) if commit else ""
        stored = store.get(stored_key)
        if stored is not None:
            out.enacted.append(EnactedData(version, None, stored, stored_key, store))
            continue
        key = (str(Path(root).resolve()), enacted.tag, commit, data_rel, docs_rel)
        if key not in ENACTED_CACHE:
            try:
                revision = read_enacted(root, enacted.tag, data_rel, docs_rel)
            except gitread.GitError as exc:
                raise MasterplanError(
                    [_problem(view.plan, i, enacted.tag, f"tidak dapat dibaca dari Git: {str(exc)[:300]}")]
                ) from None
            if revision.plan is None:
                raise MasterplanError(
                    revision.problems
                    + [
                        _problem(
                            view.plan,
                            i,
                            enacted.tag,
                            f"tidak lolos pemeriksaan data saat ini ({len(revision.problems)} masalah, tercantum di atas dengan awalan nama tag)",
                        )
                    ]
                )
            ENACTED_CACHE[key] = derive(revision.plan)
        out.enacted.append(EnactedData(version, ENACTED_CACHE[key], None, stored_key, store))
    return out


def current_version(view: View, root: Path | None) -> DataVersion:
    """The text being built: enacted when its regulation has a number and year, else a draft."""
    words = view.words
    return DataVersion(
        "terkini",
        words.judul_peraturan,
        not words.ditetapkan,
        "unduh",
        _head_time(root) if root else None,
        view.plan.wilayah.regulasi.tanggal if words.ditetapkan else None,
    )


def of(view: View) -> OpenDataVersions:
    """The versions ``pipeline.prepare`` found, or the current text alone for a view derived without Git."""
    return view.open_data if view.open_data is not None else OpenDataVersions(current_version(view, None))


def _problem(plan, index: int, tag: str, detail: str) -> Problem:
    doc = plan.documents.get(revisions.WILAYAH)
    shown = doc.file if doc else f"data/{revisions.WILAYAH}"
    line = doc.line_of(("ditetapkan", index, "tag")) if doc else 1
    return Problem(
        shown,
        line,
        f"teks yang ditetapkan (tag `{tag}`) {detail}, sehingga data terbukanya tidak dapat diterbitkan; "
        "perbaiki di rancangan ini atau buat tag pada commit yang datanya sah.",
    )


def _head_time(root: Path) -> dt.datetime | None:
    """SOURCE_DATE_EPOCH when the user set it (reproducible builds), else the commit time of HEAD."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH") if not os.environ.get("MASTERPLAN_EPOCH_SET_BY_PLUGIN") else None
    seconds = int(epoch) if epoch and epoch.isdigit() else gitread.commit_time(Path(root))
    return dt.datetime.fromtimestamp(seconds, dt.UTC) if seconds is not None else None


def _tag_commit(root: Path, tag: str) -> tuple[str, int | None]:
    """The tag's commit and its commit time, through the load stage's Git reader."""
    try:
        out = (
            gitread.run(root, "log", "-1", "--format=%H %ct", f"refs/tags/{tag}^{{commit}}", "--")
            .decode("ascii")
            .split()
        )
        return out[0], int(out[1])
    except (gitread.GitError, IndexError, ValueError, UnicodeDecodeError):
        return "", None
