"""The form editor at /sunting/: its config comes from the schema, it keeps the YAML files'
layout, and in Chromium it saves a change through Git that `masterplan check` accepts.

The end-to-end test runs decap-server (npm) in Git mode on a temporary clone of the fixture
region, serves the built site on loopback, edits a programme and adds an agency in the
editor, publishes both (editorial workflow: a branch per change, merged on publish), then
checks the repository, `masterplan check` and a rebuilt site. With MASTERPLAN_SCREENSHOTS=1
it also writes screenshots of each step to build/layar/.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from chromium import expand, shoot
from fixtures import REPO, free_port, git, make_project, mkdocs_build, region, write_region
from masterplan import schema
from masterplan.derive import pipeline
from masterplan.site import editor, editorfields

NODE_MODULES = REPO / "node_modules"
SCREENSHOTS = (
    REPO / "build/layar"
)  # looked at by people, not shown in the guide (it shows the region's own data: test_guide.py)
NEW_OPD = {"id": "disdik", "nama": "Dinas Pendidikan", "singkatan": "Disdik"}
# A programme file as offices write them: comments, folded text, quotes, flow lists, a year map
# out of order, blank lines between programmes, `ilustratif` only where it is true.
LIVING = """\
# Program dimensi Smart Living Kota Salatiga.
# Posisi progres: akhir tahun 2025.

dimensi: living
program:
- id: LIV-01
  nama: "Program Lingkungan Hidup Layak 1"
  deskripsi: >-
    Program contoh untuk wilayah uji dengan uraian yang cukup panjang sehingga
    dilipat ke baris berikutnya seperti yang ditulis oleh kantor.
  elemen: transportasi
  misi: [M1]
  arah_kebijakan: [AK1]
  opd: diskominfo
  mitra: [bappeda]
  horizon: quick-win
  tahun_mulai: 2025
  tahun_selesai: 2025
  sumber_dana: [APBD]
  anggaran: 500000000  # sesuai DPA 2025
  indikator:
  - nama: Cakupan layanan
    satuan: '%'
    baseline: 10
    target: {2026: 60, 2025: 40}
    realisasi: {2025: 30}
  status: berjalan
  progres: 40
  ilustratif: true

- id: LIV-02
  nama: 'Program Lingkungan Hidup Layak 2'
  deskripsi: >
    Uraian kedua yang juga dilipat oleh penulisnya pada lebar delapan puluh
    kolom, dengan “kutipan” dan tanda pisah — seperti di dokumen aslinya.
  elemen: kesehatan
  misi: [M1]
  arah_kebijakan: [AK1]
  opd: bappeda
  horizon: menengah
  tahun_mulai: 2025
  tahun_selesai: 2029
  sumber_dana: [APBD]
  anggaran: 1500000000
  status: berjalan
  progres: 20

# Program ketiga diusulkan Bappeda.
- id: LIV-03
  nama: Program Lingkungan Hidup Layak 3
  deskripsi: >-
    Uraian ketiga yang dilipat pula supaya penghapusannya terlihat sebagai satu
    blok baris saja.
  elemen: kesehatan
  opd: bappeda
  horizon: panjang
  tahun_mulai: 2026
  tahun_selesai: 2029
  status: belum-mulai
"""


# ------------------------------------------------------------------ config from the schema


def _options():
    return editor.options_from("https://github.com/contoh/masterplan/edit/utama/", "", "http://localhost:8081/api/v1")


def _fields_by_name(fields):
    return {f["name"]: f for f in fields}


def _walk(model, fields, path=""):
    """Every model field has a form field with the same name, requirement and help text."""
    by_name = _fields_by_name(fields)
    assert list(by_name) == editorfields.form_order(model), path
    assert sorted(by_name) == sorted(model.model_fields), path
    for name, info in model.model_fields.items():
        field = by_name[name]
        spec = editorfields.spec_of(info.annotation, tuple(info.metadata))
        assert field["required"] == (info.is_required() and not spec.nullable), path + name
        choices = tuple(str(c) for c in (spec.choices or (spec.item.choices if spec.item is not None else ())))
        assert field.get("hint", "") == (
            editorfields.form_hint(info.description, model, None, choices) if info.description else ""
        ), path + name
        _same_rules(field, spec, path + name)
        child = spec.model or (spec.item.model if spec.item is not None else None)
        if child is not None and field["widget"] in ("object", "list"):
            _walk(child, field["fields"], f"{path}{name}.")


def _same_rules(field: dict, spec, where: str) -> None:
    """The browser checks the schema's own rules: choices, patterns, bounds, list lengths."""
    limits = spec.limits
    if spec.kind == "choice":
        assert [o["value"] for o in field["options"]] == [str(c) for c in spec.choices], where
    if field["widget"] == "angka":
        assert (field.get("min"), field.get("max")) == (limits.get("ge"), limits.get("le")), where
        assert field["jenis"] == editorfields.number_kind(where.rsplit(".", 1)[-1].rsplit(":", 1)[-1], spec), where
    if field["widget"] == "string" and "pattern" in limits:
        assert field["pattern"][0] == limits["pattern"], where
    if field["widget"] in ("list", "peta") or field.get("multiple"):
        assert field.get("min") == limits.get("min_length"), where
        assert field.get("max") == limits.get("max_length"), where


