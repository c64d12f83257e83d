"""`mkdocs serve` with invalid data shows the problems in the browser and reloads once they are fixed."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from playwright.sync_api import expect

from fixtures import dump, make_project, region

GOV = "program/governance.yml"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode("utf-8")


def _wait_for(url: str, predicate, timeout: float = 90) -> str:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            last = _get(url)
            if predicate(last):
                return last
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} did not reach the expected state; last body starts: {last[:300]!r}")


@pytest.fixture
def serving(tmp_path):
    good = dump(region()[GOV])
    broken = good.replace("  anggaran: 500000000\n", "  anggaran: 2.000\n", 1)
    project = make_project(tmp_path / "proyek")
    (project / "data" / GOV).write_text(broken, encoding="utf-8")
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        yield project, f"http://127.0.0.1:{port}/", good, broken
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def test_serve_shows_problems_then_reloads_when_fixed(serving, chromium_browser):
    project, base, good, broken = serving
    line = broken[: broken.index("  anggaran: 2.000")].count("\n") + 1
    page_text = _wait_for(base + "index.html", lambda body: "Data belum valid" in body)
    assert (
        f"<code>data/program/governance.yml:{line}</code> <code>anggaran</code> ditulis <code>2.000</code>, yang terbaca sebagai 2; tulis <code>2000</code>"
        in page_text
    )
    page = chromium_browser.new_page()
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(base + "index.html")
    assert "Data belum valid" in page.inner_text("h1")
    (project / "data" / GOV).write_text(good, encoding="utf-8")
    # The open page reloads itself (MkDocs' live-reload script, allowed by its hash in the policy).
    expect(page.locator("body")).not_to_contain_text("Data belum valid", use_inner_text=True, timeout=90_000)
    assert "Salatiga" in page.title()
    page.goto(base + "program/gov-01.html")
    assert "Program Tata Kelola Pemerintahan 1" in page.inner_text("h1")
    (project / "data" / GOV).write_text(broken, encoding="utf-8")
    expect(page.locator("body")).to_contain_text("Data belum valid", use_inner_text=True, timeout=90_000)
    page.close()
    assert violations == []
