"""The `masterplan` command: exit codes and messages as editors see them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from fixtures import REPO, bare_env, dump, region, write_region

pytestmark = pytest.mark.slow  # each test runs the masterplan command in a subprocess


def run(*args, cwd):
    return subprocess.run(
        [sys.executable, "-m", "masterplan.commands.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=bare_env(),
    )


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
    assert result.stdout.splitlines()[0].startswith(
        f"::error file=data/opd.yml,line={line}::kunci `warna` tidak dikenal"
    )


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
    assert (
        (tmp_path / "md/program/gov-01.md")
        .read_text(encoding="utf-8")
        .startswith("# Program Tata Kelola Pemerintahan 1")
    )


def test_check_prints_the_completeness_line(tmp_path):
    from fixtures import partial_kota

    write_region(tmp_path, partial_kota())
    result = run("check", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Data valid: 2 OPD, 13 program, 6 dimensi."
    assert lines[1].startswith("Kelengkapan data ") and "0 dari 13 program lengkap." in lines[1]


def test_check_final_turns_open_fields_into_errors(tmp_path):
    from fixtures import partial_kota

    write_region(tmp_path, partial_kota())
    result = run("check", "--final", cwd=tmp_path)
    assert result.returncode == 1
    assert (
        "data/program/economy.yml:3: ECO-01 (Pembayaran Nontunai Pasar Rakyat): belum ditetapkan: deskripsi, elemen, OPD penanggung jawab"
        in result.stdout
    )
    assert "data/dimensi.yml:22: economy (Smart Economy): belum ditetapkan: uraian, tujuan" in result.stdout


def test_official_total_warning_does_not_fail_check(tmp_path):
    files = region()
    files["monev.yml"]["evaluasi"][0]["nilai_resmi"] = 2.9
    write_region(tmp_path, files)
    result = run("check", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("data/monev.yml:16: peringatan: nilai_resmi 2,9 berbeda 0,2 dari hasil hitung")
    assert "Data valid: 3 OPD, 12 program, 6 dimensi; 1 peringatan." in result.stdout
    github = run("check", "--format", "github", cwd=tmp_path)
    assert github.stdout.startswith("::warning file=data/monev.yml,line=16::nilai_resmi 2,9")


def test_new_region_validates_and_keeps_existing_data(tmp_path):
    answers = "Salatiga\nKOTA\nJawa Tengah\n2025\n2029\n"
    result = subprocess.run(
        [sys.executable, "-m", "masterplan.commands.cli", "baru", "wilayah"],
        cwd=tmp_path,
        input=answers,
        capture_output=True,
        text=True,
        env=bare_env(),
    )
    assert result.returncode == 0, result.stderr
    assert "Data Kota Salatiga 2025-2029 dibuat di data/." in result.stdout
    assert sorted(p.relative_to(tmp_path / "data").as_posix() for p in (tmp_path / "data").rglob("*.yml")) == [
        "dimensi.yml",
        "program/branding.yml",
        "program/economy.yml",
        "program/environment.yml",
        "program/governance.yml",
        "program/living.yml",
        "program/society.yml",
        "wilayah.yml",
    ]
    check = run("check", cwd=tmp_path)
    # A new region's six empty dimensions are warned about (issue 13), without failing the check.
    assert check.returncode == 0 and "Data valid: 0 OPD, 0 program, 6 dimensi; 6 peringatan." in check.stdout
    assert check.stdout.count("belum punya program") == 6
    again = subprocess.run(
        [sys.executable, "-m", "masterplan.commands.cli", "baru", "wilayah"],
        cwd=tmp_path,
        input=answers,
        capture_output=True,
        text=True,
        env=bare_env(),
    )
    assert again.returncode == 1
    assert "folder `data` sudah berisi data; tambahkan `--ganti`" in again.stderr


def test_new_region_with_a_wrong_period_writes_nothing(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "masterplan.commands.cli",
            "baru",
            "wilayah",
            "--nama",
            "Salatiga",
            "--jenis",
            "kota",
            "--provinsi",
            "Jawa Tengah",
            "--mulai",
            "2025",
            "--selesai",
            "2060",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=bare_env(),
    )
    assert result.returncode == 1
    assert "periode rencana induk paling lama 20 tahun" in result.stderr
    assert not (tmp_path / "data").exists() and not (tmp_path / "data.baru").exists()


CLICK_ENGLISH = (
    "Usage:",
    "Options:",
    "Commands:",
    "Show this message",
    "Show the version",
    "Error:",
    "Aborted",
    "Invalid value",
    "is not one of",
    "Try '",
    "[OPTIONS]",
    " TEXT",
    " PATH",
    " INTEGER",
)


def test_help_and_click_messages_are_indonesian(tmp_path):
    """Click's own words (help, usage, errors, an interrupted prompt) are Indonesian too, never mixed with English."""
    shown = []
    for args in (
        ["--help"],
        ["check", "--help"],
        ["baru", "wilayah", "--help"],
        ["baru", "program", "--help"],
        ["check", "--format", "x"],
        ["tidak-ada"],
        ["baru", "wilayah"],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "masterplan.commands.cli", *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            input="",
            env=bare_env(),
        )
        shown.append(result.stdout + result.stderr)
    text = "\n".join(shown)
    assert [w for w in CLICK_ENGLISH if w in text] == []
    assert (
        "Cara pakai: " in shown[0]
        and "[OPSI] PERINTAH [ARGUMEN]..." in shown[0]
        and "Tampilkan pesan ini lalu keluar." in shown[0]
    )
    assert "Galat: Nilai tidak sah untuk '--format': 'x' bukan salah satu dari 'text', 'github'." in shown[4]
    assert "Dibatalkan." in shown[6]
