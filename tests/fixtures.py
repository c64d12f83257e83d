"""A second, small region built in code: Kota Salatiga (illustrative figures).

It proves that another region needs only its own ``data/`` and ``docs/``.
Tests write it to a temporary folder, break one thing, and check the message.
"""

from __future__ import annotations

import copy
import subprocess
from pathlib import Path

import yaml

from masterplan import framework

ELEMENTS = {
    "governance": ["layanan-publik", "manajemen-birokrasi", "efisiensi-kebijakan"],
    "branding": ["branding-pariwisata", "ekosistem-bisnis", "wajah-kota"],
    "economy": ["industri", "kesejahteraan-rakyat", "transaksi-keuangan"],
    "living": ["harmonisasi-tata-ruang", "transportasi", "kesehatan"],
    "society": ["interaksi-masyarakat", "ekosistem-belajar", "keamanan"],
    "environment": ["proteksi-lingkungan", "pengelolaan-sampah", "pengelolaan-energi"],
}
NAMES = {
    "governance": ("Smart Governance", "Tata Kelola Pemerintahan", "GOV"),
    "branding": ("Smart Branding", "Branding Daerah", "BRD"),
    "economy": ("Smart Economy", "Ekonomi", "ECO"),
    "living": ("Smart Living", "Lingkungan Hidup Layak", "LIV"),
    "society": ("Smart Society", "Masyarakat", "SOC"),
    "environment": ("Smart Environment", "Lingkungan", "ENV"),
}


def programme(dim: str, n: int, **changes) -> dict:
    prefix = NAMES[dim][2]
    data = {
        "id": f"{prefix}-{n:02d}",
        "nama": f"Program {NAMES[dim][1]} {n}",
        "deskripsi": "Program contoh untuk wilayah uji.",
        "elemen": ELEMENTS[dim][n % 3],
        "misi": ["M1"],
        "arah_kebijakan": ["AK1"],
        "opd": "diskominfo",
        "mitra": ["bappeda"],
        "horizon": "quick-win" if n == 1 else "menengah",
        "tahun_mulai": 2025,
        "tahun_selesai": 2025 if n == 1 else 2029,
        "sumber_dana": ["APBD"],
        "anggaran": 500_000_000 * n,
        "indikator": [
            {
                "nama": "Cakupan layanan",
                "satuan": "%",
                "baseline": 10,
                "target": {2025: 40, 2026: 60},
                "realisasi": {2025: 30},
            }
        ],
        "status": "berjalan",
        "progres": 40,
        "ilustratif": True,  # the test region's figures are made up, and say so
    }
    data.update(changes)
    return data


