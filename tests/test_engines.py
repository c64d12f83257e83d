"""The sample builds the same site with ProperDocs as with MkDocs (README: "Pins and end of life").

ProperDocs is a maintained fork of MkDocs 1.x, installed beside it from the test extras. Its own
command (``properdocs``) finds the ``masterplan`` plugin and Material through MkDocs' entry points,
and it answers the plugin's and Material's ``import mkdocs...`` with its own modules. Two full builds
of one copy of the sample (its own Git repository, so the change history is built too) must give the
same files, byte for byte, apart from the ``<meta name="generator">`` tag each engine writes into a
page. The offline worker's build identifier (``sw.js``), a hash of the site's files, leaves that tag
out, so it is the same for both.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fixtures import copy_sample, git
from masterplan.site import offline

pytestmark = pytest.mark.build  # two full builds of the sample

GENERATOR = re.compile(rb'<meta name="generator" content="([^"]*)"\s*/?>')
WORKER_BUILD = re.compile(rb'const BUILD = "([0-9a-f]+)";')
ENGINES = {
    "mkdocs": "mkdocs-1.6.1, mkdocs-material-9.8.1",
    "properdocs": "mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.1",
}


def _build(project: Path, engine: str, out: Path) -> subprocess.CompletedProcess:
    # No PDF cache: each engine typesets its own books. `-f`: ProperDocs reads mkdocs.yml when named.
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", MASTERPLAN_NO_CACHE="1")
    command = [sys.executable, "-m", engine, "build", "-f", "mkdocs.yml", "-d", str(out)]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, env=env, timeout=900)


@pytest.fixture(scope="module")
def two_sites(tmp_path_factory) -> dict[str, Path]:
    project = copy_sample(tmp_path_factory.mktemp("buleleng"))
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "-c", "user.name=Uji", "-c", "user.email=uji@example.org", "commit", "-q", "-m", "Sampel")
    sites = {}
    for engine in ENGINES:
        out = tmp_path_factory.mktemp(f"situs-{engine}")
        shutil.rmtree(out)
        result = _build(project, engine, out)
        assert result.returncode == 0, f"{engine}: {result.stderr}"
        assert "WARNING" not in result.stderr, f"{engine}: {result.stderr}"
        sites[engine] = out
    return sites


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_each_engine_names_itself_on_every_page(two_sites):
    for engine, generator in ENGINES.items():
        pages = [body for path, body in _files(two_sites[engine]).items() if path.endswith(".html")]
        assert len(pages) > 100
        tags = {m.decode() for body in pages for m in GENERATOR.findall(body)}
        # Every page the theme writes carries the tag (the form editor's page under sunting/ is the plugin's own).
        assert tags == {generator}, engine


def test_properdocs_builds_the_same_site_apart_from_the_generator_tag(two_sites):
    mkdocs, properdocs = (_files(two_sites[e]) for e in ENGINES)
    assert sorted(mkdocs) == sorted(properdocs)
    assert any(p.endswith(".pdf") for p in mkdocs) and any(p.endswith(".docx") for p in mkdocs)
    differ = sorted(p for p in mkdocs if GENERATOR.sub(b"", mkdocs[p]) != GENERATOR.sub(b"", properdocs[p]))
    assert differ == []


def test_the_worker_build_id_is_the_hash_of_its_own_site_without_the_generator_tags(two_sites, tmp_path):
    for engine, site in two_sites.items():
        top = sorted({p.name for p in site.iterdir()} - offline.NOT_HANDLED)
        found = WORKER_BUILD.search((site / offline.WORKER).read_bytes())
        assert found is not None
        assert found.group(1).decode() == offline.build_id(site, top), engine
    # A page whose text changes gives a new id; its generator tag alone does not.
    copy = tmp_path / "salinan"
    shutil.copytree(two_sites["mkdocs"], copy)
    top = sorted({p.name for p in copy.iterdir()} - offline.NOT_HANDLED)
    before = offline.build_id(copy, top)
    page = copy / "index.html"
    page.write_bytes(GENERATOR.sub(b'<meta name="generator" content="mesin-lain-9.9">', page.read_bytes()))
    assert offline.build_id(copy, top) == before
    page.write_bytes(page.read_bytes().replace(b"</body>", b"<p>teks baru</p></body>", 1))
    assert offline.build_id(copy, top) != before
