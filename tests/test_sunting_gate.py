"""The local editing session's boundary and its publish gate (`masterplan sunting`).

Boundary: every web page the editor's browser opens can send requests to the session, so each
request that is not the session's own (foreign Host, foreign Origin, not JSON) or that asks
decap-server for anything but the editor's own data files and media folder is refused with 403
and a log line, and nothing happens: no commit, no branch, no build, no file read.

Gate: a proposal is published only when main merged with it passes `masterplan check`; a
failed build of main is shown to the editor (the session's status) until a later build succeeds.
"""

from __future__ import annotations

import http.client
import json
import logging
import time
from pathlib import Path

import pytest
import yaml

from chromium import shoot
from fixtures import REPO, free_port, git, make_project, region

SECRET = "rahasia-konfigurasi-git"
SCREENSHOTS = REPO / "build/layar"
SCREENS = {"ponsel": {"width": 390, "height": 844}, "layar": {"width": 1280, "height": 800}}


def _repo(path: Path, files: dict) -> Path:
    project = make_project(path, files)
    (project / ".gitignore").write_text("/site/\n/.cache/\n", encoding="utf-8")
    for args in (
        ["init", "-q", "-b", "main"],
        ["config", "user.name", "Penyunting Uji"],
        ["config", "user.email", "u@example.invalid"],
        ["config", "uji.rahasia", SECRET],
        ["add", "-A"],
        ["commit", "-q", "-m", "Data awal"],
    ):
        git(project, *args)
    return project


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    from masterplan.commands import editsession

    files = region()
    files["monev.yml"]["evaluasi"][0]["rekomendasi"] = [
        {"teks": "Perkuat tata kelola data."},
        {"teks": "Satukan layanan.", "program_tindak_lanjut": ["GOV-01"]},
    ]
    project = _repo(tmp_path_factory.mktemp("gerbang") / "repo", files)
    running = editsession.Session(project, site_port=0, git_port=free_port())
    running.start()
    deadline = time.monotonic() + 30
    while _post(running, {"action": "info"})[0] != 200 and time.monotonic() < deadline:
        time.sleep(0.3)  # decap-server starting
    yield project, running
    running.stop()


def _port(running) -> int:
    return running.httpd.server_address[1]


def _request(
    running, method: str, path: str, body: bytes | None = None, headers: dict | None = None
) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", _port(running), timeout=300)
    own = {"Host": f"127.0.0.1:{_port(running)}"}
    connection.request(method, path, body=body, headers={**own, **(headers or {})})
    response = connection.getresponse()
    return response.status, response.read()


def _post(running, request: dict, headers: dict | None = None) -> tuple[int, bytes]:
    return _request(
        running,
        "POST",
        "/api/v1",
        json.dumps(request).encode(),
        {"Content-Type": "application/json", **(headers or {})},
    )


def _persist(path: str, raw: str, collection: str, slug: str, assets=(), workflow=True) -> dict:
    return {
        "action": "persistEntry",
        "params": {
            "branch": "main",
            "dataFiles": [{"slug": slug, "path": path, "raw": raw}],
            "assets": list(assets),
            "options": {
                "collectionName": collection,
                "commitMessage": "Ubah lewat editor formulir",
                "useWorkflow": workflow,
                "status": "draft",
            },
        },
    }


HOOK = "import os\nos.system('touch /tmp/diretas')\n"
MKDOCS_WITH_HOOK = "site_name: x\nhooks:\n  - kait.py\n"


