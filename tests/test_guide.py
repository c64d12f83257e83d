"""The editors' guide: its YAML examples stay valid, its screenshots come from the real site.

`MASTERPLAN_SCREENSHOTS=1 .venv/bin/python -m pytest tests/test_guide.py` builds the
repository's own data/ and docs/ and writes docs/assets/panduan/situs-*.png; commit them.
Without the variable only the guide's references to the committed pictures are checked.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import struct
import threading

import yaml

from fixtures import REPO, mkdocs_build

ASSETS = REPO / "docs/assets/panduan"
GUIDE = REPO / "docs/panduan/index.md"
SHOTS = {"situs-beranda.png": "index.html", "situs-program.png": None, "situs-monev.png": "monev.html"}
VIEWPORT = {"width": 1200, "height": 760}


def png_size(path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", header[16:24])


def test_guide_shows_the_committed_screenshots():
    text = GUIDE.read_text(encoding="utf-8")
    for name in SHOTS:
        assert f"](../assets/panduan/{name})" in text, name
        assert png_size(ASSETS / name) == (VIEWPORT["width"], VIEWPORT["height"])


def test_guide_yaml_examples_are_valid():
    """Every ```yaml block parses (wrong examples are shown as ```text); whole entries pass the schema."""
    from masterplan import schema

    blocks = [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", GUIDE.read_text(encoding="utf-8"), flags=re.S)]
    assert len(blocks) >= 6
    programmes = [b[0] for b in blocks if isinstance(b, list) and "nama" in b[0]]
    evaluations = [b[0] for b in blocks if isinstance(b, list) and "tahun" in b[0]]
    assert programmes and evaluations
    for entry in programmes:
        schema.Program.model_validate(entry)
    for entry in evaluations:
        schema.Evaluasi.model_validate(entry)


def test_write_screenshots_of_the_real_site(tmp_path):
    """Every run takes the guide's screenshots of the real site; with MASTERPLAN_SCREENSHOTS=1 they replace the committed ones."""
    from playwright.sync_api import sync_playwright

    from chromium import launch
    from masterplan import pipeline
    from test_browser import _Quiet

    project = tmp_path / "situs"
    for part in ("data", "docs", "macros"):
        shutil.copytree(REPO / part, project / part)
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    first = pipeline.prepare(project / "data", project).programmes[0]
    pages = {name: path or first.page.replace(".md", ".html") for name, path in SHOTS.items()}

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(project / "site")))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    target = ASSETS if os.environ.get("MASTERPLAN_SCREENSHOTS") == "1" else tmp_path / "gambar"
    target.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as p:
            browser = launch(p)
            page = browser.new_page(viewport=VIEWPORT, device_scale_factor=1)
            for name, path in pages.items():
                page.goto(base + path, wait_until="networkidle")
                page.screenshot(path=str(target / name))
            browser.close()
    finally:
        httpd.shutdown()
    for name in SHOTS:
        assert png_size(target / name) == (VIEWPORT["width"], VIEWPORT["height"])
        assert (ASSETS / name).is_file(), f"the guide shows {name}: refresh with MASTERPLAN_SCREENSHOTS=1"
