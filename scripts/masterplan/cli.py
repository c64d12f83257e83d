"""The ``masterplan`` command. Only this module prints and chooses exit codes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import pipeline, schema
from .errors import MasterplanError


@click.group(help="Alat Rencana Induk Smart City: periksa data, ekspor skema, render halaman.")
@click.version_option(package_name="masterplan")
def main() -> None:
    pass


@main.command(help="Periksa semua berkas data dan laporkan setiap masalah beserta berkas:baris.")
@click.option("--data", "data_dir", default="data", type=click.Path(path_type=Path), help="Folder data (baku: data).")
@click.option("--format", "fmt", type=click.Choice(["text", "github"]), default="text", help="`github` mencetak anotasi GitHub Actions.")
def check(data_dir: Path, fmt: str) -> None:
    plan, problems = pipeline.check(data_dir, Path.cwd())
    if not problems and plan is not None:
        count = sum(len(pf.program) for pf in plan.program_files.values())
        click.echo(f"Data valid: {len(plan.opd.opd)} OPD, {count} program, {len(plan.dimensi.dimensi)} dimensi.")
        return
    error = MasterplanError(problems)
    if fmt == "github":
        for p in error.problems:
            click.echo(p.as_github())
    click.echo(error.report(), err=fmt == "github")
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
        pages = render_stage.render_all(view, docs_dir, macros_dir, render_stage.default_options(history=history.read_history(Path.cwd())), Path.cwd())
    except MasterplanError as exc:
        click.echo(exc.report(), err=True)
        sys.exit(1)
    for rel, text in sorted(pages.items()):
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    click.echo(f"{len(pages)} halaman Markdown ditulis ke {out}/")


def schema_name(data_file: str) -> str:
    rel = data_file.removeprefix("data/")
    return "program.schema.json" if rel.startswith("program") else rel.replace(".yml", ".schema.json")


def all_schemas() -> dict[str, dict]:
    models = {schema_name(rel): model for rel, model in schema.SINGLE_FILES.items()}
    models["program.schema.json"] = schema.ProgramFile
    return {name: model.model_json_schema() for name, model in sorted(models.items())}


if __name__ == "__main__":
    main()
