"""What runs on GitHub: the workflows, the build/test setup split, gh-pages previews, the hook.

Nothing here talks to GitHub: workflows are read as YAML (actionlint in test_editors.py),
the setup script runs against stub system tools, and gh-pages.sh pushes to a local bare
repository.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
from pathlib import Path

import pytest
import yaml

from fixtures import REPO

WORKFLOWS = REPO / ".github/workflows"
TEST_TOOLS = re.compile(r"chromium|playwright|pytest|scripts/test\.sh|npm (ci|install)|axe|google-chrome")


def workflow_jobs():
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for name, job in yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"].items():
            yield path.name, name, job


def runs(job) -> str:
    return "\n".join(step.get("run", "") for step in job.get("steps", []))


def test_only_the_test_workflow_installs_test_tools():
    for file, name, job in workflow_jobs():
        text = runs(job) + str(job.get("env", ""))
        if file == "tes.yml":
            assert (
                "bash scripts/setup.sh\n" in text + "\n"
                and job["env"]["MASTERPLAN_CHROMIUM"] == "/usr/bin/google-chrome"
            )
            continue
        assert not TEST_TOOLS.search(text), (file, name)
        if "scripts/setup.sh" in text:
            assert "scripts/setup.sh --build" in text, (file, name)


def test_actions_are_pinned_to_a_version():
    used = [step["uses"] for _, _, job in workflow_jobs() for step in job.get("steps", []) if "uses" in step]
    assert used and all(re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+(\.\d+)*", u) for u in used), used


def test_preview_workflow_comments_and_cleans_up():
    flow = yaml.safe_load((WORKFLOWS / "pratinjau.yml").read_text(encoding="utf-8"))
    assert flow[True]["pull_request"]["types"] == ["opened", "synchronize", "reopened", "closed"]  # `on` reads as True
    jobs = flow["jobs"]
    assert 'scripts/gh-pages.sh publish site "pr-$PR"' in runs(jobs["terbitkan-pratinjau"])
    assert 'scripts/gh-pages.sh remove "pr-$PR"' in runs(jobs["hapus-pratinjau"])
    for name in ("terbitkan-pratinjau", "hapus-pratinjau"):
        assert "head.repo.full_name == github.repository" in jobs[name]["if"]  # forks have no write token
        assert jobs[name]["permissions"]["contents"] == "write"
    assert jobs["bangun"].get("permissions") is None and flow["permissions"] == {"contents": "read"}
    script = next(
        s["with"]["script"] for s in jobs["terbitkan-pratinjau"]["steps"] if "github-script" in s.get("uses", "")
    )
    assert "RINGKASAN" in script and "unduh/" in script and "updateComment" in script


PREVIEW_SCRIPT_RUNNER = """
const script = require('fs').readFileSync(process.argv[2], 'utf8');
const calls = [];
const github = {
  paginate: async () => [],
  rest: {
    repos: { getPages: async () => ({ data: { html_url: 'https://dinas.github.io/masterplan' } }), createCommitStatus: async a => calls.push(['status', a]) },
    issues: { createComment: async a => calls.push(['comment', a]), updateComment: async a => calls.push(['comment', a]), listComments: null },
  },
};
const context = { repo: { owner: 'dinas', repo: 'masterplan' }, payload: { pull_request: { number: 7 } }, serverUrl: 'https://github.com', runId: 1 };
const core = { warning() {}, setFailed: m => calls.push(['failed', m]), summary: { addRaw() { return { write() {} }; } } };
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
new AsyncFunction('github', 'context', 'core', 'require', script)(github, context, core, require).then(() => console.log(JSON.stringify(calls)));
"""


@pytest.mark.parametrize("passed", [True, False])
def test_preview_sets_the_status_the_editor_preview_button_finds(tmp_path, passed):
    """Decap's "Cek pratinjau" opens a commit status whose name contains "deploy": run the step's script with stand-ins."""
    flow = yaml.safe_load((WORKFLOWS / "pratinjau.yml").read_text(encoding="utf-8"))
    job = flow["jobs"]["terbitkan-pratinjau"]
    assert job["permissions"]["statuses"] == "write"
    step = next(s for s in job["steps"] if "github-script" in s.get("uses", ""))
    (tmp_path / "script.js").write_text(step["with"]["script"], encoding="utf-8")
    (tmp_path / "run.js").write_text(PREVIEW_SCRIPT_RUNNER, encoding="utf-8")
    env = dict(
        os.environ, PERIKSA="0" if passed else "1", RINGKASAN="data/opd.yml:3: kode OPD ganda", HEAD_SHA="a" * 40
    )
    result = subprocess.run(
        ["node", "run.js", "script.js"], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    calls = yaml.safe_load(result.stdout)
    status = next(args for kind, args in calls if kind == "status")
    assert "deploy" in status["context"] and status["sha"] == "a" * 40
    # A failed check's preview is the page of problems; `?masalah=` keeps the file's page the editor appends in the query.
    expected = "https://dinas.github.io/masterplan/pr-7/" + ("" if passed else "?masalah=")
    assert status["target_url"] == expected and status["state"] == "success"
    assert ("failed" in [kind for kind, _ in calls]) is not passed  # the job still fails on invalid data
    if not passed:
        assert "Data belum valid" in status["description"]
        publish = next(s for s in job["steps"] if "gh-pages.sh publish" in s.get("run", ""))
        assert "if" not in publish  # the problem page is published in the preview's place


def test_problem_page_escapes_the_report(tmp_path):
    env = dict(os.environ, RINGKASAN="data/opd.yml:3: <script>x</script> kode ganda")
    subprocess.run(["python3", str(REPO / "scripts/halaman-masalah.py"), str(tmp_path)], env=env, check=True)
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;x&lt;/script&gt; kode ganda" in page and "<script>" not in page
    assert "Pratinjau belum dibuat: data belum valid" in page


# ---------------------------------------------------------------- setup.sh --build / full


def _stub(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    path.chmod(0o755)


def run_setup(tmp_path: Path, *args: str, env: dict | None = None):
    """scripts/setup.sh in a copy, with dpkg/apt/npm/python replaced by stubs that log their arguments."""
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts/setup.sh").write_text(
        (REPO / "scripts/setup.sh").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "package.json").write_text("{}", encoding="utf-8")
    stubs = tmp_path / "stubs"
    venv = tmp_path / ".venv/bin"
    stubs.mkdir()
    venv.mkdir(parents=True)
    log = tmp_path / "log"
    _stub(stubs, "dpkg-query", "exit 1\n")  # nothing installed
    for tool in ("apt-get", "sudo", "npm"):
        _stub(stubs, tool, f'echo "{tool} $*" >> {log}\n')
    _stub(venv, "python", f'echo "pip $*" >> {log}\n')
    full_env = {"PATH": f"{stubs}:/usr/bin:/bin", **(env or {})}
    result = subprocess.run(
        ["bash", "scripts/setup.sh", *args], cwd=tmp_path, capture_output=True, text=True, env=full_env
    )
    return result, (log.read_text(encoding="utf-8") if log.exists() else "")


def installed(log: str) -> list[str]:
    line = next(entry for entry in log.splitlines() if " install -y" in entry)
    return line.split("--no-install-recommends ")[1].split()


def test_setup_for_a_build_installs_no_test_tools(tmp_path):
    result, log = run_setup(tmp_path, "--build")
    assert result.returncode == 0, result.stderr
    packages = installed(log)
    assert {"fonts-texgyre", "fonts-dejavu-core", "fontconfig"} <= set(packages)
    assert not {"libpango-1.0-0", "libharfbuzz-subset0"} & set(packages)  # WeasyPrint is only for the bench baseline
    assert not {"chromium", "qpdf", "poppler-utils", "nodejs", "npm"} & set(packages)
    assert "pip install -q -e .\n" in log and "[test" not in log
    # npm installs only the form editor copied into the site (package.json "dependencies"), no test tool
    assert [line for line in log.splitlines() if line.startswith("npm ")] == [
        "npm ci --omit=dev --silent --no-audit --no-fund"
    ]
    assert "Lingkungan siap: .venv (untuk build)" in result.stdout


def test_full_setup_adds_test_tools_and_debian_chromium(tmp_path):
    result, log = run_setup(tmp_path)
    assert result.returncode == 0, result.stderr
    packages = installed(log)
    assert {"fonts-texgyre", "chromium", "qpdf", "poppler-utils"} <= set(packages)
    assert not {"libpango-1.0-0", "libharfbuzz-subset0"} & set(packages)  # the bench's baseline: --bench only
    assert "pip install -q -e .[test]\n" in log and "baseline" not in log and "npm ci" in log


def test_bench_setup_adds_the_baseline_engine(tmp_path):
    result, log = run_setup(tmp_path, "--bench")
    assert result.returncode == 0, result.stderr
    packages = installed(log)
    assert {"libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0", "chromium", "qpdf"} <= set(packages)
    assert "pip install -q -e .[test,baseline]" in log and "import weasyprint" in log
    assert "Lingkungan siap: .venv (untuk build, tes dan bench)" in result.stdout


def test_full_setup_uses_the_browser_named_in_the_environment(tmp_path):
    result, log = run_setup(tmp_path, env={"MASTERPLAN_CHROMIUM": "/bin/true"})
    assert result.returncode == 0, result.stderr
    assert "chromium" not in installed(log) and "qpdf" in installed(log)


def test_setup_rejects_a_missing_browser_and_unknown_options(tmp_path):
    (tmp_path / "a").mkdir()
    result, _ = run_setup(tmp_path / "a", env={"MASTERPLAN_CHROMIUM": "/tidak/ada"})
    assert result.returncode == 1
    assert result.stderr == "MASTERPLAN_CHROMIUM=/tidak/ada bukan program yang dapat dijalankan.\n"
    (tmp_path / "b").mkdir()
    result, _ = run_setup(tmp_path / "b", "--semua")
    assert (result.returncode, result.stderr) == (2, "Pemakaian: bash scripts/setup.sh [--build | --bench]\n")


def test_readme_commands_still_set_up_what_they_need():
    assert "bash scripts/setup.sh --build\n" in (REPO / "scripts/build.sh").read_text(encoding="utf-8")
    assert "bash scripts/setup.sh || exit 1\n" in (REPO / "scripts/test.sh").read_text(encoding="utf-8")
    assert "bash scripts/test.sh" in (REPO / ".ci/run").read_text(encoding="utf-8")


# ---------------------------------------------------------------- gh-pages.sh


def git(cwd: Path, *args: str, check: bool = True) -> str:
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(cwd),
        "GIT_AUTHOR_NAME": "Uji",
        "GIT_AUTHOR_EMAIL": "uji@example.org",
        "GIT_COMMITTER_NAME": "Uji",
        "GIT_COMMITTER_EMAIL": "uji@example.org",
    }
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=check, env=env).stdout


@pytest.fixture()
def pages_repo(tmp_path):
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    clone = tmp_path / "repo"
    clone.mkdir()
    git(clone, "init", "-q")
    git(clone, "remote", "add", "origin", str(remote))
    git(clone, "commit", "-q", "--allow-empty", "-m", "awal")
    return clone, remote


def make_site(folder: Path, text: str) -> Path:
    (folder / "unduh").mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(text, encoding="utf-8")
    (folder / "unduh/buku.pdf").write_bytes(b"%PDF " + text.encode())
    return folder


def pages(clone: Path, *args: str):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(clone)}
    return subprocess.run(
        ["bash", str(REPO / "scripts/gh-pages.sh"), *args], cwd=clone, capture_output=True, text=True, env=env
    )


def served(remote: Path) -> dict[str, str]:
    names = git(remote, "ls-tree", "-r", "--name-only", "gh-pages").split()
    return {n: git(remote, "show", f"gh-pages:{n}") for n in names}


def test_previews_live_beside_the_main_site(pages_repo, tmp_path):
    clone, remote = pages_repo
    assert pages(clone, "publish", str(make_site(tmp_path / "utama", "utama 1"))).returncode == 0
    assert pages(clone, "publish", str(make_site(tmp_path / "pr", "pratinjau 7")), "pr-7").returncode == 0
    result = pages(clone, "publish", str(make_site(tmp_path / "utama2", "utama 2")))
    assert result.returncode == 0 and result.stdout == "Cabang gh-pages diperbarui: publish situs utama.\n"
    assert served(remote) == {
        ".nojekyll": "",
        "index.html": "utama 2",
        "unduh/buku.pdf": "%PDF utama 2",
        "pr-7/index.html": "pratinjau 7",
        "pr-7/unduh/buku.pdf": "%PDF pratinjau 7",
    }
    assert pages(clone, "remove", "pr-7").returncode == 0
    assert set(served(remote)) == {".nojekyll", "index.html", "unduh/buku.pdf"}
    assert len(git(remote, "rev-list", "gh-pages").split()) == 1  # one snapshot, no history of old PDFs
    again = pages(clone, "remove", "pr-7")
    assert (again.returncode, again.stdout) == (0, "Tidak ada perubahan di cabang gh-pages.\n")


@pytest.mark.slow  # Git pushes racing
def test_a_concurrent_push_is_not_lost(pages_repo, tmp_path):
    """Another job pushes a preview between our fetch and our push: we redo the change on top of it."""
    clone, remote = pages_repo
    pages(clone, "publish", str(make_site(tmp_path / "utama", "utama 1")))
    ours = git(remote, "rev-parse", "gh-pages").strip()
    other = tmp_path / "other"
    git(tmp_path, "clone", "-q", str(remote), str(other))
    pages(other, "publish", str(make_site(tmp_path / "pr", "pratinjau 9")), "pr-9")
    racing = git(remote, "rev-parse", "gh-pages").strip()
    git(remote, "update-ref", "refs/heads/gh-pages", ours)
    # The hook lets the other job's commit land just before our first push, and rejects that push.
    hook = remote / "hooks/pre-receive"
    hook.write_text(
        f"#!/bin/sh\nif [ ! -e {tmp_path}/raced ]; then touch {tmp_path}/raced; env -u GIT_QUARANTINE_PATH git update-ref refs/heads/gh-pages {racing}; exit 1; fi\n",
        encoding="utf-8",
    )
    hook.chmod(0o755)
    result = pages(clone, "publish", str(make_site(tmp_path / "utama2", "utama 2")))
    assert result.returncode == 0, result.stderr
    assert "mencoba lagi (1)" in result.stderr
    files = served(remote)
    assert files["index.html"] == "utama 2" and files["pr-9/index.html"] == "pratinjau 9"


def test_a_failed_build_of_main_is_shown_in_the_editor_until_the_next_publish(pages_repo, tmp_path):
    """The site stays as served; the form editor's banner reads sunting/status-sesi.json (macros/sunting/status.js)."""
    clone, remote = pages_repo
    site = make_site(tmp_path / "utama", "utama 1")
    (site / "sunting").mkdir()
    (site / "sunting/index.html").write_text("editor", encoding="utf-8")
    assert pages(clone, "publish", str(site)).returncode == 0
    status = tmp_path / "status-sesi.json"
    status.write_text(
        '{"situs_gagal": {"commit": "abc12345", "masalah": ["data/opd.yml:3: x"]}, "penerbitan_ditolak": null}',
        encoding="utf-8",
    )
    result = pages(clone, "status", str(status))
    assert result.returncode == 0, result.stderr
    files = served(remote)
    assert files["index.html"] == "utama 1" and files["sunting/index.html"] == "editor"  # the good site stays
    assert files["sunting/status-sesi.json"] == status.read_text(encoding="utf-8")
    assert pages(clone, "publish", str(make_site(tmp_path / "utama2", "utama 2"))).returncode == 0
    assert "sunting/status-sesi.json" not in served(remote)  # a good build says nothing any more
    assert pages(clone, "status", str(tmp_path / "tidak-ada.json")).returncode == 1


