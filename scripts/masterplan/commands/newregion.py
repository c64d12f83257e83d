"""``masterplan baru wilayah``: a minimal ``data/`` for a new region that validates and builds.

It writes the region's identity and plan period, the national framework's six
dimensions and eighteen elements, and one empty programme file per dimension.
Everything else is left open, so every page shows it as "belum ditetapkan" until
the drafting team fills it in. A folder that already holds data is never
overwritten: with ``replace`` it is moved aside first.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .. import framework
from ..derive import pipeline
from ..errors import MasterplanError, Problem, shown_path
from ..validate import unwritten


@dataclass
class NewRegion:
    name: str  # "Salatiga"
    kind: str  # "kabupaten" or "kota"
    province: str
    start: int
    end: int


HEADERS = {
    "wilayah.yml": "# Identitas daerah dan periode rencana induk. Isi bagian `regulasi` setelah peraturan\n"
    "# ditetapkan (nomor, tahun, tanggal, tentang); selama kosong, lampiran dicetak sebagai rancangan.\n",
    "dimensi.yml": "# Enam dimensi dan delapan belas elemen kerangka nasional Gerakan Menuju Smart City.\n"
    "# Tambahkan `deskripsi`, `tujuan`, `strategi` dan `sasaran` tiap dimensi bila sudah dirumuskan.\n",
}


def files_for(region: NewRegion) -> dict[str, tuple[str, dict]]:
    """Path under data/ -> (header comment, content)."""
    files: dict[str, tuple[str, dict]] = {
        "wilayah.yml": (
            HEADERS["wilayah.yml"],
            {
                "wilayah": {"nama": region.name, "jenis": region.kind, "provinsi": region.province},
                "periode": {"mulai": region.start, "selesai": region.end},
            },
        ),
        "dimensi.yml": (HEADERS["dimensi.yml"], framework.dimensions_data()),
    }
    for did, name, _, prefix, _ in framework.DIMENSIONS:
        header = (
            f"# Program dimensi {name}. Kode program: {prefix}-01, {prefix}-02, ... Hanya `id` dan `nama` yang wajib.\n"
        )
        files[f"program/{did}.yml"] = (header, {"dimensi": did, "program": []})
    return files


def create(data_dir: Path, region: NewRegion, root: Path, replace: bool = False) -> Path | None:
    """Write the new region's data; returns where old data was moved to (if anything)."""
    data_dir = Path(data_dir)
    moved = _clear(data_dir, root, replace)
    staging = data_dir.with_name(data_dir.name + ".baru")
    for rel, (header, content) in files_for(region).items():
        target = staging / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            header + yaml.safe_dump(content, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8"
        )
    plan, problems = pipeline.check(staging, root)
    if plan is None:  # a wrong answer (a period of 30 years, say): nothing is left half-written
        _remove(staging)
        if moved:
            moved.rename(data_dir)
        raise MasterplanError(
            [Problem(p.file.replace(staging.name, data_dir.name), p.line, p.message) for p in problems]
        )
    staging.rename(data_dir)
    return moved


def chapters_backup(docs_dir: Path) -> Path:
    return Path(docs_dir).with_name(Path(docs_dir).name + ".lama")


def check_chapters(docs_dir: Path, root: Path) -> None:
    """Before anything is written: the old chapters must have a free place to be kept."""
    backup = chapters_backup(docs_dir)
    if backup.exists() and _has_region_text(docs_dir):
        shown = shown_path(backup, root)
        raise MasterplanError(
            [Problem(shown, 1, f"`{shown}` sudah ada dari percobaan sebelumnya; hapus atau pindahkan dulu.")]
        )


def start_chapters(docs_dir: Path, root: Path) -> Path | None:
    """The new region's chapters: the same books and framework text, none of the old region's own words.

    Each chapter with the old region's text is kept under ``docs.lama/`` and rewritten with every
    ``uraian_daerah`` block emptied. Returns the backup folder (None when there was nothing to take out).
    """
    if not _has_region_text(docs_dir):
        return None
    check_chapters(docs_dir, root)
    backup = chapters_backup(docs_dir)
    for path in unwritten.chapter_files(docs_dir):
        text = path.read_text(encoding="utf-8")
        kept = backup / path.relative_to(docs_dir)
        kept.parent.mkdir(parents=True, exist_ok=True)
        kept.write_text(text, encoding="utf-8")
        path.write_text(unwritten.emptied(text), encoding="utf-8")
    _keep_guide_pictures(docs_dir, backup)
    return backup


def _keep_guide_pictures(docs_dir: Path, backup: Path) -> None:
    """The guide's screenshots show the old region's site: kept with its chapters, so the new guide shows
    none (its text does not claim them) until the region makes its own (README, "Starting a new region")."""
    pictures = Path(docs_dir) / "assets" / "panduan"
    for picture in sorted(pictures.glob("*.png")) if pictures.is_dir() else []:
        kept = backup / picture.relative_to(docs_dir)
        kept.parent.mkdir(parents=True, exist_ok=True)
        picture.rename(kept)


def _has_region_text(docs_dir: Path) -> bool:
    return any(s.written for s in unwritten.sections(docs_dir, Path(docs_dir).parent))


def _clear(data_dir: Path, root: Path, replace: bool) -> Path | None:
    if not data_dir.exists() or not any(data_dir.iterdir()):
        if data_dir.exists():
            data_dir.rmdir()
        return None
    shown = shown_path(data_dir, root)
    if not replace:
        raise MasterplanError(
            [
                Problem(
                    shown,
                    1,
                    f"folder `{shown}` sudah berisi data; tambahkan `--ganti` untuk memindahkannya ke `{shown}.lama` lebih dulu.",
                )
            ]
        )
    backup = data_dir.with_name(data_dir.name + ".lama")
    if backup.exists():
        raise MasterplanError(
            [
                Problem(
                    shown_path(backup, root),
                    1,
                    f"`{shown_path(backup, root)}` sudah ada dari percobaan sebelumnya; hapus atau pindahkan dulu.",
                )
            ]
        )
    data_dir.rename(backup)
    return backup


def _remove(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)
