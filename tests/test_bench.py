"""Smoke test of the benchmark at a tiny size: every figure is produced (timings are never asserted)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from fixtures import REPO


@pytest.mark.bench  # opt-in (`-m bench`): the whole benchmark, with the baseline engine; tests/test_bench_smoke.py runs in the default suite
def test_bench_produces_all_figures(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "masterplan.commands.cli", "bench", "--sizes", "6,12", "--out", str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
        env={**__import__("os").environ, "PYTHONPATH": str(REPO / "scripts")},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads((tmp_path / "bench.json").read_text(encoding="utf-8"))
    assert (
        report["machine"]["cpus"] >= 1
        and len(report["machine"]["load"]) == 3
        and len(report["machine"]["load_after"]) == 3
    )
    assert [e["programmes"] for e in report["sizes"]] == [6, 12]
    for entry in report["sizes"]:
        assert entry["validate_s"] > 0 and entry["render_s"] > 0
        build = entry["build"]
        assert build["wall_s"] > 0 and build["cpu_s"] > 0 and build["peak_pss_mb"] > 50
        assert build["peak_rss_mb"] >= build["peak_pss_mb"]  # shared pages count once per process in RSS
        assert len(build["pdfs"]) == 4 and all(p["pages"] > 0 and p["seconds"] > 0 for p in build["pdfs"])
        only = entry["books_only"]
        assert only["pages"] == sum(p["pages"] for p in build["pdfs"])
        assert only["wall_s"] > 0 and only["cpu_s"] > 0 and only["ms_per_page"] > 0
    assert report["sample"]["programmes"] >= 48 and len(report["sample"]["pdfs"]) == 4
    assert report["sample"]["books_only"]["pages"] > 0
    assert report["sample"]["offline"]["home_gzip_bytes"] > 10_000 and report["sample"]["offline"]["kept_files"] > 20
    assert report["baseline"]["project"] == "sampel"
    assert report["baseline"]["pages"] > 0 and report["baseline"]["ms_per_page"] > 0
    revision = report["revision"]  # the 12-programme project as a draft amendment of its tagged self
    assert revision["programmes"] == 12 and revision["changes"] > 6 * 2 + 1 and revision["compare_cpu_s"] > 0
    assert revision["word_annex_cpu_s"] > 0 and revision["word_annex_bytes"] > 10_000
    assert (
        revision["open_data_added_cpu_s"] > 0 and revision["open_data_files"] == 22
    )  # the draft's and the enacted version's files
    serve = report["serve_rebuild"]
    assert (
        serve is not None
        and len(serve["all_s"]) == 3
        and serve["median_s"] > 0
        and len(serve["all_cpu_s"]) == 3
        and serve["median_cpu_s"] > 0
    )
    for label in (
        "nproc",
        "beban rata-rata",
        "ukuran",
        "PSS puncak",
        "biaya PDF per halaman",
        "target datar dalam 20 %",
        "pembanding mkdocs-pdf-export-plugin pada sampel",
        "target >= 10x",
        "build lengkap (situs + 4 PDF)",
        "target <= 10 s",
        "target < 512 MiB",
        "mkdocs serve",
        "target <= 0.6 s",
        "perbandingan dua versi 12 program",
        "target < 20 %",
        "lampiran Word 12 program",
        "kunjungan pertama beranda di ponsel",
        "target <= 100 KB",
        "simpanan luring halaman nav",
        "target <= 5 MB",
        "data terbuka Satu Data 12 program",
        "target <= 10 %",
    ):
        assert label in result.stdout, label
    targets = [line for line in result.stdout.splitlines() if line.startswith("- ") and "target" in line]
    assert len(targets) == 9
    assert all(line.rstrip().endswith("tercapai") or "MELESET" in line for line in targets), targets


def test_synthetic_data_is_valid_and_sets_every_field(tmp_path):
    """The benchmark must exercise full tables: every optional field of a programme and an evaluation is set."""
    from masterplan import schema
    from masterplan.commands import synthetic
    from masterplan.derive import pipeline

    project = synthetic.write_project(tmp_path / "n30", 30, REPO)
    plan, problems = pipeline.check(project / "data", project)
    assert problems == [] and plan is not None
    files = synthetic.data_files(30)
    programmes = [p for rel, f in files.items() if rel.startswith("program/") for p in f["program"]]
    assert len(programmes) == 30
    for programme in programmes:
        missing = set(schema.Program.model_fields) - {k for k, v in programme.items() if v is not None}
        assert not missing, (programme["id"], missing)
    assert any(p["tahun_quick_win"] for p in programmes) and all(
        p["indikator"] and p["sumber_dana"] for p in programmes
    )
    indicator_fields = (
        set(schema.Indikator.model_fields) - set(schema.WhyEmpty.model_fields) - {"produsen"}
    )  # the producer is the programme's OPD
    assert all(indicator_fields <= set(i) for p in programmes for i in p["indikator"])
    for evaluation in files["monev.yml"]["evaluasi"]:
        assert set(schema.Evaluasi.model_fields) == {k for k, v in evaluation.items() if v is not None}
    assert set(schema.MonevFile.model_fields) == set(files["monev.yml"])
