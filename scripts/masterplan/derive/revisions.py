"""Enacted versions are Git revisions: the tags named in ``data/wilayah.yml`` and their text.

``regulasi.mengubah`` makes the draft an amendment of one enacted regulation
(``ditetapkan``); its text is read from that regulation's tag here, in memory
(``git ls-tree`` and one ``git cat-file --batch``), and validated by the same
load and validate stages as the draft. Only regular files are read: a symlink or
a submodule in the tag is skipped, and nothing outside the repository is touched.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem
from ..load import inputs, yamlfiles
from ..validate import checker

WILAYAH = "wilayah.yml"
REGULAR_FILE_MODES = ("100644", "100755")
_CHAPTER = re.compile(r"^buku-[^/]+/bab-[^/]+\.md$")


class GitError(Exception):
    """Git is missing, the folder is no repository, or a command failed."""


def _git(root: Path, *args: str, data: str | None = None) -> str:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], input=data, capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitError(str(exc)) from None
    if result.returncode != 0:
        raise GitError(result.stderr.strip() or f"git {args[0]} gagal")
    return result.stdout


# ------------------------------------------------------------------ the tags exist

def check_tags(plan: checker.Masterplan, root: Path) -> list[Problem]:
    """Every tag in ``ditetapkan`` must exist in the repository (``masterplan check`` and every build)."""
    wil = plan.wilayah
    if not wil.ditetapkan:
        return []
    doc = plan.documents.get(WILAYAH)
    shown = doc.file if doc else f"data/{WILAYAH}"
    problems = []
    try:
        _git(root, "rev-parse", "--git-dir")
    except GitError:
        line = doc.line_of(("ditetapkan",)) if doc else 1
        return [Problem(shown, line, "folder proyek bukan repositori Git (misalnya salinan dari berkas zip), jadi tag peraturan yang ditetapkan "
                                     "tidak dapat diperiksa; kerjakan di salinan Git (`git clone`, lalu `git fetch --tags`).")]
    for i, enacted in enumerate(wil.ditetapkan):
        if not tag_exists(root, enacted.tag):
            line = doc.line_of(("ditetapkan", i, "tag")) if doc else 1
            problems.append(Problem(shown, line, f"tag Git `{enacted.tag}` tidak ada di repositori ini; buat pada commit teks yang ditetapkan "
                                                 f"(`git tag {enacted.tag} <commit>`), atau ambil tag dari GitHub dengan `git fetch --tags`."))
    return problems


def tag_exists(root: Path, tag: str) -> bool:
    try:
        _git(root, "rev-parse", "--verify", "--quiet", f"refs/tags/{tag}^{{commit}}")
        return True
    except GitError:
        return False


# ------------------------------------------------------------------ the enacted text

@dataclass
class Revision:
    """The data and hand-written chapters of one tagged revision."""

    tag: str
    plan: checker.Masterplan | None
    chapters: dict[str, str] = field(default_factory=dict)  # under docs/, e.g. "buku-2/bab-2-visi-misi.md" -> Markdown source
    problems: list[Problem] = field(default_factory=list)


def read_revision(root: Path, tag: str, data_rel: str = "data", docs_rel: str = "docs") -> Revision:
    """The tag's ``data/`` loaded and validated like the draft's, and its chapters' source."""

    root = Path(root)
    prefix = _git(root, "rev-parse", "--show-prefix").strip()
    commit = f"refs/tags/{tag}^{{commit}}"
    listing = _git(root, "ls-tree", "-r", "-z", "--full-tree", commit, "--", f"{prefix}{data_rel}/", f"{prefix}{docs_rel}/")
    wanted: list[tuple[str, str]] = []  # (kind, path under its folder) in the order of the blobs asked for
    shas: list[str] = []
    for entry in filter(None, listing.split("\0")):
        meta, path = entry.split("\t", 1)
        mode, kind, sha = meta.split()
        if kind != "blob" or mode not in REGULAR_FILE_MODES:
            continue
        rel = path[len(prefix):]
        if rel.startswith(f"{data_rel}/") and rel.endswith((".yml", ".yaml")):
            wanted.append(("data", rel[len(data_rel) + 1:]))
        elif rel.startswith(f"{docs_rel}/") and _CHAPTER.match(rel[len(docs_rel) + 1:]):
            wanted.append(("docs", rel[len(docs_rel) + 1:]))
        else:
            continue
        shas.append(sha)
    blobs = _read_blobs(root, shas)
    documents: dict[str, yamlfiles.Document] = {}
    revision = Revision(tag, None)
    for (kind, rel), raw in zip(wanted, blobs):
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
    text, problems = yamlfiles._decode(raw, shown)
    if text is None:
        return yamlfiles.Document(shown, None), problems
    doc, found = yamlfiles.load_text(text, shown)
    if found:
        doc.value, doc.lines, doc.numbers = None, {}, {}
    return doc, found


def _read_blobs(root: Path, shas: list[str]) -> list[bytes]:
    """The blobs' bytes, in order, through one ``git cat-file --batch``."""
    if not shas:
        return []
    result = subprocess.run(["git", "-C", str(root), "cat-file", "--batch"], input="".join(f"{s}\n" for s in shas).encode(),
                            capture_output=True, timeout=120)
    if result.returncode != 0:
        raise GitError(result.stderr.decode(errors="replace").strip())
    out, pos, raw = [], 0, result.stdout
    while pos < len(raw):
        header_end = raw.index(b"\n", pos)
        parts = raw[pos:header_end].split()
        size = int(parts[2])
        out.append(raw[header_end + 1: header_end + 1 + size])
        pos = header_end + 1 + size + 1
    return out


def chapter_sources(docs_dir: Path) -> dict[str, str]:
    """The draft's chapters as written (before macros run), keyed like :attr:`Revision.chapters`."""
    docs_dir = Path(docs_dir)
    found = {}
    for path in sorted(docs_dir.glob("buku-*/bab-*.md")):
        if path.is_file() and not path.is_symlink() and not inputs.chapter_too_large(path):  # assets.sources reports it
            found[path.relative_to(docs_dir).as_posix()] = path.read_text(encoding="utf-8")
    return found


def amended_tag(plan: checker.Masterplan) -> str | None:
    return plan.wilayah.regulasi.mengubah


def enacted_problem(plan: checker.Masterplan, revision: Revision) -> Problem:
    """One error at ``regulasi.mengubah`` that says why the comparison could not be made."""
    doc = plan.documents.get(WILAYAH)
    shown = doc.file if doc else f"data/{WILAYAH}"
    line = doc.line_of(("regulasi", "mengubah")) if doc else 1
    return Problem(shown, line, f"teks yang ditetapkan (tag `{revision.tag}`) tidak lolos pemeriksaan data saat ini ({len(revision.problems)} masalah, "
                                "tercantum di atas dengan awalan nama tag), sehingga matriks perubahan tidak dapat dihitung; "
                                "perbaiki di rancangan ini atau buat tag pada commit yang datanya sah.")


def git_problem(plan: checker.Masterplan, tag: str, detail: str) -> Problem:
    doc = plan.documents.get(WILAYAH)
    shown = doc.file if doc else f"data/{WILAYAH}"
    line = doc.line_of(("regulasi", "mengubah")) if doc else 1
    return Problem(shown, line, f"teks yang ditetapkan (tag `{tag}`) tidak dapat dibaca dari Git: {detail[:300]}. Periksa tagnya dengan `git show {tag}`.")
