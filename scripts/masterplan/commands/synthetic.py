"""A deterministic synthetic masterplan of N programmes, valid under the schema (for the benchmark)."""

from __future__ import annotations

import copy
import random
import shutil
from pathlib import Path

import yaml

from .. import framework

# The national framework, as (name, Indonesian name, id prefix, element ids) per dimension.
DIMENSIONS = {
    did: (name, name_id, prefix, [eid for eid, _ in elements])
    for did, name, name_id, prefix, elements in framework.DIMENSIONS
}
WORDS = [
    "layanan",
    "digital",
    "terpadu",
    "desa",
    "warga",
    "data",
    "aplikasi",
    "integrasi",
    "pelayanan",
    "publik",
    "kabupaten",
    "ekonomi",
    "pariwisata",
    "pendidikan",
    "kesehatan",
    "sampah",
    "energi",
    "transportasi",
    "keamanan",
    "partisipasi",
    "inovasi",
    "kolaborasi",
    "jaringan",
    "sistem",
]
START, END = 2024, 2033


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def msind(code: str) -> dict:
    """Every MS-Ind field of an indicator, written without the random generator (the rest of the data stays as it was)."""
    return {
        "konsep": f"Layanan program {code} yang dapat diakses warga secara daring.",
        "definisi": f"Persentase layanan program {code} yang dapat diajukan dan dipantau melalui aplikasi terhadap seluruh layanan.",
        "interpretasi": "Makin tinggi nilainya, makin banyak layanan yang dapat diakses tanpa datang ke kantor.",
        "metode": "jumlah layanan daring / jumlah seluruh layanan × 100%",
        "ukuran": "persentase",
        "klasifikasi": "menurut kecamatan",
        "periodisitas": "tahunan",
        "sumber": "Laporan kinerja tahunan OPD (sintetis)",
    }


def programme(rng: random.Random, dim: str, n: int, agencies: list[str]) -> dict:
    start = rng.randint(START, END - 1)
    horizon = rng.choice(["quick-win", "pendek", "menengah", "panjang"])
    end = {"quick-win": start, "pendek": start, "menengah": min(END, start + 4), "panjang": END}[horizon]
    status = "belum-mulai" if start > 2025 else rng.choice(["berjalan", "selesai", "terlambat"])
    years = list(range(start, end + 1))
    lead = rng.choice(agencies)
    return {
        "id": f"{DIMENSIONS[dim][2]}-{n:03d}",
        "nama": f"Program {sentence(rng, 4)[:-1]} {n}",
        "deskripsi": " ".join(sentence(rng, 14) for _ in range(3)),
        "elemen": DIMENSIONS[dim][3][n % 3],
        "misi": [f"M{rng.randint(1, 4)}"],
        "arah_kebijakan": [f"AK{rng.randint(1, 6)}"],
        "opd": lead,
        "mitra": sorted({rng.choice(agencies) for _ in range(2)} - {lead}),
        "mitra_lain": ["Perguruan tinggi setempat"],
        "horizon": horizon,
        "tahun_mulai": start,
        "tahun_selesai": end,
        "tahun_quick_win": [y for y in (start, start + 1) if y <= END] if horizon == "quick-win" else [],
        "sumber_dana": sorted({rng.choice(["APBD", "APBN", "APBDes", "CSR", "KPBU", "Swasta"]) for _ in range(2)}),
        "anggaran": rng.randint(1, 500) * 50_000_000,
        "indikator": [
            {
                "nama": sentence(rng, 5)[:-1],
                "satuan": "%",
                "baseline": 10,
                "target": {y: 10 + 10 * (i + 1) for i, y in enumerate(years)},
                "realisasi": {y: 8 + 9 * (i + 1) for i, y in enumerate(years) if y <= 2025},
                **msind(f"{DIMENSIONS[dim][2]}-{n:03d}"),
            }
        ],
        "rujukan": "RPJMD (sintetis)",
        "status": status,
        "progres": 0 if status == "belum-mulai" else 100 if status == "selesai" else rng.randint(5, 95),
        "ilustratif": True,
        "sumber": "Data sintetis untuk uji kecepatan",
        "tidak_dipublikasikan": [],
        "tidak_diketahui": [],  # every field has a value: none is declared missing
    }


