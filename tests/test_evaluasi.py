"""National evaluation reports as published (issue: the whole report, both ranks, targets, follow-up).

Two fixtures: Kabupaten Malang's 2022 letter and 2023 stage II report, typed exactly as
published (tests/fixtures.py: MALANG_MONEV), and a second region (the test kota) whose
report has a provincial and a national rank, two other published figures for one result,
targets for two years and five recommendations with their follow-up. Its figures are the
fixture's own (illustrative), not any real region's.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest
import yaml
from bs4 import BeautifulSoup
from pypdf import PdfReader

from fixtures import MALANG_MONEV, make_project, malang, mkdocs_build, region, write_region
from masterplan.derive import pipeline
from masterplan.render import opendata_monev
from masterplan.site import editor

SECOND_MONEV = """\
sumber_target: RPJMD Kota Salatiga 2025-2029 (contoh uji)
target_skor:
  2025: 3.4
  2027: 3.55
evaluasi:
- tahun: 2025
  tahap: Tahap II
  nilai_resmi: 3.197
  nilai_lain:
  - nilai: 3.200
    sumber: Siaran pers Diskominfo (contoh uji)
    keterangan: dibulatkan dalam siaran pers
  peringkat: 22
  cakupan_peringkat: nasional
  peringkat_lain:
  - cakupan: provinsi
    peringkat: 4
    wilayah: Jawa Tengah
  bobot: {baseline: 10, output: 20, outcome: 30, impact: 20, quick_win: 20}
  skor: {baseline: 3.20, output: 3.10, outcome: 3.25, impact: 3.15, quick_win: 3.26}
  kekuatan:
  - Dukungan pimpinan daerah kuat.
  kelemahan:
  - Forum smart city belum aktif.
  rekomendasi:
  - teks: Menetapkan masterplan dengan peraturan kepala daerah.
    penilai: Penilai 1
    tindak_lanjut: selesai
    catatan_tindak_lanjut: Peraturan Wali Kota Nomor 12 Tahun 2025.
    tanggal_tindak_lanjut: 2025-03-03
  - teks: Mengaktifkan forum smart city.
    penilai: Penilai 1
    tindak_lanjut: berjalan
    catatan_tindak_lanjut: Rapat pembentukan forum dijadwalkan.
    program_tindak_lanjut: [GOV-01, SOC-02]
  - teks: Menambah anggaran non-APBD.
    penilai: Penilai 2
    tindak_lanjut: belum
  - teks: Menyusun rencana aksi tahunan.
    penilai: Penilai 2
  - teks: Melaporkan realisasi program setiap semester.
  sumber: Laporan hasil evaluasi 2025 tahap II (contoh uji)
