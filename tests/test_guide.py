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

import pytest
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
        assert re.search(rf'gambar_panduan\("{re.escape(name)}", "[^"]+"\)', text), name
        assert png_size(ASSETS / name) == (VIEWPORT["width"], VIEWPORT["height"])


def test_guide_yaml_examples_are_valid():
    """Every ```yaml block parses (wrong examples are shown as ```text); whole entries pass the schema."""
    from masterplan import schema

    blocks = [
        yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", GUIDE.read_text(encoding="utf-8"), flags=re.S)
    ]
    assert len(blocks) >= 6
    programmes = [b[0] for b in blocks if isinstance(b, list) and "nama" in b[0]]
    evaluations = [b[0] for b in blocks if isinstance(b, list) and "tahun" in b[0]]
    assert programmes and evaluations
    for entry in programmes:
        schema.Program.model_validate(entry)
    for entry in evaluations:
        schema.Evaluasi.model_validate(entry)


@pytest.mark.build
def test_write_screenshots_of_the_real_site(tmp_path):
    """Every run takes the guide's screenshots of the real site; with MASTERPLAN_SCREENSHOTS=1 they replace the committed ones."""
    from playwright.sync_api import sync_playwright

    from chromium import launch
    from masterplan.derive import pipeline
    from test_browser import QuietHandler

    project = tmp_path / "situs"
    for part in ("data", "docs", "macros"):
        shutil.copytree(REPO / part, project / part)
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    first = pipeline.prepare(project / "data", project).programmes[0]
    pages = {name: path or first.page.replace(".md", ".html") for name, path in SHOTS.items()}

    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(project / "site"))
    )
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


# ---------------------------------------------------------------- the form editor, on the region's own data

EDITOR_SHOTS = [
    "panduan-1-masuk.png",
    "panduan-2-daftar.png",
    "panduan-3-progres.png",
    "panduan-4-realisasi.png",
    "panduan-5-anggaran.png",
    "panduan-6-simpan.png",
    "panduan-7-status.png",
]
PHONE = {"width": 390, "height": 844}
GOV_02 = "GOV-02 · Mal Pelayanan Publik dan Perizinan Berusaha Terintegrasi"


def test_guide_shows_the_editor_steps_on_a_phone():
    text = GUIDE.read_text(encoding="utf-8")
    for name in EDITOR_SHOTS:
        assert re.search(rf'gambar_panduan\("{re.escape(name)}", "[^"]+", ponsel=true\)', text), name
        assert png_size(ASSETS / name) == (PHONE["width"], 400 if name == "panduan-1-masuk.png" else PHONE["height"])
    form, technical = text.index("## Menyunting lewat formulir"), text.index("## Untuk tim teknis")
    assert form < technical < text.index("## Dasar YAML")  # the civil servant's path first, Git and YAML later
    editor_part = (
        text[:technical].lower().replace("*pull request*", "").replace("**pull requests**", "")
    )  # GitHub's name of a token permission
    assert "pull request" not in editor_part  # no Git words before the technical part