def evaluation(year: int, stage: str) -> dict:
    """One evaluation with every field set: weights, element scores, dimension indices, an official total and a rank."""
    weights = {"baseline": 10, "output": 20, "outcome": 30, "impact": 20, "quick_win": 20}
    scores = {"baseline": 3.0, "output": 3.2, "outcome": 2.9, "impact": 3.1, "quick_win": 3.0}
    total = round(sum(weights[k] * scores[k] for k in weights) / 100, 2)
    return {
        "tahun": year,
        "tahap": stage,
        "penyelenggara": "Kementerian (sintetis)",
        "nilai_resmi": total,
        "bobot": weights,
        "skor": scores,
        "indeks_dimensi": {d: round(2.5 + 0.2 * i, 2) for i, d in enumerate(DIMENSIONS)},
        "peringkat": 7,
        "cakupan_peringkat": "nasional",
        "nilai_lain": [{"nilai": round(total, 1), "sumber": "Berita (sintetis)", "keterangan": "dibulatkan"}],
        "rincian_unsur": [
            {
                "unsur": k,
                "subindikator": [
                    {"indikator": "Indikator", "nama": f"Subindikator {k} {i}", "nilai": scores[k]} for i in range(1, 5)
                ],
            }
            for k in weights
        ],
        "peringkat_lain": [
            {"cakupan": "provinsi", "peringkat": 2, "wilayah": "Contoh", "dari": 30, "sumber": "Berita (sintetis)"}
        ],
        "kekuatan": ["Kekuatan (sintetis)."],
        "kelemahan": ["Kelemahan (sintetis)."],
        "rekomendasi": [
            {
                "teks": f"Rekomendasi {i} (sintetis).",
                "penilai": f"Penilai {1 + i % 2}",
                "tindak_lanjut": ("belum", "berjalan", "selesai")[i % 3],
                "catatan_tindak_lanjut": "Catatan (sintetis).",
                "tanggal_tindak_lanjut": f"{year}-12-0{1 + i}",
            }
            for i in range(5)
        ],
        "ilustratif": True,
        "sumber": "Data sintetis untuk uji kecepatan",
        "tidak_dipublikasikan": [],
        "tidak_diketahui": [],
    }


def data_files(n: int, seed: int = 2024) -> dict[str, dict]:
    rng = random.Random(seed)
    agencies = [f"opd-{i:02d}" for i in range(1, 26)]
    files: dict[str, dict] = {
        "wilayah.yml": {
            "wilayah": {
                "nama": "Sintetis",
                "jenis": "kabupaten",
                "provinsi": "Contoh",
                "kepala_daerah": {"nama": "Bupati Contoh"},
            },
            "periode": {"mulai": START, "selesai": END},
            "regulasi": {"nomor": "1", "tahun": START, "tentang": "Rencana Induk Smart City Kabupaten Sintetis"},
            "dasar_hukum": [sentence(rng, 10) for _ in range(5)],
            "penerbit": "Pemerintah Kabupaten Sintetis",
            "tanggal_terbit": "2024-06-01",
            "data_terbuka": {
                "lisensi": "CC-BY-4.0",
                "walidata": "opd-01",
                "surel": "satudata@contoh.go.id",
                "kata_kunci": ["satu data"],
            },
        },
        "visi-misi.yml": {
            "visi": {"teks": sentence(rng, 12), "penjelasan": sentence(rng, 40)},
            "misi": [{"id": f"M{i}", "teks": sentence(rng, 12)} for i in range(1, 5)],
            "arah_kebijakan": [
                {"id": f"AK{i}", "teks": sentence(rng, 12), "misi": [f"M{1 + i % 4}"]} for i in range(1, 7)
            ],
        },
        "dimensi.yml": {
            "dimensi": [
                {
                    "id": d,
                    "nama": v[0],
                    "nama_id": v[1],
                    "deskripsi": sentence(rng, 30),
                    "tujuan": [sentence(rng, 12) for _ in range(3)],
                    "strategi": [sentence(rng, 12) for _ in range(3)],
                    "elemen": [{"id": e, "nama": e.replace("-", " ").title()} for e in v[3]],
                }
                for d, v in DIMENSIONS.items()
            ]
        },
        "opd.yml": {
            "opd": [{"id": a, "nama": f"Dinas Contoh {a[-2:]}", "singkatan": f"Dinas-{a[-2:]}"} for a in agencies]
        },
        "peta-jalan.yml": {
            "fase": [
                {"nama": "Fondasi", "tahun_mulai": 2024, "tahun_selesai": 2026, "fokus": sentence(rng, 12)},
                {"nama": "Akselerasi", "tahun_mulai": 2027, "tahun_selesai": 2033, "fokus": sentence(rng, 12)},
            ],
            "tonggak": [{"tahun": y, "uraian": sentence(rng, 10)} for y in range(START, END + 1)],
        },
        "analisis.yml": {
            "profil": {
                "ringkasan": " ".join(sentence(rng, 20) for _ in range(5)),
                "statistik": [{"label": "Data", "nilai": "1"}],
            },
            "kesiapan": {
                k: {"tingkat": "sedang", "skor": 2.5, "uraian": sentence(rng, 20)}
                for k in ("struktur", "infrastruktur", "suprastruktur")
            },
            "analisis_dimensi": [
                {
                    "dimensi": d,
                    **{
                        k: [sentence(rng, 10) for _ in range(3)]
                        for k in ("kekuatan", "kelemahan", "peluang", "ancaman", "isu_strategis")
                    },
                }
                for d in DIMENSIONS
            ],
        },
        "monev.yml": {
            "target_skor": {2024: 3.0, 2026: 3.3},
            "sumber_target": "RPJMD (sintetis)",
            "evaluasi": [evaluation(2024, stage) for stage in ("Tahap I", "Tahap II")],
        },
    }
    dims = list(DIMENSIONS)
    per_dim: dict[str, list] = {d: [] for d in dims}
    for i in range(n):
        dim = dims[i % 6]
        per_dim[dim].append(programme(rng, dim, len(per_dim[dim]) + 1, agencies))
    for dim, items in per_dim.items():
        files[f"program/{dim}.yml"] = {"dimensi": dim, "program": items}
    return files