def test_config_has_every_field_of_every_model(tmp_path):
    plan = pipeline.prepare(write_region(tmp_path), tmp_path).plan
    config = editor.decap_config(plan, _options())
    program, data = config["collections"]
    assert [f["file"] for f in data["files"]] == [f"data/{rel}" for rel in schema.SINGLE_FILES]
    for entry, (rel, model) in zip(data["files"], schema.SINGLE_FILES.items(), strict=False):
        _walk(model, entry["fields"], rel + ":")
    assert len(program["files"]) == 6
    for entry in program["files"]:
        _walk(schema.ProgramFile, entry["fields"], entry["file"] + ":")
    assert config["backend"] == {**config["backend"], "name": "github", "repo": "contoh/masterplan", "branch": "utama"}
    assert config["publish_mode"] == "editorial_workflow"
    programme = _fields_by_name(program["files"][0]["fields"])["program"]["fields"]
    assert [f["name"] for f in programme][:2] == ["id", "nama"]  # "Tambah program" starts with Kode
    assert [f["name"] for f in programme][-2:] == ["tidak_dipublikasikan", "tidak_diketahui"]


def test_config_choices_rules_and_pick_lists_come_from_schema_and_data(tmp_path):
    plan = pipeline.prepare(write_region(tmp_path), tmp_path).plan
    config = editor.decap_config(plan, _options())
    gov = next(f for f in config["collections"][0]["files"] if f["name"] == "governance")
    prog = _fields_by_name(_fields_by_name(gov["fields"])["program"]["fields"])
    assert [o["value"] for o in prog["horizon"]["options"]] == list(schema.Horizon.__args__)
    assert [o["label"] for o in prog["status"]["options"]] == ["Belum mulai", "Berjalan", "Selesai", "Terlambat"]
    assert prog["sumber_dana"]["multiple"] is True and [o["value"] for o in prog["sumber_dana"]["options"]] == list(
        schema.SumberDana.__args__
    )
    assert prog["opd"]["options"][0]["label"] == "Dinas Komunikasi dan Informatika (Diskominfo)"
    milestone = _fields_by_name(
        _fields_by_name(next(f for f in config["collections"][1]["files"] if f["name"] == "peta-jalan")["fields"])[
            "tonggak"
        ]["fields"]
    )
    assert milestone["dimensi"]["options"][0] == {
        "value": "governance",
        "label": "Tata Kelola Pemerintahan (Smart Governance)",
    }
    assert prog["id"]["pattern"][0] == schema.Program.model_fields["id"].metadata[0].pattern
    assert (prog["progres"]["min"], prog["progres"]["max"]) == (0, 100)
    assert [o["value"] for o in prog["opd"]["options"]] == ["diskominfo", "bappeda", "dlh"]
    assert [o["value"] for o in prog["mitra"]["options"]] == ["diskominfo", "bappeda", "dlh"]
    assert [o["value"] for o in prog["elemen"]["options"]] == [
        "layanan-publik",
        "manajemen-birokrasi",
        "efisiensi-kebijakan",
    ]
    assert [o["value"] for o in prog["misi"]["options"]] == ["M1", "M2"]
    assert [o["value"] for o in prog["arah_kebijakan"]["options"]] == ["AK1", "AK2"]
    indicator = _fields_by_name(prog["indikator"]["fields"])
    assert indicator["target"]["widget"] == "peta" and indicator["target"]["key_type"] == "tahun"
    assert (indicator["target"]["key_min"], indicator["target"]["key_max"]) == (1945, 2100)
    monev = next(f for f in config["collections"][1]["files"] if f["name"] == "monev")
    skor = _fields_by_name(_fields_by_name(monev["fields"])["evaluasi"]["fields"])["skor"]
    assert skor["key_type"] == "teks" and skor["value_max"] == 4 and "quick_win" in skor["key_options"]


def _every_field(fields):
    for f in fields:
        yield f
        yield from _every_field(f.get("fields", []))


def test_form_shows_no_yaml_no_file_names_and_no_codes_in_hints(tmp_path):
    plan = pipeline.prepare(write_region(tmp_path), tmp_path).plan
    config = editor.decap_config(plan, _options())
    hints = [
        f["hint"]
        for c in config["collections"]
        for entry in c["files"]
        for f in _every_field(entry["fields"])
        if "hint" in f
    ]
    assert len(hints) > 40
    code = [
        h
        for h in hints
        if any(mark in h for mark in ("`", "{", "[", ".yml", "true", "false", "_", "Markdown", "data/"))
    ]
    assert code == []
    assert [h for h in hints if "YYYY" in h] == []  # dates: an Indonesian example, not a format in English letters
    assert "Perkiraan anggaran seluruh periode, dalam rupiah; boleh ditulis Rp 2.500.000.000 atau 2,5 miliar." in hints
    assert "Tahun selesai, tidak lebih awal dari “Tahun mulai”." in hints


def _field(fields, *path):
    for name in path:
        fields = _fields_by_name(fields)[name]
        if name != path[-1]:
            fields = fields["fields"]
    return fields


def test_dates_and_follow_up_programmes_are_asked_as_people_answer_them(tmp_path):
    plan = pipeline.prepare(write_region(tmp_path), tmp_path).plan
    config = editor.decap_config(plan, _options())
    files = {f["name"]: f["fields"] for c in config["collections"] for f in c["files"]}
    date = _field(files["wilayah"], "regulasi", "tanggal")
    assert date["widget"] == "tanggal" and date["hint"].endswith("misalnya 31 Maret 2025 atau 31-03-2025.")
    follow_up = next(f for f in _every_field(files["monev"]) if f["name"] == "program_tindak_lanjut")
    assert follow_up["widget"] == "select" and follow_up["multiple"] is True
    codes = sorted(p.id for pf in plan.program_files.values() for p in pf.program)
    assert [o["value"] for o in follow_up["options"]] == codes
    assert follow_up["options"][0]["label"].startswith(codes[0] + " · ")