@pytest.mark.build
def test_write_editor_screenshots_of_the_real_site(tmp_path):
    """The guide's editor steps on the repository's own region, at 390 px, through `masterplan sunting`."""
    import socket
    import subprocess
    import sys

    from playwright.sync_api import sync_playwright

    from chromium import launch

    project = tmp_path / "repo"
    for part in ("data", "docs", "macros"):
        shutil.copytree(REPO / part, project / part)
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    (project / ".gitignore").write_text("/site/\n/.cache/\n", encoding="utf-8")
    for args in (
        ["init", "-q", "-b", "main"],
        ["config", "user.name", "Penyunting"],
        ["config", "user.email", "p@example.invalid"],
        ["add", "-A"],
        ["commit", "-q", "-m", "Data awal"],
    ):
        subprocess.run(["git", *args], cwd=project, check=True, capture_output=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        git_port = s.getsockname()[1]
    session = subprocess.Popen(
        [sys.executable, "-m", "masterplan.commands.cli", "sunting", "--port", "0", "--port-git", str(git_port)],
        cwd=project,
        env=dict(os.environ, PYTHONUNBUFFERED="1"),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    target = ASSETS if os.environ.get("MASTERPLAN_SCREENSHOTS") == "1" else tmp_path / "gambar"
    target.mkdir(parents=True, exist_ok=True)
    try:
        lines = []
        while not any("Editor formulir:" in line for line in lines) and session.poll() is None:
            lines.append(session.stdout.readline())
        site = re.search(r"(http://127\.0\.0\.1:\d+/)sunting/", lines[-1]).group(1)
        with sync_playwright() as p:
            browser = launch(p)
            page = browser.new_page(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True)
            shoot = lambda name: page.screenshot(path=str(target / name))  # noqa: E731
            centre = lambda locator: locator.evaluate("e => e.scrollIntoView({block: 'center'})")  # noqa: E731
            signin = browser.new_page(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True)
            signin.route(
                "**/api/v1", lambda route: route.abort()
            )  # the sign-in as on the published site, without the local session
            signin.goto(site + "sunting/")
            signin.get_by_label("Token GitHub").fill("github_pat_11ABCDEFG0123456789")
            signin.screenshot(
                path=str(target / "panduan-1-masuk.png"), clip={"x": 0, "y": 40, "width": 390, "height": 400}
            )
            signin.close()
            page.goto(site + "sunting/")
            page.get_by_role("button", name="Masuk").wait_for()
            page.get_by_role("button", name="Masuk").click()
            page.get_by_text("Program Smart Governance (Tata Kelola Pemerintahan)").first.wait_for()
            shoot("panduan-2-daftar.png")
            page.goto(site + "sunting/#/collections/program/entries/governance")
            page.locator(f"xpath=//div[text()='{GOV_02}']/preceding-sibling::div[1]//button[1]").first.click()
            progress = page.locator("input[id^=progres-field]").nth(1)
            progress.fill("55")
            centre(progress)
            shoot("panduan-3-progres.png")
            page.locator(
                "xpath=//div[text()='Jenis layanan yang tersedia di Mal Pelayanan Publik']/preceding-sibling::div[1]//button[1]"
            ).first.click()
            page.get_by_role("button", name="+ Tambah tahun").nth(1).click()  # the realisation table of that indicator
            realisation = page.get_by_label("Realisasi: nilai 2026").first
            realisation.fill("204")
            centre(realisation)
            shoot("panduan-4-realisasi.png")
            budget = page.locator("input[id^=anggaran-field]").nth(1)
            budget.fill("Rp 7.500.000.000")
            centre(budget)
            page.get_by_text("Tersimpan sebagai Rp 7.500.000.000 (7,5 miliar rupiah).").first.wait_for()
            shoot("panduan-5-anggaran.png")
            # the save's answer: the session's decap-server has made the commit the log below shows
            with page.expect_response(
                lambda r: r.request.method == "POST" and '"persistEntry"' in (r.request.post_data or ""), timeout=60_000
            ):
                page.get_by_role("button", name="Simpan", exact=True).click()
            page.get_by_text("Perubahan disimpan").first.wait_for()
            page.wait_for_timeout(300)
            shoot("panduan-6-simpan.png")
            page.get_by_role("button", name="Status: Draf").click()
            page.get_by_role("menuitem", name="Siap").wait_for()
            shoot("panduan-7-status.png")
            browser.close()
    finally:
        session.terminate()
        session.wait(timeout=20)
    for name in EDITOR_SHOTS:
        assert png_size(target / name) == (PHONE["width"], 400 if name == "panduan-1-masuk.png" else PHONE["height"])
    log = subprocess.run(["git", "log", "--format=%s", "--all"], cwd=project, capture_output=True, text=True).stdout
    assert "Program GOV-02 Mal Pelayanan Publik dan Perizinan Berusaha Terintegrasi: realisasi 2026, progres" in log, (
        log
    )