def test_the_publish_workflow_reports_a_failed_build_to_the_editor():
    steps = yaml.safe_load((WORKFLOWS / "terbitkan.yml").read_text(encoding="utf-8"))["jobs"]["terbitkan"]["steps"]
    named = {step.get("name"): step for step in steps}
    for name in ("Periksa data", "Bangun situs dan PDF"):
        assert named[name]["shell"] == "bash" and '| tee -a "$RUNNER_TEMP/laporan-build.txt"' in named[name]["run"]
    report = named["Tampilkan kegagalan di editor formulir"]
    assert report["if"] == "failure()"
    assert 'masterplan status-build "$RUNNER_TEMP/laporan-build.txt" --commit "$GITHUB_SHA"' in report["run"]
    assert 'bash scripts/gh-pages.sh status "$RUNNER_TEMP/status-sesi.json"' in report["run"]


def test_the_status_of_a_failed_build_names_each_problem_and_its_entry(tmp_path):
    import json
    import sys

    from fixtures import make_project, region

    project = make_project(tmp_path / "p", region())
    report = tmp_path / "laporan.txt"
    report.write_text(
        "::error file=data/program/economy.yml,line=6::x\nERROR    -  Data atau templat masterplan tidak valid:\n"
        "data/program/economy.yml:6: `progres` bernilai 400, padahal paling besar 100.\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "masterplan.commands.cli", "status-build", str(report), "--commit", "0123456789abcdef"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "situs_gagal": {
            "commit": "01234567",
            "masalah": [
                "data/program/economy.yml:6 (Program ECO-01 Program Ekonomi 1): `progres` bernilai 400, padahal paling besar 100."
            ],
        },
        "penerbitan_ditolak": None,
    }


