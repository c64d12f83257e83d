"""Boundary: files under docs/ are published as they are, on the site's origin.

Only the file types of the allow-list are published, each with the MIME type GitHub Pages gives
it; anything else (an XML schema, a Relax NG grammar, a script host's file, a name without a type)
is refused at its path with what to do.
"""

from __future__ import annotations

import pytest

from fixtures import make_project, mkdocs_build
from masterplan.validate import assets


def problems_for(tmp_path, name: str, data: bytes = b"x"):
    docs = tmp_path / "docs"
    target = docs / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return assets.sources(docs, tmp_path / "macros", tmp_path)[1]


XHTML_SCRIPT = b'<x xmlns:h="http://www.w3.org/1999/xhtml"><h:script>alert(document.domain)</h:script></x>'


@pytest.mark.parametrize(
    "name",
    [
        "assets/skema.XSD",
        "assets/tata.rng",
        "assets/tata.Rnc",
        "assets/gaya.xsl",
        "assets/peta.kml",
        "assets/rute.gpx",
        "assets/umpan.rss",
        "assets/umpan.atom",
        "assets/x.wasm",
        "assets/x.swf",
        "assets/x.php",
        "assets/x.exe",
        "assets/x.mjs",
        "assets/x.appcache",
        "assets/x.manifest",
        "assets/x.vtt",
        "assets/tanpa-jenis",
        "unduh/berkas.svgz",
    ],
)
def test_a_type_outside_the_allow_list_is_refused_at_its_path(tmp_path, name):
    found = problems_for(tmp_path, name, XHTML_SCRIPT)
    assert [(p.file, p.line) for p in found] == [(f"docs/{name}", 1)]
    assert found[0].message.startswith(f"berkas `docs/{name}` ")
    assert "docs/" in found[0].message and ("PDF" in found[0].message)


@pytest.mark.parametrize(
    "name",
    [
        "assets/foto.PNG",
        "assets/foto.jpeg",
        "assets/dokumen.pdf",
        "assets/tabel.xlsx",
        "assets/naskah.docx",
        "assets/data.csv",
        "assets/data.json",
        "assets/batas.geojson",
        "assets/catatan.txt",
        "assets/paket.zip",
        "assets/huruf.woff2",
        "CNAME",
        ".nojekyll",
    ],
)
def test_published_types_pass(tmp_path, name):
    assert problems_for(tmp_path, name, b"data") == []


def test_every_published_type_names_its_mime_type():
    for suffix, mime in assets.PUBLISHED_TYPES.items():
        assert suffix.startswith(".") and suffix == suffix.lower()
        # None is a type a browser opens as a document that may run script (an SVG is checked passive).
        assert mime not in {"text/html", "application/xhtml+xml", "application/xml", "text/xml", "text/xsl"}, suffix
        assert not mime.endswith("+xml") or suffix == ".svg", (suffix, mime)


@pytest.mark.build
def test_a_refused_asset_fails_the_build_and_leaves_no_site(tmp_path):
    project = make_project(tmp_path / "proyek")
    (project / "docs" / "assets" / "skema.xsd").write_bytes(XHTML_SCRIPT)
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert "docs/assets/skema.xsd:1: berkas `docs/assets/skema.xsd` tidak diterbitkan" in result.stdout + result.stderr
    assert not (project / "site").exists()
