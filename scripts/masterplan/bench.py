"""``masterplan bench``: build speed and memory at several sizes, against the baseline PDF engine.

Each size gets a synthetic project (see :mod:`synthetic`); the real ``mkdocs build``
runs in a subprocess whose whole process tree is sampled for memory. The baseline,
mkdocs-pdf-export-plugin, typesets the same content in the same run.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from . import pipeline, render, synthetic


class TreeMemory:
    """Peak summed RSS of a process and all its descendants, sampled from /proc."""

    def __init__(self, pid: int, interval: float = 0.05):
        self.pid, self.interval, self.peak = pid, interval, 0
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
            self.peak = max(self.peak, self._tree_rss())
            time.sleep(self.interval)

    def _tree_rss(self) -> int:
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
        total = 0
        for pid in tree:
            try:
                status = Path(f"/proc/{pid}/status").read_text()
                total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) * 1024
            except (OSError, AttributeError):
                continue
        return total


def _env(**extra) -> dict:
    # No PDF cache: every size is typeset from scratch, so the figures are honest.
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", MASTERPLAN_NO_CACHE="1", **extra)


def timed_build(project: Path, config: str = "mkdocs.yml") -> dict:
    timings_file = project / "timings.json"
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-f", config], cwd=project, env=_env(MASTERPLAN_TIMINGS=str(timings_file)),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    with TreeMemory(proc.pid) as memory:
        _, stderr = proc.communicate()
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"mkdocs build gagal di {project}:\n{stderr[-2000:]}")
    result = json.loads(timings_file.read_text()) if timings_file.exists() else {}
    result.update(wall_s=wall, peak_rss_mb=memory.peak / 1024 / 1024)
    return result


def baseline_build(project: Path) -> dict:
    """The same content through mkdocs-pdf-export-plugin (one combined PDF of the themed pages)."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("  - masterplan:\n", "  - pdf-export:\n      combined: true\n  - masterplan:\n", 1)
    text = re.sub(r"\n      books:\n(?:        .*\n|          .*\n)+", "\n      books: []\n", text)  # only the baseline makes PDFs here
    (project / "mkdocs-baseline.yml").write_text(text.replace("strict: true", "strict: false"), encoding="utf-8")
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", "mkdocs-baseline.yml", "-d", "site-baseline"], cwd=project,
                            env=_env(), capture_output=True, text=True)
    wall = time.perf_counter() - started
    found = re.search(r"Converting (\d+) files to PDF took ([\d.]+)s", result.stdout + result.stderr)
    pdf = project / "site-baseline" / "pdf" / "combined.pdf"
    pages = _pages(pdf) if pdf.exists() else 0
    seconds = float(found.group(2)) if found else wall
    return {"wall_s": wall, "pdf_s": seconds, "pages": pages, "ms_per_page": 1000 * seconds / pages if pages else None,
            "exit": result.returncode, "errors": len(re.findall(r"^ERROR", result.stdout + result.stderr, re.M))}


def _pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def stage_times(project: Path) -> dict:
    """Validation and rendering alone, in this process."""
    started = time.perf_counter()
    plan, problems = pipeline.check(project / "data", project)
    validated = time.perf_counter()
    if plan is None:
        raise RuntimeError(f"data sintetis tidak valid: {problems[:3]}")
    view = pipeline.prepare(project / "data", project)
    derived = time.perf_counter()
    render.render_all(view, project / "docs", project / "macros", render.default_options(), project)
    rendered = time.perf_counter()
    return {"validate_s": validated - started, "render_s": rendered - derived}


def serve_rebuild(project: Path, port: int) -> float | None:
    """Seconds from a one-line data edit until `mkdocs serve` shows it."""
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=project,
                            env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/program/gov-001.html"
    try:
        if not _wait_for(url, lambda body: "GOV-001" in body, 180):
            return None
        data_file = project / "data/program/governance.yml"
        text = data_file.read_text(encoding="utf-8")
        marker = "Program diperbarui untuk uji kecepatan"
        data_file.write_text(text.replace("deskripsi: ", f"deskripsi: {marker}. ", 1), encoding="utf-8")
        started = time.perf_counter()
        if not _wait_for(url, lambda body: marker in body, 120):
            return None
        return time.perf_counter() - started
    finally:
        proc.terminate()
        proc.wait(timeout=30)


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