def test_gh_pages_refuses_odd_preview_folders(pages_repo, tmp_path):
    clone, _ = pages_repo
    result = pages(clone, "publish", str(make_site(tmp_path / "s", "x")), "../etc")
    assert (result.returncode, result.stderr) == (2, "Folder pratinjau harus berbentuk pr-<nomor>, bukan '../etc'\n")
    result = pages(clone, "publish", str(tmp_path / "kosong"))
    assert result.returncode == 1 and "tanpa index.html" in result.stderr


# ---------------------------------------------------------------- site/ and the hook


def test_built_site_is_readable_by_others(built):
    project, _ = built
    umask = os.umask(0o022)
    os.umask(umask)
    if umask & 0o005:
        pytest.skip(f"umask {umask:03o} hides files from others anyway")
    site = project / "site"
    for path in [site, *site.rglob("*")]:
        mode = path.stat().st_mode
        need = stat.S_IROTH | (stat.S_IXOTH if path.is_dir() else 0)
        assert mode & need == need, f"{path.relative_to(project)} {stat.filemode(mode)}"


def test_pre_commit_hook_runs_without_an_activated_environment(tmp_path):
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = config["repos"][0]["hooks"][0]
    assert (hook["entry"], hook["language"]) == ("scripts/pre-commit.sh", "script")
    assert os.access(REPO / hook["entry"], os.X_OK)
    (tmp_path / "scripts").mkdir()
    script = tmp_path / "scripts/pre-commit.sh"
    script.write_text((REPO / "scripts/pre-commit.sh").read_text(encoding="utf-8"), encoding="utf-8")
    result = subprocess.run(
        ["bash", str(script)], cwd=tmp_path, capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"}
    )
    assert result.returncode == 1
    assert result.stderr == (
        "Data belum diperiksa: perintah masterplan belum terpasang di .venv.\n"
        "Jalankan sekali: bash scripts/setup.sh --build   (lalu ulangi commit)\n"
    )
    venv = tmp_path / ".venv/bin"
    venv.mkdir(parents=True)
    _stub(venv, "masterplan", 'echo "masterplan $*"; exit 1\n')
    result = subprocess.run(
        ["bash", str(script)], cwd=tmp_path, capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"}
    )
    assert (result.returncode, result.stdout) == (1, "masterplan check\n")  # the check's own exit status