def _attacks(running) -> list[tuple[str, str, str, bytes | None, dict]]:
    """(what, method, path, body, headers): each must be refused."""
    port = _port(running)
    data_save = json.dumps(_persist("data/opd.yml", "opd: []\n", "data", "opd")).encode()
    json_type = {"Content-Type": "application/json"}
    bodies = {
        "mkdocs.yml with a hook": _persist("mkdocs.yml", MKDOCS_WITH_HOOK, "data", "opd"),
        "a hook file as an upload": _persist(
            "data/opd.yml",
            "opd: []\n",
            "data",
            "opd",
            [{"path": "kait.py", "content": "aW1wb3J0IG9z", "encoding": "base64"}],
        ),
        "an upload climbing out of the media folder": _persist(
            "data/opd.yml",
            "opd: []\n",
            "data",
            "opd",
            [{"path": "docs/assets/unggahan/../../../mkdocs.yml", "content": "eA==", "encoding": "base64"}],
        ),
        "a data file under another entry's name": _persist("data/wilayah.yml", "wilayah: {}\n", "data", "opd"),
        "a save straight to main": _persist("data/opd.yml", "opd: []\n", "data", "opd", workflow=False),
        "a media save outside the media folder": {
            "action": "persistMedia",
            "params": {
                "branch": "main",
                "asset": {"path": "macros/x.html", "content": "eA==", "encoding": "base64"},
                "options": {"commitMessage": "x"},
            },
        },
        "a media save straight to main": {
            "action": "persistMedia",
            "params": {
                "branch": "main",
                "asset": {"path": "docs/assets/unggahan/a.png", "content": "eA==", "encoding": "base64"},
                "options": {"commitMessage": "x"},
            },
        },
        "a media file deleted on main": {
            "action": "deleteFiles",
            "params": {"branch": "main", "paths": ["docs/assets/unggahan/a.png"], "options": {"commitMessage": "x"}},
        },
        "a data file deleted": {
            "action": "deleteFile",
            "params": {"branch": "main", "path": "data/opd.yml", "options": {"commitMessage": "x"}},
        },
        "git config read": {"action": "getEntry", "params": {"branch": "main", "path": ".git/config"}},
        "git config read as media": {"action": "getMediaFile", "params": {"branch": "main", "path": ".git/config"}},
        "the repository listed": {
            "action": "entriesByFolder",
            "params": {"branch": "main", "folder": ".", "extension": "yml", "depth": 9},
        },
        "another branch": {
            "action": "entriesByFiles",
            "params": {"branch": "lain", "files": [{"path": "data/opd.yml"}]},
        },
        "an unknown action": {"action": "jalankan", "params": {"branch": "main"}},
        "a publish of an unknown entry": {
            "action": "publishUnpublishedEntry",
            "params": {"branch": "main", "collection": "x", "slug": "mkdocs"},
        },
    }
    attacks: list[tuple[str, str, str, bytes | None, dict]] = [
        (what, "POST", "/api/v1", json.dumps(body).encode(), json_type) for what, body in bodies.items()
    ]
    attacks += [
        ("text/plain (no preflight)", "POST", "/api/v1", data_save, {"Content-Type": "text/plain"}),
        ("a form post", "POST", "/api/v1", data_save, {"Content-Type": "application/x-www-form-urlencoded"}),
        ("foreign Origin", "POST", "/api/v1", data_save, {**json_type, "Origin": "https://contoh.example"}),
        (
            "Origin of another port",
            "POST",
            "/api/v1",
            data_save,
            {**json_type, "Origin": f"http://127.0.0.1:{port + 1}"},
        ),
        ("null Origin", "POST", "/api/v1", data_save, {**json_type, "Origin": "null"}),
        (
            "foreign Host (DNS rebinding)",
            "POST",
            "/api/v1",
            data_save,
            {**json_type, "Host": f"penyerang.example:{port}"},
        ),
        ("foreign Host reading a page", "GET", "/index.html", None, {"Host": f"penyerang.example:{port}"}),
        ("foreign Host reading the status", "GET", "/sunting/status-sesi.json", None, {"Host": "penyerang.example"}),
        ("a POST elsewhere", "POST", "/sunting/", data_save, json_type),
        ("not JSON", "POST", "/api/v1", b"{bukan json", json_type),
    ]
    return attacks


def _state(project: Path, running) -> tuple:
    return (
        git(project, "for-each-ref", "--format=%(refname) %(objectname)"),
        git(project, "status", "--porcelain"),
        running.builds,
        dict(running.preview_commits),
    )


