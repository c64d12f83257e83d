"""Revising an enacted masterplan: the enacted text is a Git tag, a draft amendment is compared with it.

The sample is copied into a temporary Git repository and tagged as the enacted
Perbup 27/2024; the draft then adds a programme, removes one, changes one target
and one word of the vision. Everything the comparison shows must be exactly those
four changes.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from fixtures import REPO, make_project, mkdocs_build, write_region, region
from masterplan import pipeline
from masterplan.errors import MasterplanError

TAG = "perbup-27-2024"
MM = 72 / 25.4
NEW_PROGRAMME = """
- id: ENV-10
  nama: Pemantauan Kualitas Udara Terpadu
  elemen: proteksi-lingkungan
  opd: dlh
  tahun_mulai: 2026
  tahun_selesai: 2030
  anggaran: 1500000000
"""
ENACTED = """
ditetapkan:
- tag: perbup-27-2024
  nomor: "27"
  tahun: 2024
  tanggal: 2024-06-03
  tentang: Master Plan Smart City Kabupaten Buleleng Tahun 2024-2033
"""


def git(root: Path, *args: str) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="Tim Penyusun", GIT_AUTHOR_EMAIL="tim@example.org", GIT_COMMITTER_NAME="Tim Penyusun",
               GIT_COMMITTER_EMAIL="tim@example.org", GIT_AUTHOR_DATE="2024-06-03T10:00:00+08:00", GIT_COMMITTER_DATE="2024-06-03T10:00:00+08:00")
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True, env=env).stdout


def enacted_sample(root: Path) -> Path:
    """The sample as a Git repository whose first commit is tagged as the enacted Perbup 27/2024."""
    root.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml",):
        shutil.copy(REPO / name, root / name)
    for folder in ("data", "docs", "macros"):
        shutil.copytree(REPO / folder, root / folder)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Teks Perbup 27/2024 yang ditetapkan")
    git(root, "tag", TAG)
    return root


def start_amendment(root: Path) -> None:
    """What the guide tells the office to do: the regulation becomes a draft that amends the tagged one."""
    path = root / "data" / "wilayah.yml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r'  nomor: "27"\n  tahun: 2024\n  tanggal: 2024-06-03\n  tentang: .*\n', f"  mengubah: {TAG}\n", text)
    assert f"mengubah: {TAG}" in text
    path.write_text(text + ENACTED, encoding="utf-8")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def draft_four_changes(root: Path) -> None:
    data = root / "data"
    edit(data / "visi-misi.yml", "teks: Terwujudnya Buleleng Cerdas yang Melayani,", "teks: Terwujudnya Buleleng Cerdas yang Inovatif,")
    edit(data / "program" / "society.yml", "target: {2024: 380, 2025: 450, 2026: 520,", "target: {2024: 380, 2025: 450, 2026: 530,")
    env = data / "program" / "environment.yml"
    text = env.read_text(encoding="utf-8")
    text = text[: text.index("- id: ENV-09")].rstrip() + "\n" + NEW_PROGRAMME
    env.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def amended(tmp_path_factory):
    root = enacted_sample(tmp_path_factory.mktemp("revisi") / "masterplan")
    start_amendment(root)
    draft_four_changes(root)
    return root


@pytest.fixture(scope="module")
def built(amended):
    result = mkdocs_build(amended)
    assert result.returncode == 0, result.stderr
    return amended / "site"


# ------------------------------------------------------------------ data model and check

def test_check_passes_with_the_tag_and_fails_without_it(amended, tmp_path):
    plan, problems = pipeline.check(amended / "data", amended)
    assert plan is not None, [str(p) for p in problems]
    git(amended, "tag", "-d", TAG)
    try:
        plan, problems = pipeline.check(amended / "data", amended)
    finally:
        git(amended, "tag", TAG, "HEAD")  # the tag back on the enacted commit (the only commit)
    assert plan is None
    errors = [str(p) for p in problems if not p.is_warning]
    line = next(i for i, t in enumerate((amended / "data/wilayah.yml").read_text().splitlines(), 1) if t.strip() == f"- tag: {TAG}")
    assert errors == [f"data/wilayah.yml:{line}: tag Git `{TAG}` tidak ada di repositori ini; buat pada commit teks yang ditetapkan "
                      f"(`git tag {TAG} <commit>`), atau ambil tag dari GitHub dengan `git fetch --tags`."]


def test_mengubah_must_name_an_enacted_regulation(tmp_path):
    files = region()
    files["wilayah.yml"]["regulasi"] = {"mengubah": "perwali-12-2025"}
    plan, problems = pipeline.check(write_region(tmp_path, files), tmp_path)
    assert plan is None
    messages = [p.message for p in problems]
    assert any(m.startswith("`mengubah: perwali-12-2025` tidak ada di daftar `ditetapkan` (yang ada: belum ada)") for m in messages), messages


def test_an_amendment_may_not_reuse_the_amended_number(tmp_path):
    files = region()
    files["wilayah.yml"]["ditetapkan"] = [{"tag": "perwali-12-2025", "nomor": "12", "tahun": 2025}]
    files["wilayah.yml"]["regulasi"]["mengubah"] = "perwali-12-2025"
    plan, problems = pipeline.check(write_region(tmp_path, files), tmp_path)
    assert plan is None
    assert any("kosongkan `nomor`, `tahun` dan `tanggal`" in p.message and p.file == "data/wilayah.yml" for p in problems)


def test_outside_git_the_tag_cannot_be_checked(tmp_path):
    files = region()
    files["wilayah.yml"]["ditetapkan"] = [{"tag": "perwali-12-2025", "nomor": "12", "tahun": 2025}]
    plan, problems = pipeline.check(write_region(tmp_path, files), tmp_path)
    assert plan is None
    assert any("bukan repositori Git" in p.message for p in problems)


# ------------------------------------------------------------------ the comparison

def test_the_comparison_lists_exactly_the_four_changes(amended):
    view = pipeline.prepare(amended / "data", amended)
    c = view.comparison
    assert c is not None and c.tag == TAG
    summary = sorted((i.section, i.key, i.kind, [(r.bagian, r.semula_text, r.menjadi_text) for r in i.rows]) for i in c.items)
    assert [(s, k, kind) for s, k, kind, _ in summary] == [
        ("program", "ENV-09", "dihapus"), ("program", "ENV-10", "ditambah"), ("program", "SOC-01", "diubah"), ("visi", "visi", "diubah"),
    ]
    soc = next(rows for s, k, _, rows in summary if k == "SOC-01")
    assert soc == [("Indikator “Titik wifi gratis yang aktif di desa, kelurahan dan ruang publik”: target tahun 2026", "520 titik", "530 titik")]
    vision = next(rows for s, k, _, rows in summary if k == "visi")
    assert len(vision) == 1 and vision[0][0] == "Rumusan visi"
    item = next(i for i in c.items if i.key == "visi")
    assert [s for s in item.rows[0].semula if s.op == "-"][0].text == "Melayani,"
    assert [s for s in item.rows[0].menjadi if s.op == "+"][0].text == "Inovatif,"
    assert c.unchanged["program"] == 54 - 1 - 1  # 54 enacted, one removed, one changed
    assert c.unchanged["bab"] > 10 and c.unchanged["misi"] == 5


def test_a_chapter_sentence_is_compared_word_by_word(amended, tmp_path):
    work = tmp_path / "salinan"
    shutil.copytree(amended, work, ignore=shutil.ignore_patterns("site", ".cache"))
    chapter = work / "docs" / "buku-2" / "bab-1-pendahuluan.md"
    text = chapter.read_text(encoding="utf-8")
    sentence = re.search(r"\n([A-Z][^\n{}#|]{40,}?\.)\s", text).group(1)
    first, rest = sentence.split(" ", 1)
    chapter.write_text(text.replace(sentence, f"{first} juga {rest}", 1), encoding="utf-8")
    c = pipeline.prepare(work / "data", work).comparison
    items = [i for i in c.items if i.section == "bab"]
    assert len(items) == 1 and len(items[0].rows) == 1
    row = items[0].rows[0]
    assert items[0].title.startswith("Buku II BAB I ")
    assert [s.text.strip() for s in row.menjadi if s.op == "+"] == ["juga"]
    assert not [s for s in row.semula if s.op == "-"]


def test_an_invalid_enacted_text_is_reported_with_its_tag(amended, tmp_path):
    work = tmp_path / "rusak"
    shutil.copytree(amended, work, ignore=shutil.ignore_patterns("site", ".cache"))
    git(work, "stash", "-q")  # back to the enacted text, the draft put aside
    edit(work / "data" / "opd.yml", "- id: bappeda\n", "- id: Bappeda Buleleng\n")
    git(work, "commit", "-q", "-am", "rusak")
    git(work, "tag", "-f", TAG)
    git(work, "stash", "pop", "-q")
    edit(work / "data" / "opd.yml", "- id: Bappeda Buleleng\n", "- id: bappeda\n")  # the draft itself is sound
    with pytest.raises(MasterplanError) as caught:
        pipeline.prepare(work / "data", work)
    shown = [str(p) for p in caught.value.problems]
    assert any(s.startswith(f"{TAG}:data/opd.yml:") for s in shown), shown
    assert any("tidak lolos pemeriksaan data" in s and s.startswith("data/wilayah.yml:") for s in shown), shown