# ---------------------------------------------------------------- a preview under /pr-N/


def test_preview_under_a_sub_path_has_working_links_and_search(built, tmp_path):
    """Served as GitHub Pages serves a preview: https://host/repo/pr-7/ ; links and search stay inside."""
    import functools
    import http.server
    import shutil
    import threading

    from playwright.sync_api import sync_playwright

    from chromium import launch
    from test_browser import QuietHandler

    project, _ = built
    shutil.copytree(project / "site", tmp_path / "repo/pr-7")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(tmp_path)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/repo/pr-7/"
    failed = []
    try:
        with sync_playwright() as p:
            browser = launch(p)
            page = browser.new_page()
            page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
            page.goto(base + "index.html", wait_until="networkidle")
            page.click("a.mp-kartu")  # a dimension card: a relative link
            assert page.url.startswith(base + "dimensi/")
            page.goto(base + "index.html", wait_until="networkidle")
            page.click("input.md-search__input")  # the header's search box (desktop width)
            page.keyboard.type("Salatiga")
            page.wait_for_selector(".md-search-result__item a", timeout=15000)
            hits = page.eval_on_selector_all(".md-search-result__item a", "as => as.map(a => a.href)")
            browser.close()
    finally:
        httpd.shutdown()
    assert hits and all(h.startswith(base) for h in hits), hits[:3]
    assert failed == []
