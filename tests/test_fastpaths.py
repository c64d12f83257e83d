"""The build's fast paths change no byte of the site: the fixture region built with and without them.

rawhtml.py sets the templates' raw HTML blocks aside before Python-Markdown's HTML parser;
navcache.py renders the sidebar of pages outside the nav once per folder.
"""

from __future__ import annotations

import re

import pytest

from conftest import HOSTILE_INDICATOR, HOSTILE_NAME
from fixtures import make_project, programme, region, tree_digest
from masterplan.render import rawhtml
from masterplan.site import navcache

pytestmark = pytest.mark.build  # two full builds in process


def site_only_project(root):
    files = region()
    hostile = programme("society", 3, nama=HOSTILE_NAME)
    hostile["indikator"][0]["nama"] = HOSTILE_INDICATOR
    files["program/society.yml"]["program"].append(hostile)
    project = make_project(root, files)
    config = project / "mkdocs.yml"
    config.write_text(
        re.sub(r"\n      books:\n(?:        .*\n)+", "\n      books: []\n", config.read_text(encoding="utf-8")),
        encoding="utf-8",
    )
    return project


def build_site(project, site) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def test_fast_paths_change_no_byte_of_the_site(tmp_path, monkeypatch):
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1717200000")  # both builds date the sitemap alike
    project = site_only_project(tmp_path / "proyek")
    monkeypatch.chdir(project)

    used = {"blocks": 0, "cached_navs": 0}
    raw_blocks, folder = rawhtml.raw_blocks, navcache.folder_key

    def counting_blocks(*args):
        found = raw_blocks(*args)
        used["blocks"] += len(found)
        return found

    def counting_folder(url):
        used["cached_navs"] += 1
        return folder(url)

    with monkeypatch.context() as spy:
        spy.setattr(rawhtml, "raw_blocks", counting_blocks)
        spy.setattr(navcache, "folder_key", counting_folder)
        build_site(project, tmp_path / "cepat")
    with monkeypatch.context() as off:
        off.setattr(rawhtml.RawHtmlExtension, "extendMarkdown", lambda self, md: None)
        off.setattr(navcache, "install", lambda env, nav: None)
        build_site(project, tmp_path / "biasa")

    fast, plain = tree_digest(tmp_path / "cepat"), tree_digest(tmp_path / "biasa")
    assert [p for p in fast if p.startswith("program/")]  # the programme pages were built
    assert fast == plain
    # Not vacuous: both fast paths did their work in the first build.
    assert used["blocks"] > 100
    programme_pages = len([p for p in fast if re.fullmatch(r"program/[a-z]+-\d+\.html", p)])
    assert used["cached_navs"] >= programme_pages