def write_project(root: Path, n: int, repo: Path, seed: int = 2024) -> Path:
    """A full project (the repo's config, macros, chapters) around synthetic data of ``n`` programmes."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(repo / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("macros", "docs"):
        shutil.copytree(repo / folder, root / folder, dirs_exist_ok=True)
    shutil.rmtree(root / "data", ignore_errors=True)
    for rel, content in data_files(n, seed).items():
        path = root / "data" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    return root


ENACTED_TAG = "perbup-1-2024"


def enacted_files(n: int, seed: int = 2024) -> dict[str, dict]:
    """The synthetic masterplan after its regulation is enacted (tagged ``ENACTED_TAG``), with no amendment in progress."""
    files = data_files(n, seed)
    wil = files["wilayah.yml"]
    enacted = wil["regulasi"]
    wil["ditetapkan"] = [
        {"tag": ENACTED_TAG, "nomor": enacted["nomor"], "tahun": enacted["tahun"], "tentang": enacted["tentang"]}
    ]
    return files


def amendment_files(n: int, changed: int = 10, seed: int = 2024) -> dict[str, dict]:
    """The synthetic masterplan as a draft amendment of itself (tagged ``ENACTED_TAG``): one programme
    removed and one added per dimension, ``changed`` programmes with a new target, one word of the vision."""
    files = enacted_files(n, seed)
    files["wilayah.yml"]["regulasi"] = {"mengubah": ENACTED_TAG}
    vision = files["visi-misi.yml"]["visi"]
    vision["teks"] = "Revisi " + vision["teks"]
    for dim in DIMENSIONS:
        items = files[f"program/{dim}.yml"]["program"]
        added = dict(
            copy.deepcopy(items[-1]), id=f"{DIMENSIONS[dim][2]}-{len(items) + 1:03d}", nama=f"Program tambahan {dim}"
        )
        del items[0]
        items.append(added)
    programmes = [p for dim in DIMENSIONS for p in files[f"program/{dim}.yml"]["program"]]
    for p in programmes[1 : 1 + changed]:
        target = p["indikator"][0]["target"]
        year = sorted(target)[0]
        target[year] = target[year] + 1
    return files


def write_data(root: Path, files: dict[str, dict]) -> None:
    for rel, content in files.items():
        path = root / "data" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