def region() -> dict[str, dict]:
    """The files of Kota Salatiga, keyed by path relative to ``data/``."""
    files: dict[str, dict] = {
        "wilayah.yml": {
            "wilayah": {
                "nama": "Salatiga",
                "jenis": "kota",
                "provinsi": "Jawa Tengah",
                "kepala_daerah": {"nama": "Contoh Wali Kota"},
            },
            "periode": {"mulai": 2025, "selesai": 2029},
            "regulasi": {
                "nomor": "12",
                "tahun": 2025,
                "tanggal": "2025-03-03",
                "tentang": "Rencana Induk Kota Cerdas Kota Salatiga Tahun 2025-2029",
                "ilustratif": True,
            },
            "dasar_hukum": ["Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah."],
            "penerbit": "Pemerintah Kota Salatiga",
            "tanggal_terbit": "2025-03-03",
        },
        "visi-misi.yml": {
            "visi": {"teks": "Salatiga cerdas, hijau dan melayani."},
            "misi": [
                {"id": "M1", "teks": "Meningkatkan layanan publik digital."},
                {"id": "M2", "teks": "Menguatkan ekonomi warga."},
            ],
            "arah_kebijakan": [
                {"id": "AK1", "teks": "Digitalisasi layanan.", "misi": ["M1"]},
                {"id": "AK2", "teks": "Ekonomi digital.", "misi": ["M2"]},
            ],
        },
        "dimensi.yml": {
            "dimensi": [
                {
                    "id": d,
                    "nama": NAMES[d][0],
                    "nama_id": NAMES[d][1],
                    "deskripsi": f"Dimensi {NAMES[d][1]}.",
                    "tujuan": [f"Tujuan {NAMES[d][1]}."],
                    "elemen": [{"id": e, "nama": e.replace("-", " ").title()} for e in ELEMENTS[d]],
                }
                for d in ELEMENTS
            ]
        },
        "opd.yml": {
            "opd": [
                {"id": "diskominfo", "nama": "Dinas Komunikasi dan Informatika", "singkatan": "Diskominfo"},
                {"id": "bappeda", "nama": "Badan Perencanaan Pembangunan Daerah", "singkatan": "Bappeda"},
                {"id": "dlh", "nama": "Dinas Lingkungan Hidup", "singkatan": "DLH"},
            ]
        },
        "peta-jalan.yml": {
            "fase": [
                {"nama": "Fondasi", "tahun_mulai": 2025, "tahun_selesai": 2026, "fokus": "Infrastruktur dasar."},
                {"nama": "Akselerasi", "tahun_mulai": 2027, "tahun_selesai": 2029, "fokus": "Integrasi layanan."},
            ],
            "tonggak": [{"tahun": 2025, "uraian": "Pusat data kota beroperasi.", "dimensi": "governance"}],
        },
        "analisis.yml": {
            "profil": {
                "ringkasan": "Salatiga adalah kota kecil di Jawa Tengah.",
                "statistik": [{"label": "Kecamatan", "nilai": "4", "ilustratif": False}],
            },
            "kesiapan": {
                k: {"tingkat": "sedang", "skor": 2.5, "uraian": f"Kesiapan {k}.", "ilustratif": True}
                for k in ("struktur", "infrastruktur", "suprastruktur")
            },
            "analisis_dimensi": [
                {
                    "dimensi": d,
                    "kekuatan": ["K"],
                    "kelemahan": ["W"],
                    "peluang": ["O"],
                    "ancaman": ["T"],
                    "isu_strategis": [f"Isu {d}."],
                }
                for d in ELEMENTS
            ],
        },
        "monev.yml": {
            "evaluasi": [
                {
                    "tahun": 2025,
                    "tahap": "Tahap I",
                    "bobot": {"baseline": 10, "output": 20, "outcome": 30, "impact": 20, "quick_win": 20},
                    "skor": {"baseline": 3, "output": 3, "outcome": 2, "impact": 2, "quick_win": 4},
                    "nilai_resmi": 2.7,
                    "peringkat": 40,
                    "ilustratif": True,
                }
            ]
        },
    }
    for dim in ELEMENTS:
        files[f"program/{dim}.yml"] = {
            "dimensi": dim,
            "program": [
                programme(dim, 1),
                programme(dim, 2, opd="dlh" if dim == "environment" else "bappeda", mitra=[]),
            ],
        }
    return copy.deepcopy(files)


