"""``masterplan bench``: build speed and memory at several sizes, against the baseline PDF engine.

Each size gets a synthetic project (see :mod:`synthetic`); the real ``mkdocs build``
runs in a subprocess whose whole process tree is sampled for memory. The baseline,
mkdocs-pdf-export-plugin, typesets the same content in the same run.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from ..derive import pipeline, views
from ..errors import MasterplanError
from ..render import stages, templates
from . import banding as banding_stage
from . import synthetic
from .banding import children_cpu


class TreeMemory:
    """Peak memory of a process and all its descendants, sampled from /proc.

    Two sums are kept: PSS (proportional set size: a page shared by several processes,
    such as the parent's memory in a forked PDF worker, is split between them, so the
    sum is the memory the tree really uses) and plain RSS (which counts shared pages
    once per process, so it overstates a forked tree). Targets use PSS.
    """

    def __init__(self, pid: int, interval: float = 0.05):
        self.pid, self.interval, self.peak, self.peak_rss = pid, interval, 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _run(self):
        while not self._stop.is_set():
            pss, rss = self._tree_memory()
            self.peak, self.peak_rss = max(self.peak, pss), max(self.peak_rss, rss)
            time.sleep(self.interval)

    def _tree(self) -> set[int]:
        parents: dict[int, int] = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
                parents[int(stat.parent.name)] = int(fields[1])
            except (OSError, IndexError, ValueError):
                continue
        tree, frontier = {self.pid}, [self.pid]
        while frontier:
            current = frontier.pop()
            children = [p for p, parent in parents.items() if parent == current]
            tree.update(children)
            frontier.extend(children)
        return tree

    def _tree_memory(self) -> tuple[int, int]:
        pss = rss = 0
        for pid in self._tree():
            try:
                rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
            except OSError:
                continue
            pss += _kib(r"^Pss:\s+(\d+)", rollup) * 1024
            rss += _kib(r"^Rss:\s+(\d+)", rollup) * 1024
        return pss, rss


def _kib(pattern: str, rollup: str) -> int:
    found = re.search(pattern, rollup, re.M)
    return int(found.group(1)) if found else 0


def machine() -> dict:
    return {"cpus": os.cpu_count(), "load": [round(x, 2) for x in os.getloadavg()]}


def _env(**extra) -> dict:
    # No PDF cache: every size is typeset from scratch, so the figures are honest.
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", MASTERPLAN_NO_CACHE="1", **extra)


def timed_build(project: Path, config: str = "mkdocs.yml") -> dict:
    timings_file = project / "timings.json"
    load = os.getloadavg()[0]
    cpu, started = children_cpu(), time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "-f", config],
        cwd=project,
        env=_env(MASTERPLAN_TIMINGS=str(timings_file)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    with TreeMemory(proc.pid) as memory:
        _, stderr = proc.communicate()
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"mkdocs build gagal di {project}:\n{stderr[-2000:]}")
    result = json.loads(timings_file.read_text()) if timings_file.exists() else {}
    result.update(
        wall_s=wall,
        cpu_s=children_cpu() - cpu,
        load_before=load,
        peak_pss_mb=memory.peak / 1024 / 1024,
        peak_rss_mb=memory.peak_rss / 1024 / 1024,
    )
    return result


BOOKS_ONLY = """
import json, sys, time
from pathlib import Path
from masterplan.books import typesetting
from masterplan.render import stages
import resource
from mkdocs.config import load_config
root = Path(sys.argv[1])
plugin = load_config(config_file=str(root / "mkdocs.yml")).plugins["masterplan"]  # the books exactly as the build sees them
rendered = stages.run(stages.Sources.at(root))  # the same stages as every build
view, pages = rendered.view, rendered.pages
plugin.view = view
from masterplan.site import bookrun
specs = bookrun.specs(plugin.config.books, view)
jobs = typesetting.BookJobs()
def cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + usage.ru_utime + usage.ru_stime
cpu_before, started = cpu(), time.perf_counter()
jobs.start(specs, pages, view, root / "docs", root / "macros" / "print", root / "pdf-only")
results = jobs.results()
wall, cpu_s = time.perf_counter() - started, cpu() - cpu_before
print(json.dumps({"wall_s": wall, "cpu_s": cpu_s, "pages": sum(r.pages for r in results), "books": [[r.spec.file, r.pages, r.seconds] for r in results]}))
"""


def books_only(project: Path) -> dict:
    """The PDF stage alone, as the build runs it (all books in parallel): wall and CPU time per page."""
    result = subprocess.run(
        [sys.executable, "-c", BOOKS_ONLY, str(project)], cwd=project, env=_env(), capture_output=True, text=True
    )
    if result.returncode != 0:
        raise RuntimeError(f"PDF gagal di {project}:\n{result.stderr[-2000:]}")
    found = json.loads(result.stdout.strip().splitlines()[-1])
    found.update(
        ms_per_page=1000 * found["wall_s"] / found["pages"], cpu_ms_per_page=1000 * found["cpu_s"] / found["pages"]
    )
    return found


def baseline_build(project: Path) -> dict:
    """The same content through mkdocs-pdf-export-plugin (one combined PDF of the themed pages)."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("  - masterplan:\n", "  - pdf-export:\n      combined: true\n  - masterplan:\n", 1)
    text = re.sub(
        r"\n      books:\n(?:        .*\n|          .*\n)+", "\n      books: []\n", text
    )  # only the baseline makes PDFs here
    (project / "mkdocs-baseline.yml").write_text(text.replace("strict: true", "strict: false"), encoding="utf-8")
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", "mkdocs-baseline.yml", "-d", "site-baseline"],
        cwd=project,
        env=_env(),
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - started
    found = re.search(r"Converting (\d+) files to PDF took ([\d.]+)s", result.stdout + result.stderr)
    pdf = project / "site-baseline" / "pdf" / "combined.pdf"
    pages = _pages(pdf) if pdf.exists() else 0
    seconds = float(found.group(2)) if found else wall
    return {
        "wall_s": wall,
        "pdf_s": seconds,
        "pages": pages,
        "ms_per_page": 1000 * seconds / pages if pages else None,
        "exit": result.returncode,
        "errors": len(re.findall(r"^ERROR", result.stdout + result.stderr, re.M)),
    }