def run(sizes: list[int], repo: Path, out: Path, baseline: bool = True, serve: bool = True, sample: bool = True) -> dict:
    work = Path(tempfile.mkdtemp(prefix="masterplan-bench-"))
    report: dict = {"machine": {"cpus": os.cpu_count()}, "sizes": [], "sample": None, "baseline": None}
    if sample:
        sample_dir = work / "sample"
        for folder in ("data", "docs", "macros"):
            import shutil
            shutil.copytree(repo / folder, sample_dir / folder)
        (sample_dir / "mkdocs.yml").write_text((repo / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
        report["sample"] = timed_build(sample_dir)
    for n in sizes:
        project = synthetic.write_project(work / f"n{n}", n, repo)
        entry = {"programmes": n, **stage_times(project), "build": timed_build(project)}
        report["sizes"].append(entry)
        if baseline and n == min(sizes):
            report["baseline"] = {"programmes": n, **baseline_build(project)}
    if serve and sizes:
        report["serve_rebuild_s"] = serve_rebuild(work / f"n{min(sizes)}", _free_port())
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    return report


def pdf_ms_per_page(build: dict) -> float | None:
    pdfs = build.get("pdfs") or []
    pages = sum(p["pages"] for p in pdfs)
    return 1000 * sum(p["seconds"] for p in pdfs) / pages if pages else None


def verdict(value: float | None, target: float, smaller_is_better: bool = True, why: str = "") -> str:
    """'tercapai' or by how much the target is missed, with the reason."""
    if value is None:
        return "tidak terukur"
    met = value <= target if smaller_is_better else value >= target
    if met:
        return "tercapai"
    factor = value / target if smaller_is_better else target / value
    return f"MELESET {factor:.1f}x; {why}"


WHY_PDF = ("menurut profil, waktu WeasyPrint habis untuk tata letak tabel dan menggambar teks baris demi baris; "
           "buku II dan lampiran berisi tabel program yang padat di hampir setiap halaman")
WHY_RATIO = ("pembanding hanya mencetak halaman yang ada di navigasi (halaman situs bertema, sebagian besar sedikit teks), "
             "sedangkan buku kami padat tabel; isi per halaman yang dibandingkan tidak setara")
WHY_SERVE = ("MkDocs dan Material membangun ulang semua halaman dan indeks pencarian pada setiap perubahan; "
             "tahap masterplan sendiri (muat, validasi, render) memakan kurang dari 1 s")


def table(report: dict) -> str:
    rows = ["ukuran | validasi s | render s | build total s | PDF ms/hal | halaman PDF | RSS puncak MB | s/program"]
    rows.append("---|---|---|---|---|---|---|---")
    for e in report["sizes"]:
        b = e["build"]
        pages = sum(p["pages"] for p in b.get("pdfs", []))
        rows.append(f"{e['programmes']} | {e['validate_s']:.2f} | {e['render_s']:.2f} | {b['wall_s']:.1f} | {pdf_ms_per_page(b) or 0:.0f} | {pages} | {b['peak_rss_mb']:.0f} | {b['wall_s'] / e['programmes']:.3f}")
    lines = ["\n".join(rows), "", "Target:"]
    if report.get("sample"):
        s = report["sample"]
        lines.append(f"- sampel Buleleng, build lengkap (situs + 4 PDF) {s['wall_s']:.1f} s, target <= 10 s: {verdict(s['wall_s'], 10)}")
    sizes = report["sizes"]
    if sizes:
        worst = max(pdf_ms_per_page(e["build"]) or 0 for e in sizes)
        lines.append(f"- PDF paling lambat {worst:.0f} ms/hal, target <= 40 ms/hal: {verdict(worst, 40, why=WHY_PDF)}")
        big = max(sizes, key=lambda e: e["programmes"])
        lines.append(f"- {big['programmes']} program: {big['build']['wall_s']:.0f} s (target <= 180 s: {verdict(big['build']['wall_s'], 180)}), "
                     f"RSS puncak {big['build']['peak_rss_mb']:.0f} MB (target <= 2048 MB: {verdict(big['build']['peak_rss_mb'], 2048)})")
        per = [e["build"]["wall_s"] / e["programmes"] for e in sizes]
        flat = per[-1] <= per[0] * 1.2
        lines.append(f"- biaya per program {per[0]:.3f} s -> {per[-1]:.3f} s: {'datar atau turun, tercapai' if flat else 'MELESET: naik'}")
    base = report.get("baseline")
    if base and base.get("ms_per_page") and sizes:
        ours = pdf_ms_per_page(sizes[0]["build"])
        ratio = base["ms_per_page"] / ours
        lines.append(f"- pembanding mkdocs-pdf-export-plugin ({base['programmes']} program): {base['pages']} hal, {base['ms_per_page']:.0f} ms/hal, "
                     f"{base['errors']} ERROR; kami {ours:.0f} ms/hal = {ratio:.1f}x lebih cepat, target >= 10x: {verdict(ratio, 10, False, WHY_RATIO)}")
    if "serve_rebuild_s" in report:
        value = report["serve_rebuild_s"]
        lines.append(f"- mkdocs serve, rebuild setelah edit satu baris: {value if value is not None else float('nan'):.2f} s, target <= 2 s: {verdict(value, 2, why=WHY_SERVE)}")
    return "\n".join(lines)