def partial_kota() -> dict[str, dict]:
    """A kota as its publications show it: names and dimensions of programmes, official totals, little else.

    Not enacted yet (no regulation number), no analysis, vision or roadmap files;
    programmes with only a name; a total-only evaluation stage; per-dimension
    indices; a two-year quick win; a published total 0.01 above the recomputation.
    """
    names = {
        "governance": ["Salatiga Satu Data", "Layanan Perizinan Daring", "Sistem Aduan Warga"],
        "branding": ["Kalender Wisata Digital", "Pasar UMKM Daring"],
        "economy": ["Pembayaran Nontunai Pasar Rakyat", "Inkubator Usaha Rintisan"],
        "living": ["Puskesmas Antre Daring", "Angkutan Kota Terpantau"],
        "society": ["Ruang Belajar Digital Kelurahan", "Kamera Keamanan Lingkungan"],
        "environment": ["Bank Sampah Digital", "Lampu Jalan Hemat Energi"],
    }
    prefix = {d: NAMES[d][2] for d in NAMES}
    files: dict[str, dict] = {
        "wilayah.yml": {
            "wilayah": {"nama": "Salatiga", "jenis": "kota", "provinsi": "Jawa Tengah"},
            "periode": {"mulai": 2024, "selesai": 2028},
        },
        "dimensi.yml": framework.dimensions_data(),
        "opd.yml": {
            "opd": [
                {"id": "diskominfo", "nama": "Dinas Komunikasi dan Informatika", "singkatan": "Diskominfo"},
                {"id": "dinkes", "nama": "Dinas Kesehatan"},
            ]
        },
        "monev.yml": {
            "evaluasi": [
                {
                    "tahun": 2024,
                    "tahap": "Tahap I",
                    "nilai_resmi": 2.4,
                    "peringkat": 3,
                    "cakupan_peringkat": "provinsi",
                    "sumber": "Surat hasil evaluasi tahap I",
                },
                {
                    "tahun": 2024,
                    "tahap": "Tahap II",
                    "nilai_resmi": 2.52,
                    "peringkat": 41,
                    "cakupan_peringkat": "nasional",
                    "bobot": {"baseline": 10, "output": 20, "outcome": 30, "impact": 20, "quick_win": 20},
                    "skor": {"baseline": 2.5, "output": 2.6, "outcome": 2.4, "impact": 2.5, "quick_win": 2.6},
                    "sumber": "Surat hasil evaluasi tahap II",
                },
                {
                    "tahun": 2025,
                    "nilai_resmi": 3.12,
                    "indeks_dimensi": {"governance": 2.75, "economy": 3.5},
                    "sumber": "Laporan evaluasi 2025",
                },
            ]
        },
    }
    for dim, titles in names.items():
        items = [{"id": f"{prefix[dim]}-{i:02d}", "nama": t} for i, t in enumerate(titles, 1)]
        files[f"program/{dim}.yml"] = {"dimensi": dim, "program": items}
    gov = files["program/governance.yml"]["program"]
    gov[0].update({"opd": "diskominfo", "tahun_quick_win": [2024, 2025]})
    gov[1].update({"anggaran": 750_000_000, "tahun_mulai": 2025, "tahun_selesai": 2027, "sumber_dana": ["APBD"]})
    files["program/living.yml"]["program"][0]["opd"] = "dinkes"
    return copy.deepcopy(files)