def _pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def stage_times(project: Path) -> dict:
    """The engine-neutral stages alone, in this process: the same run as every build (render/stages.py)."""
    timings: dict = {}
    try:
        stages.run(stages.Sources.at(project), timings)
    except MasterplanError as exc:
        raise RuntimeError(f"data sintetis tidak valid: {exc.problems[:3]}") from None
    return {
        "validate_s": timings["validate_s"],
        "render_s": timings["render_s"],
        "derive_s": timings["derive_s"],
        "history_s": timings["history_s"],
    }


def _git(project: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(project), *args],
        check=True,
        capture_output=True,
        env=dict(
            os.environ,
            GIT_AUTHOR_NAME="bench",
            GIT_AUTHOR_EMAIL="bench@example.org",
            GIT_COMMITTER_NAME="bench",
            GIT_COMMITTER_EMAIL="bench@example.org",
        ),
    )


def _tag_as_enacted(project: Path) -> None:
    """Commits the project as it is and tags it as the enacted text (``synthetic.ENACTED_TAG``)."""
    _git(project, "init", "-q")
    _git(project, "add", "data", "docs")
    _git(project, "commit", "-q", "-m", "enacted")
    _git(project, "tag", synthetic.ENACTED_TAG)


def enacted_only_times(project: Path, n: int) -> dict:
    """A region with one enacted version and no amendment in progress (a copy of the ``n``-programme project), in CPU
    seconds: what its open data adds to a build, on the first build after enacting (the version made from its Git tag)
    and on every later one (its files read from the store the first build wrote; derive/versioncache.py)."""
    from ..derive import versioncache, versions
    from ..render import opendata, opendata_monev

    copy = project.parent / f"{project.name}-ditetapkan"
    for folder in ("data", "docs"):
        shutil.copytree(project / folder, copy / folder)
    _tag_as_enacted(copy)
    synthetic.write_data(copy, synthetic.enacted_files(n))
    view = views.derive(pipeline.validated(copy / "data", copy))
    cpu = lambda: time.process_time() + children_cpu()  # noqa: E731 - git runs in child processes
    store = versioncache.VersionStore(copy / ".cache" / "masterplan-data")
    found = {}
    for when in ("first", "later"):
        versions.forget_enacted()  # as a fresh build process: only the store on disk is shared
        before = cpu()
        view.open_data = versions.open_data_versions(view, copy, "data", "docs", store)
        opendata.files(view, "https://data.contoh.go.id/")
        found[when] = cpu() - before
    before = cpu()
    opendata.to_csv(view), opendata.to_json(view), opendata_monev.files(view.monev)
    earlier = cpu() - before  # the files every build wrote before the open data grew
    shutil.rmtree(copy, ignore_errors=True)
    return {
        "programmes": n,
        "first_added_cpu_s": found["first"] - earlier,
        "later_added_cpu_s": found["later"] - earlier,
    }