def test_number_fields_say_how_they_are_written(tmp_path):
    plan = pipeline.prepare(write_region(tmp_path), tmp_path).plan
    config = editor.decap_config(plan, _options())
    gov = next(f for f in config["collections"][0]["files"] if f["name"] == "governance")
    prog = _fields_by_name(_fields_by_name(gov["fields"])["program"]["fields"])
    kinds = {name: prog[name]["jenis"] for name in ("anggaran", "progres", "tahun_mulai")}
    assert kinds == {"anggaran": "rupiah", "progres": "persen", "tahun_mulai": "tahun"}
    indicator = _fields_by_name(prog["indikator"]["fields"])
    assert (indicator["baseline"]["jenis"], indicator["target"]["jenis"]) == ("umum", "umum")
    monev = next(f for f in config["collections"][1]["files"] if f["name"] == "monev")
    evaluation = _fields_by_name(_fields_by_name(monev["fields"])["evaluasi"]["fields"])
    assert [evaluation[n]["jenis"] for n in ("nilai_resmi", "skor", "bobot", "peringkat")] == [
        "skor",
        "skor",
        "persen",
        "bulat",
    ]


NODE_UNIT_TESTS = [
    # (module under test, the name the test imports it by, its tests, how many)
    ("macros/sunting/angka.js", "angka.mjs", "angka.test.mjs", 6),  # numbers as Indonesians write them
    ("macros/sunting/ringkasan.js", "ringkasan.mjs", "ringkasan.test.mjs", 5),  # commit messages say what changed
    ("scripts/oauth-relay/worker.js", "worker.mjs", "oauth.test.mjs", 4),  # the sign-in relay
    ("macros/sunting/isian-teks.js", "teks.mjs", "teks.test.mjs", 2),  # formatted text shown, not its asterisks
    ("macros/sunting/masuk-token.js", "masuk.mjs", "masuk.test.mjs", 4),  # sign-in with a token for the one repository
    ("macros/sunting/tanggal.js", "tanggal.mjs", "tanggal.test.mjs", 2),  # dates as Indonesians write them
]


