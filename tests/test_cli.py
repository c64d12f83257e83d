"""The `masterplan` command: exit codes and messages as editors see them."""

from __future__ import annotations

import json
import subprocess
import sys

from fixtures import REPO, dump, region, write_region


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "masterplan.cli", *args], cwd=cwd, capture_output=True, text=True, env={"PYTHONPATH": str(REPO / "scripts"), "PATH": "/usr/bin:/bin"})


def test_check_valid_exits_zero(tmp_path):
    write_region(tmp_path)
    result = run("check", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("Data valid: 3 OPD, 12 program, 6 dimensi.")


def test_check_invalid_exits_one_without_traceback(tmp_path):
    text = dump(region()["opd.yml"]).replace("singkatan: DLH", "singkatan: [DLH", 1)
    write_region(tmp_path, texts={"opd.yml": text})
    result = run("check", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("data/opd.yml:")
    assert "Traceback" not in result.stdout + result.stderr
    assert "1 masalah ditemukan" in result.stdout


def test_check_github_annotations(tmp_path):
    text = dump(region()["opd.yml"]).replace("  singkatan: DLH\n", "  singkatan: DLH\n  warna: hijau\n", 1)
    write_region(tmp_path, texts={"opd.yml": text})
    result = run("check", "--format", "github", cwd=tmp_path)
    line = text[: text.index("  warna")].count("\n") + 1
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith(f"::error file=data/opd.yml,line={line}::kunci `warna` tidak dikenal")


def test_schema_export(tmp_path):
    result = run("schema", "--out", str(tmp_path / "s"), cwd=tmp_path)
    assert result.returncode == 0
    program = json.loads((tmp_path / "s" / "program.schema.json").read_text(encoding="utf-8"))
    assert "dimensi" in program["properties"]
    assert program["$defs"]["Program"]["properties"]["horizon"]["description"].startswith("`quick-win`")
    assert len(list((tmp_path / "s").glob("*.schema.json"))) == 8


def test_render_writes_plain_markdown(tmp_path):
    write_region(tmp_path)
    result = run("render", "--docs", str(REPO / "docs"), "--macros", str(REPO / "macros"), "--out", "md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "md/program/gov-01.md").read_text(encoding="utf-8").startswith("# Program Tata Kelola Pemerintahan 1")
