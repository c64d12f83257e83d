"""A small run of `masterplan bench` in the default suite: one tiny synthetic size, no baseline engine.

The whole benchmark (the sample, the baseline engine, `mkdocs serve`) is tests/test_bench.py, opt-in
with `-m bench`. Timings are never asserted, only that every figure of this run is produced.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from fixtures import REPO

pytestmark = pytest.mark.build


def test_bench_without_the_baseline_produces_its_figures(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "masterplan.commands.cli",
            "bench",
            "--sizes",
            "6",
            "--no-baseline",
            "--no-serve",
            "--no-sample",
            "--out",
            str(tmp_path),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PYTHONPATH": str(REPO / "scripts")},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads((tmp_path / "bench.json").read_text(encoding="utf-8"))
    assert report["baseline"] is None and report["sample"] is None  # nothing that needs the baseline engine ran
    assert [e["programmes"] for e in report["sizes"]] == [6]
    entry = report["sizes"][0]
    assert entry["validate_s"] > 0 and entry["render_s"] > 0
    build = entry["build"]
    assert build["wall_s"] > 0 and build["cpu_s"] > 0 and build["peak_rss_mb"] >= build["peak_pss_mb"] > 50
    assert len(build["pdfs"]) == 4 and all(p["pages"] > 0 for p in build["pdfs"])
    assert entry["books_only"]["pages"] == sum(p["pages"] for p in build["pdfs"])
    assert report["revision"]["programmes"] == 6 and report["revision"]["word_annex_bytes"] > 10_000
    assert "build lengkap (situs + 4 PDF)" in result.stdout and "Angka lengkap:" in result.stdout