def test_requests_that_are_not_the_editors_own_are_refused_and_change_nothing(session, caplog):
    project, running = session
    before = _state(project, running)
    attacks = _attacks(running)
    with caplog.at_level(logging.WARNING, logger="masterplan.sunting"):
        for what, method, path, body, headers in attacks:
            status, payload = _request(running, method, path, body, headers)
            assert status == 403, (what, status, payload)
            assert SECRET.encode() not in payload and b"[core]" not in payload, what
            assert "Permintaan ditolak" in json.loads(payload)["error"], what
    refusals = [r for r in caplog.records if r.getMessage().startswith("Permintaan ditolak (403)")]
    assert len(refusals) == len(attacks)
    time.sleep(1.5)  # the session's watcher would have noticed a commit by now
    assert _state(project, running) == before  # no commit, no branch, no build, no preview
    assert not (project / "kait.py").exists() and not Path("/tmp/diretas").exists()


def test_the_built_site_is_served_but_never_the_repository(session):
    project, running = session
    assert _request(running, "GET", "/sunting/index.html")[0] == 200
    link = running.current / "tautan-config"
    link.symlink_to(project / ".git/config")  # as if a build had left a link to the repository in the site
    for path in (
        "/.git/config",
        "/../.git/config",
        "/%2e%2e/.git/config",
        "/../../mkdocs.yml",
        "/data/opd.yml",
        "/mkdocs.yml",
        "/tautan-config",
    ):
        status, payload = _request(running, "GET", path)
        assert status == 404, (path, status)
        assert SECRET.encode() not in payload and b"site_name" not in payload, path


def test_the_editors_own_requests_pass(session):
    _project, running = session
    status, payload = _post(
        running,
        {"action": "entriesByFiles", "params": {"branch": "main", "files": [{"path": "data/opd.yml"}]}},
        {"Origin": f"http://localhost:{_port(running)}", "Host": f"localhost:{_port(running)}"},
    )
    assert status == 200, payload
    assert "diskominfo" in json.loads(payload)[0]["data"]


def test_a_draft_changing_the_sites_code_is_neither_previewed_nor_published(session, caplog):
    """A draft branch made outside the editor (here: by hand) that adds a hook: no preview build runs it."""
    project, running = session
    git(project, "checkout", "-q", "-b", "cms/data/opd")
    (project / "mkdocs.yml").write_text(
        (project / "mkdocs.yml").read_text(encoding="utf-8") + "hooks:\n  - kait.py\n", encoding="utf-8"
    )
    (project / "kait.py").write_text(HOOK, encoding="utf-8")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "kait")
    git(project, "checkout", "-q", "main")
    try:
        builds, main = running.builds, git(project, "rev-parse", "main")
        status, payload = _post(
            running, {"action": "getDeployPreview", "params": {"branch": "main", "collection": "data", "slug": "opd"}}
        )
        assert status == 200 and json.loads(payload) is None
        status, payload = _post(
            running,
            {"action": "publishUnpublishedEntry", "params": {"branch": "main", "collection": "data", "slug": "opd"}},
        )
        assert status == 422
        assert (
            "usulan mengubah berkas di luar data editor formulir: kait.py, mkdocs.yml" in json.loads(payload)["error"]
        )
        assert (running.builds, running.preview_commits, git(project, "rev-parse", "main")) == (builds, {}, main)
    finally:
        git(project, "branch", "-q", "-D", "cms/data/opd")


def _draft(running, project: Path, collection: str, slug: str, path: str, change) -> None:
    data = yaml.safe_load((project / path).read_text(encoding="utf-8"))
    change(data)
    status, payload = _post(
        running, _persist(path, yaml.safe_dump(data, allow_unicode=True, sort_keys=False), collection, slug)
    )
    assert status == 200, payload


def _wait_for(condition, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.5)


