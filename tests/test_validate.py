"""Every validation rule: a broken input, and the exact file, line and message it must get."""

from __future__ import annotations

import pytest

from fixtures import dump, region, write_region
from masterplan.derive import pipeline
from masterplan.framework import PREFIXES

GOV = "program/governance.yml"


def check(tmp_path, texts=None, files=None):
    data_dir = write_region(tmp_path, files=files, texts=texts)
    plan, problems = pipeline.check(data_dir, tmp_path)
    return plan, problems


def line_of(text: str, needle: str, nth: int = 1) -> int:
    start = -1
    for _ in range(nth):
        start = text.index(needle, start + 1)
    return text[:start].count("\n") + 1


def text_of(rel: str) -> str:
    return dump(region()[rel])


# (id, file, old text, new text, needle whose line is expected, expected message fragment)
CASES = [
    (
        "syntax",
        GOV,
        "  nama: Program Tata Kelola Pemerintahan 1\n",
        "  nama: [Program Tata Kelola\n",
        "  nama: [Program",
        "`[` yang dibuka di baris ini belum ditutup dengan `]`",
    ),
    (
        "unknown-key",
        GOV,
        "  opd: diskominfo\n",
        "  opdd: diskominfo\n",
        "  opdd:",
        "kunci `opdd` tidak dikenal. Mungkin maksud Anda `opd`?",
    ),
    (
        "duplicate-key",
        GOV,
        "  horizon: quick-win\n",
        "  horizon: quick-win\n  horizon: pendek\n",
        "  horizon: pendek",
        "kunci 'horizon' ditulis dua kali",
    ),
    (
        "missing-field",
        GOV,
        "  nama: Program Tata Kelola Pemerintahan 1\n",
        "",
        "- id: GOV-01",
        "kolom wajib `nama` belum diisi",
    ),
    (
        "wrong-type",
        GOV,
        "  anggaran: 500000000\n",
        "  anggaran: lima ratus juta\n",
        "  anggaran: lima",
        "`anggaran` harus berupa bilangan bulat",
    ),
    (
        "bad-enum",
        GOV,
        "  horizon: quick-win\n",
        "  horizon: kilat\n",
        "  horizon: kilat",
        "pilihan yang sah: `quick-win`, `pendek`, `menengah`, `panjang`",
    ),
    (
        "percent-range",
        GOV,
        "  progres: 40\n",
        "  progres: 140\n",
        "  progres: 140",
        "`progres` bernilai 140, padahal paling besar 100",
    ),
    (
        "year-outside-period",
        GOV,
        "  tahun_selesai: 2025\n",
        "  tahun_selesai: 2031\n",
        "  tahun_selesai: 2031",
        "tahun_selesai 2031 di luar periode rencana induk 2025-2029",
    ),
    (
        "start-after-end",
        GOV,
        "  tahun_mulai: 2025\n  tahun_selesai: 2025\n",
        "  tahun_mulai: 2027\n  tahun_selesai: 2026\n",
        "  tahun_selesai: 2026",
        "tahun_selesai 2026 lebih awal dari tahun_mulai 2027",
    ),
    (
        "dangling-opd",
        GOV,
        "  opd: diskominfo\n",
        "  opd: diskominfoo\n",
        "  opd: diskominfoo",
        "kode OPD `diskominfoo` tidak ada di `data/opd.yml`; mungkin maksud Anda `diskominfo`?",
    ),
    ("dangling-mission", GOV, "  misi:\n  - M1\n", "  misi:\n  - M9\n", "  - M9", "kode misi `M9` tidak ada"),
    (
        "element-of-other-dimension",
        GOV,
        "  elemen: manajemen-birokrasi\n",
        "  elemen: transportasi\n",
        "  elemen: transportasi",
        "elemen `transportasi` milik dimensi `living`, bukan `governance`",
    ),
    (
        "tag-refused",
        GOV,
        "  nama: Program Tata Kelola Pemerintahan 1\n",
        "  nama: !!python/object/apply:os.system [ls]\n",
        "  nama: !!python",
        "tidak diizinkan",
    ),
    ("bad-id-format", GOV, "- id: GOV-01\n", "- id: gov 1\n", "- id: gov 1", "Kode program ditulis seperti `GOV-01`"),
    (
        "target-year-outside",
        GOV,
        "      2026: 60\n",
        "      2036: 60\n",
        "      2036: 60",
        "tahun target 2036 di luar periode",
    ),
    (
        "status-progress",
        GOV,
        "  status: berjalan\n  progres: 40\n",
        "  status: selesai\n  progres: 40\n",
        "  progres: 40",
        "program berstatus `selesai` harus berprogres 100",
    ),
    (
        "link-scheme",
        "opd.yml",
        "  singkatan: DLH\n",
        "  singkatan: DLH\n  situs: javascript:alert(1)\n",
        "  situs: javascript",
        "Tautan harus diawali `https://`",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_each_rule_reports_file_and_line(tmp_path, case):
    _, rel, old, new, needle, fragment = case
    text = text_of(rel)
    assert old in text, "the fixture changed; update the case"
    broken = text.replace(old, new, 1)
    _, problems = check(tmp_path, texts={rel: broken})
    assert len(problems) == 1, problems
    problem = problems[0]
    assert problem.file == f"data/{rel}"
    assert problem.line == line_of(broken, needle)
    assert fragment in problem.message


def test_fixture_region_is_valid(tmp_path):
    plan, problems = check(tmp_path)
    assert [p for p in problems if not p.is_warning] == []
    assert plan.wilayah.wilayah.nama == "Salatiga"


def test_all_problems_reported_at_once(tmp_path):
    gov = (
        text_of(GOV)
        .replace("  opd: diskominfo\n", "  opd: tidak-ada\n", 1)
        .replace("  progres: 40\n", "  progres: -5\n", 1)
    )
    opd = "opd: [\n"
    _, problems = check(tmp_path, texts={GOV: gov, "opd.yml": opd})
    files = {p.file for p in problems}
    assert "data/program/governance.yml" in files and "data/opd.yml" in files
    assert any("paling kecil 0" in p.message for p in problems)


def test_each_dimension_needs_three_elements(tmp_path):
    files = region()
    files["dimensi.yml"]["dimensi"][0]["elemen"].pop()
    _, problems = check(tmp_path, files=files)
    assert any(p.file == "data/dimensi.yml" and "paling sedikit 3" in p.message for p in problems)
    line = line_of(dump(files["dimensi.yml"]), "  elemen:")
    assert any(p.line == line for p in problems)


def test_missing_dimension_is_reported(tmp_path):
    files = region()
    files["dimensi.yml"]["dimensi"][5]["id"] = "governance"
    _, problems = check(tmp_path, files=files)
    messages = " ".join(p.message for p in problems)
    assert "dimensi `environment` belum ada" in messages
    assert "dimensi `governance` dipakai dua kali" in messages


def test_official_total_beyond_rounding_is_a_warning_with_the_arithmetic(tmp_path):
    files = region()
    files["monev.yml"]["evaluasi"][0]["nilai_resmi"] = 2.75
    plan, problems = check(tmp_path, files=files)
    assert plan is not None, "an official figure is never rejected"
    assert [(p.file, p.line, p.severity) for p in problems] == [("data/monev.yml", 16, "peringatan")]
    assert problems[0].message == (
        "nilai_resmi 2,75 berbeda 0,05 dari hasil hitung skor unsur yang diumumkan "
        "(10% × 3 + 20% × 3 + 30% × 2 + 20% × 2 + 20% × 4 = 2,7); pembulatan angka yang diumumkan hanya menjelaskan "
        "selisih sampai 0,01. Nilai resmi tetap dipakai; periksa salinan skor dan bobot terhadap surat atau laporan resminya."
    )


@pytest.mark.parametrize("published", [2.69, 2.7, 2.71])
def test_official_total_within_rounding_passes_in_silence(tmp_path, published):
    files = region()
    files["monev.yml"]["evaluasi"][0]["nilai_resmi"] = published
    plan, problems = check(tmp_path, files=files)
    assert plan is not None and problems == []


def test_total_only_evaluation_and_dimension_indices_are_accepted(tmp_path):
    files = region()
    files["monev.yml"]["evaluasi"].append(
        {
            "tahun": 2026,
            "nilai_resmi": 2.9,
            "peringkat": 4,
            "cakupan_peringkat": "provinsi",
            "indeks_dimensi": {"governance": 2.75, "economy": 3.5},
        }
    )
    files["monev.yml"]["evaluasi"].append({"tahun": 2026, "tahap": "Tahap II", "nilai_resmi": 3.0})
    plan, problems = check(tmp_path, files=files)
    assert problems == [] and plan is not None


def test_same_evaluation_twice_names_both_and_asks_for_a_stage(tmp_path):
    files = region()
    files["monev.yml"]["evaluasi"].append({"tahun": 2025, "tahap": "Tahap I", "nilai_resmi": 2.9})
    _, problems = check(tmp_path, files=files)
    assert [p.message for p in problems] == [
        "evaluasi tahun 2025 Tahap I sudah ada (butir ke-1); bila ada beberapa tahap, isi `tahap` tiap butir."
    ]


def test_kota_has_no_village_fund(tmp_path):
    files = region()
    files["program/economy.yml"]["program"][0]["sumber_dana"] = ["APBD", "APBDes"]
    _, problems = check(tmp_path, files=files)
    assert [p.message for p in problems] == [
        "kota tidak mempunyai APBDes (dana desa); kelurahan dibiayai APBD. Hapus `APBDes` dari sumber dana."
    ]


def test_monev_weights_must_sum_to_100(tmp_path):
    files = region()
    files["monev.yml"]["evaluasi"][0]["bobot"] = {
        "baseline": 10,
        "output": 20,
        "outcome": 20,
        "impact": 20,
        "quick_win": 20,
    }
    files["monev.yml"]["evaluasi"][0].pop("nilai_resmi")
    _, problems = check(tmp_path, files=files)
    assert any("jumlah bobot 90" in p.message for p in problems)


def test_missing_required_file(tmp_path):
    data_dir = write_region(tmp_path)
    (data_dir / "dimensi.yml").unlink()
    _, problems = pipeline.check(data_dir, tmp_path)
    assert any(p.file == "data/dimensi.yml" and "berkas wajib" in p.message for p in problems)


def test_optional_files_may_be_missing(tmp_path):
    data_dir = write_region(tmp_path)
    for name in ("opd.yml", "visi-misi.yml", "analisis.yml", "peta-jalan.yml", "monev.yml"):
        (data_dir / name).unlink()
    for dim in ("governance", "branding", "economy", "living", "society", "environment"):
        (data_dir / "program" / f"{dim}.yml").write_text(
            f"dimensi: {dim}\nprogram:\n- id: {PREFIXES[dim]}-01\n  nama: Program\n", encoding="utf-8"
        )
    plan, problems = pipeline.check(data_dir, tmp_path)
    assert problems == [] and plan is not None


def test_unknown_file(tmp_path):
    _, problems = check(tmp_path, texts={"lain.yml": "a: 1\n"})
    assert [(p.file, p.line) for p in problems] == [("data/lain.yml", 1)]


def test_budget_implausibly_small_for_rupiah_is_a_warning_at_its_line(tmp_path):
    files = region()
    files[GOV]["program"][0]["anggaran"] = 200  # "Rp 2.400.000.000" typed where dots meant decimals
    plan, problems = check(tmp_path, files=files)
    assert plan is not None, "a warning, not an error: the region may mean it"
    assert [(p.file, p.line, p.severity) for p in problems] == [
        ("data/" + GOV, line_of(text_of_files(files, GOV), "anggaran: 200"), "peringatan")
    ]
    assert problems[0].message.startswith(
        "anggaran program GOV-01 tertulis Rp 200, terlalu kecil untuk anggaran dalam rupiah"
    )


@pytest.mark.parametrize("amount", [0, 1_000_000, 2_400_000_000])
def test_plausible_or_zero_budget_passes_in_silence(tmp_path, amount):
    files = region()
    files[GOV]["program"][0]["anggaran"] = amount
    plan, problems = check(tmp_path, files=files)
    assert plan is not None and problems == []


def text_of_files(files, rel: str) -> str:
    return dump(files[rel])
