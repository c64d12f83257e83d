"""`masterplan baru`: questions from the models, answers checked as typed, entries like their neighbours."""

from __future__ import annotations

import yaml
from click.testing import CliRunner

from fixtures import KEDIRI_ANSWERS, region, write_region
from masterplan import schema
from masterplan.commands import cli, questions, scaffold
from masterplan.derive import pipeline

ELEMENTS_ECO = "industri, kesejahteraan-rakyat, transaksi-keuangan"
AGENCIES = "diskominfo, bappeda, dlh"


def baru(data_dir, *args, input=None):
    return CliRunner().invoke(cli.main, ["baru", *args, "--data", str(data_dir)], input=input)


def entries(data_dir, rel="program/economy.yml", key="program"):
    return yaml.safe_load((data_dir / rel).read_text(encoding="utf-8"))[key]


def answers_for(names_and_answers: dict) -> str:
    """Typed answers in the order the model asks them; unnamed optional questions get Enter."""
    order = ["dimensi"] + [q.name for q in questions.questions_for(schema.Program, ("id",))]
    lines = []
    for name in order:
        given = names_and_answers.get(name, "")
        lines += given if isinstance(given, list) else [given]
    return "\n".join(lines) + "\n"


def test_any_case_lists_from_the_data_and_immediate_rechecks(tmp_path):
    data_dir = write_region(tmp_path)
    typed = answers_for(
        {
            "dimensi": ["ekonomi", "Economy"],
            "nama": "Pasar Digital",
            "deskripsi": "Uji.",
            "elemen": ["pasar", "INDUSTRI"],
            "misi": "m1, M2",
            "opd": ["dinas-x", "DLH"],
            "horizon": "Menengah",
            "tahun_mulai": "2026",
            "tahun_selesai": ["dua ribu", "2028"],
            "sumber_dana": "apbd, csr",
        }
    )
    result = baru(data_dir, "program", input=typed)
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("Jawab setiap pertanyaan; kolom yang tidak wajib boleh dilewati dengan Enter.\n")
    assert (
        "  Belum benar: `ekonomi` bukan pilihan yang sah untuk `dimensi`. Pilih salah satu: governance, branding, economy, living, society, environment, tanpa-dimensi. Coba lagi.\n"
        in out
    )
    assert (
        f"  Belum benar: `pasar` bukan pilihan yang sah untuk `elemen`. Pilih salah satu: {ELEMENTS_ECO}. Coba lagi.\n"
        in out
    )
    assert (
        f"  Belum benar: `dinas-x` bukan pilihan yang sah untuk `opd`. Pilih salah satu: {AGENCIES}. Coba lagi.\n"
        in out
    )
    assert "  Belum benar: `tahun_selesai` harus berupa bilangan bulat, bukan 'dua ribu'. Coba lagi.\n" in out
    # The lists come from the data: elements of the chosen dimension, agencies with their names.
    assert "  Pilihan:\n    industri              Industri\n    kesejahteraan-rakyat  Kesejahteraan Rakyat\n" in out
    assert (
        "    diskominfo  Dinas Komunikasi dan Informatika\n    bappeda     Badan Perencanaan Pembangunan Daerah\n"
        in out
    )
    assert "  Pilihan: sama dengan `opd` di atas.\n" not in out  # three agencies: short enough to repeat
    assert "arah_kebijakan (Enter untuk melewati): " in out
    assert out.endswith(
        "Program ECO-03 ditambahkan ke "
        + str(data_dir)
        + "/program/economy.yml. Lengkapi `indikator` langsung di berkas itu bila perlu.\n"
    )
    new = entries(data_dir)[-1]
    # Skipped optional fields are not written at all: no status, progres or anggaran defaults.
    assert new == {
        "id": "ECO-03",
        "nama": "Pasar Digital",
        "deskripsi": "Uji.",
        "elemen": "industri",
        "misi": ["M1", "M2"],
        "opd": "dlh",
        "horizon": "menengah",
        "tahun_mulai": 2026,
        "tahun_selesai": 2028,
        "sumber_dana": ["APBD", "CSR"],
    }
    assert pipeline.check(data_dir, tmp_path)[1] == []


