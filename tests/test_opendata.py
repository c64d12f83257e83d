"""Open data for a Satu Data portal: the DCAT catalogue, the Frictionless data package, indicators with
MS-Ind metadata, and every enacted version's files (issue: open data that a portal can take).

The package and every CSV are validated with `frictionless`; the catalogue is parsed as RDF with
`rdflib` (both test-only dependencies). The site tests share one `mkdocs build` of the fixture
region (conftest.built, with a hostile programme); the version tests run the stages in a Git
repository without MkDocs.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import subprocess
from pathlib import Path

import frictionless
import pytest
import rdflib
from bs4 import BeautifulSoup
from rdflib.compare import isomorphic

from fixtures import partial_kota, region, write_region
from masterplan.derive import indicators, pipeline
from masterplan.formats import MISSING_WORDS
from masterplan.render import catalogue, opendata

DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
DCT = rdflib.Namespace("http://purl.org/dc/terms/")
SITE = "https://data.contoh.go.id/rencana-induk/"
MSIND = [k for k, _ in indicators.MSIND_FIELDS]


def _graph(text: str, fmt: str, base: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=text, format=fmt, publicID=base)


def _datasets_and_distributions(g: rdflib.Graph):
    datasets = set(g.subjects(rdflib.RDF.type, DCAT.Dataset))
    return datasets, {d: set(g.objects(d, DCAT.distribution)) for d in datasets}


def _validate(folder: Path) -> frictionless.Report:
    return frictionless.validate(str(folder / "datapackage.json"))


def _errors(report: frictionless.Report) -> list[str]:
    return [e.message for e in report.errors] + [f"{t.name}: {e.message}" for t in report.tasks for e in t.errors]


# ------------------------------------------------------------------ the built site (fixture region)


def test_data_package_and_every_csv_validate_with_frictionless(built):
    project, _ = built
    folder = project / "site" / "unduh"
    report = _validate(folder)
    assert report.valid, _errors(report)
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    names = {r["name"]: r for r in package["resources"]}
    assert set(names) == {"program", "indikator", "metadata-indikator", "sasaran-dimensi", "evaluasi"}
    assert {t.name for t in report.tasks} == set(names)
    assert all(
        t.stats["rows"] > 0 for t in report.tasks if t.name != "sasaran-dimensi"
    )  # the fixture's dimensions set no targets
    for res in package["resources"]:
        header = next(csv.reader((folder / res["path"]).open(encoding="utf-8")))
        fields = res["schema"]["fields"]
        assert [f["name"] for f in fields] == header, res["name"]  # every column described, in order
        assert all(f["title"] and f["description"] for f in fields)
        assert {"belum ditetapkan", "tidak diketahui", "tidak dipublikasikan"} <= set(res["schema"]["missingValues"])
    program = {f["name"]: f for f in names["program"]["schema"]["fields"]}
    assert program["anggaran"]["satuan"] == "rupiah" and program["progres"]["satuan"] == "persen"
    assert names["program"]["schema"]["primaryKey"] == ["id"]
    assert names["indikator"]["schema"]["foreignKeys"][0] == {
        "fields": ["kode_program"],
        "reference": {"resource": "program", "fields": ["id"]},
    }
    assert "licenses" not in package  # the fixture region names no licence: none is claimed


def test_a_broken_csv_fails_the_package_validation(built, tmp_path):
    """The validation above can fail: a year typed as text in indikator.csv is an error."""
    project, _ = built
    import shutil

    shutil.copytree(project / "site" / "unduh", tmp_path / "unduh", ignore=shutil.ignore_patterns("*.pdf", "*.docx"))
    path = tmp_path / "unduh" / "indikator.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    cells = lines[1].split(",")
    cells[4] = "dua ribu"
    path.write_text("\n".join([lines[0], ",".join(cells), *lines[2:]]) + "\n", encoding="utf-8")
    report = _validate(tmp_path / "unduh")
    assert not report.valid and any(e.type == "type-error" for t in report.tasks for e in t.errors)


def test_catalogue_parses_as_rdf_with_a_distribution_per_file(built):
    project, _ = built
    folder = project / "site" / "unduh"
    base = SITE + "unduh/katalog.jsonld"
    g = _graph((folder / "katalog.jsonld").read_text(encoding="utf-8"), "json-ld", base)
    assert isomorphic(g, _graph((folder / "katalog.ttl").read_text(encoding="utf-8"), "turtle", base))
    datasets, distributions = _datasets_and_distributions(g)
    assert len(datasets) == 3  # program, indikator (values and MS-Ind metadata), evaluasi
    files = []
    for ds, dists in distributions.items():
        assert g.value(ds, DCT.title) and g.value(ds, DCT.description) and g.value(ds, DCT.publisher)
        assert g.value(ds, DCT.modified) is None  # built outside Git: no commit time, and no clock time instead
        assert g.value(ds, DCT.temporal) is not None and list(g.objects(ds, DCAT.keyword))
        for d in dists:
            assert str(g.value(d, DCAT.mediaType)).startswith("https://www.iana.org/assignments/media-types/")
            url = str(g.value(d, DCAT.downloadURL))
            assert url.startswith(SITE + "unduh/")
            files.append(url.removeprefix(SITE + "unduh/"))
    expected = {
        "program.csv",
        "program.json",
        "indikator.csv",
        "metadata-indikator.csv",
        "indikator.json",
        "sasaran-dimensi.csv",
        "evaluasi.csv",
        "evaluasi.json",
    }
    assert sorted(files) == sorted(expected) and all((folder / f).is_file() for f in files)
    catalog = next(g.subjects(rdflib.RDF.type, DCAT.Catalog))
    assert set(g.objects(catalog, DCAT.dataset)) == datasets


def test_download_page_carries_the_catalogue_as_inert_json_ld(built):
    project, _ = built
    soup = BeautifulSoup((project / "site" / "unduh.html").read_text(encoding="utf-8"), "html.parser")
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    body = scripts[0].string
    assert "<" not in body and ">" not in body and "&" not in body.replace("\\u0026", "")
    g = _graph(body, "json-ld", SITE + "unduh.html")
    datasets, distributions = _datasets_and_distributions(g)
    assert len(datasets) == 3 and sum(len(d) for d in distributions.values()) == 8
    links = [a["href"] for a in soup.select("article a")]
    assert {
        "unduh/katalog.jsonld",
        "unduh/katalog.ttl",
        "unduh/datapackage.json",
        "unduh/indikator.csv",
        "unduh/metadata-indikator.csv",
    } <= set(links)


def test_programme_page_shows_each_indicators_ms_ind_metadata(built):
    project, _ = built
    soup = BeautifulSoup((project / "site" / "program" / "gov-01.html").read_text(encoding="utf-8"), "html.parser")
    block = soup.select_one("details.mp-msind")
    assert block.summary.get_text() == "Metadata indikator GOV-01.1 (MS-Ind)"
    pairs = dict(
        zip([dt.get_text() for dt in block.select("dt")], [dd.get_text() for dd in block.select("dd")], strict=False)
    )
    assert list(pairs)[:10] == [label for _, label in indicators.MSIND_FIELDS]
    assert (
        pairs["Nama indikator"] == "Cakupan layanan"
        and pairs["Satuan"] == "%"
        and pairs["Produsen data"] == "Dinas Komunikasi dan Informatika"
    )
    assert pairs["Definisi"] == "belum ditetapkan"


# ------------------------------------------------------------------ stages only: escaping, second region, kinds of missing


def _prepare(root: Path, files: dict) -> object:
    return pipeline.prepare(write_region(root, files), root)


def test_no_data_text_can_break_out_of_the_page_script(tmp_path):
    files = region()
    files["wilayah.yml"]["data_terbuka"] = {"kata_kunci": ["</script><script>alert(1)</script>", "a & b <!-- c"]}
    view = _prepare(tmp_path, files)
    body = catalogue.page_script(view, "")
    assert "<" not in body and ">" not in body and "&" not in body.replace("\\u0026", "")
    keywords = {str(o) for o in _graph(body, "json-ld", SITE).objects(None, DCAT.keyword)}
    assert {"</script><script>alert(1)</script>", "a & b <!-- c"} <= keywords


def _metadata(view) -> list[dict]:
    return list(csv.DictReader(io.StringIO(opendata.files(view)["unduh/metadata-indikator.csv"])))


def test_second_region_has_ms_ind_fields_or_a_kind_of_missing_for_every_indicator(tmp_path):
    files = partial_kota()
    gov = files["program/governance.yml"]["program"]
    gov[0]["indikator"] = [
        {
            "nama": "Dataset terbit di portal",
            "satuan": "dataset",
            "definisi": "Jumlah dataset OPD yang terbit di portal Satu Data.",
            "periodisitas": "tahunan",
            "tidak_dipublikasikan": ["metode", "konsep"],
            "tidak_diketahui": ["interpretasi"],
        }
    ]
    gov[2]["indikator"] = [{"nama": "Aduan ditindaklanjuti", "satuan": "%", "target": {2025: 80}}]
    gov[2]["tidak_diketahui"] = ["opd"]
    view = _prepare(tmp_path, files)
    rows = _metadata(view)
    assert [r["kode_indikator"] for r in rows] == ["GOV-01.1", "GOV-03.1"]
    words = set(MISSING_WORDS.values())
    for row in rows:
        for key in MSIND:
            assert row[key], (row["kode_indikator"], key)  # a value, or the kind of missing
    first, second = rows
    assert (first["definisi"], first["periodisitas"], first["produsen"]) == (
        "Jumlah dataset OPD yang terbit di portal Satu Data.",
        "tahunan",
        "Dinas Komunikasi dan Informatika",
    )
    assert (first["metode"], first["konsep"], first["interpretasi"], first["ukuran"]) == (
        "tidak dipublikasikan",
        "tidak dipublikasikan",
        "tidak diketahui",
        "belum ditetapkan",
    )
    assert (first["tidak_dipublikasikan"], first["tidak_diketahui"]) == ("metode;konsep", "interpretasi")
    assert second["produsen"] == second["kode_produsen"] == "tidak diketahui"  # the programme's OPD is not known
    assert all(second[k] in words for k in MSIND if k not in ("nama", "satuan", "produsen"))
    doc = json.loads(opendata.files(view)["unduh/indikator.json"])
    assert doc["indikator"][0]["metadata"]["metode"] is None and doc["indikator"][0]["tidak_dipublikasikan"] == [
        "metode",
        "konsep",
    ]
    assert doc["indikator"][1]["metadata_kosong"]["produsen"] == "tidak diketahui"
    assert all(
        set(MSIND) == {k for k, v in i["metadata"].items() if v is not None} | set(i["metadata_kosong"])
        for i in doc["indikator"]
    )
    assert doc["versi"]["rancangan"] is True  # the kota has no regulation number yet: a draft
    g = _graph(opendata.files(view, SITE)["unduh/katalog.jsonld"], "json-ld", SITE + "unduh/katalog.jsonld")
    schema_org = rdflib.Namespace("https://schema.org/")
    measured = list(g.objects(None, schema_org.variableMeasured))
    assert len(measured) == 2
    for ind in measured:
        props = {
            str(g.value(p, schema_org.propertyID)): str(g.value(p, schema_org.value))
            for p in g.objects(ind, schema_org.additionalProperty)
        }
        assert set(props) == set(MSIND) and all(props.values())
    titles = [str(t) for t in g.objects(None, DCT.title) if "Daftar program" in str(t)]
    assert titles == [
        "Daftar program Masterplan Smart City Kota Salatiga Tahun 2024-2028 (rancangan, belum ditetapkan)"
    ]


def test_every_indicator_of_the_sample_has_its_ms_ind_fields_or_a_kind_of_missing():
    root = Path(__file__).resolve().parent.parent
    view = pipeline.prepare(root / "data", root)
    rows = _metadata(view)
    assert len(rows) == sum(len(p.indicators) for p in view.programmes) > 50
    assert all(row[k] for row in rows for k in MSIND)
    assert next(r for r in rows if r["kode_indikator"] == "GOV-01.1")["periodisitas"] == "tahunan"
    targets = list(
        csv.DictReader(io.StringIO(opendata.files(view)["unduh/sasaran-dimensi.csv"]))
    )  # the dimension pages' targets too
    assert len(targets) == sum(len(d.model.sasaran) for d in view.dimensions) > 0 and targets[0]["tahun_target"] == str(
        view.years[-1]
    )


def test_an_unknown_producer_agency_is_an_error_at_its_line(tmp_path):
    files = region()
    files["program/governance.yml"]["program"][0]["indikator"][0]["produsen"] = "dinkes"
    plan, problems = pipeline.check(write_region(tmp_path, files), tmp_path)
    assert plan is None
    assert [(p.file, p.message[:30]) for p in problems if not p.is_warning] == [
        ("data/program/governance.yml", "kode OPD `dinkes` tidak ada di")
    ]


# ------------------------------------------------------------------ every enacted version (Git)


def git(root: Path, *args: str, date: str = "2025-03-03T10:00:00+07:00") -> str:
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="Walidata",
        GIT_AUTHOR_EMAIL="walidata@example.org",
        GIT_COMMITTER_NAME="Walidata",
        GIT_COMMITTER_EMAIL="walidata@example.org",
        GIT_AUTHOR_DATE=date,
        GIT_COMMITTER_DATE=date,
    )
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True, env=env).stdout


def tagged_as_enacted(root: Path) -> dict:
    """Kota Salatiga's data committed and tagged as enacted Perwali 12/2025; returns its files with the
    regulation listed in ``ditetapkan`` (not yet written: each fixture adds its own change first)."""
    files = region()
    write_region(root, files)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Perwali 12/2025 yang ditetapkan")
    git(root, "tag", "perwali-12-2025")
    wil = files["wilayah.yml"]
    enacted = {
        "tag": "perwali-12-2025",
        "nomor": "12",
        "tahun": 2025,
        "tanggal": "2025-03-03",
        "tentang": wil["regulasi"]["tentang"],
    }
    wil["ditetapkan"] = [enacted]
    return files


@pytest.fixture(scope="module")
def enacted_then_edited(tmp_path_factory):
    """Kota Salatiga enacts Perwali 12/2025 (tag), then its draft amendment raises a 2026 target from 60 to 75."""
    root = tmp_path_factory.mktemp("versi")
    files = tagged_as_enacted(root)
    files["wilayah.yml"]["regulasi"] = {"mengubah": "perwali-12-2025"}
    files["program/governance.yml"]["program"][0]["indikator"][0]["target"] = {2025: 40, 2026: 75}
    write_region(root, files)
    git(
        root,
        "commit",
        "-q",
        "-am",
        "Rancangan perubahan: target 2026 GOV-01 menjadi 75",
        date="2026-02-01T09:00:00+07:00",
    )
    return root


def _target(text: str, code: str, year: str) -> str:
    return next(
        r["target"] for r in csv.DictReader(io.StringIO(text)) if r["kode_indikator"] == code and r["tahun"] == year
    )


def test_the_enacted_version_keeps_its_old_target_after_the_draft_edits_it(enacted_then_edited, tmp_path):
    view = pipeline.prepare(enacted_then_edited / "data", enacted_then_edited)
    out = opendata.files(view, SITE)
    assert _target(out["unduh/indikator.csv"], "GOV-01.1", "2026") == "75"
    assert _target(out["unduh/versi/perwali-12-2025/indikator.csv"], "GOV-01.1", "2026") == "60"
    assert json.loads(out["unduh/versi/perwali-12-2025/program.json"])["versi"] == {
        "label": "Peraturan Wali Kota Salatiga Nomor 12 Tahun 2025",
        "rancangan": False,
        "tag": "perwali-12-2025",
        "keterangan": "teks yang ditetapkan",
    }
    assert json.loads(out["unduh/program.json"])["versi"]["rancangan"] is True
    assert json.loads(out["unduh/datapackage.json"])["version"] == "rancangan"
    for folder in ("unduh", "unduh/versi/perwali-12-2025"):  # each version is a valid package of its own
        for path, content in out.items():
            if path.startswith(folder + "/") and "/" not in path[len(folder) + 1 :]:
                (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
                (tmp_path / path).write_text(content, encoding="utf-8")
        report = _validate(tmp_path / folder)
        assert report.valid, _errors(report)


def test_the_catalogue_lists_the_enacted_version_of_each_dataset(enacted_then_edited):
    view = pipeline.prepare(enacted_then_edited / "data", enacted_then_edited)
    g = _graph(opendata.files(view, SITE)["unduh/katalog.jsonld"], "json-ld", SITE)
    datasets, distributions = _datasets_and_distributions(g)
    assert (
        len(datasets) == 4 + 3
    )  # program, indikator, evaluasi, perubahan; and the enacted program, indikator, evaluasi
    owl = rdflib.Namespace("http://www.w3.org/2002/07/owl#")
    older = {ds for ds in datasets if g.value(ds, DCT.isVersionOf) is not None}
    assert len(older) == 3
    for ds in older:
        assert str(g.value(ds, owl.versionInfo)) == "Peraturan Wali Kota Salatiga Nomor 12 Tahun 2025"
        assert g.value(ds, DCT.modified).toPython() == dt.datetime(
            2025, 3, 3, 3, 0, tzinfo=dt.UTC
        )  # the tag's commit time, not the clock
        assert str(g.value(ds, DCT.issued)) == "2025-03-03"
        assert all("/unduh/versi/perwali-12-2025/" in str(g.value(d, DCAT.downloadURL)) for d in distributions[ds])
        current = g.value(ds, DCT.isVersionOf)
        assert (current, DCT.hasVersion, ds) in g and str(g.value(current, owl.versionInfo)) == "rancangan"
    assert {g.value(ds, DCT.modified).toPython() for ds in datasets - older} == {
        dt.datetime(2026, 2, 1, 2, 0, tzinfo=dt.UTC)
    }


def test_download_page_lists_the_enacted_version_and_marks_the_draft(enacted_then_edited):
    from fixtures import REPO
    from masterplan.render import templates

    root = enacted_then_edited
    view = pipeline.prepare(root / "data", root)
    page = templates.render_all(view, REPO / "docs", REPO / "macros", templates.default_options(site_url=SITE), root)[
        "unduh.md"
    ]
    assert '!!! warning "Rancangan"' in page
    assert (
        "- **Peraturan Wali Kota Salatiga Nomor 12 Tahun 2025**: [program](unduh/versi/perwali-12-2025/program.csv), "
        "[indikator](unduh/versi/perwali-12-2025/indikator.csv)"
    ) in page
    script = page[
        page.index('<script type="application/ld+json">') + len('<script type="application/ld+json">') : page.rindex(
            "</script>"
        )
    ]
    g = _graph(script, "json-ld", SITE)
    datasets, _ = _datasets_and_distributions(g)
    assert len(datasets) == 7 and all(str(ds).startswith(SITE) for ds in datasets)  # absolute under site_url


# ------------------------------------------------------------------ enacted versions kept between builds (no re-reading of each tag)


@pytest.fixture
def enacted_only(tmp_path):
    """Kota Salatiga with Perwali 12/2025 enacted and no amendment in progress: the case that read each tag on every build."""
    root = tmp_path / "kota"
    files = tagged_as_enacted(root)
    write_region(root, files)
    git(root, "commit", "-q", "-am", "Catat Perwali 12/2025 sebagai ditetapkan", date="2025-03-04T09:00:00+07:00")
    return root, files


def _stages_files(root: Path, store) -> dict[str, str]:
    from masterplan.derive import versions

    versions.forget_enacted()  # as a new build process: only the store on disk is shared
    view = pipeline.derived(pipeline.validated(root / "data", root), root, root / "data", root / "docs", store)
    return opendata.files(view, SITE)


def test_an_enacted_version_is_made_once_and_then_read_from_the_store(enacted_only, tmp_path, monkeypatch):
    from masterplan.derive import revisions, versioncache

    root, _ = enacted_only
    store = versioncache.VersionStore(tmp_path / "cache")
    first = _stages_files(root, store)
    assert len(list((tmp_path / "cache").glob("*.json"))) == 1
    assert _target(first["unduh/versi/perwali-12-2025/indikator.csv"], "GOV-01.1", "2026") == "60"

    def no_git_read(*args, **kwargs):
        raise AssertionError("the tag was read from Git although its files were kept")

    monkeypatch.setattr(revisions, "read_revision", no_git_read)
    assert _stages_files(root, store) == first  # every file, catalogue and package byte for byte


def test_a_tag_moved_to_another_commit_is_made_again(enacted_only, tmp_path):
    from masterplan.derive import versioncache

    root, files = enacted_only
    store = versioncache.VersionStore(tmp_path / "cache")
    _stages_files(root, store)
    files["program/governance.yml"]["program"][0]["indikator"][0]["target"] = {2025: 40, 2026: 80}
    write_region(root, files)
    git(root, "commit", "-q", "-am", "Koreksi target sebelum penetapan", date="2025-03-05T09:00:00+07:00")
    git(root, "tag", "-f", "perwali-12-2025")
    out = _stages_files(root, store)
    assert _target(out["unduh/versi/perwali-12-2025/indikator.csv"], "GOV-01.1", "2026") == "80"
    assert len(list((tmp_path / "cache").glob("*.json"))) == 2


def test_check_reads_the_store_and_adds_nothing_to_it(enacted_only, tmp_path):
    from masterplan.derive import versioncache

    root, _ = enacted_only
    made = _stages_files(root, versioncache.VersionStore(tmp_path / "cache", write=False))
    assert not (tmp_path / "cache").exists()
    assert made == _stages_files(root, versioncache.NO_STORE)


def test_a_damaged_entry_is_made_again(enacted_only, tmp_path):
    from masterplan.derive import versioncache

    root, _ = enacted_only
    store = versioncache.VersionStore(tmp_path / "cache")
    made = _stages_files(root, store)
    (entry,) = (tmp_path / "cache").glob("*.json")
    entry.write_text('{"files": {"unduh/versi/perwali-12-2025/program.csv": 7}}', encoding="utf-8")
    assert _stages_files(root, store) == made


def test_a_cache_folder_brought_by_a_commit_is_not_read(enacted_only):
    from masterplan.site import sitefolders

    root, _ = enacted_only
    assert sitefolders.local_cache(root, "masterplan-data") == root / ".cache" / "masterplan-data"
    planted = root / ".cache" / "masterplan-data" / "0123.json"
    planted.parent.mkdir(parents=True)
    planted.write_text('{"files": {}}', encoding="utf-8")
    git(root, "add", "-f", ".cache")
    git(root, "commit", "-q", "-m", "cache ikut di-commit")
    assert sitefolders.local_cache(root, "masterplan-data") is None
    assert sitefolders.local_cache(root, "masterplan-pdf") is None
