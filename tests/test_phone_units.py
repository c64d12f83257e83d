"""The build-time passes behind the phone layout and offline reading, on small inputs built in code."""

from __future__ import annotations

import json

from masterplan.render import charts
from masterplan.site import offline, phonecharts, phonetables

PROGRAMMES = """<p>x</p>
<table class="mp-program">
<colgroup><col style="width:10%"><col><col><col></colgroup>
<thead><tr><th>Kode</th><th>Program</th><th>OPD &amp; mitra</th><th>Anggaran</th></tr></thead>
<tbody>
<tr><td>GOV-01</td><td><a href="gov-01.html">Aku “Online”</a></td><td>Disdukcapil</td><td class="mp-angka">Rp 650.000.000</td></tr>
<tr><td>GOV-02</td><td><a href="gov-02.html">Mal</a></td><td></td><td class="mp-angka"><span class="mp-kosong">belum ditetapkan</span></td></tr>
<tr><td colspan="4">Catatan</td></tr>
</tbody></table>"""


def test_cells_get_their_column_labels_and_the_title_cell_is_the_linked_name():
    out = phonetables.label_tables(PROGRAMMES)
    assert '<table class="mp-program" role="table" data-ponsel="kartu">' in out
    assert '<td role="cell" data-label="Kode">GOV-01</td>' in out
    assert '<td role="cell" data-judul=""><a href="gov-01.html">Aku “Online”</a></td>' in out
    assert '<td role="cell" data-label="OPD &amp; mitra">Disdukcapil</td>' in out  # the header text, escaped again
    assert '<td role="cell" data-kosong=""></td>' in out
    assert (
        '<td class="mp-angka" role="cell" data-label="Anggaran"><span class="mp-kosong">belum ditetapkan</span></td>'
        in out
    )
    assert '<td colspan="4" role="cell">Catatan</td>' in out  # a spanning cell has no one label
    assert '<th role="columnheader">Kode</th>' in out
    # Everything else is copied as it was: the rewrite only adds attributes.
    assert '<colgroup><col style="width:10%"><col><col><col></colgroup>' in out and out.startswith("<p>x</p>\n")
    assert out.count("<td") == PROGRAMMES.count("<td") and out.count("<tr") == PROGRAMMES.count("<tr")


def test_narrow_tables_and_tables_without_header_or_with_rowspan_stay_as_they_are():
    for html in (
        "<table><thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>",
        '<table><tbody><tr><th scope="row">Kode</th><td>GOV-01</td><td>x</td></tr></tbody></table>',
        '<table><thead><tr><th>A</th><th>B</th><th>C</th></tr></thead><tbody><tr><td rowspan="2">1</td><td>2</td><td>3</td></tr></tbody></table>',
    ):
        assert phonetables.label_tables(html) == html


def test_a_table_of_figures_reads_as_a_line_per_row():
    html = (
        "<table><thead><tr><th>Tahun</th><th>Target</th><th>Realisasi</th></tr></thead><tbody>"
        '<tr><td>2024</td><td class="mp-angka">60</td><td class="mp-angka">63</td></tr></tbody></table>'
    )
    assert 'data-ponsel="kartu angka sebaris"' in phonetables.label_tables(html)
    only_figures = (
        "<table><thead><tr><th>A</th><th>B</th><th>C</th></tr></thead><tbody><tr>"
        + '<td class="mp-angka">1</td>' * 3
        + "</tr></tbody></table>"
    )
    out = phonetables.label_tables(only_figures)
    assert 'data-ponsel="kartu angka sebaris"' in out and "data-judul" not in out and out.count("data-label") == 3


def test_a_table_header_row_without_thead_and_markup_in_a_label():
    html = (
        "<table><tr><th>Nama <em>resmi</em></th><th>B</th><th>C</th></tr>"
        '<tr><td>x</td><td>"q"</td><td>&lt;b&gt;</td></tr></table>'
    )
    out = phonetables.label_tables(html)
    assert '<td role="cell" data-judul="">x</td>' in out
    assert '<td role="cell" data-label="B">"q"</td><td role="cell" data-label="C">&lt;b&gt;</td>' in out


def test_the_roadmap_gets_a_frame_and_a_copy_of_its_names():
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" class="mp-chart" viewBox="0 0 698 100" width="698" height="100" role="img" '
        'aria-labelledby="mp-gantt-1-t mp-gantt-1-d"><title id="mp-gantt-1-t">Peta</title>'
        '<text x="300" y="18">2024</text><text x="4" y="40" font-size="11"><tspan>GOV-01</tspan> Aku</text><rect x="260"/></svg>'
    )
    html = f'<figure class="mp-figur mp-gantt" tabindex="0">{svg}<figcaption>Peta jalan</figcaption></figure>'
    out = phonecharts.sticky_gantt_names(html)
    assert out.startswith('<figure class="mp-figur mp-gantt"><div class="mp-gantt-geser" tabindex="0" role="group"')
    names = out[out.index('<svg class="mp-gantt-nama"') : out.index("</svg>") + 6]
    assert f'viewBox="0 0 {charts.GANTT_LABEL_WIDTH} 100"' in names and 'aria-hidden="true"' in names
    assert '<text x="4" y="40" font-size="11"><tspan>GOV-01</tspan> Aku</text>' in names and "2024" not in names
    assert svg + "</div><figcaption>" in out  # the chart itself is untouched
    assert phonecharts.sticky_gantt_names("<p>tanpa peta</p>") == "<p>tanpa peta</p>"