def revision_times(project: Path, n: int) -> dict:
    """A draft amendment of the ``n``-programme project against its tagged self: the comparison stage
    (reading the tag from Git, validating it, comparing) and the Word annex, in CPU seconds."""
    from ..books import typesetting, worddocs

    _tag_as_enacted(project)
    synthetic.write_data(project, synthetic.amendment_files(n))
    plan, problems = pipeline.check(project / "data", project)
    if plan is None:
        raise RuntimeError(f"data perubahan sintetis tidak valid: {problems[:3]}")
    view = views.derive(plan)
    cpu = lambda: time.process_time() + children_cpu()  # noqa: E731 - git runs in child processes
    before = cpu()
    comparison = pipeline.compare_enacted(view, project, project / "data", project / "docs")
    compare_cpu = cpu() - before
    if comparison is None:
        raise RuntimeError("perubahan sintetis tidak dibandingkan dengan versi yang ditetapkan")
    view.comparison = comparison
    pages = templates.render_all(view, project / "docs", project / "macros", templates.default_options(), project)
    chapters = [
        typesetting.to_chapter(pages[name], i)
        for i, name in enumerate(typesetting.chapter_files(project / "docs", "buku-2"))
    ]
    before = cpu()
    worddocs.annex(chapters, view, project / "docs", project / "lampiran.docx", typesetting.pdf_date(view))
    word_cpu = cpu() - before
    return {
        "compare_cpu_s": compare_cpu,
        "changes": comparison.count,
        "rows": len(comparison.rows),
        "word_annex_cpu_s": word_cpu,
        "word_annex_bytes": (project / "lampiran.docx").stat().st_size,
        **open_data_times(view, project, cpu),
    }


def open_data_times(view, project: Path, cpu) -> dict:
    """What the Satu Data open data adds to a build of a draft amendment with one enacted version, in CPU seconds:
    deriving the enacted tag (read once, by the comparison timed above), its files, the indicator files, the data
    packages and the DCAT catalogue. The files every build wrote before (programme, evaluation and change lists)
    are timed apart and left out."""
    from ..derive import versions
    from ..render import changedata, opendata, opendata_monev

    versions.forget_enacted(
        keep_revisions=True
    )  # the tag's derived view, as a fresh build process; its text was read by the comparison above, as in a build
    before = cpu()
    view.open_data = versions.open_data_versions(view, project, "data", "docs")
    versions_cpu = cpu() - before
    before = cpu()
    files = opendata.files(view, "https://data.contoh.go.id/")
    files_cpu = cpu() - before
    before = cpu()
    opendata.to_csv(view), opendata.to_json(view), opendata_monev.files(view.monev), changedata.files(view.comparison)
    earlier_cpu = cpu() - before
    return {
        "open_data_versions_cpu_s": versions_cpu,
        "open_data_files_cpu_s": files_cpu,
        "open_data_earlier_files_cpu_s": earlier_cpu,
        "open_data_added_cpu_s": versions_cpu + files_cpu - earlier_cpu,
        "open_data_files": len(files),
        "open_data_bytes": sum(len(text.encode("utf-8")) for text in files.values()),
    }


