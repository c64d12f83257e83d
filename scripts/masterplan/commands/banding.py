"""``masterplan bench --banding REV``: the sample's uncached build at an earlier Git revision, with that
revision's own code, beside the current one, so a slowdown is seen when it lands.

Both revisions are checked out as detached Git work trees (the build reads the change history from Git)
and built on this Python's packages, alternating, several times each; the medians of their CPU (the whole
process tree) and wall times, and the ratios, go into the bench's report. Both revisions' Python sources are
byte-compiled first, as an installed package's are: where ``PYTHONDONTWRITEBYTECODE`` is set, every build would
otherwise compile each module it imports again, a cost that grows with the lines of code, not with the build.

The current code also keeps its compiled Jinja templates between builds (``masterplan.templatecache``), as it does
on an editor's computer; the earlier revision may not. So the current revision is timed twice over: with the
templates its first build compiled (``current``: every build after the first, the figure judged), and with an
empty folder each time (``current_cold``: the first build after installing or upgrading), both reported.
"""

from __future__ import annotations

import compileall
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ..templatecache import SETTING as TEMPLATE_CACHE


def children_cpu() -> float:
    """CPU seconds (user + system) of the finished child processes of this one, their children included."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# The entry point MkDocs finds the plugin by, as the revision's own pyproject.toml names it.
_ENTRY_POINT = re.compile(r'\[project\.entry-points\."mkdocs\.plugins"\]\s*\nmasterplan\s*=\s*"([^"]+)"')


def _revision_tree(repo: Path, rev: str, into: Path) -> Path:
    """The repository at ``rev`` as a detached Git work tree (the build reads its history from Git)."""
    subprocess.run(
        ["git", "-C", str(repo), "worktree", "add", "--detach", "--quiet", str(into), rev],
        check=True,
        capture_output=True,
        text=True,
    )
    if (repo / "node_modules").is_dir():  # the form editor's npm packages, as installed here
        (into / "node_modules").symlink_to(repo / "node_modules")
    return into


def own_code(tree: Path, shim: Path) -> dict:
    """The environment in which ``mkdocs build`` runs ``tree``'s own package on this Python's packages: its
    scripts/ first on the path, and a distribution record naming its own plugin entry point (which moved when
    the package was split into stage folders), found before the installed one."""
    found = _ENTRY_POINT.search((tree / "pyproject.toml").read_text(encoding="utf-8"))
    if not found:
        raise RuntimeError(f"{tree}/pyproject.toml tidak menyebut titik masuk plugin MkDocs `masterplan`")
    record = shim / "masterplan-0.0.0.dist-info"
    record.mkdir(parents=True, exist_ok=True)
    (record / "METADATA").write_text("Metadata-Version: 2.1\nName: masterplan\nVersion: 0.0.0\n", encoding="utf-8")
    (record / "entry_points.txt").write_text(f"[mkdocs.plugins]\nmasterplan = {found.group(1)}\n", encoding="utf-8")
    return {"PYTHONPATH": os.pathsep.join([str(shim), str(tree / "scripts")])}


def byte_compile(*folders: Path) -> None:
    """Each folder's Python files compiled to ``__pycache__`` (as ``pip install`` does), so no timed build compiles them."""
    for folder in folders:
        compileall.compile_dir(str(folder), quiet=1)


def clean_build(project: Path, extra_env: dict | None = None) -> dict:
    """One uncached ``mkdocs build`` of ``project`` (site, PDF cache removed first): CPU of the process tree and wall seconds."""
    for folder in ("site", ".cache"):
        shutil.rmtree(project / folder, ignore_errors=True)
    cpu, started = children_cpu(), time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"],
        cwd=project,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1", MASTERPLAN_NO_CACHE="1", **(extra_env or {})),
        capture_output=True,
        text=True,
    )
    wall, cpu = time.perf_counter() - started, children_cpu() - cpu
    if result.returncode != 0:
        raise RuntimeError(f"mkdocs build gagal di {project}:\n{result.stderr[-2000:]}")
    return {"cpu_s": cpu, "wall_s": wall}


def compare_revision(repo: Path, rev: str, runs: int = 3) -> dict:
    """The sample's uncached full build at ``rev`` (its own code) beside the current one (the code installed
    here, the sample as committed at HEAD), both in Git work trees on the same Python packages, the two
    alternating so both see the same machine load: the medians and their ratios (current / earlier)."""
    work = Path(tempfile.mkdtemp(prefix="masterplan-banding-"))
    trees: list[Path] = []
    try:
        earlier = _revision_tree(repo, rev, work / "lama")
        trees.append(earlier)
        current = _revision_tree(repo, "HEAD", work / "kini")
        trees.append(current)
        earlier_env = own_code(earlier, work / "paket-lama")
        byte_compile(earlier / "scripts", Path(__file__).resolve().parents[1])  # its code, and the code installed here
        kept = {TEMPLATE_CACHE: str(work / "templat")}
        clean_build(current, kept)  # not timed: compiles the templates once, as an editor's first build does
        found: dict[str, list[dict]] = {"earlier": [], "current": [], "current_cold": []}
        for n in range(runs):
            empty = {TEMPLATE_CACHE: str(work / f"templat-kosong-{n}")}
            order = [("earlier", earlier, earlier_env), ("current", current, kept), ("current_cold", current, empty)]
            for name, tree, env in order if n % 2 == 0 else order[::-1]:
                found[name].append(clean_build(tree, env))
    finally:
        for tree in trees:
            subprocess.run(["git", "-C", str(repo), "worktree", "remove", "--force", str(tree)], capture_output=True)
        shutil.rmtree(work, ignore_errors=True)
    medians = {
        name: {key: median([r[key] for r in rows]) for key in ("cpu_s", "wall_s")} for name, rows in found.items()
    }
    return {
        "revision": rev,
        "runs": runs,
        **medians,
        "all": found,
        "cpu_ratio": medians["current"]["cpu_s"] / medians["earlier"]["cpu_s"],
        "wall_ratio": medians["current"]["wall_s"] / medians["earlier"]["wall_s"],
        "cold_cpu_ratio": medians["current_cold"]["cpu_s"] / medians["earlier"]["cpu_s"],
    }


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