@pytest.mark.parametrize("module, imported, tests, count", NODE_UNIT_TESTS)
def test_browser_module_unit_tests_pass_in_node(tmp_path, module, imported, tests, count):
    shutil.copyfile(REPO / module, tmp_path / imported)
    shutil.copyfile(REPO / "tests/js" / tests, tmp_path / tests)
    result = subprocess.run(["node", "--test", str(tmp_path / tests)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    assert f"# pass {count}" in result.stdout and "# fail 0" in result.stdout


def test_editor_page_is_written_with_its_own_policy(tmp_path):
    view = pipeline.prepare(write_region(tmp_path), tmp_path)
    out = editor.write_site(tmp_path / "site", REPO, REPO / "macros/sunting", view, _options())
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "connect-src 'self' https://api.github.com http://127.0.0.1:8081 http://localhost:8081;" in page
    assert "'unsafe-inline'" not in page.split("script-src", 1)[1].split(";", 1)[0]
    policy = page.split('Content-Security-Policy" content="', 1)[1].split('"', 1)[0]
    hosts = {w for w in policy.replace(";", " ").split() if "//" in w}
    assert hosts == {
        "https://api.github.com",
        "http://127.0.0.1:8081",
        "http://localhost:8081",
    }  # nothing else from outside
    assert (out / "decap-cms.js").is_file() and (out / "yaml/index.js").is_file() and (out / "config.yml").is_file()
    assert yaml.safe_load((out / "config.yml").read_text(encoding="utf-8"))["locale"] == "id"


def test_sign_in_relay_is_the_backend_base_url_without_trailing_slash(tmp_path):
    plan = pipeline.prepare(write_region(tmp_path), tmp_path).plan
    options = editor.options_from(
        "https://github.com/contoh/masterplan/edit/utama/", "https://masterplan-masuk.dinas.workers.dev/", ""
    )
    assert editor.decap_config(plan, options)["backend"]["base_url"] == "https://masterplan-masuk.dinas.workers.dev"
    with pytest.raises(editor.EditorError, match="editor_auth_url"):
        editor.options_from("https://github.com/contoh/masterplan/edit/utama/", "http://relai.example/auth", "")


def test_edit_url_that_is_not_github_is_a_clear_error():
    with pytest.raises(editor.EditorError, match="edit_url"):
        editor.options_from("https://gitlab.example/x/y", "", "")


# ------------------------------------------------------------------ the YAML format in Node

NODE_ROUND_TRIP = """
import * as YAML from '%(yaml)s';
import { makeFormat } from '%(fmt)s';
import fs from 'fs';
const f = makeFormat(YAML);
const out = {};
for (const p of process.argv.slice(2)) {
  const text = fs.readFileSync(p, 'utf8');
  const data = f.fromFile(text);
  const same = f.toFile(data, text) === text;
  if (data.program && data.program[0]) {
    data.program[0].progres = 12.5;
    (data.program[0].indikator[0].realisasi ||= {})['2031'] = 7;
    data.program[0].rujukan = '';
  }
  out[p] = { same, edited: f.toFile(data, text), fresh: f.toFile(data) };
}
console.log(JSON.stringify(out));
"""


def test_yaml_format_keeps_every_data_file_byte_for_byte_and_writes_year_keys_as_numbers(tmp_path):
    script = tmp_path / "rt.mjs"
    fmt = tmp_path / "berkas-yaml.mjs"  # the site's module, named so Node reads it as one
    fmt.write_text((REPO / "macros/sunting/berkas-yaml.js").read_text(encoding="utf-8"), encoding="utf-8")
    script.write_text(NODE_ROUND_TRIP % {"yaml": NODE_MODULES / "yaml/browser/dist/index.js", "fmt": fmt})
    files = sorted(str(p) for p in (REPO / "data").rglob("*.yml"))
    result = subprocess.run(["node", str(script), *files], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert {p: v["same"] for p, v in out.items()} == {p: True for p in files}
    gov = out[str(REPO / "data/program/governance.yml")]
    original = (REPO / "data/program/governance.yml").read_text(encoding="utf-8").splitlines()
    changed = [line for line in gov["edited"].splitlines() if line not in original]
    assert changed[0].startswith("    realisasi: {") and changed[0].endswith(", 2031: 7}")
    assert changed[1:] == ["  progres: 12.5"]
    for text in (gov["edited"], gov["fresh"]):
        data = yaml.safe_load(text)
        assert data["program"][0]["indikator"][0]["realisasi"][2031] == 7  # an int key, not '2031'
        assert "rujukan" not in data["program"][0]  # emptied optional field is left out


NODE_EDITS = """
import * as YAML from '%(yaml)s';
import { makeFormat, shapeOf } from '%(fmt)s';
import fs from 'fs';
const f = makeFormat(YAML);
const shape = shapeOf(JSON.parse(fs.readFileSync('%(fields)s', 'utf8')));
const text = fs.readFileSync(process.argv[2], 'utf8');
const fresh = () => f.fromFile(text);
const out = { deleted: [], edited: '', added: '', moved: '' };
for (let i = 0; i < fresh().program.length; i += 1) {
  const data = fresh();
  data.program.splice(i, 1);
  out.deleted.push(f.toFile(data, text, shape));
}
let data = fresh();
data.program[1].anggaran = 2400000000;  // one field of the second programme
out.edited = f.toFile(data, text, shape);
data = fresh();
// a new programme as the form hands it over: keys in typing order, untouched toggle and empty fields
data.program.splice(1, 0, { penyelenggara: [], mitra: [], ilustratif: false, nama: 'Program Baru', id: 'LIV-99', tahun_mulai: 2026,
  elemen: data.program[0].elemen, rujukan: '', opd: data.program[0].opd, status: 'belum-mulai', horizon: data.program[0].horizon });
out.added = f.toFile(data, text, shape);
data = fresh();
data.program.push(data.program.shift());  // the first programme moved to the end
out.moved = f.toFile(data, text, shape);
console.log(JSON.stringify(out));
"""


def _changed_lines(before: str, after: str) -> list[str]:
    import difflib

    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def _without_entry(text: str, index: int) -> str:
    """The programme file with its index-th programme's lines (and the blank line after it) removed."""
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.startswith("- id: ")]
    start, end = starts[index], (starts[index + 1] if index + 1 < len(starts) else len(lines))
    if index + 1 == len(starts) and index > 0:  # the last one: the blank line before it goes with it
        start -= 1
    return "".join(lines[:start] + lines[end:])


def test_yaml_format_changes_only_the_lines_of_what_changed(tmp_path):
    """Deleting a programme removes its lines only; one edited field is one line; a new entry's
    keys follow the schema without untouched defaults (issue: a deletion rewrote 141 lines)."""
    fmt = tmp_path / "berkas-yaml.mjs"
    fmt.write_text((REPO / "macros/sunting/berkas-yaml.js").read_text(encoding="utf-8"), encoding="utf-8")
    fields = tmp_path / "fields.json"
    fields.write_text(
        json.dumps(editorfields.model_fields(schema.ProgramFile, editorfields.Refs({}))), encoding="utf-8"
    )
    script = tmp_path / "edits.mjs"
    script.write_text(NODE_EDITS % {"yaml": NODE_MODULES / "yaml/browser/dist/index.js", "fmt": fmt, "fields": fields})
    source = REPO / "data/program/living.yml"
    text = source.read_text(encoding="utf-8")
    result = subprocess.run(["node", str(script), str(source)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert len(out["deleted"]) >= 4
    for index, after in enumerate(out["deleted"]):
        assert after == _without_entry(text, index), index  # every other byte as it was
    assert _changed_lines(text, out["edited"]) == [
        line for line in _changed_lines(text, out["edited"]) if "anggaran" in line
    ]
    assert len(_changed_lines(text, out["edited"])) == 2
    added = _changed_lines(text, out["added"])
    assert all(line.startswith("+") for line in added), added
    keys = [line[1:].lstrip("- ").split(":")[0] for line in added if line.strip("+ ")]
    order = list(schema.Program.model_fields)
    assert keys == sorted(keys, key=order.index), keys
    assert "ilustratif" not in keys and "rujukan" not in keys and "mitra" not in keys
    assert yaml.safe_load(out["added"])["program"][1]["id"] == "LIV-99"
    moved = _changed_lines(text, out["moved"])
    first = text.split("\n- id: ")[1]
    assert len(moved) == 2 * (first.count("\n") + 1), (
        moved
    )  # the entry leaves the top and arrives at the end, untouched


# ------------------------------------------------------------------ end to end in Chromium

_free_port = free_port


_git = git


class _Site(http.server.SimpleHTTPRequestHandler):
    extensions_map = {  # noqa: RUF012 - the base class reads this class-level table (typeshed: an instance variable)
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".yml": "text/yaml",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
    }

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def local_git(tmp_path_factory):
    """The fixture region as a Git repository, built, with decap-server and the site on loopback."""
    project = make_project(tmp_path_factory.mktemp("sunting") / "repo", region(), {"program/living.yml": LIVING})
    backend_port = _free_port()
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        config.replace(
            "      edit_url:", f"      editor_local_backend: http://127.0.0.1:{backend_port}/api/v1\n      edit_url:", 1
        ),
        encoding="utf-8",
    )
    (project / ".gitignore").write_text("/site/\n/.cache/\n", encoding="utf-8")
    _git(project, "init", "-q", "-b", "main")
    _git(project, "config", "user.name", "Penyunting Uji")
    _git(project, "config", "user.email", "penyunting@example.invalid")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "Data awal")
    built = mkdocs_build(project)
    assert built.returncode == 0, built.stderr
    env = dict(
        os.environ,
        MODE="git",
        PORT=str(backend_port),
        BIND_HOST="127.0.0.1",
        GIT_REPO_DIRECTORY=str(project),
        LOG_LEVEL="warn",
    )
    server = subprocess.Popen(
        ["node", str(NODE_MODULES / "decap-server/dist/index.js")],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _wait_for_backend(backend_port, server)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Site, directory=str(project / "site")))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield project, f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    server.terminate()
    server.wait(timeout=10)


def _wait_for_backend(port: int, server: subprocess.Popen) -> None:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1", data=b'{"action":"info"}', headers={"Content-Type": "application/json"}
    )
    for _ in range(100):
        if server.poll() is not None:
            raise AssertionError(server.stderr.read().decode() if server.stderr else "decap-server stopped")
        try:
            with urllib.request.urlopen(request, timeout=2) as response:
                assert json.load(response)["type"] == "local_git"
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("decap-server did not start")