def test_a_proposal_that_breaks_main_once_merged_is_refused_with_its_reason(session, chromium_browser):
    """The issue's scenario: A deletes GOV-02, B names GOV-02 in a recommendation's follow-up. Each passes
    alone; once A is published, B is refused, naming file:line and the entry; main and the site stay good."""
    project, running = session

    def drop_gov02(data):
        data["program"] = [p for p in data["program"] if p["id"] != "GOV-02"]

    def follow_up(data):
        data["evaluasi"][0]["rekomendasi"][0]["program_tindak_lanjut"] = ["GOV-02"]

    _draft(running, project, "program", "governance", "data/program/governance.yml", drop_gov02)
    _draft(running, project, "data", "monev", "data/monev.yml", follow_up)
    assert running.publish_problems("cms/data/monev") == []  # B alone passes

    status, payload = _post(
        running,
        {
            "action": "publishUnpublishedEntry",
            "params": {"branch": "main", "collection": "program", "slug": "governance"},
        },
    )
    assert status == 200, payload
    published = git(project, "rev-parse", "main").strip()
    _wait_for(lambda: running.built_commit == published)  # the site shows the published state

    status, payload = _post(
        running,
        {"action": "publishUnpublishedEntry", "params": {"branch": "main", "collection": "data", "slug": "monev"}},
    )
    assert status == 422
    error = json.loads(payload)["error"]
    assert error.startswith("Penerbitan ditolak: bila usulan ini diterbitkan, cabang utama tidak lolos pemeriksaan.")
    line = next(
        i
        for i, text in enumerate(git(project, "show", "cms/data/monev:data/monev.yml").splitlines(), 1)
        if "GOV-02" in text
    )
    assert (
        f"data/monev.yml:{line} (Evaluasi 2025 Tahap I › rekomendasi 1): program `GOV-02` tidak ada di data/program/"
        in error
    )
    assert git(project, "rev-parse", "main").strip() == published  # nothing merged
    assert "cms/data/monev" in git(project, "branch", "--list", "cms/*")  # the proposal stays, to be fixed
    status, payload = _request(running, "GET", "/sunting/status-sesi.json")
    shown = json.loads(payload)
    assert (shown["penerbitan_ditolak"]["usulan"], shown["penerbitan_ditolak"]["judul"]) == (
        "data/monev",
        "Hasil evaluasi implementasi per tahun",
    )
    assert shown["situs_gagal"] is None and running.built_commit == published

    # the same refusal through Decap's own Terbitkan, on a phone: its message says why
    assert (
        _post(
            running,
            {
                "action": "updateUnpublishedEntryStatus",
                "params": {"branch": "main", "collection": "data", "slug": "monev", "newStatus": "pending_publish"},
            },
        )[0]
        == 200
    )
    toast = _publish_in_editor(chromium_browser, running, "data/monev")
    assert (
        "Gagal menerbitkan: Penerbitan ditolak: bila usulan ini diterbitkan, cabang utama tidak lolos pemeriksaan."
        in toast
    )
    assert f"data/monev.yml:{line} (Evaluasi 2025 Tahap I › rekomendasi 1)" in toast and "API_ERROR" not in toast
    assert git(project, "rev-parse", "main").strip() == published

    banner = _editor_banner(chromium_browser, running, "penerbitan-ditolak")
    assert (
        "Penerbitan ditolak" in banner
        and "Usulan untuk “Hasil evaluasi implementasi per tahun” belum diterbitkan" in banner
    )
    assert f"data/monev.yml:{line} (Evaluasi 2025 Tahap I › rekomendasi 1): program `GOV-02` tidak ada" in banner

    git(project, "branch", "-q", "-D", "cms/data/monev")  # deleted in the editor: the refusal is no longer shown
    assert json.loads(_request(running, "GET", "/sunting/status-sesi.json")[1])["penerbitan_ditolak"] is None


