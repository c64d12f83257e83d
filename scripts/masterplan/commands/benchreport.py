"""What ``masterplan bench`` prints: the figures of its report as a table, and each target met or missed, with why."""

from __future__ import annotations


def verdict(value: float | None, target: float, smaller_is_better: bool = True, why: str = "") -> str:
    """'tercapai' or by how much the target is missed, with the reason."""
    if value is None:
        return "tidak terukur"
    met = value <= target if smaller_is_better else value >= target
    if met:
        return "tercapai"
    factor = value / target if smaller_is_better else target / value
    return f"MELESET {factor:.1f}x; {why}"


WHY_FLAT = (
    "halaman tabel program dan peta jalan lebih padat daripada halaman prosa, dan pada 1.000 program menjadi "
    "sebagian besar buku II dan lampiran"
)
WHY_RATIO = (
    "keempat buku dibuat satu per satu, masing-masing dalam proses sendiri (konversi ke Typst, lalu Typst); "
    "waktu dinding naik bila inti sedang dipakai proses lain"
)
WHY_BIG = "situs (MkDocs + Material, 1.000+ halaman, lalu indeks Pagefind) berjalan di satu inti; buku-buku dibuat di inti kedua"
WHY_MEMORY = "situs MkDocs dengan 1.000+ halaman ada di memori, ditambah satu proses buku Typst atau Pagefind"
WHY_COMPARE = "versi yang ditetapkan dibaca dari Git lalu divalidasi penuh seperti rancangan, sebelum dibandingkan"
WHY_HOME = "halaman beranda dan berkas yang dimuatnya (CSS dan JavaScript Material, cari.js) dihitung terkompresi gzip"
WHY_KEPT = "halaman nav yang memuat semua program dan gambar panduan ikut disimpan pada kunjungan pertama"
WHY_OPEN_DATA = "data versi yang ditetapkan dibaca dari Git, divalidasi dan diturunkan penuh seperti rancangan"
WHY_SERVE = (
    "muat ulang konfigurasi, validasi, halaman yang membaca data yang berubah, data terbuka dan berkas editor "
    "dibuat ulang pada setiap perubahan"
)


SERVE_TARGET_S = 0.6  # at 100 programmes, the default smallest size
BANDING_TARGET = 1.10  # the sample's uncached build against an earlier revision's, in CPU
WHY_BANDING = "lihat profil build (python -m cProfile -m mkdocs build): tahap mana yang bertambah sejak revisi itu"


def banding_line(found: dict) -> str:
    """The sample's uncached build now against an earlier revision's, both medians of alternating runs."""
    now, then = found["current"], found["earlier"]
    return (
        f"- build sampel tanpa cache PDF, kini (templat terkompilasi tersimpan) lawan revisi {found['revision']} (median {found['runs']} build bergantian): "
        f"CPU {now['cpu_s']:.2f} s lawan {then['cpu_s']:.2f} s = {found['cpu_ratio']:.2f}x, waktu dinding {now['wall_s']:.2f} s "
        f"lawan {then['wall_s']:.2f} s = {found['wall_ratio']:.2f}x, target CPU <= {BANDING_TARGET:.2f}x: "
        f"{verdict(found['cpu_ratio'], BANDING_TARGET, why=WHY_BANDING)}{_cold_part(found)}"
    )


def _cold_part(found: dict) -> str:
    """The first build after installing or upgrading: no compiled template kept yet (``templatecache``)."""
    cold = found.get("current_cold")
    if not cold:
        return ""
    return (
        f"; build pertama setelah pemasangan (templat belum terkompilasi): CPU {cold['cpu_s']:.2f} s = "
        f"{found['cold_cpu_ratio']:.2f}x"
    )


def _load_note(report: dict) -> str:
    m = report["machine"]
    after = m.get("load_after", m["load"])
    return (
        f"mesin: {m['cpus']} CPU (nproc); beban rata-rata 1/5/15 menit di awal {' '.join(str(x) for x in m['load'])}, "
        f"di akhir {' '.join(str(x) for x in after)}"
    )


