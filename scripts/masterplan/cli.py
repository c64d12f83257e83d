"""The ``masterplan`` command. Only this module prints and chooses exit codes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import pipeline, schema
from .errors import MasterplanError, split


@click.group(help="Alat Rencana Induk Smart City: periksa data, ekspor skema, render halaman.")
@click.version_option(package_name="masterplan")
def main() -> None:
    pass


@main.command(help="Periksa semua berkas data dan laporkan setiap masalah beserta berkas:baris.")
@click.option("--data", "data_dir", default="data", type=click.Path(path_type=Path), help="Folder data (baku: data).")
@click.option("--format", "fmt", type=click.Choice(["text", "github"]), default="text", help="`github` mencetak anotasi GitHub Actions.")
@click.option("--final", is_flag=True, help="Untuk versi yang akan ditetapkan: setiap isian yang belum ditetapkan menjadi galat.")
def check(data_dir: Path, fmt: str, final: bool) -> None:
    plan, problems = pipeline.check(data_dir, Path.cwd())
    completeness = None
    if plan is not None:
        from . import derive

        completeness = derive.derive(plan).completeness
        if final:
            problems = problems + pipeline.open_fields_as_problems(completeness)
    errors, warnings = split(problems)
    if fmt == "github":
        for p in sorted(problems):
            click.echo(p.as_github())
    if not errors and plan is not None:
        for w in sorted(warnings):
            click.echo(str(w), err=fmt == "github")
        count = sum(len(pf.program) for pf in plan.program_files.values())
        click.echo(f"Data valid: {len(plan.opd.opd)} OPD, {count} program, {len(plan.dimensi.dimensi)} dimensi"
                   + (f"; {len(warnings)} peringatan." if warnings else "."))
        click.echo(completeness.summary() + " Rinciannya: halaman Kelengkapan data.")
        return
    click.echo(MasterplanError(problems).report(), err=fmt == "github")
    sys.exit(1)


@main.command(name="schema", help="Ekspor JSON Schema berkas data (untuk pelengkapan otomatis editor).")
@click.argument("berkas", required=False)
@click.option("--out", type=click.Path(path_type=Path), help="Tulis semua skema ke folder ini.")
def schema_cmd(berkas: str | None, out: Path | None) -> None:
    schemas = all_schemas()
    if out:
        out.mkdir(parents=True, exist_ok=True)
        for name, body in schemas.items():
            (out / name).write_text(json.dumps(body, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        click.echo(f"{len(schemas)} skema ditulis ke {out}/")
        return
    if berkas:
        name = schema_name(berkas)
        if name not in schemas:
            raise click.ClickException(f"tidak ada skema untuk `{berkas}`; pilihan: {', '.join(sorted(schemas))}")
        click.echo(json.dumps(schemas[name], ensure_ascii=False, indent=2))
        return
    click.echo(json.dumps(schemas, ensure_ascii=False, indent=2))


@main.command(help="Render semua halaman menjadi Markdown biasa ke sebuah folder (tanpa MkDocs).")
@click.option("--data", "data_dir", default="data", type=click.Path(path_type=Path))
@click.option("--docs", "docs_dir", default="docs", type=click.Path(path_type=Path))
@click.option("--macros", "macros_dir", default="macros", type=click.Path(path_type=Path))
@click.option("--out", required=True, type=click.Path(path_type=Path), help="Folder tujuan.")
def render(data_dir: Path, docs_dir: Path, macros_dir: Path, out: Path) -> None:
    from . import history
    from . import render as render_stage

    try:
        view = pipeline.prepare(data_dir, Path.cwd())
        pages = render_stage.render_all(view, docs_dir, macros_dir, render_stage.default_options(history=history.read_history(Path.cwd(), region=(view.plan.wilayah.wilayah.jenis, view.plan.wilayah.wilayah.nama))), Path.cwd())
    except MasterplanError as exc:
        click.echo(exc.report(), err=True)
        sys.exit(1)
    for rel, text in sorted(pages.items()):
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    click.echo(f"{len(pages)} halaman Markdown ditulis ke {out}/")


@main.group(help="Tambah entri baru dengan kode berikutnya, tanpa menghapus komentar berkas.")
def baru() -> None:
    pass


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.replace(";", ",").split(",") if v.strip()]


@baru.command(name="wilayah", help="Mulai data daerah baru: identitas, periode dan kerangka enam dimensi.")
@click.option("--data", "data_dir", default="data", type=click.Path(path_type=Path), help="Folder data yang dibuat (baku: data).")
@click.option("--nama", prompt="Nama daerah, tanpa kata Kabupaten/Kota", help="Misalnya Salatiga.")
@click.option("--jenis", prompt="Jenis daerah (kabupaten/kota)", type=click.Choice(["kabupaten", "kota"], case_sensitive=False))
@click.option("--provinsi", prompt="Provinsi")
@click.option("--mulai", prompt="Tahun pertama rencana induk", type=click.IntRange(1945, 2100))
@click.option("--selesai", prompt="Tahun terakhir rencana induk", type=click.IntRange(1945, 2100))
@click.option("--ganti", is_flag=True, help="Bila folder data sudah berisi, pindahkan dulu ke <folder>.lama.")
def baru_wilayah(data_dir: Path, nama: str, jenis: str, provinsi: str, mulai: int, selesai: int, ganti: bool) -> None:
    from . import newregion

    region = newregion.NewRegion(nama.strip(), jenis.lower(), provinsi.strip(), mulai, selesai)
    try:
        moved = newregion.create(data_dir, region, Path.cwd(), replace=ganti)
    except MasterplanError as exc:
        click.echo("Data daerah baru tidak dibuat.\n" + exc.report(), err=True)
        sys.exit(1)
    if moved:
        click.echo(f"Data lama dipindahkan ke {moved.name}/ (hapus bila tidak diperlukan lagi).")
    words = {"kabupaten": "Kabupaten", "kota": "Kota"}[region.kind]
    click.echo(f"Data {words} {region.name} {mulai}-{selesai} dibuat di {data_dir}/. Jalankan `mkdocs build` untuk melihat situs dan keempat PDF;")
    click.echo("bagian yang belum diisi tampil sebagai \"belum ditetapkan\". Atur juga `edit_url` di mkdocs.yml ke repositori daerah ini.")


@baru.command(name="program", help="Tambah program di data/program/<dimensi>.yml.")
@click.option("--data", "data_dir", default="data", type=click.Path(path_type=Path))
@click.option("--dimensi", prompt="Dimensi (governance/branding/economy/living/society/environment)", type=click.Choice(list(schema.DIMENSION_ORDER)))
@click.option("--nama", prompt="Nama program")
@click.option("--deskripsi", prompt="Deskripsi singkat")
@click.option("--elemen", prompt="Kode elemen (lihat data/dimensi.yml)")
@click.option("--misi", prompt="Kode misi, dipisah koma (mis. M1,M2)")
@click.option("--opd", prompt="Kode OPD penanggung jawab (lihat data/opd.yml)")
@click.option("--horizon", prompt="Horizon", type=click.Choice(["quick-win", "pendek", "menengah", "panjang"]))
@click.option("--tahun-mulai", prompt="Tahun mulai", type=int)
@click.option("--tahun-selesai", prompt="Tahun selesai", type=int)
@click.option("--sumber-dana", prompt="Sumber dana, dipisah koma (APBD,APBN,APBDes,CSR,KPBU,Swasta)")
def baru_program(data_dir: Path, dimensi: str, nama: str, deskripsi: str, elemen: str, misi: str, opd: str, horizon: str, tahun_mulai: int, tahun_selesai: int, sumber_dana: str) -> None:
    from . import scaffold

    fields = {"nama": nama, "deskripsi": deskripsi, "elemen": elemen, "misi": _split(misi), "opd": opd, "horizon": horizon,
              "tahun_mulai": tahun_mulai, "tahun_selesai": tahun_selesai, "sumber_dana": _split(sumber_dana)}
    try:
        pid = scaffold.add_programme(data_dir, dimensi, fields, Path.cwd())
    except MasterplanError as exc:
        click.echo("Program tidak ditambahkan; berkas dikembalikan seperti semula.\n" + exc.report(), err=True)
        sys.exit(1)
    click.echo(f"Program {pid} ditambahkan ke {data_dir}/program/{dimensi}.yml. Lengkapi indikator, anggaran dan mitra di berkas itu.")


@baru.command(name="opd", help="Tambah perangkat daerah di data/opd.yml.")
@click.option("--data", "data_dir", default="data", type=click.Path(path_type=Path))
@click.option("--id", "opd_id", prompt="Kode OPD (huruf kecil dan tanda hubung)")
@click.option("--nama", prompt="Nama lengkap")
@click.option("--singkatan", prompt="Singkatan")
def baru_opd(data_dir: Path, opd_id: str, nama: str, singkatan: str) -> None:
    from . import scaffold

    try:
        scaffold.add_agency(data_dir, {"id": opd_id, "nama": nama, "singkatan": singkatan}, Path.cwd())
    except MasterplanError as exc:
        click.echo("OPD tidak ditambahkan; berkas dikembalikan seperti semula.\n" + exc.report(), err=True)
        sys.exit(1)
    click.echo(f"OPD {opd_id} ditambahkan ke {data_dir}/opd.yml.")


@main.command(help="Ukur kecepatan dan memori build pada beberapa ukuran data sintetis.")
@click.option("--sizes", default="100,300,1000", help="Jumlah program, dipisah koma.")
@click.option("--out", default="bench-out", type=click.Path(path_type=Path), help="Folder hasil (bench.json).")
@click.option("--no-baseline", is_flag=True, help="Lewati pembanding mkdocs-pdf-export-plugin.")
@click.option("--no-serve", is_flag=True, help="Lewati pengukuran mkdocs serve.")
@click.option("--no-sample", is_flag=True, help="Lewati build sampel dari data/.")
def bench(sizes: str, out: Path, no_baseline: bool, no_serve: bool, no_sample: bool) -> None:
    from . import bench as bench_stage

    numbers = [int(s) for s in sizes.split(",") if s.strip()]
    report = bench_stage.run(numbers, Path.cwd(), out, baseline=not no_baseline, serve=not no_serve, sample=not no_sample)
    click.echo(bench_stage.table(report))
    click.echo(f"Angka lengkap: {out}/bench.json")


def schema_name(data_file: str) -> str:
    rel = data_file.removeprefix("data/")
    return "program.schema.json" if rel.startswith("program") else rel.replace(".yml", ".schema.json")


def all_schemas() -> dict[str, dict]:
    models = {schema_name(rel): model for rel, model in schema.SINGLE_FILES.items()}
    models["program.schema.json"] = schema.ProgramFile
    return {name: _neutral(model.model_json_schema()) for name, model in sorted(models.items())}


def _neutral(node):
    """Descriptions in the JSON Schema with neutral region words (editors of any region use it)."""
    if isinstance(node, dict):
        return {k: schema.describe(v) if k == "description" and isinstance(v, str) else _neutral(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_neutral(v) for v in node]
    return node


if __name__ == "__main__":
    main()