@pytest.fixture(scope="module")
def browser(chromium_browser):
    return chromium_browser


def _shoot(page, name: str) -> None:
    shoot(page, SCREENSHOTS, "editor-" + name)


_expand = expand


def _is_save(response) -> bool:
    request = response.request
    return (
        request.method == "POST" and request.url.endswith("/api/v1") and '"persistEntry"' in (request.post_data or "")
    )


def _save(page) -> None:
    """Press Simpan and wait for decap-server's answer to the save: its commit is on the branch by then."""
    with page.expect_response(_is_save, timeout=60_000) as answer:
        page.get_by_role("button", name="Simpan", exact=True).click()
    assert answer.value.ok, answer.value.text()


def save_and_publish(page) -> None:
    page.get_by_role("button", name="Simpan", exact=True).click()
    page.get_by_text("Perubahan disimpan").wait_for()
    page.get_by_role("button", name="Status: Draf").click()
    page.get_by_role("menuitem", name="Siap").click()
    page.get_by_text("Status diperbarui").wait_for()
    page.get_by_role("button", name="Terbitkan", exact=True).click()
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("menuitem", name="Terbitkan sekarang").click()
    page.get_by_text("Perubahan diterbitkan").wait_for()


def _axe(page, site: str, project: Path) -> list:
    # Copied into the served site each time (same origin: the page's CSP allows it): a publish earlier in
    # the test rebuilds the site, and the new site/ has no copy.
    shutil.copyfile(NODE_MODULES / "axe-core/axe.min.js", project / "site/axe.min.js")
    page.add_script_tag(url=site + "axe.min.js")
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    assert result["passes"], "axe ran no rule"
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_editor_saves_a_programme_and_a_new_agency_through_git(local_git, browser):
    project, site = local_git
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=False)
    page = context.new_page()
    hosts: set[str] = set()
    page.on("request", lambda r: hosts.add(urlparse(r.url).hostname or r.url.split(":", 1)[0]))
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)

    page.goto(site + "sunting/index.html")
    page.get_by_role("button", name="Masuk").wait_for()
    _shoot(page, "masuk")
    page.get_by_role("button", name="Masuk").click()
    page.get_by_text("Program Smart Society (Masyarakat)").wait_for()
    _shoot(page, "beranda")
    findings = {"beranda": _axe(page, site, project)}

    page.goto(site + "sunting/index.html#/collections/program/entries/society")
    _expand(page, "SOC-01 · Program Masyarakat 1")
    progress = page.locator("input[id^=progres-field]").first
    progress.fill("75")
    progress.evaluate("e => e.scrollIntoView({block: 'center'})")
    _shoot(page, "progres")
    _expand(page, "Cakupan layanan")
    realisation = page.get_by_label("Realisasi: nilai 2025").first
    realisation.fill("42.5")  # a dot groups thousands in an indicator value: refused, with advice
    page.get_by_role("button", name="Simpan", exact=True).click()
    page.get_by_text(
        "Baris 1: “42.5” belum terbaca sebagai angka. Titik dipakai untuk memisahkan ribuan (2.400.000); untuk desimal pakai koma.",
        exact=False,
    ).first.wait_for()
    progress.fill("120")
    page.get_by_role("button", name="Simpan", exact=True).click()
    page.get_by_text("Progres: 120 di luar batas: isi antara 0 dan 100", exact=False).first.wait_for()
    assert len(errors) == 2 and set(errors) == {"undefined"}, errors  # Decap rejects a refused save without a reason
    errors.clear()
    progress.fill("75")
    realisation.fill("35 persen")
    realisation.evaluate("e => e.scrollIntoView({block: 'center'})")
    _shoot(page, "realisasi")
    findings["program"] = _axe(page, site, project)
    save_and_publish(page)

    page.goto(site + "sunting/index.html#/collections/data/entries/opd")
    # another file by its address: the page loads anew (sunting.js), the sign-in is kept
    page.get_by_text("dlh · Dinas Lingkungan Hidup").wait_for()  # the file is loaded
    page.get_by_role("button", name="Tambah opd").click()
    for name, value in NEW_OPD.items():
        page.locator(f"input[id^={name}-field]").last.fill(value)
    _shoot(page, "opd")
    save_and_publish(page)
    context.close()

    assert errors == []
    assert blocked == []  # nothing the editor does is refused by its page's policy
    assert hosts <= {"127.0.0.1", "localhost", "data", "blob"}, hosts
    serious = {k: v for k, v in findings.items() if v}
    assert serious == {}, json.dumps(serious, indent=1)

    # the repository: both changes are commits on main, made by the editor, and the YAML is as expected
    log = _git(project, "log", "--format=%s", "main")
    assert "Program SOC-01 Program Masyarakat 1: realisasi 2025, progres\n" in log, (
        log
    )  # what changed, not only the file
    assert "OPD disdik Dinas Pendidikan: baru" in log, log
    assert _git(project, "status", "--porcelain") == ""
    society = yaml.safe_load((project / "data/program/society.yml").read_text(encoding="utf-8"))
    assert society["program"][0]["progres"] == 75
    assert society["program"][0]["indikator"][0]["realisasi"] == {2025: 35}
    assert yaml.safe_load((project / "data/opd.yml").read_text(encoding="utf-8"))["opd"][-1] == NEW_OPD
    diff = _git(project, "diff", "HEAD~2", "--stat")
    assert "2 files changed" in diff and "5 insertions(+), 2 deletions(-)" in diff, diff

    check = subprocess.run(
        [sys.executable, "-m", "masterplan.commands.cli", "check"], cwd=project, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.startswith("Data valid: 4 OPD")

    rebuilt = mkdocs_build(project)
    assert rebuilt.returncode == 0, rebuilt.stderr
    from bs4 import BeautifulSoup

    programme_page = BeautifulSoup((project / "site/program/soc-01.html").read_text(encoding="utf-8"), "html.parser")
    rows = {
        th.get_text(strip=True): th.find_next_sibling("td").get_text(" ", strip=True)
        for th in programme_page.select("th[scope=row]")
    }
    assert rows["Progres"].startswith("75%"), rows
    indicator_table = programme_page.find("h3", id="cakupan-layanan").find_next("table")
    year_row = next(td.find_parent("tr") for td in indicator_table.select("td") if td.get_text(strip=True) == "2025")
    assert [td.get_text(strip=True) for td in year_row.find_all("td")] == [
        "2025",
        "40",
        "35",
    ]  # year, target, realisation
    assert "Dinas Pendidikan" in (project / "site/opd/index.html").read_text(encoding="utf-8")


# ------------------------------------------------------------------ sign-in with a token (no relay)

GITHUB_REPO = "pemkab-buleleng/masterplan-smart-city"  # from the fixture's edit_url (mkdocs.yml)
GOOD_TOKEN = "github_pat_11UJI_contoh"


def _fake_github(route, asked: list) -> None:
    """GitHub's API as a fine-grained token for the one repository sees it (no network here)."""
    request = route.request
    path = urlparse(request.url).path
    asked.append((request.method, path, request.headers.get("authorization", "")))
    if request.headers.get("authorization") != f"token {GOOD_TOKEN}":
        route.fulfill(status=401, json={"message": "Bad credentials"})
    elif path == f"/repos/{GITHUB_REPO}":
        route.fulfill(
            json={
                "full_name": GITHUB_REPO,
                "owner": {"login": "pemkab-buleleng"},
                "permissions": {"push": True, "pull": True},
                "default_branch": "main",
            }
        )
    elif path == "/user":
        route.fulfill(json={"login": "penyunting", "name": "Ni Luh Penyunting", "avatar_url": ""})
    elif path.endswith(("/pulls", "/status")):
        route.fulfill(json=[] if path.endswith("/pulls") else {"state": "pending", "statuses": []})
    else:
        route.fulfill(status=404, json={"message": "Not Found"})


def test_token_sign_in_checks_the_token_with_github_then_starts_decap(local_git, browser):
    project, site = local_git
    for width, height in ((1280, 900), (390, 844)):
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        asked: list = []
        hosts: set[str] = set()
        # The handlers run during this iteration only (its context is closed before the next one).
        page.on("request", lambda r: hosts.add(urlparse(r.url).hostname or ""))  # noqa: B023
        context.route("**/api/v1", lambda route: route.abort())  # no local backend: the page as on GitHub Pages
        context.route("https://api.github.com/**", lambda route: _fake_github(route, asked))  # noqa: B023
        page.goto(site + "sunting/index.html")
        token = page.get_by_label("Token GitHub")
        token.wait_for()
        _shoot(page, f"token-{width}")
        findings = _axe(page, site, project)
        assert findings == [], findings
        assert (
            page.get_by_role("link", name="Cara membuat token").get_attribute("href")
            == "../panduan/#membuat-token-penyunting"
        )
        token.fill("ghp_klasik")
        page.get_by_role("button", name="Masuk").click()
        page.get_by_text("Ini token klasik").wait_for()
        assert asked == []  # refused before anything is sent
        token.fill("github_pat_salah")
        page.get_by_role("button", name="Masuk").click()
        page.get_by_text("GitHub tidak mengenali token ini").wait_for()
        _shoot(page, f"token-salah-{width}")
        box = page.get_by_role("button", name="Masuk").bounding_box()
        assert box["height"] >= 24 and box["width"] >= 24
        token.fill(GOOD_TOKEN)
        page.get_by_role("button", name="Masuk").click()
        page.get_by_label("Token GitHub").wait_for(state="detached")
        stored = json.loads(page.evaluate("() => localStorage.getItem('decap-cms-user')"))
        assert stored == {
            "backendName": "github",
            "token": GOOD_TOKEN,
            "login": "penyunting",
            "name": "Ni Luh Penyunting",
        }
        # Decap restores that user itself: it asks GitHub who it is with the same token
        page.wait_for_function("() => document.querySelector('[class*=\"AppHeader\"]') !== null", timeout=30000)
        _shoot(page, f"token-masuk-{width}")
        assert ("GET", "/user", f"token {GOOD_TOKEN}") in asked
        assert hosts <= {"127.0.0.1", "localhost", "api.github.com", ""}, hosts
        page.reload()  # entered once: the next visit goes straight to the editor
        page.wait_for_function("() => document.querySelector('[class*=\"AppHeader\"]') !== null", timeout=30000)
        assert page.get_by_label("Token GitHub").count() == 0
        if width == 1280:  # the token is revoked on GitHub: the next visit asks for a new one, and says why
            context.unroute("https://api.github.com/**")
            context.route(
                "https://api.github.com/**",
                lambda route: route.fulfill(status=401, json={"message": "Bad credentials"}),
            )
            page.reload()
            page.get_by_text("Token yang tersimpan tidak diterima lagi oleh GitHub").wait_for(timeout=30000)
            assert page.evaluate("() => localStorage.getItem('decap-cms-user')") is None
            _shoot(page, "token-dicabut")
        context.close()


# ------------------------------------------------------------------ what a save commits


def _branch_diff(project: Path, ref: str) -> list[str]:
    """The changed lines of the last commit on `ref`, without the diff's headers."""
    diff = _git(project, "diff", "-U0", f"{ref}~1", ref, "--", "data/program/living.yml")
    return [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]


SMALL_TARGETS = """() => [...document.querySelectorAll('button, a[href], [role=button], [aria-roledescription=sortable]')]
  .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && (r.width < 24 || r.height < 24); })
  .map(e => [(e.getAttribute('aria-label') || e.textContent).trim().slice(0, 40), Math.round(e.getBoundingClientRect().width), Math.round(e.getBoundingClientRect().height)])"""


def _every_editor_screen(page, site: str, project: Path, entry: str, width: int) -> dict:
    """axe's serious and critical findings, and targets under 24 x 24 px, on each editor screen:
    the entry with a draft, its publish menu, the approval board, the media dialog."""
    found = {}
    page.goto(site + "sunting/index.html#/collections/program/entries/" + entry)
    page.get_by_role("button", name="Simpan", exact=True).wait_for()
    _expand(page, "LIV-01 · Program Lingkungan Hidup Layak 1")
    found["isian"] = _axe(page, site, project)
    found["isian: sasaran kecil"] = page.evaluate(SMALL_TARGETS)
    found["isian: nama bahasa Inggris"] = page.evaluate(
        "() => [...document.querySelectorAll('[aria-label]')].map(e => e.getAttribute('aria-label')).filter(l => /^(Remove|Delete|Add|Open|Close|Select) |^kolom (select|string|list|text|object|boolean)$/.test(l))"
    )
    page.get_by_role("button", name="Terbitkan", exact=True).click()
    page.get_by_role("menuitem", name="Terbitkan sekarang").wait_for()
    _shoot(page, f"menu-terbitkan-{width}")
    found["menu Terbitkan"] = _axe(page, site, project)
    page.keyboard.press("Escape")
    page.goto(site + "sunting/index.html#/workflow")
    page.get_by_text("Program Smart Living (Lingkungan Hidup Layak)").wait_for()
    _shoot(page, f"alur-persetujuan-{width}")
    found["alur persetujuan"] = _axe(page, site, project)
    found["alur persetujuan: sasaran kecil"] = page.evaluate(SMALL_TARGETS)
    page.get_by_text("Media", exact=True).first.click()
    page.get_by_role("dialog", name="Gambar dan dokumen").wait_for()
    page.wait_for_function("""() => { // the dialog has faded in: axe measures contrast as shown
      for (let e = document.querySelector('[role=dialog]'); e; e = e.parentElement) if (getComputedStyle(e).opacity !== '1') return false;
      return true; }""")
    found["media"] = _axe(page, site, project)
    return {k: v for k, v in found.items() if v}


def test_saves_commit_only_the_changed_lines_with_truthful_messages(local_git, browser):
    project, site = local_git
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(site + "sunting/index.html")
    page.get_by_role("button", name="Masuk").click()
    page.get_by_text("Program Smart Society (Masyarakat)").wait_for()
    page.goto(site + "sunting/index.html#/collections/program/entries/living")
    branch = "cms/program/living"

    # one field: one line, and the message names it
    _expand(page, "LIV-02 · Program Lingkungan Hidup Layak 2")
    page.locator("input[id^=anggaran-field]").nth(1).fill("2,4 miliar")
    page.get_by_role("button", name="Simpan", exact=True).click()
    page.get_by_text("Perubahan disimpan").wait_for()
    assert _branch_diff(project, branch) == ["-  anggaran: 1500000000", "+  anggaran: 2400000000"]
    assert (
        _git(project, "log", "-1", "--format=%s", branch).strip()
        == "Program LIV-02 Program Lingkungan Hidup Layak 2: anggaran"
    )
    _shoot(page, "simpan-satu-kolom")

    # a second save in the same session is described against the first
    page.locator("input[id^=progres-field]").nth(1).fill("35")
    _save(page)
    assert (
        _git(project, "log", "-1", "--format=%s", branch).strip()
        == "Program LIV-02 Program Lingkungan Hidup Layak 2: progres"
    )
    assert _branch_diff(project, branch) == ["-  progres: 20", "+  progres: 35"]

    # a new programme: added where the editor sees it, Kode first; written in the schema's
    # order without the untouched toggle or empty fields
    page.get_by_role("button", name="Tambah program").click()
    code = page.locator("input[id^=id-field]").last
    code.wait_for()
    page.wait_for_function(
        "e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }",
        arg=code.element_handle(),
    )
    assert code.evaluate(
        "e => document.activeElement === e || e.closest('[class*=ObjectControl]').querySelector('input') === e"
    )
    _shoot(page, "tambah-program")
    code.fill("LIV-04")
    page.locator("input[id^=nama-field]").last.fill("Program Baru")
    _save(page)
    assert _git(project, "log", "-1", "--format=%s", branch).strip() == "Program LIV-04 Program Baru: baru"
    assert _branch_diff(project, branch) == ["+", "+- id: LIV-04", "+  nama: Program Baru"]

    # a deletion: the entry's lines, its comment included, and nothing else
    page.get_by_role("button", name="Hapus LIV-03 · Program Lingkungan Hidup Layak 3").click()
    page.get_by_role("dialog", name="Hapus “LIV-03 · Program Lingkungan Hidup Layak 3”?").get_by_role(
        "button", name="Hapus", exact=True
    ).click()
    _save(page)
    assert (
        _git(project, "log", "-1", "--format=%s", branch).strip()
        == "Program LIV-03 Program Lingkungan Hidup Layak 3 dihapus"
    )
    entry = LIVING[LIVING.index("# Program ketiga") :]  # the comment above it goes with it
    before, after = (_git(project, "show", f"{ref}:data/program/living.yml") for ref in (branch + "~1", branch))
    assert entry + "\n" in before and after == before.replace(entry + "\n", "")
    assert all(line.startswith("-") for line in _branch_diff(project, branch))
    _shoot(page, "hapus")

    # every screen, with a draft on the board, at 1280 px and on a phone
    assert _every_editor_screen(page, site, project, "living", 1280) == {}
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True).new_page()
    phone.goto(site + "sunting/index.html")
    phone.get_by_role("button", name="Masuk").click()
    phone.get_by_text("Program Smart Society (Masyarakat)").wait_for()
    phone.goto(site + "sunting/index.html#/collections/program/entries/living")
    phone.get_by_role("button", name="Simpan", exact=True).wait_for()
    toolbar = phone.locator("[class*=ToolbarContainer]").first.bounding_box()
    _shoot(phone, "isian-390")
    assert toolbar["height"] <= 180, toolbar  # was 300 of 844 px
    assert _every_editor_screen(phone, site, project, "living", 390) == {}
    phone.context.close()

    # another group opened by its address after a save shows its data
    page.goto(site + "sunting/index.html#/collections/program/entries/society")
    page.get_by_text("SOC-01 · Program Masyarakat 1").wait_for(timeout=15000)
    page.goto(site + "sunting/index.html#/collections/data/entries/visi-misi")
    page.get_by_text("M2 · Menguatkan ekonomi warga.").first.wait_for(timeout=15000)
    _shoot(page, "buka-lewat-alamat")
    context.close()
    assert not [e for e in errors if "No file found" in e], errors


