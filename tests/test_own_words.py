"""Nothing published that the region did not write (issue 20).

A kota started as the README says (`masterplan baru wilayah`), then given only a
regulation number and year (no title), one programme with a name and a dimension,
and an official total typed unquoted as `nilai_resmi: 3.197`. Its site, books and
annex must carry none of the sample's claims, no guessed title, and the figure to
the digit.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from fixtures import KEDIRI_ANSWERS, REPO, mkdocs_build
from masterplan import formats
from masterplan.derive import pipeline
from masterplan.validate import unwritten

MASTERPLAN = [sys.executable, "-m", "masterplan.commands.cli"]


def _run(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "from masterplan.commands.cli import main; main()", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _sample_claims() -> list[str]:
    """Every sentence the sample region states as its own (inside its `uraian_daerah` blocks)."""
    claims = []
    for path in unwritten.chapter_files(REPO / "docs"):
        for block in unwritten.BLOCK.finditer(path.read_text(encoding="utf-8")):
            body = re.sub(r"\{[{%].*?[%}]\}", " ", block["body"])  # macro calls print data, not claims
            body = re.sub(r"[*_`]", "", body)
            claims += [s.strip() for s in re.split(r"(?<=[.;:])\s+", " ".join(body.split())) if len(s.split()) >= 5]
    return claims


@pytest.fixture(scope="module")
def fork(tmp_path_factory):
    project = tmp_path_factory.mktemp("fork")
    for name in ("mkdocs.yml",):
        shutil.copy(REPO / name, project / name)
    for folder in ("macros", "docs", "data"):
        shutil.copytree(REPO / folder, project / folder)
    made = _run(project, "baru", "wilayah", "--ganti", *KEDIRI_ANSWERS)
    assert made.returncode == 0, made.stderr
    with open(project / "data" / "wilayah.yml", "a", encoding="utf-8") as f:
        f.write('regulasi:\n  nomor: "12"\n  tahun: 2025\n')
    (project / "data" / "monev.yml").write_text(
        "evaluasi:\n- tahun: 2023\n  nilai_resmi: 3.197\n  sumber: Laporan evaluasi 2023\n", encoding="utf-8"
    )
    gov = project / "data" / "program" / "governance.yml"
    gov.write_text(
        gov.read_text(encoding="utf-8").replace("program: []", "program:\n- id: GOV-01\n  nama: Kediri Satu Data"),
        encoding="utf-8",
    )
    built = mkdocs_build(project)
    assert built.returncode == 0, built.stderr[-3000:]
    return project


def _site_text(project: Path) -> str:
    texts = []
    for page in sorted((project / "site").rglob("*.html")):
        if "sunting" in page.parts:
            continue
        texts.append(" ".join(BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").get_text(" ").split()))
    return "\n".join(texts)


def _pdf_text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(path).pages)


def test_the_sample_states_claims_and_keeps_them():
    claims = _sample_claims()
    assert len(claims) >= 17
    assert any("dana desa" in c or "APBN" in c for c in claims)


def test_a_new_region_passes_check_and_builds(fork):
    checked = _run(fork, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "bagian uraian daerah di bab belum ditulis" in checked.stdout
    assert (fork / "docs.lama" / "buku-2" / "bab-4-peta-jalan.md").is_file()  # the old chapters are kept, not lost
    # The editors' completion (.vscode/settings.json) reads data/skema/: rebuilt, not left in data.lama/.
    assert sorted(p.name for p in (fork / "data" / "skema").glob("*.schema.json")) == sorted(
        p.name for p in (REPO / "data" / "skema").glob("*.schema.json")
    )
    assert (fork / "data" / "skema" / "program.schema.json").read_bytes() == (
        REPO / "data" / "skema" / "program.schema.json"
    ).read_bytes()


def test_none_of_the_samples_claims_reaches_the_new_regions_annex_or_site(fork):
    annex = _pdf_text(fork / "site" / "unduh" / "lampiran-perwali.pdf")
    books = " ".join(_pdf_text(p) for p in sorted((fork / "site" / "unduh").glob("buku-*.pdf")))
    site = _site_text(fork)
    squash = lambda t: re.sub(r"\s+", " ", t)  # noqa: E731
    leaked = [
        c for c in _sample_claims() if squash(c) in squash(annex) or squash(c) in squash(books) or squash(c) in site
    ]
    assert leaked == []
    assert "Belum ditulis: Kebijakan pendanaan" in annex
    assert "dana desa" not in annex and "Setiap program memiliki" not in annex


def test_check_final_names_each_unwritten_section(fork):
    final = _run(fork, "check", "--final")
    assert final.returncode == 1
    named = re.findall(r"^(docs/buku-\d/[a-z0-9-]+\.md):(\d+): bagian \"(.+?)\" belum ditulis", final.stdout, re.M)
    assert len(named) == len(_sample_claims_blocks())
    path, line, _title = next(n for n in named if n[2] == "Kebijakan pendanaan")
    assert (
        (fork / path)
        .read_text(encoding="utf-8")
        .splitlines()[int(line) - 1]
        .startswith('{% call uraian_daerah("Kebijakan pendanaan")')
    )


def _sample_claims_blocks() -> list:
    return [s for s in unwritten.sections(REPO / "docs", REPO)]


def test_nothing_after_tentang_is_made_up(fork):
    first = " ".join(PdfReader(fork / "site" / "unduh" / "lampiran-perwali.pdf").pages[0].extract_text().split())
    assert first.startswith("LAMPIRAN PERATURAN WALI KOTA KEDIRI NOMOR 12 TAHUN 2025 TENTANG … ")
    assert "MASTERPLAN SMART CITY KOTA KEDIRI" not in first
    home = " ".join(
        BeautifulSoup((fork / "site" / "index.html").read_text(encoding="utf-8"), "html.parser").get_text(" ").split()
    )
    assert "Peraturan Wali Kota Kediri Nomor 12 Tahun 2025 tentang …" in home
    final = _run(fork, "check", "--final")
    assert "judul peraturan (tentang)" in final.stdout  # the check and every output agree: not set


def test_the_official_total_is_shown_as_published(fork):
    dashboard = " ".join(
        BeautifulSoup((fork / "site" / "monev.html").read_text(encoding="utf-8"), "html.parser").get_text(" ").split()
    )
    assert "3,197" in dashboard and "3,2 " not in dashboard
    assert "3,197" in _pdf_text(fork / "site" / "unduh" / "lampiran-perwali.pdf")


def test_the_new_regions_programme_is_not_illustrative_in_the_open_data(fork):
    csv_text = (fork / "site" / "unduh" / "program.csv").read_text(encoding="utf-8")
    header, row = csv_text.splitlines()[:2]
    assert dict(zip(header.split(","), row.split(","), strict=False))["ilustratif"] == "tidak"
    data = json.loads((fork / "site" / "unduh" / "program.json").read_text(encoding="utf-8"))
    assert data["program"][0]["ilustratif"] == "tidak"
    page = (fork / "site" / "program" / "gov-01.html").read_text(encoding="utf-8")
    assert "mp-ilustratif" not in page


def test_the_sample_keeps_its_chapters_and_marks():
    sections = unwritten.sections(REPO / "docs", REPO)
    assert sections and all(s.written for s in sections)


# ---------------------------------------------------------------- figures as published


@pytest.mark.parametrize(
    "typed, shown", [("3.197", "3,197"), ("2.51", "2,51"), ("1.40", "1,40"), ("3", "3"), ("2.00", "2,00")]
)
def test_a_typed_figure_keeps_its_decimals(tmp_path, typed, shown):
    from fixtures import partial_kota, write_region

    files = partial_kota()
    files["monev.yml"] = {"evaluasi": []}
    data = write_region(tmp_path, files)
    (data / "monev.yml").write_text(f"evaluasi:\n- tahun: 2024\n  nilai_resmi: {typed}\n", encoding="utf-8")
    plan, problems = pipeline.check(data, tmp_path)
    assert plan is not None and [p for p in problems if not p.is_warning] == []
    assert formats.number(plan.monev.evaluasi[0].nilai_resmi) == shown


def test_computed_figures_are_still_rounded():
    assert formats.number(2.504) == "2,5" and formats.number(3.197 * 1.0) == "3,2"
    assert formats.number(formats.Published(3.197, 3) + 0) == "3,2"  # arithmetic gives a computed figure


def _check_one(tmp_path, monev_text: str):
    from fixtures import partial_kota, write_region

    files = partial_kota()
    files["monev.yml"] = {"evaluasi": []}
    data = write_region(tmp_path, files)
    (data / "monev.yml").write_text(monev_text, encoding="utf-8")
    return pipeline.check(data, tmp_path)


def test_no_message_asks_for_an_input_the_next_one_refuses(tmp_path):
    # 3197 in a score: the message says to write 3.197, and 3.197 is accepted.
    plan, problems = _check_one(tmp_path, "evaluasi:\n- tahun: 2024\n  nilai_resmi: 3197\n")
    assert plan is None
    message = str(problems[0])
    assert "data/monev.yml:3:" in message and "tulis `3.197`" in message
    plan, problems = _check_one(tmp_path, "evaluasi:\n- tahun: 2024\n  nilai_resmi: 3.197\n")
    assert plan is not None
    # '3,197' quoted: asks for 3.197, which passes (above).
    plan, problems = _check_one(tmp_path, "evaluasi:\n- tahun: 2024\n  nilai_resmi: '3,197'\n")
    assert plan is None and "tulis `3.197`" in str(problems[0])


def test_a_budget_still_refuses_a_thousands_separator(tmp_path):
    from fixtures import partial_kota, write_region

    files = partial_kota()
    data = write_region(tmp_path, files)
    gov = data / "program" / "governance.yml"
    gov.write_text(
        gov.read_text(encoding="utf-8").replace(
            "nama: Salatiga Satu Data", "nama: Salatiga Satu Data\n  anggaran: 2.000"
        ),
        encoding="utf-8",
    )
    plan, problems = pipeline.check(data, tmp_path)
    assert plan is None and any("tulis `2000`" in p.message for p in problems)


# ---------------------------------------------------------------- kinds of missing


def test_not_published_unknown_and_not_set_are_worded_apart(tmp_path):
    from fixtures import partial_kota, write_region
    from masterplan.render import opendata, templates

    files = partial_kota()
    files["visi-misi.yml"] = {"visi": {"tidak_dipublikasikan": ["teks"]}}
    gov = files["program/governance.yml"]["program"]
    gov[0].pop("opd")
    gov[0].update({"tidak_dipublikasikan": ["anggaran"], "tidak_diketahui": ["horizon", "opd"]})
    files["monev.yml"]["evaluasi"].append(
        {
            "tahun": 2023,
            "tahap": "Tahap II",
            "tidak_dipublikasikan": ["nilai_resmi"],
            "bobot": {"baseline": 50, "output": 50},
            "skor": {"baseline": 3.6, "output": 2.29},
        }
    )
    data = write_region(tmp_path, files)
    view = pipeline.prepare(data, tmp_path)
    pages = templates.render_all(view, REPO / "docs", REPO / "macros", templates.default_options(), REPO)
    programme = pages["program/gov-01.md"]
    assert 'Perkiraan anggaran</th><td><span class="mp-kosong">tidak dipublikasikan</span>' in programme
    assert 'Horizon</th><td><span class="mp-kosong">tidak diketahui</span>' in programme
    assert 'OPD penanggung jawab</th><td><span class="mp-kosong">tidak diketahui</span>' in programme
    assert 'Deskripsi program <span class="mp-kosong">belum ditetapkan</span>' in programme
    assert (
        '<p><span class="mp-kosong">tidak dipublikasikan</span></p></blockquote>' in pages["buku-2/bab-2-visi-misi.md"]
    )
    assert 'Nilai total <span class="mp-kosong">tidak dipublikasikan</span>' in pages["monev.md"]
    header, row = opendata.to_csv(view).splitlines()[:2]
    cells = dict(zip(header.split(","), row.split(","), strict=False))
    assert (cells["anggaran"], cells["horizon"], cells["status"]) == (
        "tidak dipublikasikan",
        "tidak diketahui",
        "belum ditetapkan",
    )
    item = next(i for i in view.completeness.programmes if i.key == "GOV-01")
    assert item.declared == {
        "anggaran": "tidak-dipublikasikan",
        "horizon": "tidak-diketahui",
        "OPD penanggung jawab": "tidak-diketahui",
    }
    assert "anggaran" not in item.open_fields and "status" in item.open_fields
    assert "di antaranya 2 tidak dipublikasikan dan 2 tidak diketahui" in view.completeness.summary()


def test_a_declared_missing_field_must_be_empty_and_exist(tmp_path):
    from fixtures import partial_kota, write_region

    files = partial_kota()
    files["program/governance.yml"]["program"][1]["tidak_dipublikasikan"] = ["anggaran", "warna"]
    files["program/governance.yml"]["program"][1]["tidak_diketahui"] = ["status", "status"]
    data = write_region(tmp_path, files)
    plan, problems = pipeline.check(data, tmp_path)
    assert plan is None
    lines = (data / "program" / "governance.yml").read_text(encoding="utf-8").splitlines()
    by_message = {p.message.split(";")[0]: p for p in problems}
    filled = by_message["`anggaran` sudah berisi nilai, jadi tidak bisa disebut kosong"]
    assert filled.file == "data/program/governance.yml" and lines[filled.line - 1].strip() == "- anggaran"
    assert lines[by_message["`warna` bukan nama isian di sini"].line - 1].strip() == "- warna"
    assert "`status` disebut dua kali" in by_message


def test_a_programme_without_a_dimension_is_entered_and_shown_as_such(tmp_path):
    from fixtures import partial_kota, write_region
    from masterplan.render import opendata, templates

    files = partial_kota()
    files["program/tanpa-dimensi.yml"] = {
        "dimensi": "tanpa-dimensi",
        "program": [{"id": "PRG-01", "nama": "Salatiga Command Center"}],
    }
    data = write_region(tmp_path, files)
    plan, problems = pipeline.check(data, tmp_path)
    assert plan is not None and [p for p in problems if not p.is_warning] == []
    view = pipeline.prepare(data, tmp_path)
    assert [d.id for d in view.dimensions] == ["governance", "branding", "economy", "living", "society", "environment"]
    assert [p.id for p in view.no_dimension.programmes] == ["PRG-01"]
    pages = templates.render_all(view, REPO / "docs", REPO / "macros", templates.default_options(), REPO)
    assert (
        "## Dimensi belum diketahui" in pages["program/index.md"]
        and "Salatiga Command Center" in pages["program/index.md"]
    )
    assert "## Dimensi belum diketahui" in pages["buku-2/bab-3-strategi-program.md"]
    assert "tidak disebut sumbernya" in pages["program/prg-01.md"]
    rows = {r["id"]: r for r in opendata.rows(view)}
    assert rows["PRG-01"]["dimensi"] == "tanpa-dimensi"
    item = next(i for i in view.completeness.programmes if i.key == "PRG-01")
    assert item.open_fields[0] == "dimensi"


def test_a_wrong_prefix_in_the_no_dimension_file_is_refused(tmp_path):
    from fixtures import partial_kota, write_region

    files = partial_kota()
    files["program/tanpa-dimensi.yml"] = {"dimensi": "tanpa-dimensi", "program": [{"id": "GOV-09", "nama": "X"}]}
    plan, problems = pipeline.check(write_region(tmp_path, files), tmp_path)
    assert plan is None and any("PRG-" in p.message and p.file.endswith("tanpa-dimensi.yml") for p in problems)


def _marked_kota(tmp_path):
    """A kota whose every programme but GOV-02 marks its budget unpublished, GOV-03 its agency unknown and its
    horizon and years unpublished; one evaluation marks its weights unpublished; GOV-01 is a quick win."""
    from fixtures import partial_kota, write_region
    from masterplan.render import templates

    files = partial_kota()
    for path, content in files.items():
        if path.startswith("program/"):
            for p in content["program"]:
                if p["id"] != "GOV-02":
                    p["tidak_dipublikasikan"] = ["anggaran"]
    gov3 = files["program/governance.yml"]["program"][2]
    gov3["tidak_diketahui"] = ["opd"]
    gov3["tidak_dipublikasikan"] = ["anggaran", "horizon", "tahun_mulai", "tahun_selesai", "status"]
    files["monev.yml"]["evaluasi"].append(
        {"tahun": 2026, "skor": {"baseline": 3.0, "output": 2.5}, "tidak_dipublikasikan": ["bobot", "nilai_resmi"]}
    )
    data = write_region(tmp_path, files)
    view = pipeline.prepare(data, tmp_path)
    return view, templates.render_all(view, REPO / "docs", REPO / "macros", templates.default_options(), REPO)


def _row(markdown: str, code: str) -> str:
    return next(line for line in markdown.splitlines() if line.startswith(f"<tr><td>{code}</td>"))


def test_every_programme_table_words_the_kind_of_missing(tmp_path):
    _view, pages = _marked_kota(tmp_path)
    for page in ("program/index.md", "dimensi/governance.md", "buku-2/bab-3-strategi-program.md", "peta-jalan.md"):
        row = _row(pages[page], "GOV-03")
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
        assert [re.sub(r"<[^>]+>", "", c) for c in cells[2:]] == [
            "tidak diketahui",
            "tidak dipublikasikan",
            "tidak dipublikasikan",
            "tidak dipublikasikan",
        ], page
    roadmap = pages["peta-jalan.md"]
    assert (
        'program yang tahun pelaksanaannya <span class="mp-kosong">tidak dipublikasikan (1 program) atau belum ditetapkan'
        in roadmap
    )
    assert re.search(
        r"Sistem Aduan Warga</a> \(GOV-03\): tahun <span class=\"mp-kosong\">tidak dipublikasikan</span>", roadmap
    )
    quick = pages["buku-3/bab-2-quick-win.md"]
    assert (
        'Status: <span class="mp-kosong">belum ditetapkan</span>' in quick
    )  # GOV-01 declares nothing about its status
    assert 'Anggaran <span class="mp-kosong">tidak dipublikasikan</span>' in quick


def test_a_sum_over_marked_values_says_so(tmp_path):
    view, pages = _marked_kota(tmp_path)
    assert view.dimension("economy").budget.empty_words == "tidak dipublikasikan untuk 2 dari 2 program"
    summary = pages["buku-3/bab-1-ringkasan-eksekutif.md"]
    assert '<span class="mp-kosong">tidak dipublikasikan untuk 2 dari 2 program</span>' in summary
    assert "(dari 1 program yang anggarannya ditetapkan; 12 program tidak dipublikasikan)" in summary
    assert "belum ditetapkan</span></td></tr>" not in summary.split("Perkiraan anggaran")[1].split("</table>")[0]


def test_an_evaluations_unpublished_weights_read_so(tmp_path):
    _view, pages = _marked_kota(tmp_path)
    dashboard = pages["monev.md"]
    assert 'Bobot unsur <span class="mp-kosong">tidak dipublikasikan</span>' in dashboard
    assert 'Bobot unsur <span class="mp-kosong">belum ditetapkan</span>' not in dashboard
    table = dashboard.split("Peringkat</th>")[1].split("</table>")[0]
    assert '<span class="mp-kosong">tidak diumumkan</span>' in table  # a rank nobody announced is not "not yet decided"
    assert "belum ditetapkan" not in table


def test_the_new_regions_guide_and_pages_carry_nothing_of_the_sample(fork):
    guide = (fork / "site" / "panduan" / "index.html").read_text(encoding="utf-8")
    assert "<img" not in BeautifulSoup(guide, "html.parser").select_one("article").decode()
    assert "Gambar di bawah diambil" not in guide
    assert (
        fork / "docs.lama" / "assets" / "panduan" / "situs-beranda.png"
    ).is_file()  # the sample's pictures are kept aside
    assert "buleleng" not in (fork / "mkdocs.yml").read_text(encoding="utf-8").lower()
    for page in sorted((fork / "site").rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        assert "buleleng" not in text.lower(), page
        if "sunting" not in page.parts:
            assert "ilustratif" not in BeautifulSoup(text, "html.parser").select_one("footer").get_text(), page


def test_a_partial_list_and_an_unlabelled_subindicator_can_be_entered(tmp_path):
    """A report that prints "selected rows" of an element, one of them without a label: both entered as printed,
    and the element's score is not compared with the average of the rows that happen to be printed."""
    from fixtures import partial_kota, write_region
    from masterplan.render import templates

    files = partial_kota()
    stage = files["monev.yml"]["evaluasi"][1]
    stage["rincian_unsur"] = [
        {
            "unsur": "baseline",
            "sebagian": True,
            "subindikator": [{"nama": "Masterplan yang memiliki dasar hukum", "nilai": 4}, {"nilai": 1.0}],
        }
    ]
    data = write_region(tmp_path, files)
    plan, problems = pipeline.check(data, tmp_path)
    assert (
        plan is not None and problems == []
    )  # 2.5 printed against an average of 2.5 of two rows: no check at all when partial
    stage["rincian_unsur"][0]["subindikator"][1]["nilai"] = 3.0  # average 3.5, far from the printed 2.5
    data = write_region(tmp_path / "b", files)
    plan, problems = pipeline.check(data, tmp_path / "b")
    assert plan is not None and problems == []
    view = pipeline.prepare(data, tmp_path / "b")
    dashboard = templates.render_all(view, REPO / "docs", REPO / "macros", templates.default_options(), REPO)[
        "monev.md"
    ]
    assert '<span class="mp-kosong">tanpa nama di laporan</span>' in dashboard
    assert "Laporan hanya mencetak sebagian subindikator unsur ini" in dashboard
    stage["rincian_unsur"][0]["sebagian"] = False
    data = write_region(tmp_path / "c", files)
    assert any(p.is_warning and "skor unsur `baseline`" in p.message for p in pipeline.check(data, tmp_path / "c")[1])