"""


def second_region() -> tuple[dict, dict]:
    files = region()
    del files["monev.yml"]
    return files, {"monev.yml": SECOND_MONEV}


def _check(tmp_path, files, texts):
    return pipeline.check(write_region(tmp_path, files, texts), tmp_path)


def _view(tmp_path, files, texts):
    return pipeline.prepare(write_region(tmp_path, files, texts), tmp_path)


def _monev_problems(problems):
    return [p for p in problems if p.file == "data/monev.yml"]


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


# ------------------------------------------------------------------ model and derive


def test_malang_reports_are_accepted_without_a_word_about_them(tmp_path):
    plan, problems = _check(tmp_path, *malang())
    assert plan is not None
    assert _monev_problems(problems) == []  # 2022's 2,504 against 2,51 is rounding: silence


def test_2022_official_total_stands_beside_its_recomputation(tmp_path):
    ev = _view(tmp_path, *malang()).evaluations[0]
    assert ev.title == "Evaluasi 2022" and ev.model.nilai_resmi == 2.51 and ev.headline == 2.51
    assert round(ev.check.total, 6) == 2.504
    assert ev.check.explained_by_rounding and abs(ev.check.difference - 0.006) < 1e-9
    assert ev.check.formula == "10% × 1,40 + 20% × 1,54 + 30% × 2,92 + 10% × 2,56 + 30% × 3,08 = 2,504"


def test_each_listed_element_averages_its_subindicators_within_rounding(tmp_path):
    ev = _view(tmp_path, *malang()).evaluations[0]
    elements = {e.key: e for e in ev.elements}
    expected = {
        "baseline": (5, 1.4, 1.40),
        "output": (7, 1.535714, 1.54),
        "impact": (4, 2.5625, 2.56),
        "quick_win": (12, 3.083333, 3.08),
    }
    for key, (count, mean, published) in expected.items():
        check = elements[key].check
        assert (check.count, round(check.mean, 6), check.published) == (count, mean, published), key
        assert check.explained_by_rounding, key
        assert len(elements[key].subindicators) == count
    assert elements["outcome"].subindicators == [] and elements["outcome"].check is None  # normal, not a gap
    assert elements["output"].check.formula == "(2,00 + 1,00 + 2,00 + 2,75 + 1,00 + 1,00 + 1,00) / 7 = 1,5357"


def test_2023_has_no_official_total_and_none_is_invented(tmp_path):
    view = _view(tmp_path, *malang())
    ev = view.evaluations[1]
    assert ev.title == "Evaluasi 2023 Tahap II"
    assert ev.model.nilai_resmi is None and ev.headline is None and not ev.headline_is_official
    assert [(r.key, r.weight, r.score) for r in ev.rows] == [
        ("baseline", 10, 3.6),
        ("output", 20, 2.29),
        ("outcome", 20, 3.41),
        ("impact", 20, 2.81),
        ("quick_win", 20, 3.13),
        ("kolaborasi", 10, 2.53),
    ]
    assert round(ev.check.total, 6) == 2.941  # a recomputation, shown as one
    assert view.monev.latest is ev and view.monev.latest_official is view.evaluations[0]
    assert view.monev.trend_slots == [("2022", 2.51, None), ("2023 II", None, None)]


def test_element_score_beyond_its_subindicators_is_a_warning_with_the_arithmetic(tmp_path):
    text = MALANG_MONEV.replace("{nama: Keterlibatan OPD, nilai: 2.75}", "{nama: Keterlibatan OPD, nilai: 3.75}")
    files, _ = malang()
    plan, problems = _check(tmp_path, files, {"monev.yml": text})
    assert plan is not None, "a published score is never rejected"
    warnings = _monev_problems(problems)
    assert [(p.line, p.severity) for p in warnings] == [(_line_of(text, "output: 1.54"), "peringatan")]
    assert warnings[0].message == (
        "skor unsur `output` 1,54 berbeda 0,139 dari rata-rata 7 nilai subindikatornya "
        "((2,00 + 1,00 + 2,00 + 3,75 + 1,00 + 1,00 + 1,00) / 7 = 1,6786); pembulatan angka yang dicetak hanya menjelaskan "
        "selisih sampai 0,01. Skor yang diumumkan tetap dipakai; periksa salinan nilai subindikator terhadap laporan resminya."
    )
    view = _view(tmp_path, files, {"monev.yml": text})
    assert view.evaluations[0].model.skor["output"] == 1.54  # the official figure is kept


def test_follow_up_programme_must_exist(tmp_path):
    files, texts = second_region()
    text = texts["monev.yml"].replace("[GOV-01, SOC-02]", "[GOV-01, SOC-09]")
    plan, problems = _check(tmp_path, files, {"monev.yml": text})
    assert plan is None
    assert [(p.line, p.message) for p in problems] == [
        (
            _line_of(text, "program_tindak_lanjut:"),
            "program `SOC-09` tidak ada di data/program/; mungkin maksud Anda `SOC-02`?",
        )
    ]


@pytest.mark.parametrize(
    "change, needle, message",
    [
        ("  - unsur: impact\n", "  - unsur: impact", "rincian unsur `baseline` dipakai dua kali"),
        ("  - unsur: impact\n", "  - unsur: impact", "unsur `dampak` tidak ada di `bobot` evaluasi ini"),
        ("  sumber: Surat", "  - {cakupan: nasional", "peringkat `nasional` sudah ditulis untuk evaluasi ini"),
    ],
)
def test_report_parts_that_contradict_each_other_are_errors_at_their_line(tmp_path, change, needle, message):
    text = MALANG_MONEV
    if "dipakai dua kali" in message:
        text = text.replace(change, "  - unsur: baseline\n", 1)
        needle = "  - unsur: baseline"
    elif "dampak" in message:
        text = text.replace(change, "  - unsur: dampak\n", 1)
        needle = "  - unsur: dampak"
    else:
        text = text.replace(
            change,
            "  peringkat: 22\n  cakupan_peringkat: nasional\n  peringkat_lain:\n  - {cakupan: nasional, peringkat: 3}\n"
            + change,
            1,
        )
    files, _ = malang()
    plan, problems = _check(tmp_path, files, {"monev.yml": text})
    errors = [p for p in _monev_problems(problems) if not p.is_warning]
    assert plan is None and len(errors) == 1 and message in errors[0].message
    lines = [i for i, line in enumerate(text.splitlines(), 1) if line.startswith(needle)]
    assert errors[0].line == lines[-1]


def test_second_region_enters_both_ranks_targets_and_five_recommendations(tmp_path):
    plan, problems = _check(tmp_path, *second_region())
    assert plan is not None and _monev_problems(problems) == []
    view = _view(tmp_path, *second_region())
    ev = view.evaluations[0]
    assert ev.rank_label == "peringkat ke-22 nasional dan ke-4 provinsi (Jawa Tengah)"
    assert view.monev.targets == [(2025, 3.4), (2027, 3.55)] and ev.target == 3.4
    assert view.monev.trend_slots == [("2025 II", 3.197, 3.4), ("2027", None, 3.55)]
    assert [r.status_label for r in ev.recommendations] == [
        "sudah ditindaklanjuti",
        "sedang ditindaklanjuti",
        "belum ditindaklanjuti",
        None,
        None,
    ]
    assert ev.recommendations[0].date_label == "3 Maret 2025"
    assert ev.follow_up_summary == [
        ("sudah ditindaklanjuti", 1),
        ("sedang ditindaklanjuti", 1),
        ("belum ditindaklanjuti", 1),
        ("tindak lanjut belum dilaporkan", 2),
    ]
    from masterplan.formats import number

    assert (number(ev.model.nilai_resmi), number(ev.model.nilai_lain[0].nilai)) == ("3,197", "3,200")


def test_old_single_rank_fields_still_work(tmp_path):
    files = region()  # `peringkat: 40` without a scope, as older data has it
    view = _view(tmp_path, files, None)
    assert view.evaluations[0].rank_label == "peringkat ke-40"


# ------------------------------------------------------------------ open data


def test_open_data_has_one_row_per_published_figure_and_finding(tmp_path):
    view = _view(tmp_path, *malang())
    table = list(csv.DictReader(io.StringIO(opendata_monev.to_csv(view.monev))))
    levels = [r["tingkat"] for r in table]
    element = lambda subs: ["unsur"] + ["subindikator"] * subs + ["hasil-hitung"]  # noqa: E731 - its sub-indicators' average last
    assert levels == (
        ["nilai-resmi", "hasil-hitung"]
        + element(5)
        + element(7)
        + ["unsur"]
        + element(4)
        + element(12)
        + ["kelemahan", "rekomendasi"]
        + ["hasil-hitung"]
        + ["unsur"] * 6
    )
    total = table[0]
    assert (total["tahun"], total["tahap"], total["skor"], total["bobot"], total["unsur"], total["ilustratif"]) == (
        "2022",
        "",
        "2.51",
        "",
        "",
        "tidak",
    )
    assert total["sumber"].startswith("Surat Kementerian Komunikasi dan Informatika Nomor B-1004/DJAI/AI.01.04/12/2022")
    assert table[1]["keterangan"].startswith("dihitung dari bobot dan skor unsur yang diumumkan, bukan angka resmi")
    average = table[8]  # baseline's five sub-indicators: (2 + 1 + 2 + 1 + 1) / 5
    assert (average["unsur"], average["skor"], average["keterangan"][:45]) == (
        "baseline",
        "1.4",
        "rata-rata 5 nilai subindikator yang diumumkan",
    )
    baseline = next(r for r in table if r["tingkat"] == "unsur" and r["unsur"] == "baseline" and r["tahun"] == "2022")
    assert (baseline["bobot"], baseline["skor"]) == ("10", "1.40")  # as printed, not 1.4
    opd = next(r for r in table if r["subindikator"] == "Keterlibatan OPD")
    assert (opd["tahun"], opd["tingkat"], opd["unsur"], opd["skor"]) == ("2022", "subindikator", "output", "2.75")
    recommendation = next(r for r in table if r["tingkat"] == "rekomendasi")
    assert (
        recommendation["teks"].startswith("Mempercepat pengesahan")
        and recommendation["tindak_lanjut"] == "belum dilaporkan"
    )
    later = [r for r in table if r["tahun"] == "2023"]
    assert "nilai-resmi" not in [r["tingkat"] for r in later]  # no total invented for 2023
    assert (
        {r["tahap"] for r in later} == {"Tahap II"}
        and later[-1]["unsur"] == "kolaborasi"
        and later[-1]["bobot"] == "10"
    )
    doc = json.loads(opendata_monev.to_json(view.monev))
    assert doc["kolom"] == opendata_monev.COLUMNS and len(doc["evaluasi"]) == len(table)
    assert doc["evaluasi"][0]["skor"] == 2.51 and doc["evaluasi"][0]["tahap"] is None


def test_second_region_open_data_holds_ranks_targets_other_figures_and_follow_up(tmp_path):
    view = _view(tmp_path, *second_region())
    table = list(csv.DictReader(io.StringIO(opendata_monev.to_csv(view.monev))))
    by_level = lambda level: [r for r in table if r["tingkat"] == level]  # noqa: E731
    assert [(r["cakupan"], r["peringkat"], r["wilayah_cakupan"]) for r in by_level("peringkat")] == [
        ("nasional", "22", ""),
        ("provinsi", "4", "Jawa Tengah"),
    ]
    assert [(r["tahun"], r["skor"], r["sumber"]) for r in by_level("target-daerah")] == [
        ("2025", "3.4", "RPJMD Kota Salatiga 2025-2029 (contoh uji)"),
        ("2027", "3.55", "RPJMD Kota Salatiga 2025-2029 (contoh uji)"),
    ]
    assert [(r["skor"], r["sumber"], r["keterangan"]) for r in by_level("nilai-lain")] == [
        ("3.200", "Siaran pers Diskominfo (contoh uji)", "dibulatkan dalam siaran pers")
    ]  # as written beside 3.197
    assert by_level("nilai-resmi")[0]["skor"] == "3.197"
    follow_up = [
        (r["penilai"], r["tindak_lanjut"], r["tanggal_tindak_lanjut"], r["program_tindak_lanjut"])
        for r in by_level("rekomendasi")
    ]
    assert follow_up == [
        ("Penilai 1", "selesai", "2025-03-03", ""),
        ("Penilai 1", "berjalan", "", "GOV-01;SOC-02"),
        ("Penilai 2", "belum", "", ""),
        ("Penilai 2", "belum dilaporkan", "", ""),
        ("", "belum dilaporkan", "", ""),
    ]
    assert [r["teks"] for r in by_level("kekuatan") + by_level("kelemahan")] == [
        "Dukungan pimpinan daerah kuat.",
        "Forum smart city belum aktif.",
    ]


def test_kinds_of_missing_of_an_evaluation_are_columns_and_cells(tmp_path):
    text = SECOND_MONEV.replace(
        "  bobot: {baseline: 10, output: 20, outcome: 30, impact: 20, quick_win: 20}\n",
        "  tidak_dipublikasikan: [bobot]\n",
    )
    text = text.replace(
        "  peringkat: 22\n  cakupan_peringkat: nasional\n  peringkat_lain:\n  - cakupan: provinsi\n    peringkat: 4\n    wilayah: Jawa Tengah\n",
        "  tidak_diketahui: [peringkat]\n",
    )
    files, _ = second_region()
    view = _view(tmp_path, files, {"monev.yml": text})
    table = list(csv.DictReader(io.StringIO(opendata_monev.to_csv(view.monev))))
    elements = [r for r in table if r["tingkat"] == "unsur"]
    assert len(elements) == 5 and {r["bobot"] for r in elements} == {"tidak dipublikasikan"}
    assert {(r["tidak_dipublikasikan"], r["tidak_diketahui"]) for r in table if r["tingkat"] != "target-daerah"} == {
        ("bobot", "peringkat")
    }
    assert [r["peringkat"] for r in table if r["tingkat"] == "peringkat"] == ["tidak diketahui"]
    rows = json.loads(opendata_monev.to_json(view.monev))["evaluasi"]
    assert {r["bobot"] for r in rows if r["tingkat"] == "unsur"} == {None}


# ------------------------------------------------------------------ form editor


def test_editor_offers_every_part_of_a_report_in_indonesian(tmp_path):
    plan = pipeline.prepare(write_region(tmp_path, *second_region()), tmp_path).plan
    config = editor.decap_config(plan, editor.options_from("https://github.com/contoh/masterplan/edit/utama/", "", ""))
    monev = next(f for f in config["collections"][1]["files"] if f["name"] == "monev")
    top = {f["name"]: f for f in monev["fields"]}
    assert (
        top["target_skor"]["widget"] == "peta"
        and top["target_skor"]["key_type"] == "tahun"
        and top["target_skor"]["label"] == "Target skor"
    )
    ev = {f["name"]: f for f in top["evaluasi"]["fields"]}
    rincian = {f["name"]: f for f in ev["rincian_unsur"]["fields"]}
    assert ev["rincian_unsur"]["widget"] == "list" and ev["rincian_unsur"]["label"] == "Rincian unsur"
    sub = {f["name"]: f for f in rincian["subindikator"]["fields"]}
    assert (
        rincian["subindikator"]["widget"] == "list"
        and sub["nilai"]["widget"] == "angka"
        and sub["nilai"]["jenis"] == "skor"
        and sub["nilai"]["max"] == 4
    )
    rec = {f["name"]: f for f in ev["rekomendasi"]["fields"]}
    assert [o["value"] for o in rec["tindak_lanjut"]["options"]] == ["belum", "berjalan", "selesai"] and rec[
        "tindak_lanjut"
    ]["label"] == "Tindak lanjut"
    assert (
        rec["teks"]["required"] and rec["tanggal_tindak_lanjut"]["widget"] == "tanggal"
    )  # dates as Indonesians write them
    assert {f["name"] for f in ev["peringkat_lain"]["fields"]} == {"cakupan", "peringkat", "wilayah", "dari", "sumber"}
    assert ev["kekuatan"]["widget"] == "list" and ev["kelemahan"]["label"] == "Kelemahan"
    assert all(f.get("hint") for f in [*ev.values(), *rec.values(), *sub.values()])
    # What the editor writes back (plain YAML of these fields) passes the check.
    entry = yaml.safe_load(SECOND_MONEV)
    assert set(entry["evaluasi"][0]) <= set(ev)


# ------------------------------------------------------------------ built site and books


def _built_site(folder, region: tuple[dict, dict]):
    files, texts = region
    project = make_project(folder, files, texts)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    return project / "site"


@pytest.fixture(scope="module")
def malang_site(tmp_path_factory):
    return _built_site(tmp_path_factory.mktemp("malang"), malang())


@pytest.fixture(scope="module")
def second_site(tmp_path_factory):
    return _built_site(tmp_path_factory.mktemp("kedua"), second_region())


def _page(site, rel):
    return BeautifulSoup((site / rel).read_text(encoding="utf-8"), "html.parser")


def _words(node, separator: str = " ") -> str:
    return " ".join(node.get_text(separator).split())


def _pdf_text(path) -> str:
    return " ".join(" ".join(p.extract_text() or "" for p in PdfReader(path).pages).split())


def test_dashboard_shows_2022_as_published_with_expandable_subindicators(malang_site):
    doc = _page(malang_site, "monev.html")
    assert {s["id"]: s.get_text() for s in doc.select(".mp-skor")} == {"nilai-2022": "2,51"}  # one official headline
    details = doc.select("details.mp-rincian")
    assert [_words(d.summary) for d in details] == [
        "Baseline: 5 subindikator, skor 1,40",
        "Output: 7 subindikator, skor 1,54",
        "Impact: 4 subindikator, skor 2,56",
        "Quick win: 12 subindikator, skor 3,08",
    ]
    rows = [[_words(td) for td in tr.select("td")] for tr in details[1].select("tbody tr")]
    assert rows[3] == ["Keterlibatan OPD", "2,75"] and rows[7] == ["Rata-rata hitung (7 nilai)", "1,5357"]
    assert _words(details[1].select("tbody tr")[-1]) == "Skor unsur yang diumumkan 1,54"
    weakness = doc.select_one("ul.mp-kelemahan li")
    assert (
        _words(weakness)
        == "Belum adanya Peraturan Bupati atau Peraturan Daerah untuk menetapkan Masterplan Smart City Kabupaten Malang."
    )
    rec = doc.select_one("ol.mp-rekomendasi li")
    assert _words(rec).startswith("Mempercepat pengesahan dan penetapan Peraturan Bupati atau Peraturan Daerah")
    assert "Tindak lanjut: belum dilaporkan" in _words(rec, "")
    assert "B-1004/DJAI/AI.01.04/12/2022" in _words(doc.select_one("article"))


def test_dashboard_never_dresses_2023_recomputation_as_an_official_figure(malang_site):
    doc = _page(malang_site, "monev.html")
    stage = doc.select_one("#nilai-2023-tahap-ii")
    assert "mp-skor" not in stage.get("class", []) and _words(stage, "") == "Nilai total tidak dicetak dalam laporan."
    headline = {"mp-skor", "mp-skor-resmi", "mp-skor-besar"}
    mentions = doc.find_all(string=re.compile("2,941"))
    assert mentions
    for node in mentions:  # every mention sits in a recomputation's plain style
        assert node.find_parent(class_=re.compile("mp-hasil-hitung|mp-rumus")) is not None, node
        assert not node.find_parent(["strong", "b", "th"]), node
        assert not any(headline & set(parent.get("class", [])) for parent in node.parents), node
    trend = [[_words(td) for td in tr.select("td")] for tr in doc.select("table.mp-evaluasi tbody tr")]
    assert trend == [
        ["2022", "", "2,51", "tidak diumumkan"],
        ["2023", "Tahap II", "tidak dicetak dalam laporan", "tidak diumumkan"],
    ]  # a rank nobody announced
    svg = doc.select_one("figure svg.mp-chart")
    assert _words(svg.desc) == "2022: nilai resmi 2,51; 2023 II: tanpa nilai resmi" and "2,94" not in svg.get_text()


def test_book_two_and_annex_summarise_the_latest_report_and_follow_up(malang_site):
    for name in ("buku-2-masterplan-smart-city.pdf", "lampiran-perbup.pdf"):
        text = _pdf_text(malang_site / "unduh" / name)
        assert (
            "Evaluasi 2023 Tahap II: nilai total tidak dicetak dalam laporan (hasil hitung dari skor unsur, bukan nilai resmi: 2,941)"
            in text
        ), name
        assert "nilai total 2,94" not in text and "2,941 (nilai resmi)" not in text
        assert "Rekomendasi Evaluasi 2022 (1 rekomendasi: 1 tindak lanjut belum dilaporkan)" in text, name
        assert "Mempercepat pengesahan dan penetapan Peraturan Bupati atau Peraturan Daerah" in text, name
        for found in re.finditer("2,941", text):  # each recomputation is named as one where it stands
            context = text[max(0, found.start() - 200) : found.start()]
            assert "hasil hitung" in context.lower(), context


def test_book_three_gives_the_latest_official_total(malang_site):
    text = _pdf_text(malang_site / "unduh" / "buku-3-ringkasan-eksekutif-quick-win.pdf")
    assert "Nilai resmi terakhir: 2,51 dari 4 pada Evaluasi 2022." in text
    assert "Evaluasi 2023 Tahap II: nilai total tidak dicetak dalam laporan" in text


def test_built_site_publishes_the_evaluation_open_data(malang_site):
    table = list(csv.DictReader((malang_site / "unduh" / "evaluasi.csv").open(encoding="utf-8")))
    rows = json.loads((malang_site / "unduh" / "evaluasi.json").read_text(encoding="utf-8"))["evaluasi"]
    assert len(table) == len(rows) == 48
    assert [r["skor"] for r in rows if r["tingkat"] == "unsur" and r["tahun"] == 2022] == [1.4, 1.54, 2.92, 2.56, 3.08]
    links = [a["href"] for a in _page(malang_site, "unduh.html").select("article a")]
    assert "unduh/evaluasi.csv" in links and "unduh/evaluasi.json" in links


def test_second_region_dashboard_shows_ranks_targets_figures_and_follow_up(second_site):
    doc = _page(second_site, "monev.html")
    assert {s["id"]: s.get_text() for s in doc.select(".mp-skor")} == {"nilai-2025-tahap-ii": "3,197"}
    assert [_words(li) for li in doc.select("ul.mp-peringkat li")] == [
        "Peringkat ke-22 nasional",
        "Peringkat ke-4 provinsi (Jawa Tengah)",
    ]
    assert [_words(li) for li in doc.select("ul.mp-nilai-lain li")] == [
        "3,200, menurut Siaran pers Diskominfo (contoh uji) (dibulatkan dalam siaran pers)"
    ]
    trend = [[_words(td) for td in tr.select("td")] for tr in doc.select("table.mp-evaluasi tbody tr")]
    assert trend == [["2025", "Tahap II", "3,197", "3,4", "peringkat ke-22 nasional dan ke-4 provinsi (Jawa Tengah)"]]
    assert "3,4 untuk tahun 2025; 3,55 untuk tahun 2027." in _words(doc.select_one("article"))
    svg = doc.select_one("figure svg.mp-chart")
    assert _words(svg.desc) == "2025 II: nilai resmi 3,197, target 3,4; 2027: tanpa nilai resmi, target 3,55"
    items = doc.select("ol.mp-rekomendasi > li")
    assert len(items) == 5
    assert (
        _words(items[0].select_one(".mp-tindak-lanjut"), "")
        == "Tindak lanjut: sudah ditindaklanjuti, 3 Maret 2025. Peraturan Wali Kota Nomor 12 Tahun 2025."
    )
    assert _words(items[3].select_one(".mp-tindak-lanjut"), "") == "Tindak lanjut: belum dilaporkan"
    assert "(Penilai 2)" in _words(items[2])
    links = [(a.get_text(), a["href"]) for a in items[1].select(".mp-tindak-lanjut a")]
    assert links == [
        ("Program Tata Kelola Pemerintahan 1", "program/gov-01.html"),
        ("Program Masyarakat 2", "program/soc-02.html"),
    ]
    text = _pdf_text(second_site / "unduh" / "buku-3-ringkasan-eksekutif-quick-win.pdf")
    assert (
        "Nilai resmi terakhir: 3,197 dari 4 pada Evaluasi 2025 Tahap II, peringkat ke-22 nasional dan ke-4 provinsi (Jawa Tengah) (target daerah 3,4)."
        in text
    )


# ------------------------------------------------------------------ the form editor in Chromium


def test_editor_enters_a_new_report_with_findings_and_follow_up(tmp_path_factory, chromium_browser):
    """A new year's report, its weakness and a recommendation with its follow-up, entered in the form
    editor (no YAML), saved through Git, accepted by `masterplan check` and shown on the dashboard."""
    import subprocess
    import sys

    from test_form_editor import local_git, save_and_publish

    setup = local_git.__wrapped__(tmp_path_factory)  # the editor test's Git repository, decap-server and site
    project, site = next(setup)
    try:
        page = chromium_browser.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(site + "sunting/index.html")
        page.get_by_role("button", name="Masuk").click()
        page.goto(site + "sunting/index.html#/collections/data/entries/monev")
        page.get_by_role("button", name="Tambah evaluasi").wait_for()
        page.get_by_role("button", name="Tambah evaluasi").click()
        page.locator("input[id^=tahun-field]").last.fill("2026")
        page.locator("input[id^=nilai_resmi-field]").last.fill("2.95")
        page.get_by_role("button", name="Tambah kelemahan").last.click()
        page.locator("[id^=isi-field]").last.fill("Forum smart city belum aktif.")
        page.get_by_role("button", name="Tambah rekomendasi").last.click()
        page.locator("textarea[id^=teks-field]").last.fill("Mengaktifkan forum smart city.")
        page.locator("[id^=tindak_lanjut-field]").last.click()
        page.get_by_role("option", name="Selesai", exact=True).click()  # choices are shown by name
        page.locator("[id^=catatan_tindak_lanjut-field]").last.fill("Forum dibentuk dengan keputusan kepala daerah.")
        page.locator("input[id^=tanggal_tindak_lanjut-field]").last.fill("2026-05-04")
        save_and_publish(page)
        page.close()
        assert errors == []
        data = yaml.safe_load((project / "data/monev.yml").read_text(encoding="utf-8"))
        new = data["evaluasi"][-1]
        assert (new["tahun"], new["nilai_resmi"], new["kelemahan"]) == (2026, 2.95, ["Forum smart city belum aktif."])
        assert new["rekomendasi"] == [
            {
                "teks": "Mengaktifkan forum smart city.",
                "tindak_lanjut": "selesai",
                "catatan_tindak_lanjut": "Forum dibentuk dengan keputusan kepala daerah.",
                "tanggal_tindak_lanjut": dt.date(2026, 5, 4),
            }
        ]
        check = subprocess.run(
            [sys.executable, "-m", "masterplan.commands.cli", "check"], cwd=project, capture_output=True, text=True
        )
        assert check.returncode == 0, check.stdout + check.stderr
        rebuilt = mkdocs_build(project)
        assert rebuilt.returncode == 0, rebuilt.stderr
        rec = _page(project / "site", "monev.html").select("ol.mp-rekomendasi > li")[-1]
        assert _words(rec, "") == (
            "Mengaktifkan forum smart city. Tindak lanjut: sudah ditindaklanjuti, 4 Mei 2026. "
            "Forum dibentuk dengan keputusan kepala daerah."
        )
    finally:
        next(setup, None)  # stop decap-server and the site server