def test_preview_opens_the_page_that_shows_the_file(local_git):
    """ "Lihat pratinjau" opens the page of the changed data in the draft's preview, not the home page
    (Decap appends each file's preview_path to the preview's address)."""
    project, _ = local_git
    config = yaml.safe_load((project / "site/sunting/config.yml").read_text(encoding="utf-8"))
    paths = {f["file"]: f.get("preview_path") for c in config["collections"] for f in c["files"]}
    assert paths["data/program/living.yml"] == "dimensi/living.html"
    assert paths["data/monev.yml"] == "monev.html" and paths["data/opd.yml"] == "opd/index.html"
    missing = {file: path for file, path in paths.items() if not path or not (project / "site" / path).is_file()}
    assert missing == {}


def test_a_date_typed_in_indonesian_is_saved_as_one_line(local_git, browser):
    project, site = local_git
    page = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True).new_page()
    page.goto(site + "sunting/index.html")
    page.get_by_role("button", name="Masuk").click()
    page.get_by_text("Program Smart Society (Masyarakat)").wait_for()
    page.goto(site + "sunting/index.html#/collections/data/entries/wilayah")
    date = page.locator("input[id^=tanggal-field]").first
    expect_value = date.input_value(timeout=30000)
    assert expect_value == "3 Maret 2025"  # the stored 2025-03-03, as people write it
    date.fill("31 Februari 2025")
    page.get_by_text("“31 Februari 2025” bukan tanggal yang ada di kalender.").first.wait_for()
    date.fill("31 Mar 2025")
    page.get_by_text("Tersimpan sebagai 31 Maret 2025 (2025-03-31).").first.wait_for()
    date.evaluate("e => e.scrollIntoView({block: 'center'})")
    _shoot(page, "tanggal-390")
    page.get_by_role("button", name="Simpan", exact=True).click()
    page.get_by_text("Perubahan disimpan").first.wait_for()
    _shoot(page, "tanggal-simpan-390")
    branch = "cms/data/wilayah"
    diff = _git(project, "diff", "-U0", f"{branch}~1", branch, "--", "data/wilayah.yml")
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert [line.replace("'", "") for line in changed] == ["-  tanggal: 2025-03-03", "+  tanggal: 2025-03-31"], changed
    assert _git(project, "log", "-1", "--format=%s", branch).strip() == "Wilayah: regulasi"
    page.context.close()