def test_optional_answers_are_checked_and_written(tmp_path):
    data_dir = write_region(tmp_path)
    typed = answers_for(
        {
            "dimensi": "environment",
            "nama": "Bank Sampah Digital",
            "deskripsi": "Uji.",
            "elemen": "Pengelolaan-Sampah",
            "misi": "M1",
            "opd": "dlh",
            "mitra": "Bappeda",
            "horizon": "pendek",
            "tahun_mulai": "2026",
            "tahun_selesai": "2026",
            "sumber_dana": "APBD",
            "anggaran": ["1.500.000.000", "1500000000"],
            "status": "Berjalan",
            "progres": ["25,5", "125", "25.5"],
            "ilustratif": ["mungkin", "ya"],
        }
    )
    result = baru(data_dir, "program", input=typed)
    assert result.exit_code == 0, result.output
    # Numbers typed the Indonesian way get the advice of issue 13 (masterplan.messages.typed_as_indonesian).
    assert (
        "  Belum benar: `anggaran` ditulis `1.500.000.000`; tulis `1500000000` (tanpa titik pemisah ribuan, tanpa `Rp`, tanpa `%`; pakai titik hanya untuk desimal, misalnya `2.5`). Coba lagi.\n"
        in result.output
    )
    assert (
        "  Belum benar: `progres` ditulis `25,5`; tulis `25.5` (tanpa titik pemisah ribuan, tanpa `Rp`, tanpa `%`; pakai titik hanya untuk desimal, misalnya `2.5`). Coba lagi.\n"
        in result.output
    )
    assert "  Belum benar: `progres` bernilai '125', padahal paling besar 100. Coba lagi.\n" in result.output
    assert "  Belum benar: `ilustratif` dijawab `ya` atau `tidak`, bukan 'mungkin'. Coba lagi.\n" in result.output
    new = entries(data_dir, "program/environment.yml")[-1]
    assert (new["mitra"], new["anggaran"], new["status"], new["progres"], new["ilustratif"]) == (
        ["bappeda"],
        1500000000,
        "berjalan",
        25.5,
        True,
    )


def styled_economy() -> str:
    """The economy file written as the sample writes it: flow lists, folded text, a blank line between entries,
    and (to prove the order is the neighbours', not the model's) `opd` right after `id`."""
    blocks = []
    for given in region()["program/economy.yml"]["program"]:
        p = {"id": given["id"], "opd": given["opd"], **{k: v for k, v in given.items() if k not in ("id", "opd")}}
        blocks.append(yaml.safe_dump([p], default_flow_style=None, sort_keys=False, allow_unicode=True, width=1000))
    blocks[0] = blocks[0].replace(
        "  deskripsi: Program contoh untuk wilayah uji.\n",
        "  deskripsi: >-\n    Program contoh untuk\n    wilayah uji.\n",
    )
    return "# Program dimensi ekonomi\n\ndimensi: economy\nprogram:\n" + "\n".join(blocks)


LONG = (
    "Lapak daring untuk pedagang pasar tradisional, dengan pembayaran nontunai dan pengantaran oleh ojek lokal "
    "yang terdaftar di aplikasi milik pemerintah daerah."
)
OPTIONS = [
    "--dimensi",
    "ECONOMY",
    "--nama",
    "Pasar Daring",
    "--deskripsi",
    LONG,
    "--elemen",
    "Transaksi-Keuangan",
    "--misi",
    "M2",
    "--opd",
    "BAPPEDA",
    "--mitra",
    "dlh,diskominfo",
    "--horizon",
    "Pendek",
    "--tahun-mulai",
    "2026",
    "--tahun-selesai",
    "2026",
    "--sumber-dana",
    "apbd",
]


def test_entry_looks_like_its_neighbours(tmp_path):
    data_dir = write_region(tmp_path, texts={"program/economy.yml": styled_economy()})
    before = (data_dir / "program/economy.yml").read_text(encoding="utf-8")
    result = baru(data_dir, "program", *OPTIONS)
    assert result.exit_code == 0, result.output
    assert "Jawab setiap pertanyaan" not in result.output  # everything required was given: nothing is asked
    after = (data_dir / "program/economy.yml").read_text(encoding="utf-8")
    assert after == before + (
        "\n- id: ECO-03\n  opd: bappeda\n  nama: Pasar Daring\n  deskripsi: >-\n"
        "    Lapak daring untuk pedagang pasar tradisional, dengan pembayaran nontunai\n"
        "    dan pengantaran oleh ojek lokal yang terdaftar di aplikasi milik pemerintah\n    daerah.\n"
        "  elemen: transaksi-keuangan\n  misi: [M2]\n  mitra: [dlh, diskominfo]\n  horizon: pendek\n"
        "  tahun_mulai: 2026\n  tahun_selesai: 2026\n  sumber_dana: [APBD]\n"
    )
    assert yaml.safe_load(after)["program"][-1]["deskripsi"] == LONG
    assert pipeline.check(data_dir, tmp_path)[1] == []