def test_a_delete_is_not_published_while_a_reference_remains(session):
    """GOV-01 is named in a recommendation's follow-up on main: deleting it is refused, naming where."""
    project, running = session
    _draft(
        running,
        project,
        "program",
        "governance",
        "data/program/governance.yml",
        lambda d: d.update(program=[p for p in d["program"] if p["id"] != "GOV-01"]),
    )
    try:
        problems = running.merge_check("cms/program/governance")
        line = next(
            i
            for i, text in enumerate((project / "data/monev.yml").read_text(encoding="utf-8").splitlines(), 1)
            if "GOV-01" in text
        )
        assert len(problems) == 1, problems
        assert problems[0].startswith(
            f"data/monev.yml:{line} (Evaluasi 2025 Tahap I › rekomendasi 2): program `GOV-01` tidak ada di data/program/"
        )
    finally:
        assert (
            _post(
                running,
                {
                    "action": "deleteUnpublishedEntry",
                    "params": {"branch": "main", "collection": "program", "slug": "governance"},
                },
            )[0]
            == 200
        )


def test_a_publish_still_being_checked_is_refused_then_found_checked(session):
    """Decap gives up on a request after 60 s: a publish must not happen after the editor was told it failed."""
    project, running = session
    _draft(
        running,
        project,
        "data",
        "opd",
        "data/opd.yml",
        lambda d: d["opd"][0].update(nama="Dinas Komunikasi, Informatika dan Statistik"),
    )
    main = git(project, "rev-parse", "main").strip()
    publish = {"action": "publishUnpublishedEntry", "params": {"branch": "main", "collection": "data", "slug": "opd"}}
    running.publish_wait_s = 0
    try:
        status, payload = _post(running, publish)
    finally:
        running.publish_wait_s = 45.0
    assert (status, json.loads(payload)["error"]) == (
        422,
        "Usulan ini masih diperiksa bersama cabang utama. Tekan Terbitkan lagi sebentar lagi.",
    )
    assert git(project, "rev-parse", "main").strip() == main
    key = (main, git(project, "rev-parse", "cms/data/opd").strip())
    _wait_for(lambda: key in running.merge_checks)  # the check went on
    assert running.merge_checks[key] == []
    status, payload = _post(running, publish)
    assert status == 200, payload
    assert "Informatika dan Statistik" in git(project, "show", "main:data/opd.yml")


def test_a_failed_build_of_main_is_shown_until_a_later_build_succeeds(session, chromium_browser):
    project, running = session
    programmes = project / "data/program/economy.yml"
    good = programmes.read_text(encoding="utf-8")
    programmes.write_text(good.replace("progres: 40", "progres: 400", 1), encoding="utf-8")
    git(project, "commit", "-q", "-am", "progres di luar batas")
    broken = git(project, "rev-parse", "main").strip()
    _wait_for(lambda: running.tried_commit == broken and running.site_problems)
    shown = json.loads(_request(running, "GET", "/sunting/status-sesi.json")[1])
    assert shown["situs_gagal"]["commit"] == broken[:8]
    problem = next(p for p in shown["situs_gagal"]["masalah"] if p.startswith("data/program/economy.yml:"))
    assert "(Program ECO-01 " in problem and "400" in problem, shown
    banner = _editor_banner(chromium_browser, running, "situs-gagal")
    assert f"Build cabang utama (commit {broken[:8]}) gagal" in banner and problem in banner

    programmes.write_text(good, encoding="utf-8")
    git(project, "commit", "-q", "-am", "progres diperbaiki")
    fixed = git(project, "rev-parse", "main").strip()
    _wait_for(lambda: running.built_commit == fixed)
    assert json.loads(_request(running, "GET", "/sunting/status-sesi.json")[1])["situs_gagal"] is None


def _open_entry(browser, site: str, viewport: dict, slug: str, collection: str = "program"):
    page = browser.new_page(viewport=viewport)
    page.goto(site + "sunting/")
    page.get_by_role("button", name="Masuk").click()
    page.goto(site + f"sunting/#/collections/{collection}/entries/{slug}")
    return page