NAV = [
    {"Beranda": "index.md"},
    {"Buku I · Analisis": ["buku-1/index.md", "buku-1/bab-1.md"]},
    {"Jelajahi": [{"Semua program": "program/index.md"}, {"Dasbor monev": "monev.md"}]},
    {"Unduhan": "unduh.md"},
    {"Situs daerah": "https://contoh.go.id/"},
]


def test_the_offline_page_links_to_the_pages_every_visitor_keeps():
    text = offline.offline_markdown(NAV)
    assert "# Halaman ini belum tersimpan di perangkat Anda" in text
    assert (
        "- [Beranda](index.md)\n- [Buku I · Analisis](buku-1/index.md) (beserta bab-babnya)\n"
        "- [Semua program](program/index.md)\n- [Dasbor monev](monev.md)\n- [Unduhan](unduh.md)\n"
    ) in text
    assert "contoh.go.id" not in text


def _site(tmp_path):
    site = tmp_path / "site"
    for rel, text in {
        "index.html": '<link rel="stylesheet" href="assets/a.css"><script src="assets/b.js"></script><a href="monev.html">m</a>',
        "monev.html": '<img src="assets/c.png"><link href="https://contoh.test/x.css">',
        "program/gov-01.html": '<link rel="stylesheet" href="../assets/a.css">',
        "luring.html": "<h1>luring</h1>",
        "assets/a.css": "@font-face{src:url(fonts/aksara.woff2)} a{background:url('data:image/png;base64,x')}",
        "assets/fonts/aksara.woff2": "font",
        "assets/b.js": "1",
        "assets/c.png": "png",
        "assets/images/ikon-192.png": "i",
        "assets/images/ikon-512.png": "i",
        "sunting/index.html": "editor",
        "pagefind/x.pf": "idx",
        "unduh/buku.pdf": "%PDF",
    }.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")
    offline.write_manifest(
        site, "Masterplan Smart City Kota Salatiga 2024–2033", "Smart City Salatiga", "Rencana Induk"
    )
    return site


def test_the_worker_keeps_the_nav_pages_and_their_assets_and_names_its_build(tmp_path):
    site = _site(tmp_path)
    source = 'const BUILD = "__BUILD__";\nconst KEEP = __KEEP__;\nconst TOP = new Set(__TOP__);\n'
    weight = offline.write_worker(site, source, ["index.html", "monev.html"])
    worker = (site / "sw.js").read_text(encoding="utf-8")
    keep = json.loads(worker.split("const KEEP = ")[1].split(";\n")[0])
    top = json.loads(worker.split("new Set(")[1].split(");")[0])
    assert keep == [
        "index.html",
        "assets/a.css",
        "assets/b.js",
        "monev.html",
        "assets/c.png",
        "luring.html",
        "manifest.webmanifest",
        "assets/images/ikon-192.png",
        "assets/images/ikon-512.png",
        "assets/fonts/aksara.woff2",
    ]  # a font the site's style sheet loads
    assert "sunting" not in top and "pagefind" not in top and {"program", "unduh", "assets", "index.html"} <= set(top)
    assert weight.kept_files == len(keep) and weight.within_limits
    again = offline.write_worker(site, source, ["index.html", "monev.html"])
    assert (
        again.build == weight.build and (site / "sw.js").read_text(encoding="utf-8") == worker
    )  # same bytes, same worker
    (site / "program" / "gov-01.html").write_text("<h1>nama baru</h1>", encoding="utf-8")
    assert (
        offline.write_worker(site, source, ["index.html", "monev.html"]).build != weight.build
    )  # any page changes the build
    manifest = json.loads((site / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["name"] == "Masterplan Smart City Kota Salatiga 2024–2033" and manifest["lang"] == "id"
    assert [i["sizes"] for i in manifest["icons"]] == ["192x192", "512x512"]


def test_weight_report_says_what_was_measured_and_the_limits():
    report = offline.Weight("abc", 53, 2_200_000, 75_000).report()
    assert report == (
        "Luring: 53 berkas disimpan pada kunjungan pertama, 2.1 MB (batas 5.0 MB); beranda pada kunjungan "
        "pertama 73 KB terkompresi (batas 100 KB); build abc"
    )
    over = offline.Weight("abc", 1, 6 * 1024 * 1024, 101 * 1024)
    assert not over.within_limits
    assert (
        "6.0 MB (melebihi batas 5.0 MB)" in over.report()
        and "101 KB terkompresi (melebihi batas 100 KB)" in over.report()
    )


def test_a_table_holding_a_comment_or_a_nested_table_is_read_by_the_full_parser_alike():
    plain = phonetables.label_tables(PROGRAMMES)
    commented = phonetables.label_tables(PROGRAMMES.replace("<td>GOV-01</td>", "<td>GOV-01<!-- <td>x</td> --></td>"))
    assert commented == plain.replace(
        'data-label="Kode">GOV-01</td>', 'data-label="Kode">GOV-01<!-- <td>x</td> --></td>'
    )
    nested = PROGRAMMES.replace("<td>Disdukcapil</td>", "<td><table><tr><td>Disdukcapil</td></tr></table></td>")
    out = phonetables.label_tables(nested)
    assert (
        '<td role="cell" data-label="OPD &amp; mitra"><table><tr><td>Disdukcapil</td></tr></table></td>' in out
    )  # the inner table: one column, left alone
    assert out.count('data-label="Kode"') == 2