def serve_rebuild(project: Path, port: int, edits: int = 3) -> dict | None:
    """Seconds from a one-line data edit until `mkdocs serve` shows it (median of several edits), and the CPU
    seconds the serve process spent meanwhile (steadier than the wall time on a busy machine)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/program/gov-001.html"
    data_file = project / "data/program/governance.yml"
    times, cpu = [], []
    try:
        if not _wait_for(url, lambda body: "GOV-001" in body, 180):
            return None
        for n in range(edits):
            time.sleep(1.0)  # let the previous reload settle
            marker = f"Program diperbarui untuk uji kecepatan nomor {n + 1}"
            text = data_file.read_text(encoding="utf-8")
            data_file.write_text(text.replace("deskripsi: ", f"deskripsi: {marker}. ", 1), encoding="utf-8")
            started, cpu_before = time.perf_counter(), _process_cpu(proc.pid)
            if not _wait_for(url, lambda body, m=marker: m in body, 120):
                return None
            times.append(time.perf_counter() - started)
            cpu.append(_process_cpu(proc.pid) - cpu_before)
        return {
            "median_s": banding_stage.median(times),
            "all_s": times,
            "median_cpu_s": banding_stage.median(cpu),
            "all_cpu_s": cpu,
        }
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _process_cpu(pid: int) -> float:
    """CPU seconds (user + system) of a running process and of its children it has waited for, from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return sum(int(v) for v in fields[11:15]) / os.sysconf("SC_CLK_TCK")  # utime, stime, cutime, cstime


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, ok, limit: float) -> bool:
    deadline = time.perf_counter() + limit
    while time.perf_counter() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if ok(response.read().decode("utf-8", "replace")):
                    return True
        except OSError:
            pass
        time.sleep(0.05)
    return False


def run(
    sizes: list[int],
    repo: Path,
    out: Path,
    baseline: bool = True,
    serve: bool = True,
    sample: bool = True,
    banding: str = "",
    banding_runs: int = 3,
) -> dict:
    work = Path(tempfile.mkdtemp(prefix="masterplan-bench-"))
    report: dict = {"machine": machine(), "sizes": [], "sample": None, "baseline": None}
    projects = {n: synthetic.write_project(work / f"n{n}", n, repo) for n in sizes}
    sample_dir = None
    if sample:
        sample_dir = work / "sample"
        for folder in ("data", "docs", "macros"):
            shutil.copytree(repo / folder, sample_dir / folder)
        shutil.copy(repo / "mkdocs.yml", sample_dir / "mkdocs.yml")
    # The two things compared by a ratio run back to back, so both see the same machine load.
    if sample_dir is not None:
        report["sample"] = {**timed_build(sample_dir), "books_only": books_only(sample_dir)}
        if baseline:
            report["baseline"] = {"project": "sampel", **baseline_build(sample_dir)}
    elif baseline and sizes:
        report["baseline"] = {"project": f"{min(sizes)} program", **baseline_build(projects[min(sizes)])}
    for n in sizes:
        project = projects[n]
        entry = {
            "programmes": n,
            **stage_times(project),
            "books_only": books_only(project),
            "build": timed_build(project),
        }
        report["sizes"].append(entry)
    if serve and sizes:
        report["serve_rebuild"] = serve_rebuild(projects[min(sizes)], _free_port())
    if sizes:
        report["enacted_only"] = enacted_only_times(projects[max(sizes)], max(sizes))
    if banding:
        report["banding"] = banding_stage.compare_revision(repo, banding, banding_runs)
    if sizes:  # last: it turns the biggest project into a draft amendment of itself
        report["revision"] = {"programmes": max(sizes), **revision_times(projects[max(sizes)], max(sizes))}
    report["machine"]["load_after"] = [round(x, 2) for x in os.getloadavg()]
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)
    return report
