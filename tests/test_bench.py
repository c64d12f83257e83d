"""Smoke test of the benchmark at a tiny size: every figure is produced (timings are never asserted)."""

from __future__ import annotations

import json
import subprocess
import sys

from fixtures import REPO


def test_bench_produces_all_figures(tmp_path):
    result = subprocess.run([sys.executable, "-m", "masterplan.cli", "bench", "--sizes", "6,12", "--out", str(tmp_path)],
                            cwd=REPO, capture_output=True, text=True, timeout=900, env={**__import__("os").environ, "PYTHONPATH": str(REPO / "scripts")})
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads((tmp_path / "bench.json").read_text(encoding="utf-8"))
    assert [e["programmes"] for e in report["sizes"]] == [6, 12]
    for entry in report["sizes"]:
        assert entry["validate_s"] > 0 and entry["render_s"] > 0
        build = entry["build"]
        assert build["wall_s"] > 0 and build["peak_rss_mb"] > 50
        assert len(build["pdfs"]) == 4 and all(p["pages"] > 0 and p["seconds"] > 0 for p in build["pdfs"])
    assert report["sample"]["programmes"] >= 48 and len(report["sample"]["pdfs"]) == 4
    assert report["baseline"]["pages"] > 0 and report["baseline"]["ms_per_page"] > 0
    assert report["serve_rebuild_s"] is not None and report["serve_rebuild_s"] > 0
    for label in ("ukuran", "sampel Buleleng", "pembanding mkdocs-pdf-export-plugin", "mkdocs serve", "biaya per program"):
        assert label in result.stdout