def test_block_style_neighbours_get_a_block_style_entry(tmp_path):
    data_dir = write_region(tmp_path)
    before = (data_dir / "program/economy.yml").read_text(encoding="utf-8")
    assert baru(data_dir, "program", *OPTIONS).exit_code == 0
    added = (data_dir / "program/economy.yml").read_text(encoding="utf-8")[len(before) :]
    assert added.startswith(
        "- id: ECO-03\n  nama: Pasar Daring\n  deskripsi: " + LONG + "\n  elemen: transaksi-keuangan\n  misi:\n  - M2\n"
    )


def test_wrong_option_stops_before_writing(tmp_path):
    data_dir = write_region(tmp_path)
    before = (data_dir / "program/economy.yml").read_text(encoding="utf-8")
    options = [o if o != "BAPPEDA" else "tidak-ada" for o in OPTIONS]
    result = baru(data_dir, "program", *options)
    assert result.exit_code == 2
    assert (
        result.output
        == f"Opsi --opd tidak sah: `tidak-ada` bukan pilihan yang sah untuk `opd`. Pilih salah satu: {AGENCIES}.\n"
    )
    assert (data_dir / "program/economy.yml").read_text(encoding="utf-8") == before


def test_refused_entry_keeps_every_answer(tmp_path, monkeypatch):
    """Years outside the plan's period pass each question but fail the whole check: nothing is lost."""
    monkeypatch.chdir(tmp_path)
    data_dir = write_region(tmp_path)
    before = (data_dir / "program/economy.yml").read_text(encoding="utf-8")
    options = [{"2026": "2020"}.get(o, o) for o in OPTIONS]
    result = baru(data_dir, "program", *options)
    assert result.exit_code == 1
    block = (
        "- id: ECO-03\n  nama: Pasar Daring\n  deskripsi: " + LONG + "\n  elemen: transaksi-keuangan\n  misi:\n  - M2\n"
        "  opd: bappeda\n  mitra:\n  - dlh\n  - diskominfo\n  horizon: pendek\n  tahun_mulai: 2020\n  tahun_selesai: 2020\n"
        "  sumber_dana:\n  - APBD\n"
    )
    assert result.output == (
        "Program tidak ditambahkan; berkas dikembalikan seperti semula.\n"
        "jawaban-program-economy.yml:12: tahun_mulai 2020 di luar periode rencana induk 2025-2029; pilih tahun di dalam periode.\n"
        "jawaban-program-economy.yml:13: tahun_selesai 2020 di luar periode rencana induk 2025-2029; pilih tahun di dalam periode.\n"
        "2 masalah ditemukan. Perbaiki lalu jalankan lagi `masterplan check`.\n\n"
        "Jawaban Anda tidak hilang. Blok YAML ini siap ditempel setelah masalahnya diperbaiki (juga disimpan di jawaban-program-economy.yml):\n\n"
        + block
        + "\n"
    )
    assert (tmp_path / "jawaban-program-economy.yml").read_text(encoding="utf-8") == block
    assert (data_dir / "program/economy.yml").read_text(encoding="utf-8") == before
    assert baru(data_dir, "program", *options).exit_code == 1
    assert (tmp_path / "jawaban-program-economy-2.yml").read_text(encoding="utf-8") == block  # the first file is kept


def test_interrupted_session_shows_the_answers_so_far(tmp_path):
    data_dir = write_region(tmp_path)
    result = baru(data_dir, "program", input="economy\nPasar Digital\n")
    assert result.exit_code == 1  # the input ends (as Ctrl-C or Ctrl-D would) before all questions
    assert "\nDibatalkan; tidak ada berkas yang diubah. Jawaban sejauh ini:\n- nama: Pasar Digital\n" in result.output
    assert "Aborted" not in result.output


