"""`masterplan sunting` end to end in Chromium: the local editing session on a phone-sized screen.

The command runs on a Git repository of the fixture region (decap-server in Git mode and the
built site, both on loopback). The editor types budgets as Indonesians write them
("Rp 2.400.000.000", "2,4 miliar"), is refused a number it cannot read exactly, saves twice
in a row without the page reloading, asks before an entry is removed, publishes, and the
committed YAML holds 2400000000; the session then rebuilds the site from the new commit.
With MASTERPLAN_SCREENSHOTS=1 the steps are written to build/layar/sunting-*.png.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from chromium import expand, shoot
from fixtures import REPO, free_port, git, make_project, region

SCREENSHOTS = (
    REPO / "build/layar"
)  # looked at by people, not shown in the guide (it shows the region's own data: test_guide.py)
PHONE = {"width": 390, "height": 844}


_free_port = free_port


_git = git


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("sesi") / "repo", region())
    (project / ".gitignore").write_text("/site/\n/.cache/\n", encoding="utf-8")
    _git(project, "init", "-q", "-b", "main")
    _git(project, "config", "user.name", "Penyunting Uji")
    _git(project, "config", "user.email", "penyunting@example.invalid")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "Data awal")
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    command = [
        sys.executable,
        "-m",
        "masterplan.commands.cli",
        "sunting",
        "--port",
        "0",
        "--port-git",
        str(_free_port()),
    ]
    process = subprocess.Popen(
        command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    output: list[str] = []
    url = None
    deadline = time.monotonic() + 300
    while url is None and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line and process.poll() is not None:
            break
        output.append(line)
        found = re.search(r"Editor formulir: (http://127\.0\.0\.1:\d+/)sunting/", line)
        url = found.group(1) if found else None
    assert url, "".join(output)
    yield project, url, process, output
    process.terminate()
    process.wait(timeout=20)


def _shoot(page, name: str) -> None:
    shoot(page, SCREENSHOTS, "sunting-" + name)


_expand = expand


def _no_horizontal_overflow(page) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width} px wide on a {PHONE['width']} px screen"


def _reachable(page, locator) -> None:
    """On screen after scrolling it into view: inside the viewport horizontally."""
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box


def _axe(page, project: Path, site: str) -> list:
    """Serious axe-core findings on the phone layout (the script is put next to the served site: same origin)."""
    import shutil

    served = sorted((project / ".cache/sunting").glob("situs-*"))[-1]
    shutil.copyfile(REPO / "node_modules/axe-core/axe.min.js", served / "axe.min.js")
    page.add_script_tag(url=site + "axe.min.js")
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    assert result["passes"], "axe ran no rule"
    return [
        (v["id"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_session_saves_budgets_as_typed_twice_without_reload_on_a_phone(session, chromium_browser):
    project, site, _process, output = session
    context = chromium_browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True)
    page = context.new_page()
    loads: list[str] = []
    page.on("load", lambda p: loads.append(p.url))
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    page.goto(site + "sunting/")
    page.get_by_role("button", name="Masuk").wait_for()
    _shoot(page, "1-masuk")
    page.get_by_role("button", name="Masuk").click()
    page.get_by_text("Program Smart Governance (Tata Kelola Pemerintahan)").first.wait_for()
    _no_horizontal_overflow(page)
    _shoot(page, "2-daftar")

    page.goto(site + "sunting/#/collections/program/entries/governance")
    _expand(page, "GOV-01 · Program Tata Kelola Pemerintahan 1")
    budget = page.locator("input[id^=anggaran-field]").first
    budget.fill("2.4")  # a dot groups thousands in rupiah: refused, with advice, nothing saved
    page.get_by_text("Titik dipakai untuk memisahkan ribuan").first.wait_for()
    page.get_by_role("button", name="Simpan", exact=True).click()
    _shoot(page, "3-ditolak")
    page.locator("[class*=ControlErrorsList]").get_by_text(
        "Anggaran: “2.4” belum terbaca sebagai angka.", exact=False
    ).first.wait_for()
    budget.fill("Rp 2.400.000.000")
    page.get_by_text("Tersimpan sebagai Rp 2.400.000.000 (2,4 miliar rupiah).").first.wait_for()
    budget.evaluate("e => e.scrollIntoView({block: 'center'})")
    _no_horizontal_overflow(page)
    _shoot(page, "3-anggaran")
    assert _axe(page, project, site) == []
    _expand(page, "GOV-02 · Program Tata Kelola Pemerintahan 2")
    second = page.locator("input[id^=anggaran-field]").nth(1)
    second.fill("2,4 miliar")
    page.get_by_text("Tersimpan sebagai Rp 2.400.000.000 (2,4 miliar rupiah).").nth(1).wait_for()

    page.get_by_role(
        "button", name="Hapus Cakupan layanan"
    ).first.click()  # removing an indicator asks first; "Batal" keeps it
    page.get_by_role("dialog", name="Hapus “Cakupan layanan”?").get_by_role("button", name="Batal").click()
    assert page.get_by_role("button", name="Hapus Cakupan layanan").count() == 2

    page.get_by_role("button", name="Simpan", exact=True).click()
    page.get_by_text("Perubahan disimpan").first.wait_for()
    progress = page.locator("input[id^=progres-field]").first
    expect(progress).to_be_visible()  # the saved entry is shown again with the same items open (keadaan-daftar.js)
    progress.fill("55,5")
    page.get_by_role("button", name="Simpan", exact=True).click()  # the second save in a row
    page.get_by_text("Perubahan disimpan").first.wait_for()
    page.wait_for_timeout(4000)  # time for a reload loop to show itself
    assert len(loads) == 1, loads  # one page load: no reload after either save
    assert page.get_by_role("button", name="Simpan", exact=True).is_visible()
    _no_horizontal_overflow(page)
    _shoot(page, "4-tersimpan")

    # "Cek pratinjau": the session builds the draft and the button becomes a link to it
    for _ in range(120):
        link = page.get_by_role("link", name="Lihat pratinjau")
        if link.count():
            break
        check = page.get_by_role("button", name="Cek pratinjau")
        if check.count() and check.is_enabled():
            check.click()
        page.wait_for_timeout(1000)
    preview_url = link.get_attribute("href")
    assert preview_url == site + "pratinjau/program-governance/dimensi/governance.html", (
        preview_url
    )  # the changed page, not the home page
    _shoot(page, "5-pratinjau")
    with context.expect_page() as opened:
        link.click()
    preview = opened.value
    preview.goto(site + "pratinjau/program-governance/program/gov-01.html")
    assert "2.400.000.000" in preview.content()  # the draft's budget, before it is published
    assert "2.400.000.000" not in (
        sorted((project / ".cache/sunting").glob("situs-*"))[-1] / "program/gov-01.html"
    ).read_text(encoding="utf-8")
    preview.close()
    assert len(loads) == 1, loads  # the editor page itself was not reloaded

    status = page.get_by_role("button", name="Status: Draf")
    _reachable(page, status)
    status.click()
    page.get_by_role("menuitem", name="Siap").click()
    page.get_by_text("Status diperbarui").first.wait_for()
    publish = page.get_by_role("button", name="Terbitkan", exact=True)
    _reachable(page, publish)
    _shoot(page, "5-terbitkan")
    publish.click()
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("menuitem", name="Terbitkan sekarang").click()
    page.get_by_text("Perubahan diterbitkan").first.wait_for()
    assert errors in ([], ["undefined"]), errors  # Decap rejects the refused save without a reason

    # formatted text: shown formatted under the field. Another entry by its address loads the page
    # anew (sunting.js), and Decap keeps polling the session, so the network is never idle.
    page.goto(site + "sunting/#/collections/data/entries/visi-misi")
    explanation = page.locator("textarea[id^=penjelasan-field]").first
    shown = page.locator(".teks-pratinjau").first
    explanation.wait_for()
    page.wait_for_load_state("load")
    typed = "- **Cerdas** berarti <b>melayani</b>"
    for _ in range(40):  # typed again if the file finished loading over an attempt (the form then resets)
        explanation.fill(typed)
        page.wait_for_timeout(700)
        if explanation.input_value() == typed and shown.locator("li strong").count():
            break
    else:
        page.screenshot(path=str(REPO / "build/teks-gagal.png"))
    # The preview is drawn again as the form settles: wait for it rather than read it once.
    expect(shown.locator("li strong")).to_have_text("Cerdas")
    expect(shown).to_contain_text("<b>melayani</b>")  # typed markup is shown as text, never made into markup
    explanation.evaluate("e => e.scrollIntoView({block: 'center'})")
    _shoot(page, "6-teks")
    context.close()

    committed = yaml.safe_load(_git(project, "show", "main:data/program/governance.yml"))
    assert [p["anggaran"] for p in committed["program"][:2]] == [2400000000, 2400000000]
    assert committed["program"][0]["progres"] == 55.5
    assert "anggaran: 2400000000" in _git(project, "show", "main:data/program/governance.yml")
    log = _git(project, "log", "--format=%s", "main")
    # each save is a commit that says what it changed (decap-server merges the draft without squashing)
    assert log.splitlines()[:2] == [
        "Program GOV-01 Program Tata Kelola Pemerintahan 1: progres",
        "Program GOV-01 Program Tata Kelola Pemerintahan 1: anggaran; Program GOV-02 Program Tata Kelola Pemerintahan 2: anggaran",
    ], log

    # the session rebuilds the site from the published commit, and serves it without a reload of the editor
    page_file = None
    for _ in range(240):
        built = sorted((project / ".cache/sunting").glob("situs-*"))
        if len(built) == 1 and built[0].name != "situs-1" and (built[0] / "program/gov-01.html").is_file():
            page_file = built[0] / "program/gov-01.html"
            break
        time.sleep(0.5)
    assert page_file is not None, "".join(output)
    assert "2.400.000.000" in page_file.read_text(encoding="utf-8")


@pytest.mark.build
def test_a_failed_rebuild_keeps_the_site_being_served(tmp_path):
    """A published commit whose data is invalid: the session keeps serving the last good build."""
    from masterplan.commands import editsession

    project = make_project(tmp_path / "repo", region())
    (project / ".gitignore").write_text("/site/\n/.cache/\n", encoding="utf-8")
    for args in (
        ["init", "-q", "-b", "main"],
        ["config", "user.name", "Uji"],
        ["config", "user.email", "u@example.invalid"],
        ["add", "-A"],
        ["commit", "-q", "-m", "awal"],
    ):
        _git(project, *args)
    session = editsession.Session(project, git_port=_free_port())
    session.branch = "main"
    assert session.build(_git(project, "rev-parse", "main").strip())
    good = session.current
    programmes = project / "data/program/governance.yml"
    programmes.write_text(
        programmes.read_text(encoding="utf-8").replace("progres: 40", "progres: 400", 1), encoding="utf-8"
    )
    _git(project, "commit", "-q", "-am", "progres di luar batas")
    bad = _git(project, "rev-parse", "main").strip()
    assert session.build(bad) is False
    assert session.current == good and (good / "sunting/index.html").is_file()
    assert (session.tried_commit, session.built_commit) == (bad, _git(project, "rev-parse", "main~1").strip())


@pytest.mark.build
def test_a_session_that_cannot_build_says_why_and_stops(tmp_path):
    files = region()
    files["program/governance.yml"]["program"][0]["progres"] = 400
    project = make_project(tmp_path / "repo", files)
    for args in (
        ["init", "-q", "-b", "main"],
        ["config", "user.name", "Uji"],
        ["config", "user.email", "u@example.invalid"],
        ["add", "-A"],
        ["commit", "-q", "-m", "awal"],
    ):
        _git(project, *args)
    result = subprocess.run(
        [sys.executable, "-m", "masterplan.commands.cli", "sunting", "--port", "0", "--port-git", str(_free_port())],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "Situs tidak dapat dibangun; perbaiki masalah di atas (`masterplan check`), lalu ulangi." in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_busy_ports_are_replaced_by_free_ones_and_said_so():
    import socket

    from masterplan.commands import editsession

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        busy = taken.getsockname()[1]
        port, note = editsession.free_git_port(busy)
        assert port != busy and port > 0
        assert note == f"Port {busy} untuk penyimpanan Git lokal sedang dipakai program lain; memakai port {port}."
        assert editsession.bind_site(busy) == (
            0,
            f"Port {busy} sedang dipakai program lain; situs memakai port bebas yang lain.",
        )
    assert editsession.free_git_port(busy) == (busy, "")  # free again: the port asked for


def test_a_decap_server_that_cannot_start_is_one_sentence_not_a_node_stack_trace():
    from masterplan.commands import editsession

    script = "console.error('Error: listen EADDRINUSE: address already in use 127.0.0.1:8081\\n    at Server.setupListenHandle (node:net:1817:16)'); process.exit(1)"
    process = subprocess.Popen(["node", "-e", script], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    with pytest.raises(editsession.SessionError) as error:
        editsession.wait_for_decap_server(process, f"http://127.0.0.1:{_free_port()}/api/v1", seconds=20)
    message = str(error.value)
    assert message.startswith("Penyimpanan Git lokal (decap-server) tidak dapat berjalan: Error: listen EADDRINUSE")
    assert "--port-git" in message and "node:net" not in message
