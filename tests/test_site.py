"""The website: a full `mkdocs build` of the fixture region, checked on the DOM of its pages."""

from __future__ import annotations

import json
import re

from bs4 import BeautifulSoup

from conftest import HOSTILE_NAME
from fixtures import make_project, mkdocs_build, region, tree_digest


def page(project, path):
    return BeautifulSoup((project / "site" / path).read_text(encoding="utf-8"), "html.parser")


def test_strict_build_has_no_warning(built):
    _, result = built
    assert "WARNING" not in result.stderr


def test_every_programme_has_a_page_with_its_fields(built):
    project, _ = built
    files = region()
    for rel, content in files.items():
        if not rel.startswith("program/"):
            continue
        for p in content["program"]:
            soup = page(project, f"program/{p['id'].lower()}.html")
            text = soup.get_text(" ")
            assert soup.find("h1").get_text(strip=True) == p["nama"]
            assert (p["id"] in text and "Rp 500.000.000" in text) or "Rp 1.000.000.000" in text
            assert soup.select_one("html")["lang"] == "id"


def test_hostile_data_appears_literally(built):
    project, _ = built
    soup = page(project, "program/soc-03.html")
    assert soup.find("h1").get_text() == HOSTILE_NAME
    main = soup.select_one("article")
    assert not main.find_all("script")
    assert "49" not in soup.find("h1").get_text()
    assert not main.find_all("em", string="tebal")
    assert not any(a.get("href", "").startswith("javascript") for a in soup.find_all("a"))


def test_no_request_leaves_the_site(built):
    project, _ = built
    outside = re.compile(r"^(https?:)?//", re.I)
    for html in (project / "site").rglob("*.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("source", "src")):
            for element in soup.find_all(tag):
                assert not outside.match(element.get(attr, "")), f"{html}: {element}"
    for css in (project / "site").rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css.read_text(encoding="utf-8")), css


def test_home_shows_region_vision_and_dimension_counts(built):
    project, _ = built
    soup = page(project, "index.html")
    text = soup.get_text(" ")
    assert "Kota Salatiga" in text and "Salatiga cerdas, hijau dan melayani." in text
    cards = soup.select("a.mp-kartu")
    assert len(cards) == 6
    assert "3 program" in cards[4].get_text(" ")  # society has the extra hostile programme
    assert "2 program" in cards[0].get_text(" ")


def test_open_data_has_one_row_per_programme(built):
    project, _ = built
    data = json.loads((project / "site/unduh/program.json").read_text(encoding="utf-8"))
    assert len(data["program"]) == 13
    csv_lines = (project / "site/unduh/program.csv").read_text(encoding="utf-8").splitlines()
    assert csv_lines[0].startswith("id,nama,dimensi,elemen,opd")
    assert len(csv_lines) == 14


def test_downloads_page_lists_the_four_pdfs(built):
    project, _ = built
    soup = page(project, "unduh.html")
    rows = soup.select("table.mp-unduhan tbody tr")
    pdfs = [r for r in rows if r.find("a")["href"].endswith(".pdf")]
    assert len(pdfs) == 4
    for row in pdfs:
        href = row.find("a")["href"]
        pdf = project / "site" / href
        assert pdf.exists(), href
        assert int(row.find_all("td")[1].get_text()) > 0
    # The annex in Word for the legal bureau, beside its PDF (no page count: Word lays it out itself).
    words = [r for r in rows if not r.find("a")["href"].endswith(".pdf")]
    assert [r.find("a")["href"] for r in words] == ["unduh/lampiran-perwali.docx"]
    assert (project / "site" / "unduh" / "lampiran-perwali.docx").exists()


def test_roadmap_is_svg_with_text_alternative(built):
    project, _ = built
    soup = page(project, "peta-jalan.html")
    svg = soup.select_one("figure.mp-gantt svg.mp-chart")  # the chart, not the copy of its names (site/phonecharts.py)
    assert svg is not None and svg.find("title") and svg.find("desc")
    assert len(svg.find_all("rect", attrs={"rx": "3"})) == 13


def test_failed_build_leaves_previous_site_untouched(built, tmp_path):
    project = make_project(tmp_path / "p")
    assert mkdocs_build(project).returncode == 0
    before = tree_digest(project / "site")
    gov = project / "data/program/governance.yml"
    gov.write_text(gov.read_text(encoding="utf-8").replace("opd: diskominfo", "opd: tidak-ada", 1), encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert "data/program/governance.yml:" in result.stderr and "kode OPD `tidak-ada`" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(project / "site") == before
    assert not list(project.glob(".site.*"))  # no half-built folder left behind


def test_every_page_forbids_outside_sources(built):
    project, _ = built
    for html in (project / "site").rglob("*.html"):
        if html.parent.name == "sunting":
            continue  # the form editor's own policy (GitHub's API, loopback): tests/test_form_editor.py
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert csp is not None, html
        policy = csp["content"]
        assert "default-src 'self'" in policy and "object-src 'none'" in policy
        assert "http" not in policy  # no outside host is allowed anywhere


def test_illustrative_figures_are_marked(built):
    project, _ = built
    for path in (
        "program/gov-01.html",
        "dimensi/governance.html",
        "opd/bappeda.html",
        "peta-jalan.html",
        "monev.html",
        "program/index.html",
    ):
        soup = page(project, path)
        assert soup.select(".mp-ilustratif"), path
