"""Enacted versions are Git revisions: the tags named in ``data/wilayah.yml`` and their text.

``regulasi.mengubah`` makes the draft an amendment of one enacted regulation
(``ditetapkan``); its text is read from that regulation's tag here, in memory
(``git ls-tree`` and one ``git cat-file --batch``), and validated by the same
load and validate stages as the draft. Only regular files are read: a symlink or
a submodule in the tag is skipped, and nothing outside the repository is touched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem
from ..load import gitread, inputs, yamlfiles
from ..validate import checker
from ..validate.plan import Masterplan

WILAYAH = "wilayah.yml"
_CHAPTER = re.compile(r"^buku-[^/]+/bab-[^/]+\.md$")


# ------------------------------------------------------------------ the tags exist


def check_tags(plan: Masterplan, root: Path) -> list[Problem]:
    """Every tag in ``ditetapkan`` must exist in the repository (``masterplan check`` and every build)."""
    wil = plan.wilayah
    if not wil.ditetapkan:
        return []
    doc = plan.documents.get(WILAYAH)
    shown = doc.file if doc else f"data/{WILAYAH}"
    problems = []
    if not gitread.is_work_tree(root):
        line = doc.line_of(("ditetapkan",)) if doc else 1
        return [
            Problem(
                shown,
                line,
                "folder proyek bukan repositori Git (misalnya salinan dari berkas zip), jadi tag peraturan yang ditetapkan "
                "tidak dapat diperiksa; kerjakan di salinan Git (`git clone`, lalu `git fetch --tags`).",
            )
        ]
    for i, enacted in enumerate(wil.ditetapkan):
        if not tag_exists(root, enacted.tag):
            line = doc.line_of(("ditetapkan", i, "tag")) if doc else 1
            problems.append(
                Problem(
                    shown,
                    line,
                    f"tag Git `{enacted.tag}` tidak ada di repositori ini; buat pada commit teks yang ditetapkan "
                    f"(`git tag {enacted.tag} <commit>`), atau ambil tag dari GitHub dengan `git fetch --tags`.",
                )
            )
    return problems


def tag_exists(root: Path, tag: str) -> bool:
    return gitread.resolves(root, f"refs/tags/{tag}^{{commit}}")


# ------------------------------------------------------------------ the enacted text


@dataclass
class Revision:
    """The data and hand-written chapters of one tagged revision."""

    tag: str
    plan: Masterplan | None
    chapters: dict[str, str] = field(
        default_factory=dict
    )  # under docs/, e.g. "buku-2/bab-2-visi-misi.md" -> Markdown source
    problems: list[Problem] = field(default_factory=list)


def read_revision(root: Path, tag: str, data_rel: str = "data", docs_rel: str = "docs") -> Revision:
    """The tag's ``data/`` loaded and validated like the draft's, and its chapters' source."""

    root = Path(root)
    top = gitread.prefix(root)
    commit = f"refs/tags/{tag}^{{commit}}"
    wanted: list[tuple[str, str]] = []  # (kind, path under its folder) in the order of the blobs asked for
    shas: list[str] = []
    revision = Revision(tag, None)
    for entry in gitread.tree(root, commit, f"{top}{data_rel}/", f"{top}{docs_rel}/"):
        if not entry.regular_file:
            continue
        rel = entry.path[len(top) :]
        if rel.startswith(f"{data_rel}/") and rel.endswith((".yml", ".yaml")):
            kind, under, limit = "data", rel[len(data_rel) + 1 :], yamlfiles.MAX_FILE_BYTES
        elif rel.startswith(f"{docs_rel}/") and _CHAPTER.match(rel[len(docs_rel) + 1 :]):
            kind, under, limit = "docs", rel[len(docs_rel) + 1 :], inputs.MAX_CHAPTER_BYTES
        else:
            continue
        if (entry.size or 0) > limit:  # known from the listing: the blob itself is never read
            revision.problems.append(
                Problem(
                    f"{tag}:{rel}",
                    1,
                    f"berkas {entry.size:,} byte di tag melebihi batas {limit:,} byte; "
                    "pecah berkasnya atau buat tag pada commit yang sah.".replace(",", "."),
                )
            )
            continue
        wanted.append((kind, under))
        shas.append(entry.sha)
    blobs = gitread.blobs(root, shas)
    documents: dict[str, yamlfiles.Document] = {}
    for (kind, rel), raw in zip(wanted, blobs, strict=True):
        if kind == "docs":
            revision.chapters[rel] = raw.decode("utf-8", errors="replace")
            continue
        doc, found = _load(raw, f"{tag}:{data_rel}/{rel}")
        documents[rel] = doc
        revision.problems.extend(found)
    plan, more = checker.validate(documents, f"{tag}:{data_rel}")
    revision.problems.extend(p for p in more if not p.is_warning)
    revision.plan = plan if not revision.problems else None
    return revision


def _load(raw: bytes, shown: str) -> tuple[yamlfiles.Document, list[Problem]]:
    if len(raw) > yamlfiles.MAX_FILE_BYTES:
        return yamlfiles.Document(shown, None), [Problem(shown, 1, "berkas lebih besar dari batas ukuran berkas data.")]
    text, problems = yamlfiles.decode_text(raw, shown)
    if text is None:
        return yamlfiles.Document(shown, None), problems
    doc, found = yamlfiles.load_text(text, shown)
    if found:
        doc.value, doc.lines, doc.numbers = None, {}, {}
    return doc, found


def amended_tag(plan: Masterplan) -> str | None:
    return plan.wilayah.regulasi.mengubah


def enacted_problem(plan: Masterplan, revision: Revision) -> Problem:
    """One error at ``regulasi.mengubah`` that says why the comparison could not be made."""
    doc = plan.documents.get(WILAYAH)
    shown = doc.file if doc else f"data/{WILAYAH}"
    line = doc.line_of(("regulasi", "mengubah")) if doc else 1
    return Problem(
        shown,
        line,
        f"teks yang ditetapkan (tag `{revision.tag}`) tidak lolos pemeriksaan data saat ini ({len(revision.problems)} masalah, "
        "tercantum di atas dengan awalan nama tag), sehingga matriks perubahan tidak dapat dihitung; "
        "perbaiki di rancangan ini atau buat tag pada commit yang datanya sah.",
    )


def git_problem(plan: Masterplan, tag: str, detail: str) -> Problem:
    doc = plan.documents.get(WILAYAH)
    shown = doc.file if doc else f"data/{WILAYAH}"
    line = doc.line_of(("regulasi", "mengubah")) if doc else 1
    return Problem(
        shown,
        line,
        f"teks yang ditetapkan (tag `{tag}`) tidak dapat dibaca dari Git: {detail[:300]}. Periksa tagnya dengan `git show {tag}`.",
    )