# Kabupaten Malang's two published evaluation reports, typed as an editor would copy them: every
# figure with its printed decimals (1.40, not 1.4). Scores, weights, the total, the letter and the
# quoted weakness and recommendation are as published; sub-indicator names are the report's rows
# in short form. Nothing else about Malang is claimed: the plan period is the fixture's own.
MALANG_MONEV = """\
evaluasi:
- tahun: 2022
  penyelenggara: Kementerian Komunikasi dan Informatika
  nilai_resmi: 2.51
  bobot:
    baseline: 10
    output: 20
    outcome: 30
    impact: 10
    quick_win: 30
  skor:
    baseline: 1.40
    output: 1.54
    outcome: 2.92
    impact: 2.56
    quick_win: 3.08
  rincian_unsur:
  - unsur: baseline
    subindikator:
    - {nama: Masterplan yang memiliki dasar hukum, nilai: 2.00}
    - {nama: Rapat Dewan Smart City, nilai: 1.00}
    - {nama: Rapat Tim Pelaksana dengan OPD, nilai: 2.00}
    - {nama: Realisasi program tahun sebelumnya, nilai: 1.00}
    - {nama: Realisasi rencana aksi, nilai: 1.00}
  - unsur: output
    subindikator:
    - {nama: Regulasi, nilai: 2.00}
    - {nama: Dewan Smart City, nilai: 1.00}
    - {nama: Tim Pelaksana, nilai: 2.00}
    - {nama: Keterlibatan OPD, nilai: 2.75}
    - {nama: Forum Smart City, nilai: 1.00}
    - {nama: Anggaran APBD, nilai: 1.00}
    - {nama: Anggaran non-APBD, nilai: 1.00}
  - unsur: impact
    subindikator:
    - {nama: Perbaikan, nilai: 2.25}
    - {nama: Partisipasi publik, nilai: 2.00}
    - {nama: Tindak lanjut program, nilai: 3.00}
    - {nama: Program baru, nilai: 3.00}
  - unsur: quick_win
    subindikator:
    - {nama: Formulasi, nilai: 2.25}
    - {nama: Daya tarik, nilai: 3.00}
    - {nama: Manfaat, nilai: 2.75}
    - {nama: Keunikan, nilai: 4.00}
    - {nama: Kemitraan, nilai: 3.00}
    - {nama: Potensi pengembangan, nilai: 2.75}
    - {nama: Keberlanjutan, nilai: 3.00}
    - {nama: Sumber daya, nilai: 2.50}
    - {nama: Identifikasi risiko, nilai: 3.75}
    - {nama: Mitigasi risiko, nilai: 3.75}
    - {nama: Quick win tahun lalu masih berjalan, nilai: 2.50}
    - {nama: Quick win baru, nilai: 3.75}
  kelemahan:
  - Belum adanya Peraturan Bupati atau Peraturan Daerah untuk menetapkan Masterplan Smart City Kabupaten Malang.
  rekomendasi:
  - teks: Mempercepat pengesahan dan penetapan Peraturan Bupati atau Peraturan Daerah untuk menetapkan Masterplan Smart City Kabupaten Malang
  sumber: Surat Kementerian Komunikasi dan Informatika Nomor B-1004/DJAI/AI.01.04/12/2022 tanggal 6 Desember 2022
- tahun: 2023
  tahap: Tahap II
  bobot:
    baseline: 10
    output: 20
    outcome: 20
    impact: 20
    quick_win: 20
    kolaborasi: 10
  skor:
    baseline: 3.60
    output: 2.29
    outcome: 3.41
    impact: 2.81
    quick_win: 3.13
    kolaborasi: 2.53
  sumber: Laporan Hasil Evaluasi Gerakan Menuju Smart City Tahun 2023 Tahap II
"""


def malang() -> tuple[dict[str, dict], dict[str, str]]:
    """Kabupaten Malang: the national framework's dimensions, no programmes yet, two published reports.

    Returns the files as data and the files to write verbatim (``make_project(root, *malang())``).
    """
    files = {
        "wilayah.yml": {
            "wilayah": {"nama": "Malang", "jenis": "kabupaten", "provinsi": "Jawa Timur"},
            "periode": {"mulai": 2022, "selesai": 2031},
        },
        "dimensi.yml": framework.dimensions_data(),
    }
    return copy.deepcopy(files), {"monev.yml": MALANG_MONEV}


def dump(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def write_region(root: Path, files: dict[str, dict] | None = None, texts: dict[str, str] | None = None) -> Path:
    """Write the region's data under ``root/data``; ``texts`` overrides files verbatim."""
    data_dir = root / "data"
    for rel, content in (files or region()).items():
        path = data_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump(content), encoding="utf-8")
    for rel, text in (texts or {}).items():
        path = data_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return data_dir


REPO = Path(__file__).resolve().parent.parent


def bare_env() -> dict[str, str]:
    """The few variables a command run "as on a clean machine" gets: the package on the path, a plain PATH, and
    this test run's folder of compiled templates (conftest.py), so temporary projects never fill the user's cache."""
    import os

    env = {"PYTHONPATH": str(REPO / "scripts"), "PATH": "/usr/bin:/bin"}
    if "MASTERPLAN_TEMPLATE_CACHE" in os.environ:
        env["MASTERPLAN_TEMPLATE_CACHE"] = os.environ["MASTERPLAN_TEMPLATE_CACHE"]
    return env