def test_new_agency_code_is_checked_when_typed(tmp_path):
    data_dir = write_region(tmp_path)
    result = baru(data_dir, "opd", input="DLH\ndlh\ndishub\nDinas Perhubungan\nDishub\n\n")
    assert result.exit_code == 0, result.output
    assert (
        "  Belum benar: `id` bernilai 'DLH' yang tidak sesuai format. Pakai huruf kecil, angka dan tanda hubung saja, "
        "misalnya `layanan-publik`. Coba lagi.\n"
    ) in result.output
    assert (
        "  Belum benar: kode OPD `dlh` sudah dipakai oleh Dinas Lingkungan Hidup; pilih kode lain. Coba lagi.\n"
        in result.output
    )
    assert "situs (Enter untuk melewati): \n" in result.output
    assert result.output.endswith(f"OPD dishub ditambahkan ke {data_dir}/opd.yml.\n")
    assert entries(data_dir, "opd.yml", "opd")[-1] == {
        "id": "dishub",
        "nama": "Dinas Perhubungan",
        "singkatan": "Dishub",
    }


def test_add_programme_keeps_comments_and_takes_next_id(tmp_path):
    data_dir = write_region(tmp_path)
    path = data_dir / "program/economy.yml"
    path.write_text(
        "# Program dimensi ekonomi (komentar penyunting)\n"
        + path.read_text(encoding="utf-8").replace("  opd: diskominfo\n", "  opd: diskominfo  # penanggung jawab\n", 1),
        encoding="utf-8",
    )
    fields = {
        "nama": "Pasar Digital",
        "deskripsi": "Uji.",
        "elemen": "industri",
        "misi": ["M2"],
        "opd": "bappeda",
        "horizon": "pendek",
        "tahun_mulai": 2026,
        "tahun_selesai": 2026,
        "sumber_dana": ["APBD"],
    }
    assert scaffold.add_programme(data_dir, "economy", fields, tmp_path) == "ECO-03"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Program dimensi ekonomi (komentar penyunting)\n")
    assert "opd: diskominfo  # penanggung jawab" in text
    plan, problems = pipeline.check(data_dir, tmp_path)
    assert problems == [] and [p.id for p in plan.program_files["program/economy.yml"].program][-1] == "ECO-03"


def test_questions_follow_the_model():
    """Required fields of the model are asked without skipping; nested ones are left for the file."""
    asked = {q.name: q.required for q in questions.questions_for(schema.Program, ("id",))}
    for name, info in schema.Program.model_fields.items():
        if name in asked:
            assert asked[name] == info.is_required()
    assert "indikator" in questions.nested_fields(schema.Program) and "indikator" not in asked


def test_first_agency_of_a_new_region_starts_opd_yml(tmp_path, monkeypatch):
    """`masterplan baru opd` right after `baru wilayah` (no data/opd.yml yet) adds the agency, no traceback."""
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    made = runner.invoke(
        cli.main,
        ["baru", "wilayah", *KEDIRI_ANSWERS],
    )
    assert made.exit_code == 0, made.output
    assert not (tmp_path / "data" / "opd.yml").exists()
    added = runner.invoke(
        cli.main, ["baru", "opd", "--id", "diskominfo", "--nama", "Dinas Komunikasi dan Informatika"], input="\n\n"
    )
    assert added.exit_code == 0, added.output
    assert "Traceback" not in added.output
    assert yaml.safe_load((tmp_path / "data" / "opd.yml").read_text(encoding="utf-8")) == {
        "opd": [{"id": "diskominfo", "nama": "Dinas Komunikasi dan Informatika"}]
    }


def test_baru_program_offers_the_kinds_of_missing(tmp_path):
    """Asked last, offering the programme's fields: a skipped field can be declared unpublished or unknown,
    a field just answered cannot."""
    data_dir = write_region(tmp_path)
    typed = answers_for(
        {
            "dimensi": "economy",
            "nama": "Pasar Batik Digital",
            "opd": "dlh",
            "tidak_dipublikasikan": ["opd, anggaran", "anggaran, horizon"],
            "tidak_diketahui": "tahun_mulai",
        }
    )
    result = baru(data_dir, "program", input=typed)
    assert result.exit_code == 0, result.output
    assert "tidak_dipublikasikan: Nama isian yang ada tetapi tidak dipublikasikan" in result.output
    assert (
        "  Belum benar: `opd` sudah Anda isi, jadi tidak bisa disebut kosong; sebut hanya isian yang dilewati. Coba lagi.\n"
        in result.output
    )
    new = entries(data_dir)[-1]
    assert new["tidak_dipublikasikan"] == ["anggaran", "horizon"] and new["tidak_diketahui"] == ["tahun_mulai"]
    assert pipeline.check(data_dir, tmp_path)[1] == []