def _publish_in_editor(browser, running, entry: str) -> str:
    """Terbitkan pressed in the editor (390 px); the message Decap shows."""
    collection, slug = entry.split("/")
    page = _open_entry(browser, running.site_url, SCREENS["ponsel"], slug, collection)
    page.get_by_role("button", name="Terbitkan", exact=True).click()
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("menuitem", name="Terbitkan sekarang").click()
    toast = page.locator(".Toastify__toast").filter(has_text="Gagal menerbitkan")
    toast.wait_for(timeout=60000)
    page.wait_for_timeout(1000)  # the toast's entrance animation, for the screenshot
    shoot(page, SCREENSHOTS, "sunting-terbitkan-ditolak-ponsel")
    text = toast.inner_text()
    page.close()
    return " ".join(text.split())


def _editor_banner(browser, running, name: str) -> str:
    """The banner's text on the editor's screens, on a phone and a wide screen (screenshots with MASTERPLAN_SCREENSHOTS=1)."""
    from playwright.sync_api import expect

    texts = []
    for screen, viewport in SCREENS.items():
        page = _open_entry(browser, running.site_url, viewport, "governance")
        banner = page.locator(".status-sesi")
        expect(banner).to_be_visible(timeout=30000)
        page.get_by_text("GOV-01 · Program Tata Kelola Pemerintahan 1").first.wait_for()
        shoot(page, SCREENSHOTS, f"sunting-status-{name}-{screen}")
        box = banner.bounding_box()
        assert box["width"] <= viewport["width"] and box["height"] <= viewport["height"] * 0.41, box
        texts.append(banner.inner_text())
        page.close()
    assert texts[0] == texts[1]
    return " ".join(texts[0].split())


def test_deleting_an_entry_others_point_to_names_them_first(session, chromium_browser):
    _project, running = session
    for screen, viewport in SCREENS.items():
        page = _open_entry(chromium_browser, running.site_url, viewport, "governance")
        delete = page.get_by_role("button", name="Hapus GOV-01 · Program Tata Kelola Pemerintahan 1")
        delete.click()
        dialog = page.get_by_role("dialog", name="Hapus “GOV-01 · Program Tata Kelola Pemerintahan 1”?")
        expect_visible(dialog)
        assert "Data ini masih dirujuk oleh:" in dialog.inner_text()
        assert dialog.get_by_role("listitem").all_inner_texts() == [
            "Evaluasi 2025 Tahap I › rekomendasi 2 (program tindak lanjut)"
        ]
        box = dialog.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], box
        shoot(page, SCREENSHOTS, f"sunting-hapus-dirujuk-{screen}")
        dialog.get_by_role("button", name="Batal").click()
        assert delete.count() == 1  # kept
        page.close()

        page = _open_entry(chromium_browser, running.site_url, viewport, "economy")
        page.get_by_role("button", name="Hapus ECO-02 · Program Ekonomi 2").click()
        plain = page.get_by_role("dialog", name="Hapus “ECO-02 · Program Ekonomi 2”?")
        expect_visible(plain)
        assert "dirujuk" not in plain.inner_text()  # nobody points to ECO-02
        shoot(page, SCREENSHOTS, f"sunting-hapus-{screen}")
        plain.get_by_role("button", name="Hapus", exact=True).click()
        page.get_by_role("button", name="Hapus ECO-02 · Program Ekonomi 2").wait_for(
            state="detached"
        )  # removed from the form (not saved)
        page.close()


def expect_visible(locator) -> None:
    from playwright.sync_api import expect

    expect(locator).to_be_visible()


