"""The ``masterplan`` command. Only this module prints and chooses exit codes."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import click

from .. import schema
from ..derive import pipeline
from ..errors import MasterplanError, split
from . import clickid

clickid.install()  # before the decorators below: Click words some help texts when a command is declared


@click.group(help="Alat Rencana Induk Smart City: periksa data, ekspor skema, render halaman.")
@click.version_option(package_name="masterplan")
def main() -> None:
    pass


@main.command(help="Periksa semua berkas data dan laporkan setiap masalah beserta berkas:baris.")
@click.option("--data", "data_dir", default="data", type=click.Path(path_type=Path), help="Folder data (baku: data).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "github"]),
    default="text",
    help="`github` mencetak anotasi GitHub Actions.",
)
@click.option("--docs", "docs_dir", default="docs", type=click.Path(path_type=Path), help="Folder bab (baku: docs).")
@click.option(
    "--final",
    is_flag=True,
    help="Untuk versi yang akan ditetapkan: setiap isian yang belum ditetapkan dan setiap bagian bab yang belum ditulis menjadi galat.",
)
def check(data_dir: Path, docs_dir: Path, fmt: str, final: bool) -> None:
    from ..site import gate
    from ..validate import assets, unwritten

    # The build minus writing: every stage of `mkdocs build` runs, nothing is written (site/gate.py).
    outcome = gate.check(Path.cwd(), data_dir, docs_dir)
    view, problems = outcome.view, outcome.problems
    # Chapters are read for their unwritten sections only when they are all regular files (inputs.py, assets.py).
    irregular = assets.sources(docs_dir, Path("macros"), Path.cwd())[1]
    sections = [] if irregular else unwritten.sections(docs_dir, Path.cwd())
    problems = sorted(set(problems + irregular))
    completeness = view.completeness if view is not None else None
    if view is not None and final:
        problems = problems + pipeline.open_fields_as_problems(completeness) + unwritten.as_problems(sections)
    errors, warnings = split(problems)
    if fmt == "github":
        for p in sorted(problems):
            click.echo(p.as_github())
    if not errors and view is not None:
        plan = view.plan
        for w in sorted(warnings):
            click.echo(str(w), err=fmt == "github")
        count = sum(len(pf.program) for pf in plan.program_files.values())
        click.echo(
            f"Data valid: {len(plan.opd.opd)} OPD, {count} program, {len(plan.dimensi.dimensi)} dimensi"
            + (f"; {len(warnings)} peringatan." if warnings else ".")
        )
        click.echo(view.completeness.summary() + " Rinciannya: halaman Kelengkapan data.")
        open_sections = sum(1 for s in sections if not s.written)
        if open_sections:
            click.echo(
                f"{open_sections} dari {len(sections)} bagian uraian daerah di bab belum ditulis (`masterplan check --final` menyebut letaknya)."
            )
        return
    click.echo(MasterplanError(problems).report(), err=fmt == "github")
    sys.exit(1)


@main.command(
    help="Sunting data lewat formulir di komputer ini: menjalankan penyimpanan Git lokal (decap-server) dan situs, "
    "lalu membangun ulang situs setiap kali perubahan diterbitkan. Hentikan dengan Ctrl+C."
)
@click.option("--port", default=8000, show_default=True, help="Port situs di 127.0.0.1 (0: port bebas mana saja).")
@click.option(
    "--port-git", default=8081, show_default=True, help="Port penyimpanan Git lokal (decap-server) di 127.0.0.1."
)
def sunting(port: int, port_git: int) -> None:
    import logging
    import signal
    import time

    from . import editsession

    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logging.getLogger("masterplan.sunting").addHandler(handler)
    logging.getLogger("masterplan.sunting").setLevel(logging.INFO)
    session = editsession.Session(Path.cwd(), port, port_git)
    signal.signal(signal.SIGTERM, _interrupted)  # stopped by a service manager or a test: stop decap-server too
    try:
        session.start()
        click.echo(f"Editor formulir: {session.site_url}sunting/  (situs: {session.site_url}; berhenti: Ctrl+C)")
        sys.stdout.flush()
        while all(p.poll() is None for p in session.processes):
            time.sleep(0.5)
        raise click.ClickException(
            "Penyimpanan Git lokal (decap-server) berhenti: "
            + session.processes[0].stderr.read().decode(errors="replace")[-2000:]
        )
    except editsession.SessionError as exc:
        raise click.ClickException(str(exc)) from None
    except KeyboardInterrupt:
        click.echo("Sesi penyuntingan dihentikan.")
    finally:
        session.stop()


def _interrupted(signum, frame) -> None:
    raise KeyboardInterrupt


@main.command(name="schema", help="Ekspor JSON Schema berkas data (untuk pelengkapan otomatis editor).")
@click.argument("berkas", required=False)
@click.option("--out", type=click.Path(path_type=Path), help="Tulis semua skema ke folder ini.")
def schema_cmd(berkas: str | None, out: Path | None) -> None:
    schemas = all_schemas()
    if out:
        click.echo(f"{write_schemas(out)} skema ditulis ke {out}/")
        return
    if berkas:
        name = schema_name(berkas)
        if name not in schemas:
            raise click.ClickException(f"tidak ada skema untuk `{berkas}`; pilihan: {', '.join(sorted(schemas))}")
        click.echo(json.dumps(schemas[name], ensure_ascii=False, indent=2))
        return
    click.echo(json.dumps(schemas, ensure_ascii=False, indent=2))


@main.command(
    help="Render semua halaman situs menjadi Markdown biasa ke sebuah folder, beserta data terbuka dan aset (tanpa MkDocs)."
)
@click.option("--data", "data_dir", default="data", type=click.Path(path_type=Path))
@click.option("--docs", "docs_dir", default="docs", type=click.Path(path_type=Path))
@click.option("--macros", "macros_dir", default="macros", type=click.Path(path_type=Path))
@click.option("--out", required=True, type=click.Path(path_type=Path), help="Folder tujuan.")
def render(data_dir: Path, docs_dir: Path, macros_dir: Path, out: Path) -> None:
    from ..render import opendata, stages
    from ..render import templates as render_stage

    try:
        rendered = stages.run(stages.Sources(Path.cwd(), data_dir, docs_dir, macros_dir))
    except MasterplanError as exc:
        click.echo(exc.report(), err=True)
        sys.exit(1)
    view, pages = rendered.view, rendered.pages
    written = render_stage.write_sources(out, pages, opendata.files(view), docs_dir)
    click.echo(
        f"{len(pages)} halaman Markdown, {written - len(pages)} berkas lain (data terbuka, aset) ditulis ke {out}/"
    )


@main.group(help="Tambah entri baru dengan kode berikutnya, tanpa menghapus komentar berkas.")
def baru() -> None:
    pass


@baru.command(name="wilayah", help="Mulai data daerah baru: identitas, periode dan kerangka enam dimensi.")
@click.option(
    "--data", "data_dir", default="data", type=click.Path(path_type=Path), help="Folder data yang dibuat (baku: data)."
)
@click.option("--nama", prompt="Nama daerah, tanpa kata Kabupaten/Kota", help="Misalnya Salatiga.")
@click.option(
    "--jenis", prompt="Jenis daerah (kabupaten/kota)", type=click.Choice(["kabupaten", "kota"], case_sensitive=False)
)
@click.option("--provinsi", prompt="Provinsi")
@click.option("--mulai", prompt="Tahun pertama rencana induk", type=click.IntRange(1945, 2100))
@click.option("--selesai", prompt="Tahun terakhir rencana induk", type=click.IntRange(1945, 2100))
@click.option("--ganti", is_flag=True, help="Bila folder data sudah berisi, pindahkan dulu ke <folder>.lama.")
@click.option(
    "--docs",
    "docs_dir",
    default="docs",
    type=click.Path(path_type=Path),
    help="Folder bab (baku: docs); bab lama disalin ke <folder>.lama.",
)
@click.option(
    "--repo",
    default=None,
    help="Repositori GitHub daerah ini, PEMILIK/NAMA (baku: dibaca dari remote `origin`); "
    "menjadi `edit_url` di mkdocs.yml untuk tautan sunting dan editor formulir.",
)
def baru_wilayah(
    data_dir: Path,
    docs_dir: Path,
    nama: str,
    jenis: str,
    provinsi: str,
    mulai: int,
    selesai: int,
    ganti: bool,
    repo: str | None,
) -> None:
    from .. import framework
    from . import newregion

    region = newregion.NewRegion(nama.strip(), jenis.lower(), provinsi.strip(), mulai, selesai)
    try:
        newregion.check_chapters(docs_dir, Path.cwd())
        moved = newregion.create(data_dir, region, Path.cwd(), replace=ganti)
        chapters_moved = newregion.start_chapters(docs_dir, Path.cwd())
    except MasterplanError as exc:
        click.echo("Data daerah baru tidak dibuat.\n" + exc.report(), err=True)
        sys.exit(1)
    write_schemas(data_dir / "skema")  # the editors' completion (.vscode/settings.json) reads data/skema/
    if moved:
        click.echo(f"Data lama dipindahkan ke {moved.name}/ (hapus bila tidak diperlukan lagi).")
    if chapters_moved:
        click.echo(
            f'Bab lama dipindahkan ke {chapters_moved.name}/; bab di {docs_dir}/ kini tanpa uraian daerah lain: setiap uraian daerah tampil "belum ditulis" sampai Anda menulisnya.'
        )
    kind = framework.KINDS[region.kind][0]
    click.echo(
        f"Data {kind} {region.name} {mulai}-{selesai} dibuat di {data_dir}/. Jalankan `mkdocs build` untuk melihat situs dan keempat PDF;"
    )
    click.echo(
        'bagian yang belum diisi tampil sebagai "belum ditetapkan" (atau sebagai "tidak dipublikasikan" / "tidak diketahui" bila datanya menyebut begitu).'
    )
    _region_repository(repo)


def _region_repository(repo: str | None) -> None:
    """`edit_url` (the edit links and the form editor's repository) from the region's own repository."""
    from ..load import repository

    config = Path("mkdocs.yml")
    if not config.is_file():
        return
    root = Path.cwd()
    repo = (repo or "").strip().strip("/") or repository.remote_repository(root)
    if repo is None and sys.stdin.isatty():
        repo = (
            click.prompt(
                "Repositori GitHub daerah ini (PEMILIK/NAMA; Enter bila belum ada)", default="", show_default=False
            )
            .strip()
            .strip("/")
            or None
        )
    if repo and not re.fullmatch(r"[\w.-]+/[\w.-]+", repo):
        click.echo(f"`{repo}` bukan PEMILIK/NAMA repositori GitHub; `edit_url` di mkdocs.yml tidak diubah.", err=True)
        return
    url = repository.edit_url_for(repo, repository.current_branch(root)) if repo else ""
    if repository.set_edit_url(config, url):
        if repo:
            click.echo(f'`edit_url` di mkdocs.yml kini {url} (tautan "Sunting sumber data" dan editor formulir).')
        else:
            click.echo(
                "`edit_url` di mkdocs.yml dikosongkan dan editor formulir dimatikan (`editor: false`): repositori daerah "
                "belum diketahui. Isi `edit_url` dengan alamat repositori daerah ini lalu hapus `editor: false`.",
                err=True,
            )


def _model_options(model, skip: tuple[str, ...] = ()):
    """One `--kolom` option per question the model yields (generated, so new fields appear by themselves)."""
    from . import questions

    def decorate(command):
        for q in reversed(questions.questions_for(model, skip)):
            command = click.option(q.option, q.name, default=None, help=q.description or None)(command)
        return command

    return decorate


def _prompt(text: str) -> str:
    return click.prompt(text, default="", show_default=False)


def _given(qs: list, given: dict, answers: dict, check=None) -> dict:
    """Options given on the command line, checked like typed answers (a wrong one stops the command)."""
    from . import questions

    for q in qs:
        if given.get(q.name) is None:
            continue
        value, problem = questions.parse(q, str(given[q.name]))
        problem = problem or (check(q.name, value) if check else None)
        if problem:
            click.echo(f"Opsi {q.option} tidak sah: {problem}", err=True)
            sys.exit(2)
        answers[q.name] = value
    return answers


def _ask(qs: list, answers: dict, interactive: bool, check=None) -> dict:
    """Ask what is missing; optional fields only in an interactive session. Ctrl-C shows what was answered."""
    from . import questions

    try:
        return questions.ask_all(qs, answers, _prompt, click.echo, optional=interactive, check=check)
    except click.Abort:
        so_far = " Jawaban sejauh ini:\n" + _answers_yaml(answers) if answers else " Belum ada jawaban."
        click.echo("\nDibatalkan; tidak ada berkas yang diubah." + so_far, err=True)
        sys.exit(1)


def _interactive(qs: list, given: dict) -> bool:
    """A session asks questions when a required field was not given as an option."""
    missing = any(q.required and given.get(q.name) is None for q in qs)
    if missing:
        click.echo("Jawab setiap pertanyaan; kolom yang tidak wajib boleh dilewati dengan Enter.")
    return missing


def _answers_yaml(answers: dict) -> str:
    from . import scaffold

    return scaffold.entry_text(scaffold.build_entry({}, answers, [], list(answers)))


def _refused(what: str, exc, stem: str) -> None:
    """The entry did not validate: say why, and hand back every answer as YAML, printed and saved."""
    from . import scaffold

    saved = scaffold.save_answers(Path.cwd(), stem, exc.entry_text)
    click.echo(
        f"{what} tidak ditambahkan; berkas dikembalikan seperti semula.\n" + exc.moved_to(saved.name).report(), err=True
    )
    click.echo(
        f"\nJawaban Anda tidak hilang. Blok YAML ini siap ditempel setelah masalahnya diperbaiki"
        f" (juga disimpan di {saved.name}):\n\n" + exc.entry_text,
        err=True,
    )
    sys.exit(1)


@baru.command(
    name="program",
    help="Tambah program di data/program/<dimensi>.yml. Tanpa opsi, setiap kolom ditanyakan satu per satu (yang tidak wajib boleh dilewati dengan Enter); kode elemen, OPD dan misi dipilih dari data. Bila semua kolom wajib diberikan sebagai opsi, tidak ada yang ditanyakan.",
)
@click.option("--data", "data_dir", default="data", type=click.Path(path_type=Path))
@_model_options(schema.ProgramFile, skip=("program",))
@_model_options(schema.Program, skip=("id",))
def baru_program(data_dir: Path, **given) -> None:
    from . import questions, scaffold

    file_qs = questions.with_choices(
        questions.questions_for(schema.ProgramFile, ("program",)), questions.data_choices(data_dir)
    )
    programme_qs = questions.questions_for(schema.Program, ("id",))
    interactive = _interactive(file_qs + programme_qs, given)
    dimension = _ask(file_qs, _given(file_qs, given, {}), interactive)["dimensi"]
    questions.with_choices(programme_qs, questions.data_choices(data_dir, dimension))
    answers: dict = {}
    empty_check = questions.declared_empty_check(answers)
    answers = _ask(programme_qs, _given(programme_qs, given, answers, empty_check), interactive, empty_check)
    try:
        pid = scaffold.add_programme(data_dir, dimension, answers, Path.cwd(), list(schema.Program.model_fields))
    except scaffold.ScaffoldError as exc:
        _refused("Program", exc, f"program-{dimension}")
    rest = questions.nested_fields(schema.Program)
    hint = f" Lengkapi {', '.join(f'`{n}`' for n in rest)} langsung di berkas itu bila perlu." if rest else ""
    click.echo(f"Program {pid} ditambahkan ke {data_dir}/program/{dimension}.yml.{hint}")


@baru.command(
    name="opd",
    help="Tambah perangkat daerah di data/opd.yml. Tanpa opsi, setiap kolom ditanyakan satu per satu (yang tidak wajib boleh dilewati dengan Enter).",
)
@click.option("--data", "data_dir", default="data", type=click.Path(path_type=Path))
@_model_options(schema.Opd)
def baru_opd(data_dir: Path, **given) -> None:
    from . import questions, scaffold

    def unused(name: str, value) -> str | None:
        taken = scaffold.existing_agency(data_dir, value) if name == "id" else None
        return f"kode OPD `{value}` sudah dipakai oleh {taken}; pilih kode lain." if taken else None

    qs = questions.questions_for(schema.Opd)
    answers = _ask(qs, _given(qs, given, {}, unused), _interactive(qs, given), unused)
    try:
        scaffold.add_agency(data_dir, answers, Path.cwd(), list(schema.Opd.model_fields))
    except scaffold.ScaffoldError as exc:
        _refused("OPD", exc, f"opd-{answers['id']}")
    click.echo(f"OPD {answers['id']} ditambahkan ke {data_dir}/opd.yml.")


@main.command(help="Ukur kecepatan dan memori build pada beberapa ukuran data sintetis.")
@click.option("--sizes", default="100,300,1000", help="Jumlah program, dipisah koma.")
@click.option("--out", default="bench-out", type=click.Path(path_type=Path), help="Folder hasil (bench.json).")
@click.option("--no-baseline", is_flag=True, help="Lewati pembanding mkdocs-pdf-export-plugin.")
@click.option("--no-serve", is_flag=True, help="Lewati pengukuran mkdocs serve.")
@click.option("--no-sample", is_flag=True, help="Lewati build sampel dari data/.")
@click.option(
    "--banding",
    default="",
    metavar="REVISI",
    help="Bangun juga sampel pada revisi Git ini (dengan kodenya sendiri) di samping yang sekarang, bergantian, dan cetak rasio CPU dan waktunya.",
)
@click.option(
    "--banding-runs",
    default=3,
    show_default=True,
    type=click.IntRange(1, 20),
    help="Jumlah build tiap revisi untuk --banding.",
)
def bench(
    sizes: str, out: Path, no_baseline: bool, no_serve: bool, no_sample: bool, banding: str, banding_runs: int
) -> None:
    from . import bench as bench_stage
    from . import benchreport

    numbers = [int(s) for s in sizes.split(",") if s.strip()]
    report = bench_stage.run(
        numbers,
        Path.cwd(),
        out,
        baseline=not no_baseline,
        serve=not no_serve,
        sample=not no_sample,
        banding=banding,
        banding_runs=banding_runs,
    )
    click.echo(benchreport.table(report))
    click.echo(f"Angka lengkap: {out}/bench.json")


def schema_name(data_file: str) -> str:
    rel = data_file.removeprefix("data/")
    return "program.schema.json" if rel.startswith("program") else rel.replace(".yml", ".schema.json")


def write_schemas(out: Path) -> int:
    """The JSON Schema of every data file into ``out`` (data/skema/: the editors' completion reads them)."""
    schemas = all_schemas()
    out.mkdir(parents=True, exist_ok=True)
    for name, body in schemas.items():
        (out / name).write_text(json.dumps(body, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return len(schemas)


def all_schemas() -> dict[str, dict]:
    models = {schema_name(rel): model for rel, model in schema.SINGLE_FILES.items()}
    models["program.schema.json"] = schema.ProgramFile
    return {name: _neutral(model.model_json_schema()) for name, model in sorted(models.items())}


def _neutral(node):
    """Descriptions in the JSON Schema with neutral region words (editors of any region use it)."""
    if isinstance(node, dict):
        return {
            k: schema.describe(v) if k == "description" and isinstance(v, str) else _neutral(v) for k, v in node.items()
        }
    if isinstance(node, list):
        return [_neutral(v) for v in node]
    return node


@main.command(
    name="status-build",
    hidden=True,
    help="Untuk alur kerja GitHub: laporan build yang gagal menjadi status-sesi.json, yang ditampilkan editor formulir.",
)
@click.argument("laporan", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--commit", default="", help="Commit yang gagal dibangun.")
def status_build(laporan: Path, commit: str) -> None:
    from . import publishcheck

    report = laporan.read_text(encoding="utf-8", errors="replace")
    problems = publishcheck.problems_from(report, Path.cwd())
    click.echo(json.dumps(publishcheck.status(commit, problems), ensure_ascii=False))


clickid.localise(main)  # every command is declared by now

if __name__ == "__main__":
    main()
