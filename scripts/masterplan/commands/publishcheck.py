"""Before a proposal is published: what the default branch would become passes ``masterplan check``.

Each proposal (a draft branch of the form editor) may pass alone while main merged with it
does not: proposal A deletes a programme that a recommendation names, proposal B was checked
before A was published. So the session merges the proposal with the current main *without
touching any branch* (``git merge-tree --write-tree``), checks that tree out in a scratch
worktree and runs the same ``masterplan check`` there. Its problems come back in Indonesian,
at ``file:line``, each with the entry of the form editor it concerns.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

from ..load import gitread

CHECK_TIMEOUT_S = 600
PROBLEM_LINE = re.compile(r"^(?P<file>[^\s:][^:]*):(?P<line>\d+): (?P<message>.+)$")
LIST_TITLES = {
    "program": "Program",
    "evaluasi": "Evaluasi",
    "opd": "OPD",
    "misi": "Misi",
    "arah_kebijakan": "Arah kebijakan",
    "fase": "Fase",
    "tonggak": "Tonggak",
    "rekomendasi": "rekomendasi",
    "indikator": "indikator",
    "dimensi": "Dimensi",
}


class CheckError(Exception):
    """The check itself could not run (Git failed, timeout); message in Indonesian."""


def _git(root: Path, *args: str, ok=(0,), env: dict | None = None) -> subprocess.CompletedProcess:
    """Git through the load stage's one runner (bytes, a time limit); other exit codes than ``ok`` are errors."""
    try:
        code, out, err = gitread.run_status(root, *args, timeout=120, env=env)
    except gitread.GitError as exc:
        raise CheckError(f"git {args[0]} gagal: {str(exc)[-500:]}") from None
    if code not in ok:
        raise CheckError(f"git {args[0]} gagal: {err[-500:]}")
    return subprocess.CompletedProcess(["git", *args], code, out, err)


def changed_paths(root: Path, branch: str, draft: str) -> list[str]:
    """The files a proposal changes, as Git names them (NUL-separated: any character survives)."""
    out = _git(root, "diff", "--name-only", "--no-renames", "-z", f"{branch}...{draft}").stdout
    return [p.decode("utf-8", errors="surrogateescape") for p in out.split(b"\0") if p]


def merged_commit(root: Path, branch: str, draft: str) -> tuple[str | None, list[str]]:
    """(a commit holding main merged with the proposal, []) or (None, the files in conflict).

    The commit is made with ``commit-tree`` and no branch points to it: nothing a user sees changes.
    """
    result = _git(root, "merge-tree", "--write-tree", "-z", "--name-only", branch, draft, ok=(0, 1))
    records = result.stdout.split(b"\0")
    tree = records[0].decode().strip()
    if result.returncode == 1:
        conflicts = []
        for record in records[1:]:
            if not record:
                break
            conflicts.append(record.decode("utf-8", errors="replace"))
        return None, conflicts
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="masterplan sunting",
        GIT_AUTHOR_EMAIL="sunting@localhost",
        GIT_COMMITTER_NAME="masterplan sunting",
        GIT_COMMITTER_EMAIL="sunting@localhost",
    )
    made = _git(root, "commit-tree", tree, "-p", branch, "-p", draft, "-m", "Pemeriksaan sebelum terbit", env=env)
    return made.stdout.decode().strip(), []


def run_check(folder: Path) -> list[str]:
    """``masterplan check`` in ``folder``: [] when it passes, else its problems (entries named)."""
    try:
        result = subprocess.run(
            [sys.executable, "-m", "masterplan.commands.cli", "check"],
            cwd=folder,
            capture_output=True,
            timeout=CHECK_TIMEOUT_S,
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        )
    except subprocess.TimeoutExpired:
        raise CheckError(f"pemeriksaan `masterplan check` tidak selesai dalam {CHECK_TIMEOUT_S} detik") from None
    if result.returncode == 0:
        return []
    text = (result.stdout + result.stderr).decode("utf-8", errors="replace")
    return problems_from(text, folder)


def problems_from(text: str, folder: Path) -> list[str]:
    """The ``file:line: message`` lines of a report, each with the entry it concerns; else its last lines."""
    problems = []
    for line in text.splitlines():
        found = PROBLEM_LINE.match(line.strip())
        if found:
            entry = entry_at(folder / found["file"], int(found["line"]), folder)
            where = f"{found['file']}:{found['line']}" + (f" ({entry})" if entry else "")
            problems.append(f"{where}: {found['message']}")
    if problems:
        return problems
    lines = [
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith(("Traceback", "  File"))
    ]
    return lines[-5:] or ["pemeriksaan gagal tanpa pesan"]


def status(failed_commit: str = "", problems: list[str] | None = None, refused: dict | None = None) -> dict:
    """What the form editor's banner shows (macros/sunting/status.js reads ``status-sesi.json``):
    the failed build of the default branch and its problems, and the last refused publish."""
    failed = {"commit": failed_commit[:8], "masalah": problems} if problems else None
    return {"situs_gagal": failed, "penerbitan_ditolak": refused}


# ------------------------------------------------------------------ which entry a line is in

MAX_DEPTH = 8  # data files nest a few levels; a recursive alias must not loop


def entry_at(path: Path, line: int, folder: Path) -> str:
    """The entry of a data file that holds ``line`` (1-based), as the form editor names it:
    "Program GOV-02 Pusat Data", "Evaluasi 2025 Tahap I › rekomendasi 1". Empty when unknown.
    Only a regular file inside ``folder`` is read (the names come from a report)."""
    if (
        path.suffix not in (".yml", ".yaml")
        or path.is_symlink()
        or not path.is_file()
        or not path.resolve().is_relative_to(folder.resolve())
    ):
        return ""
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (yaml.YAMLError, OSError, UnicodeDecodeError):
        return ""
    names: list[str] = []
    for _ in range(MAX_DEPTH):
        if not isinstance(node, yaml.MappingNode):
            break
        key, value = next(((k, v) for k, v in node.value if _holds(k, v, line - 1)), (None, None))
        if key is None:
            break
        if isinstance(value, yaml.SequenceNode):
            index, item = next(((i, v) for i, v in enumerate(value.value) if _holds(v, v, line - 1)), (None, None))
            if not isinstance(item, yaml.MappingNode):
                break  # a list of codes or words: the entry that holds it is named already
            title = LIST_TITLES.get(key.value, str(key.value).replace("_", " "))
            names.append(f"{title} {_item_name(item) or (index or 0) + 1}")
            node = item
        else:
            node = value
    return " › ".join(names)


def _holds(first, last, row: int) -> bool:
    return first.start_mark.line <= row and (
        row < last.end_mark.line
        or (row == last.end_mark.line and last.end_mark.column > 0)
        or first.start_mark.line == row
    )


def _item_name(item) -> str:
    if not isinstance(item, yaml.MappingNode):
        return ""
    fields = {k.value: v.value for k, v in item.value if isinstance(v, yaml.ScalarNode)}
    if fields.get("id"):
        return " ".join(str(fields[k]) for k in ("id", "nama") if fields.get(k))
    if fields.get("tahun"):
        return " ".join(str(fields[k]) for k in ("tahun", "tahap") if fields.get(k))
    return ""