# Text as offices paste it from Word and phones: curly quotes and apostrophes, en and em dashes, an
# ellipsis, a no-break space, a soft hyphen, a zero-width space, a tab, names with diacritics, and
# Aksara Bali, Jawa and Sunda. It must come out as typed on the site, in the PDFs and in Word.
OFFICE_PIECES = (
    "“Satu Data”",
    "‘Bule Kepo’",
    "–",
    "—",
    "cepat…",
    "Rp\u00a0500",
    "ter\u00adpadu",
    "Pèrsé",
    "Dharma’putra",
    "lintas\u200bOPD",
    "kolom\tdua",
    "ᬩᬸᬮᬾᬮᬾᬂ",
    "ꦧꦸꦊꦊꦁ",
    "ᮘᮥᮜᮨᮜᮨᮀ",
    "Ngurah Rai",
    "perangkat daerah",
)
OFFICE_TEXT = " ".join(OFFICE_PIECES)


def make_project(root: Path, files: dict[str, dict] | None = None, texts: dict[str, str] | None = None) -> Path:
    """A complete project for the fixture region: the repo's config, macros and chapters, its own data
    (``texts``: data files written verbatim, e.g. figures typed with their published decimals)."""
    import shutil

    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "macros", root / "macros", dirs_exist_ok=True)
    shutil.copytree(REPO / "docs", root / "docs", dirs_exist_ok=True)
    write_region(root, files, texts)
    return root


def copy_sample(root: Path) -> Path:
    """The repository's own sample (Buleleng) as a project of its own: mkdocs.yml, data/, docs/, macros/."""
    import shutil

    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("data", "docs", "macros"):
        shutil.copytree(REPO / folder, root / folder)
    return root


class TierGuard:
    """Which fast-tier test is running (set by conftest.py), so that a full build or a browser in it is named."""

    fast_test: str | None = None

    def check(self, what: str, mark: str) -> None:
        if self.fast_test:
            raise AssertionError(f"{self.fast_test} runs {what} in the fast tier: mark it @pytest.mark.{mark}")


tier_guard = TierGuard()


def mkdocs_build(project: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    import os
    import sys

    tier_guard.check("a full mkdocs build", "build")
    full_env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {}))
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *args],
        cwd=project,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=600,
    )


def tree_digest(folder: Path) -> dict[str, str]:
    import hashlib

    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def free_port() -> int:
    """A free TCP port on loopback, for a server a test starts."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def git(project: Path, *args: str) -> str:
    import subprocess

    return subprocess.run(["git", *args], cwd=project, capture_output=True, text=True, check=True).stdout


def render_test_chapter(root: Path, view, source: str) -> tuple[list[tuple[str, int, str]], str | None]:
    """A chapter ``docs/uji.md`` rendered in the sandbox with the repository's macros:
    (its problems as (file, line, message), its rendered Markdown when it rendered)."""
    from masterplan.errors import MasterplanError
    from masterplan.render import templates

    docs = root / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "uji.md").write_text(source, encoding="utf-8")
    try:
        pages = templates.render_all(view, docs, REPO / "macros", templates.default_options(), root)
    except MasterplanError as exc:
        return [(p.file, p.line, p.message) for p in exc.problems], None
    return [], pages["uji.md"]


# `masterplan baru wilayah`'s answers for the kota the fork tests make (Kota Kediri, 2024-2033).
KEDIRI_ANSWERS = (
    "--nama",
    "Kediri",
    "--jenis",
    "kota",
    "--provinsi",
    "Jawa Timur",
    "--mulai",
    "2024",
    "--selesai",
    "2033",
)
