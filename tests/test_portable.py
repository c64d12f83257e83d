"""The project outlives its host: pinned below MkDocs 2 and Material 10, and its pages build without the plugin.

MkDocs 2.0 drops plugins and Material for MkDocs reaches end of life on 5 May 2027
(see README, "Pins and end of life"). `masterplan render --out DIR` writes every page the
plugin gives MkDocs, so another engine needs only a thin adapter: shown here by building
its output with plain MkDocs (no masterplan plugin) and finding the same pages.
"""

from __future__ import annotations

import importlib.metadata as metadata
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from packaging.requirements import Requirement
from packaging.version import Version

from fixtures import REPO

CEILINGS = {"mkdocs": Version("2"), "mkdocs-material": Version("10")}


def _project_requirements() -> dict[str, Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = [Requirement(r) for r in project["dependencies"]]
    return {r.name.lower(): r for r in reqs}


@pytest.mark.parametrize("name", sorted(CEILINGS))
def test_pinned_exactly_below_the_next_major(name):
    req = _project_requirements()[name]
    pins = [s for s in req.specifier if s.operator == "=="]
    assert len(pins) == 1, f"{name} must keep an exact pin, found {req}"
    assert Version(pins[0].version) < CEILINGS[name]
    assert not req.specifier.contains(str(CEILINGS[name]))  # a fresh install cannot resolve to the next major


@pytest.mark.parametrize("name", sorted(CEILINGS))
def test_installed_version_is_the_pin_and_no_dependency_asks_for_more(name):
    installed = Version(metadata.version(name))
    assert installed < CEILINGS[name]
    assert _project_requirements()[name].specifier.contains(installed)
    # Every installed distribution that depends on it accepts the pinned version, so no
    # transitive requirement can force an upgrade (pip would refuse rather than pull in 2.x).
    for dist in metadata.distributions():
        for line in dist.requires or []:
            req = Requirement(line)
            if req.name.lower() == name and (req.marker is None or req.marker.evaluate({"extra": ""})):
                assert req.specifier.contains(installed), f"{dist.metadata['Name']} requires {req}"


PLAIN_MKDOCS_YML = """\
site_name: Uji mesin lain
docs_dir: halaman
site_dir: situs
use_directory_urls: false
theme:
  name: mkdocs
markdown_extensions: [tables, attr_list, admonition, def_list, footnotes, toc]
"""


def _html_pages(site) -> set[str]:
    skip = (
        "pagefind/",
        "assets/",
        "search/",
        "css/",
        "js/",
        "img/",
        "fonts/",
        "webfonts/",
        "sunting/",
    )  # sunting/: the form editor, an app
    # luring.html: the offline page of the site's service worker (site/offline.py), part of the MkDocs site's offline app
    return {
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if not p.relative_to(site).as_posix().startswith(skip) and p.name != "luring.html"
    }


def test_render_output_builds_the_same_pages_with_plain_mkdocs(built, tmp_path):
    project, _ = built
    out = tmp_path / "halaman"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    rendered = subprocess.run(
        [str(Path(sys.executable).parent / "masterplan"), "render", "--out", str(out)],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert rendered.returncode == 0, rendered.stderr
    # Open data and the assets the pages reference come along.
    for rel in ("unduh/program.csv", "unduh/program.json", "assets/masterplan.css", "assets/cari.js"):
        assert (out / rel).is_file(), rel
    (tmp_path / "mkdocs.yml").write_text(PLAIN_MKDOCS_YML, encoding="utf-8")
    plain = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=300
    )
    assert plain.returncode == 0, plain.stderr
    assert "masterplan" not in (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")

    ours, theirs = project / "site", tmp_path / "situs"
    assert _html_pages(theirs) == _html_pages(ours)
    assert len(_html_pages(ours)) > 50

    for rel in (
        "program/gov-01.html",
        "opd/bappeda.html",
        "dimensi/governance.html",
        "buku-2/bab-3-strategi-program.html",
    ):
        a = BeautifulSoup((ours / rel).read_text(encoding="utf-8"), "html.parser")
        b = BeautifulSoup((theirs / rel).read_text(encoding="utf-8"), "html.parser")
        assert a.select_one("article h1").get_text(strip=True) == b.find("h1").get_text(strip=True), rel
        cells = lambda soup: [td.get_text(" ", strip=True) for td in soup.select("table td")][:20]  # noqa: E731
        assert cells(a.select_one("article")) == cells(b.select_one("[role=main]")), rel