def test_references_are_named_by_the_entry_they_are_deleted_in(tmp_path):
    from masterplan.derive import pipeline
    from masterplan.site import editor

    files = region()
    files["monev.yml"]["evaluasi"][0]["rekomendasi"] = [
        {"teks": "Satukan layanan.", "program_tindak_lanjut": ["GOV-01", "ECO-02"]}
    ]
    project = make_project(tmp_path / "p", files)
    plan, problems = pipeline.check(project / "data", project)
    assert plan is not None, problems
    found = editor.references_by_entry(plan)
    assert found["program/governance"] == {"GOV-01": ["Evaluasi 2025 Tahap I › rekomendasi 1 (program tindak lanjut)"]}
    assert found["program/economy"] == {"ECO-02": ["Evaluasi 2025 Tahap I › rekomendasi 1 (program tindak lanjut)"]}
    assert "Program GOV-02 Program Tata Kelola Pemerintahan 2 (OPD penanggung jawab)" in found["data/opd"]["bappeda"]
    assert "Arah kebijakan AK1 (misi)" in found["data/visi-misi"]["M1"]
    assert "dlh" in found["data/opd"] and "diskominfo" in found["data/opd"]
    assert set(found) <= {
        f"{c['name']}/{f['name']}"
        for c in editor.decap_config(plan, editor.Options("o/r", "main"))["collections"]
        for f in c["files"]
    }


@pytest.mark.parametrize(
    "path, media",
    [
        ("docs/assets/unggahan/foto.png", True),
        ("docs/assets/unggahan/Foto Kantor Bupati.JPG", True),
        ("docs/assets/unggahan/../../../mkdocs.yml", False),
        ("docs/assets/unggahan/sub/foto.png", False),
        ("docs/assets/unggahan/.htaccess", False),
        ("docs/assets/unggahan//foto.png", False),
        ("/docs/assets/unggahan/foto.png", False),
        ("docs/assets/unggahan/foto\\..\\x.png", False),
        ("docs/assets/unggahan/a\nb.png", False),
        (["docs/assets/unggahan/a.png"], False),
    ],
)
def test_only_plain_files_directly_in_the_media_folder_are_media(path, media):
    from masterplan.commands import sessiongate

    allowed = sessiongate.Allowed(8000, "main", {("data", "opd"): "data/opd.yml"}, "docs/assets/unggahan")
    assert allowed.is_media(path) is media


def test_the_delete_question_finds_references_by_entry_and_code_in_node(tmp_path):
    import shutil
    import subprocess

    shutil.copyfile(REPO / "macros/sunting/hapus.js", tmp_path / "hapus.mjs")
    shutil.copyfile(REPO / "tests/js/hapus.test.mjs", tmp_path / "hapus.test.mjs")
    result = subprocess.run(
        ["node", "--test", str(tmp_path / "hapus.test.mjs")], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    assert "# pass 3" in result.stdout and "# fail 0" in result.stdout


def test_the_built_editor_carries_the_references(tmp_path):
    from masterplan.derive import pipeline
    from masterplan.site import editor

    files = region()
    files["monev.yml"]["evaluasi"][0]["rekomendasi"] = [
        {"teks": "Satukan layanan.", "program_tindak_lanjut": ["GOV-01"]}
    ]
    project = make_project(tmp_path / "p", files)
    view = pipeline.prepare(project / "data", project)
    out = editor.write_site(tmp_path / "site", REPO, REPO / "macros/sunting", view, editor.Options("o/r", "main"))
    written = json.loads((out / "rujukan.json").read_text(encoding="utf-8"))
    assert written == editor.references_by_entry(view.plan)
    assert written["program/governance"]["GOV-01"] == ["Evaluasi 2025 Tahap I › rekomendasi 1 (program tindak lanjut)"]
    assert {"hapus.js", "status.js"} <= {p.name for p in out.iterdir()}


def test_the_entry_of_a_problem_is_read_only_from_a_plain_data_file_inside_the_checkout(tmp_path):
    from masterplan.commands import publishcheck

    project = make_project(tmp_path / "p", region())
    monev = project / "data/monev.yml"
    assert publishcheck.entry_at(monev, 3, project) == "Evaluasi 2025 Tahap I"
    (project / "data/ulang.yml").write_text("x: &a\n  y: *a\n", encoding="utf-8")  # an alias that holds itself
    assert publishcheck.entry_at(project / "data/ulang.yml", 2, project) == ""
    (project / "data/tautan.yml").symlink_to(monev)
    assert publishcheck.entry_at(project / "data/tautan.yml", 3, project) == ""
    assert publishcheck.entry_at(monev, 3, project / "docs") == ""  # outside the folder it is asked about
