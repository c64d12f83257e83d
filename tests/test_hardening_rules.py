"""Second hardening round: each slip gets one exact Indonesian message at the right file:line."""

from __future__ import annotations

import http.server
import threading

import pytest

from fixtures import dump, make_project, mkdocs_build, region, write_region
from masterplan.derive import pipeline
from masterplan.load import yamlfiles
from masterplan.render import filters

GOV = "program/governance.yml"
HOW = "(tanpa titik pemisah ribuan, tanpa `Rp`, tanpa `%`; pakai titik hanya untuk desimal, misalnya `2.5`)"


def problems_for(tmp_path, rel=GOV, old=None, new=None, files=None, extra=None):
    texts = dict(extra or {})
    if old is not None:
        text = dump((files or region())[rel])
        assert old in text, "the fixture changed; update the case"
        texts[rel] = text.replace(old, new, 1)
    data_dir = write_region(tmp_path, files=files, texts=texts)
    _, problems = pipeline.check(data_dir, tmp_path)
    return [(p.file, p.line, p.message) for p in problems if not p.is_warning], texts


def line(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


NUMBER_CASES = [
    (
        "  anggaran: 500000000\n",
        "  anggaran: 2.000\n",
        "`anggaran` ditulis `2.000`, yang terbaca sebagai 2; tulis `2000` " + HOW + ".",
    ),
    (
        "  anggaran: 500000000\n",
        "  anggaran: 1.500.000\n",
        "`anggaran` ditulis `1.500.000`; tulis `1500000` " + HOW + ".",
    ),
    (
        "  anggaran: 500000000\n",
        "  anggaran: Rp 750.000\n",
        "`anggaran` ditulis `Rp 750.000`; tulis `750000` " + HOW + ".",
    ),
    (
        "    baseline: 10\n",
        "    baseline: 1.500\n",
        "`baseline` ditulis `1.500`, yang terbaca sebagai 1.5; tulis `1500` " + HOW + ".",
    ),
    ("  progres: 40\n", "  progres: 40%\n", "`progres` ditulis `40%`; tulis `40` " + HOW + "."),
    ("  progres: 40\n", "  progres: 12,5\n", "`progres` ditulis `12,5`; tulis `12.5` " + HOW + "."),
    (
        "  nama: Program Tata Kelola Pemerintahan 1\n",
        "  nama: 2.000\n",
        '`nama` ditulis 2.000 tanpa tanda kutip, sehingga YAML membacanya sebagai angka 2; beri tanda kutip: `nama: "2.000"`.',
    ),
]


@pytest.mark.parametrize("old,new,message", NUMBER_CASES, ids=[c[1].strip() for c in NUMBER_CASES])
def test_numbers_written_the_indonesian_way(tmp_path, old, new, message):
    found, texts = problems_for(tmp_path, old=old, new=new)
    assert found == [(f"data/{GOV}", line(texts[GOV], new), message)]


def test_text_cut_by_a_comment(tmp_path):
    new = "  deskripsi: Program #1 untuk warga\n"
    found, texts = problems_for(tmp_path, old="  deskripsi: Program contoh untuk wilayah uji.\n", new=new)
    assert found == [
        (
            f"data/{GOV}",
            line(texts[GOV], new),
            'teks setelah ` #` terpotong karena YAML membacanya sebagai komentar; yang terbaca hanya `Program`. Bila `#` bagian dari teks, beri tanda kutip: `deskripsi: "Program #1 untuk warga"`.',
        )
    ]


def test_a_deliberate_comment_after_two_spaces_is_fine(tmp_path):
    found, _ = problems_for(tmp_path, old="  opd: diskominfo\n", new="  opd: diskominfo  # penanggung jawab\n")
    assert found == []


YAML_SLIPS = [
    (
        "  nama: Program Tata Kelola Pemerintahan 1\n",
        "\tnama: Program Tata Kelola Pemerintahan 1\n",
        "\tnama",
        "baris ini memakai karakter tab untuk indentasi; YAML hanya menerima spasi. Ganti tab dengan spasi (dua spasi per tingkat).",
    ),
    (
        "  nama: Program Tata Kelola Pemerintahan 1\n",
        "  nama: Layanan: Publik\n",
        "  nama: Layanan",
        'nilai di baris ini memuat `: ` (titik dua lalu spasi), yang dibaca YAML sebagai kunci baru; beri tanda kutip di sekitar seluruh nilainya, misalnya `nama: "Layanan: Publik"`.',
    ),
    (
        "  opd: diskominfo\n",
        "   opd: diskominfo\n",
        "   opd:",
        "indentasi baris ini tidak cocok dengan baris di atasnya; samakan jumlah spasi di awal baris dengan kunci lain pada tingkat yang sama (dua spasi per tingkat).",
    ),
    (
        "  opd: diskominfo\n",
        " opd: diskominfo\n",
        " opd:",
        "indentasi baris ini tidak cocok dengan baris di atasnya; samakan jumlah spasi di awal baris dengan kunci lain pada tingkat yang sama (dua spasi per tingkat).",
    ),
    (
        "  nama: Program Tata Kelola Pemerintahan 1\n",
        '  nama: "Program Tata Kelola\n',
        '  nama: "Program',
        "tanda kutip yang dibuka di baris ini belum ditutup; tambahkan tanda kutip penutup di akhir nilai.",
    ),
]


@pytest.mark.parametrize(
    "old,new,needle,message", YAML_SLIPS, ids=["tab", "colon", "indent-more", "indent-less", "quote"]
)
def test_yaml_slips_in_plain_indonesian_on_their_line(tmp_path, old, new, needle, message):
    found, texts = problems_for(tmp_path, old=old, new=new)
    assert found == [(f"data/{GOV}", line(texts[GOV], needle), message)]


def test_list_item_indented_too_deep_is_not_merged_silently(tmp_path):
    found, texts = problems_for(tmp_path, old="  mitra:\n  - bappeda\n", new="  mitra:\n  - bappeda\n   - dlh\n")
    assert found == [
        (
            f"data/{GOV}",
            line(texts[GOV], "   - dlh"),
            "butir daftar di baris ini menjorok lebih dalam daripada butir di atasnya, sehingga YAML menggabungkannya ke nilai sebelumnya (`bappeda - dlh`); samakan indentasi `- ` dengan butir lain.",
        )
    ]


def test_merge_conflict_markers_each_named():
    text = "opd:\n<<<<<<< HEAD\n- id: a\n=======\n- id: b\n>>>>>>> cabang-lain\n"
    _, problems = yamlfiles.load_text(text, "data/opd.yml")
    advice = "pilih isi yang benar, lalu hapus baris `<<<<<<<`, `=======` dan `>>>>>>>`."
    assert [(p.line, p.message) for p in problems] == [
        (2, f"penanda konflik penggabungan Git (`<<<<<<<`) tertinggal di berkas; {advice}"),
        (4, f"penanda konflik penggabungan Git (`=======`) tertinggal di berkas; {advice}"),
        (6, f"penanda konflik penggabungan Git (`>>>>>>>`) tertinggal di berkas; {advice}"),
    ]


def test_no_english_parser_text_reaches_the_editor():
    samples = [
        "a: [1, 2\nb: 2\n",
        "a:\n-b\n- c\n",
        "a: 'x\n",
        'a: "\\q"\n',
        "- a\nb: 1\n",
        "a: b: c: d\n",
        "? a\n: b\n  c: d\n",
    ]
    for text in samples:
        _, problems = yamlfiles.load_text(text, "t.yml")
        for p in problems:
            for english in ("found", "expected", "while", "mapping", "scanning", "could not"):
                assert english not in p.message, (text, p.message)


def test_duplicate_id_names_both_places_and_blames_neither(tmp_path):
    files = region()
    files["program/economy.yml"]["program"].append({**files[GOV]["program"][0], "id": "GOV-01"})
    found, _ = problems_for(tmp_path, files=files)
    eco, gov = dump(files["program/economy.yml"]), dump(files[GOV])
    eco_line = eco[: eco.rindex("- id: GOV-01")].count("\n") + 1
    gov_line = line(gov, "- id: GOV-01")
    advice = "setiap program perlu kode sendiri; ganti kode salah satunya dengan kode yang belum dipakai."
    dup = [f for f in found if "dipakai dua kali" in f[2]]
    assert sorted(dup) == sorted(
        [
            (
                "data/program/economy.yml",
                eco_line,
                f"kode program `GOV-01` dipakai dua kali: di sini dan di `data/program/governance.yml:{gov_line}`; {advice}",
            ),
            (
                "data/program/governance.yml",
                gov_line,
                f"kode program `GOV-01` dipakai dua kali: di sini dan di `data/program/economy.yml:{eco_line}`; {advice}",
            ),
        ]
    )
    prefix = [f for f in found if "tidak cocok" in f[2]]
    assert prefix == [
        (
            "data/program/economy.yml",
            eco_line,
            "kode program `GOV-01` tidak cocok dengan berkas ini (awalan `GOV` milik `data/program/governance.yml`); program dimensi `economy` memakai kode `ECO-nn`, misalnya `ECO-03`.",
        )
    ]


@pytest.mark.parametrize("name", ["smart-governance.yml", "governance (1).yml", "governance.yaml"])
def test_file_that_is_not_a_dimension_file(tmp_path, name):
    found, _ = problems_for(tmp_path, extra={f"program/{name}": dump(region()[GOV])})
    allowed = "governance.yml, branding.yml, economy.yml, living.yml, society.yml, environment.yml, tanpa-dimensi.yml"
    assert found == [
        (
            f"data/program/{name}",
            1,
            f"berkas `{name}` bukan berkas dimensi; di `data/program/` hanya boleh ada {allowed}. Pindahkan programnya ke berkas dimensinya, lalu hapus atau ganti nama berkas ini.",
        )
    ]


def test_empty_or_missing_dimension_is_a_warning(tmp_path):
    files = region()
    files[GOV]["program"] = []
    del files["program/economy.yml"]
    data_dir = write_region(tmp_path, files=files)
    plan, problems = pipeline.check(data_dir, tmp_path)
    assert plan is not None and all(p.is_warning for p in problems)
    shown = {(p.file, p.line, p.message) for p in problems}
    assert (
        "data/program/economy.yml",
        1,
        "berkas program dimensi `economy` tidak ada; dimensi ini tampil tanpa program. Buat berkas `data/program/economy.yml` berisi `dimensi: economy` dan daftar `program:`.",
    ) in shown
    assert (
        "data/program/governance.yml",
        2,
        "dimensi `governance` belum punya program; dimensi ini tampil tanpa program sampai daftar `program:` diisi.",
    ) in shown
    assert str(next(p for p in problems if p.file.endswith("economy.yml"))).startswith(
        "data/program/economy.yml:1: peringatan: "
    )


def test_year_typos_are_warned(tmp_path):
    files = region()
    files[GOV]["program"][0]["tahun_selesai"] = 2027  # a quick win over three years
    files[GOV]["program"][1]["indikator"][0]["target"] = {2025: 40, 2026: 60}
    files[GOV]["program"][1]["indikator"][0]["realisasi"] = {2026: 30}
    files[GOV]["program"][1]["tahun_mulai"] = 2026
    files[GOV]["program"][1]["tahun_selesai"] = 2027
    files[GOV]["program"][1]["indikator"][0]["realisasi"][2028] = 35
    data_dir = write_region(tmp_path, files=files)
    _, problems = pipeline.check(data_dir, tmp_path)
    messages = [p.message for p in problems if p.file == f"data/{GOV}"]
    assert (
        "program GOV-01 berhorizon `quick-win` (paling lama 1 tahun) tetapi berjalan 3 tahun (2025-2027); periksa `tahun_selesai` atau `horizon`."
        in messages
    )
    assert (
        "tahun target 2025 di luar tahun program GOV-02 (2026-2027); periksa tahunnya, atau ubah `tahun_mulai`/`tahun_selesai`."
        in messages
    )
    assert (
        "tahun realisasi 2028 di luar tahun program GOV-02 (2026-2027); periksa tahunnya, atau ubah `tahun_mulai`/`tahun_selesai`."
        in messages
    )
    assert not any("tahun target 2026" in m for m in messages)  # a target after the start is fine


MD_CASES = [
    (
        "Lihat ![peta](http://contoh.test/peta.png).",
        "gambar `![peta](http://contoh.test/peta.png)` menunjuk ke luar proyek; gambar hanya boleh dari berkas proyek sendiri: simpan di `docs/assets/` lalu tulis `![peta](assets/nama-berkas.png)`.",
    ),
    (
        "Klik [di sini](javascript:alert(1)).",
        "tautan `[di sini](javascript:alert(1)` tidak diizinkan; tautan hanya boleh diawali `https://`, `http://` atau `mailto:`, atau menunjuk berkas di dalam proyek.",
    ),
    (
        "Foto <img src=x onerror=alert(1)>",
        "tag HTML `<img src=x onerror=alert(1)>` tidak diizinkan di kolom Markdown; tulis dengan Markdown, misalnya `[teks](https://...)` atau `![teks](assets/gambar.png)`.",
    ),
    (
        "![peta](//contoh.test/p.png)",
        "gambar `![peta](//contoh.test/p.png)` menunjuk ke luar proyek; gambar hanya boleh dari berkas proyek sendiri: simpan di `docs/assets/` lalu tulis `![peta](assets/nama-berkas.png)`.",
    ),
]


@pytest.mark.parametrize("text,message", MD_CASES, ids=["outside-image", "js-link", "html", "protocol-relative"])
def test_markdown_fields_reach_only_own_files(tmp_path, text, message):
    files = region()
    files["analisis.yml"]["profil"]["ringkasan"] = text
    found, _ = problems_for(tmp_path, files=files)
    assert found == [("data/analisis.yml", line(dump(files["analisis.yml"]), "  ringkasan:"), message)]


def test_markdown_fields_keep_own_images_and_reader_links(tmp_path):
    files = region()
    files["analisis.yml"]["profil"]["ringkasan"] = (
        "![peta](assets/peta.png) [BPS](https://bps.go.id) [surel](mailto:a@b.id)"
    )
    found, _ = problems_for(tmp_path, files=files)
    assert found == []
    assert str(filters.markdown_field("![x](http://h/p.png) [a](data:text/html,x)")) == "x [a]()"


@pytest.mark.build
def test_build_fetches_nothing_from_outside(tmp_path):
    """An outside image in a hand-written chapter: the site build and the PDF engine request nothing."""
    hits = []

    class Counter(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Counter)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    outside = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        project = make_project(tmp_path / "p")
        chapter = project / "docs/buku-1/bab-1-pendahuluan.md"
        chapter.write_text(
            chapter.read_text(encoding="utf-8") + f'\n\n![peta]({outside}/peta.png)\n\n<img src="{outside}/b.png">\n',
            encoding="utf-8",
        )
        result = mkdocs_build(project, env={"MASTERPLAN_NO_CACHE": "1"})
    finally:
        server.shutdown()
    assert hits == []
    assert result.returncode == 1
    # The chapter rule (htmlrule.py) refuses both before any stage could fetch them.
    image_rule = "tidak diizinkan; gambar hanya boleh dari berkas situs sendiri"
    text = chapter.read_text(encoding="utf-8")
    for address in (f"{outside}/peta.png", f"{outside}/b.png"):
        at = text[: text.index(address)].count("\n") + 1
        assert f"docs/buku-1/bab-1-pendahuluan.md:{at}: gambar `{address}` {image_rule}" in result.stderr


def test_markdown_fields_are_found_from_the_models():
    """The Markdown rule finds its fields by the models' descriptions; both known fields must be among them."""
    from masterplan import fieldtypes, schema

    found = set()
    for model in list(schema.SINGLE_FILES.values()) + [schema.ProgramFile]:
        stack = [model]
        while stack:
            current = stack.pop()
            for name, info in current.model_fields.items():
                if "(Markdown)" in (info.description or ""):
                    found.add(name)
                inner = fieldtypes.unwrap(info.annotation)
                for wrapped in (inner, *getattr(inner, "__args__", ())):
                    arg = fieldtypes.unwrap(wrapped)
                    if fieldtypes.is_model(arg) and arg is not current:
                        stack.append(arg)
    assert {"penjelasan", "ringkasan"} <= found


def test_csv_cells_never_start_a_formula():
    from masterplan.formats import spreadsheet_safe

    assert [spreadsheet_safe(v) for v in ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "Program", 500, None]] == [
        '\'=HYPERLINK("http://x")',
        "'+1",
        "'-2",
        "'@SUM(A1)",
        "Program",
        500,
        None,
    ]


def test_an_unclosed_quote_that_pairs_with_a_later_one_is_blamed_where_it_opened():
    """The parser reads on to the next quote in the file and stops after it; the editor is sent to the opening line."""
    import yaml

    from masterplan.load import yamlerrors

    lines = "".join(f'- id: P{i}\n  nama: "Program {i}"\n' for i in range(1, 8)).splitlines()
    lines[3] = '  nama: "Program 2 – “ᬩᬸᬮᬾᬮᬾᬂ”'  # office text, its closing quote forgotten
    text = "\n".join(lines) + "\n"
    with pytest.raises(yaml.MarkedYAMLError) as raised:
        yaml.compose(text)
    problem = yamlerrors.explain(raised.value, text, "data/program/x.yml")
    assert (problem.file, problem.line) == ("data/program/x.yml", 4)
    assert (
        problem.message.startswith("tanda kutip yang dibuka di baris ini tampaknya belum ditutup")
        and "baris 6" in problem.message
    )