def test_edit_url_comes_from_the_regions_remote_and_check_warns_on_another(tmp_path):
    """`baru wilayah` writes edit_url from the remote `origin`; a repository named elsewhere is a warning at its line."""
    from masterplan.load import repository

    project = tmp_path / "kota"
    project.mkdir()
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    for folder in ("data", "docs"):
        shutil.copytree(REPO / folder, project / folder)
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=project, check=True)
    subprocess.run(
        ["git", "remote", "add", "origin", "git@github.com:pemkot-kediri/masterplan.git"], cwd=project, check=True
    )
    config = project / "mkdocs.yml"
    found = repository.mismatch(config, project)  # still the sample's repository
    assert len(found) == 1 and found[0].is_warning and found[0].file == "mkdocs.yml"
    assert (
        config.read_text(encoding="utf-8")
        .splitlines()[found[0].line - 1]
        .strip()
        .startswith("edit_url: https://github.com/pemkab-buleleng/")
    )
    assert "pemkot-kediri/masterplan" in found[0].message and "edit/main/" in found[0].message
    made = _run(project, "baru", "wilayah", "--ganti", *KEDIRI_ANSWERS)
    assert made.returncode == 0, made.stderr
    assert "edit_url: https://github.com/pemkot-kediri/masterplan/edit/main/" in config.read_text(encoding="utf-8")
    assert repository.mismatch(config, project) == []
    assert repository.github_repository("https://github.com/pemkot-kediri/masterplan.git") == "pemkot-kediri/masterplan"
    assert repository.github_repository("/srv/git/masterplan") is None


def test_without_a_known_repository_the_editor_is_switched_off_not_pointed_elsewhere(fork):
    config = (fork / "mkdocs.yml").read_text(encoding="utf-8")
    assert 'edit_url: ""' in config and "editor: false" in config  # the fork fixture has no Git remote
    assert not (fork / "site" / "sunting").exists()