def _busy(report: dict, load: float | None = None) -> str:
    """A note when the machine was busier than it has cores: wall times then include waiting for a core."""
    cpus = report["machine"]["cpus"] or 1
    load = load if load is not None else report["machine"]["load"][0]
    return (
        f" (beban {load:.1f} pada {cpus} CPU: sebagian waktu dinding adalah antre menunggu inti)" if load > cpus else ""
    )


def table(report: dict) -> str:
    rows = [
        "ukuran | validasi s | render s | PDF saja ms/hal | PDF saja CPU ms/hal | halaman PDF | build total s | CPU build s | PSS puncak MB | RSS puncak MB"
    ]
    rows.append("---|---|---|---|---|---|---|---|---|---")
    for e in report["sizes"]:
        b, p = e["build"], e["books_only"]
        rows.append(
            f"{e['programmes']} | {e['validate_s']:.2f} | {e['render_s']:.2f} | {p['ms_per_page']:.0f} | {p['cpu_ms_per_page']:.0f} | {p['pages']} | "
            f"{b['wall_s']:.1f} | {b['cpu_s']:.1f} | {b['peak_pss_mb']:.0f} | {b['peak_rss_mb']:.0f}"
        )
    sample = report.get("sample")
    if sample:
        p = sample["books_only"]
        rows.append(
            f"sampel | - | - | {p['ms_per_page']:.0f} | {p['cpu_ms_per_page']:.0f} | {p['pages']} | "
            f"{sample['wall_s']:.1f} | {sample['cpu_s']:.1f} | {sample['peak_pss_mb']:.0f} | {sample['peak_rss_mb']:.0f}"
        )
    lines = [_load_note(report), "", "\n".join(rows), "", "Target:"]
    sizes = report["sizes"]
    if len(sizes) >= 2:
        small, big = sizes[0], sizes[-1]
        a, z = small["books_only"]["ms_per_page"], big["books_only"]["ms_per_page"]
        ca, cz = small["books_only"]["cpu_ms_per_page"], big["books_only"]["cpu_ms_per_page"]
        # Judged on CPU time per page: wall time per page also moves with how busy the cores are.
        lines.append(
            f"- biaya PDF per halaman {small['programmes']} -> {big['programmes']} program: CPU {ca:.0f} -> {cz:.0f} ms/hal (x{cz / ca:.2f}; "
            f"waktu dinding {a:.0f} -> {z:.0f} ms/hal, x{z / a:.2f}), target datar dalam 20 %: {verdict(cz / ca, 1.2, why=WHY_FLAT)}"
        )
    base = report.get("baseline")
    if base and base.get("ms_per_page") and sample:
        ours = sample["books_only"]["ms_per_page"]
        ratio = base["ms_per_page"] / ours
        lines.append(
            f"- pembanding mkdocs-pdf-export-plugin pada {base['project']}: {base['pages']} hal, {base['ms_per_page']:.0f} ms/hal, {base['errors']} ERROR; "
            f"kami {sample['books_only']['pages']} hal, {ours:.0f} ms/hal = {ratio:.1f}x lebih cepat, target >= 10x: {verdict(ratio, 10, False, WHY_RATIO + _busy(report))}"
        )
    if sizes:
        big = sizes[-1]
        b = big["build"]
        lines.append(
            f"- {big['programmes']} program, build lengkap (situs + 4 PDF): {b['wall_s']:.1f} s (CPU {b['cpu_s']:.1f} s), target <= 10 s: "
            f"{verdict(b['wall_s'], 10, why=WHY_BIG + _busy(report, b.get('load_before')))}"
        )
        lines.append(
            f"- {big['programmes']} program, memori puncak seluruh pohon proses: {b['peak_pss_mb']:.0f} MiB PSS (RSS dijumlah {b['peak_rss_mb']:.0f} MiB), "
            f"target < 512 MiB: {verdict(b['peak_pss_mb'], 511.99, why=WHY_MEMORY)}"
        )
    if sample:
        lines.append(
            f"- sampel Buleleng, build lengkap (situs + 4 PDF): {sample['wall_s']:.1f} s (CPU {sample['cpu_s']:.1f} s)"
        )
    if sample and sample.get("offline"):  # written by the build (site/offline.py)
        o = sample["offline"]
        lines.append(
            f"- sampel Buleleng, kunjungan pertama beranda di ponsel: {o['home_gzip_bytes'] / 1024:.0f} KB terkompresi, "
            f"target <= 100 KB: {verdict(o['home_gzip_bytes'] / 1024, 100, why=WHY_HOME)}"
        )
        lines.append(
            f"- sampel Buleleng, simpanan luring halaman nav dan asetnya: {o['kept_bytes'] / 1024 / 1024:.1f} MB ({o['kept_files']} berkas), "
            f"target <= 5 MB: {verdict(o['kept_bytes'] / 1024 / 1024, 5, why=WHY_KEPT)}"
        )
    if report.get("revision") and sizes:
        r, b = report["revision"], sizes[-1]["build"]
        share = 100 * r["compare_cpu_s"] / b["cpu_s"]
        lines.append(
            f"- perbandingan dua versi {r['programmes']} program ({r['changes']} perubahan, {r['rows']} baris matriks): CPU {r['compare_cpu_s']:.2f} s = "
            f"{share:.1f} % dari CPU build {b['cpu_s']:.1f} s, target < 20 %: {verdict(share, 19.99, why=WHY_COMPARE)}"
        )
        lines.append(
            f"- lampiran Word {r['programmes']} program (dibuat di proses buku, setiap build): CPU {r['word_annex_cpu_s']:.2f} s = "
            f"{100 * r['word_annex_cpu_s'] / b['cpu_s']:.1f} % dari CPU build, {r['word_annex_bytes'] / 1024 / 1024:.1f} MB"
        )
        if "open_data_added_cpu_s" in r:
            added = r["open_data_added_cpu_s"]
            # Against the build without it: the measured build already wrote the current version's new files.
            share = 100 * added / max(b["cpu_s"] - added, 1e-9)
            lines.append(
                f"- data terbuka Satu Data {r['programmes']} program (katalog DCAT, paket data, indikator, 1 versi ditetapkan dari Git): "
                f"CPU {added:.2f} s (versi dari Git {r['open_data_versions_cpu_s']:.2f} s) = {share:.1f} % dari CPU build, "
                f"{r['open_data_files']} berkas {r['open_data_bytes'] / 1024 / 1024:.1f} MB, target <= 10 %: {verdict(share, 10, why=WHY_OPEN_DATA)}"
            )
    if report.get("enacted_only") and sizes:
        e, b = report["enacted_only"], sizes[-1]["build"]
        later, first = (100 * e[k] / max(b["cpu_s"] - e[k], 1e-9) for k in ("later_added_cpu_s", "first_added_cpu_s"))
        lines.append(
            f"- data terbuka {e['programmes']} program dengan 1 versi ditetapkan tanpa perubahan yang berjalan: CPU {e['later_added_cpu_s']:.2f} s "
            f"= {later:.1f} % dari CPU build pada setiap build berikutnya (berkas versi dibaca dari simpanan .cache/masterplan-data), "
            f"target <= 10 %: {verdict(later, 10, why=WHY_OPEN_DATA)}; build pertama setelah penetapan {e['first_added_cpu_s']:.2f} s = {first:.1f} %"
        )
    if "serve_rebuild" in report:
        found = report["serve_rebuild"]
        value = found["median_s"] if found else None
        shown = (
            (
                f"{value:.2f} s (median dari {len(found['all_s'])} suntingan: {', '.join(f'{t:.2f}' for t in found['all_s'])}; "
                f"CPU proses serve {found['median_cpu_s']:.2f} s)"
            )
            if found
            else "tidak terukur"
        )
        lines.append(
            f"- mkdocs serve, {sizes[0]['programmes']} program, rebuild setelah edit satu baris data: {shown}, "
            f"target <= {SERVE_TARGET_S} s: {verdict(value, SERVE_TARGET_S, why=WHY_SERVE + _busy(report))}"
        )
    if report.get("banding"):
        lines.append(banding_line(report["banding"]))
    return "\n".join(lines)
