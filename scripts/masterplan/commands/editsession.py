"""``masterplan sunting``: a local editing session (the form editor on this computer).

Two processes serve the session, both on loopback only:

- decap-server (npm) in Git mode on the repository: the form editor saves through it. It
  checks out its draft branches *in the working tree* while it saves.
- the built site, served as plain files with no live reload. ``mkdocs serve`` would rebuild
  and reload the editor page each time decap-server touches ``data/``, and the editor would
  ask again: the endless reload of the first release.

The site is rebuilt on demand, when the default branch gets a new commit (a change was
published in the editor), from a snapshot of that commit in a separate ``git worktree``
under ``.cache/sunting/``, so decap-server's branch switching never reaches the build. The
new site replaces the old one only when its build succeeded; the editor page already open
is never reloaded.

The editor talks to decap-server through the session's server (``sessionserver.py``: ``/api/v1``,
same origin), which answers one question itself: "Cek pratinjau" asks for the preview of a draft,
and the session builds the draft's branch the same way and serves it under ``/pratinjau/<draft>/``.

Any web page the editor's browser opens can send requests here: each request is judged first
(``sessiongate.py``: own Host and Origin, JSON, only the editor's actions on its collections'
paths), and a refused one gets 403 and a log line. "Terbitkan" is passed on only when main
merged with the draft passes ``masterplan check`` (``publishcheck.py``). A failed build of the
default branch, and a refused publish, are what ``/sunting/status-sesi.json`` tells the editor's
banner (``macros/sunting/status.js``).
"""

from __future__ import annotations

import functools
import http.server
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..load import gitread
from ..site import editor
from . import publishcheck, sessiongate
from .sessionserver import SessionFiles

log = logging.getLogger("masterplan.sunting")
SESSION_DIR = Path(".cache") / "sunting"


class SessionError(Exception):
    """The session cannot start; message in Indonesian, saying what to do."""


def _git(root: Path, *args: str) -> str:
    """Git through the load stage's one runner (bytes, a time limit); here only single values are read (ids, names)."""
    try:
        return gitread.run(root, *args).decode("utf-8", "replace").strip()
    except gitread.GitError as exc:
        raise SessionError(f"git {' '.join(args)} gagal: {exc}") from None


def default_branch(root: Path) -> str:
    if not (root / ".git").exists():
        raise SessionError(
            f"{root} bukan repositori Git. Jalankan `masterplan sunting` di folder hasil `git clone` rencana induk."
        )
    return _git(root, "symbolic-ref", "--short", "HEAD")


def decap_server(root: Path) -> Path:
    modules = editor.find_node_modules(root)
    server = modules / "decap-server" / "dist" / "index.js" if modules else None
    if server is None or not server.is_file():
        raise SessionError(
            "Paket npm `decap-server` tidak ada di node_modules. Jalankan `npm ci` (atau `bash scripts/setup.sh`) di folder proyek, lalu ulangi."
        )
    if shutil.which("node") is None:
        raise SessionError("Program `node` (Node.js) tidak ditemukan. Pasang Node.js 18 atau lebih baru, lalu ulangi.")
    return server


# ------------------------------------------------------------ ports


def bind_site(port: int) -> tuple[int, str]:
    """A port for the site on 127.0.0.1: the one asked for, or a free one when it is taken
    (another session, another program); the second value says so, in Indonesian, or is ''."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("127.0.0.1", port))
            return port, ""
        except OSError:
            pass
    return 0, f"Port {port} sedang dipakai program lain; situs memakai port bebas yang lain."


def free_git_port(port: int) -> tuple[int, str]:
    """A port for decap-server: the one asked for if nothing listens there, else one the system
    says is free (decap-server itself would stop with a Node stack trace on a busy port)."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("127.0.0.1", port))
            return port, ""
        except OSError:
            probe.bind(("127.0.0.1", 0))
            free = probe.getsockname()[1]
    return free, f"Port {port} untuk penyimpanan Git lokal sedang dipakai program lain; memakai port {free}."


def wait_for_decap_server(process: subprocess.Popen, url: str, seconds: float = 30.0) -> None:
    """Until decap-server answers; if it stops first, its last words (not a stack trace) in the error."""
    import time

    request = urllib.request.Request(url, data=b'{"action":"info"}', headers={"Content-Type": "application/json"})
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            said = process.stderr.read() if process.stderr is not None else b""
            lines = [
                line
                for line in said.decode(errors="replace").splitlines()
                if line.strip() and not line.lstrip().startswith("at ")
            ]
            raise SessionError(
                "Penyimpanan Git lokal (decap-server) tidak dapat berjalan: "
                + (lines[-1].strip() if lines else "tanpa pesan")
                + ". Tutup program lain yang memakai portnya atau pilih port lain dengan `--port-git`."
            )
        try:
            with urllib.request.urlopen(request, timeout=2):
                return
        except (OSError, urllib.error.URLError):
            time.sleep(0.2)
    raise SessionError(
        f"Penyimpanan Git lokal (decap-server) tidak menjawab di {url} setelah {seconds:.0f} detik. Hentikan sesi (Ctrl+C) lalu ulangi."
    )


@dataclass
class Session:
    root: Path
    site_port: int = 8000
    git_port: int = 8081
    branch: str = ""
    current: Path = Path()
    built_commit: str = ""
    tried_commit: str = ""  # the last commit a build was attempted from (a failed one is not retried)
    builds: int = 0
    previews: dict = field(default_factory=dict)  # draft name -> folder of its built preview
    preview_commits: dict = field(default_factory=dict)  # draft name -> commit being built or built
    processes: list = field(default_factory=list)
    httpd: http.server.ThreadingHTTPServer | None = None
    stopping: threading.Event = field(default_factory=threading.Event)
    preview_lock: threading.Lock = field(default_factory=threading.Lock)
    publish_lock: threading.Lock = field(default_factory=threading.Lock)  # one publish (check, then merge) at a time
    check_lock: threading.Lock = field(default_factory=threading.Lock)
    merge_checks: dict = field(default_factory=dict)  # (main commit, draft commit) -> problems of the merge ([]: none)
    unchecked: set = field(default_factory=set)  # keys of merge_checks whose check could not run
    publish_wait_s: float = 45.0  # Decap gives up on a request after 60 s
    serving: bool = False
    allowed: sessiongate.Allowed | None = None  # what the built editor's collections name
    site_problems: list = field(default_factory=list)  # why the last build of the default branch failed
    refused: dict | None = None  # the last publish refused, and why

    @property
    def gate(self) -> sessiongate.Allowed:
        """What the built editor's collections allow; a request reaches the session only once it is known."""
        assert self.allowed is not None
        return self.allowed

    @property
    def site_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1] if self.httpd else self.site_port}/"

    @property
    def backend_url(self) -> str:
        """Where the editor sends its requests: this server, which passes them on to decap-server."""
        return f"{self.site_url}api/v1"

    @property
    def git_url(self) -> str:
        return f"http://127.0.0.1:{self.git_port}/api/v1"

    # ------------------------------------------------------------ build from a snapshot

    def snapshot(self, commit: str, name: str = "salinan") -> Path:
        """The commit checked out in a worktree of its own (made once, moved on later)."""
        place = self.root / SESSION_DIR / name
        if not (place / ".git").exists():
            shutil.rmtree(place, ignore_errors=True)
            _git(self.root, "worktree", "prune")
            _git(self.root, "worktree", "add", "--detach", "--force", str(place), commit)
        else:
            _git(place, "checkout", "--detach", "--force", commit)
        return place

    def _build_into(self, commit: str, snapshot: str, target: Path) -> list[str]:
        """Build ``commit`` into ``target``: [] when it succeeded, else the build's problems."""
        source = self.snapshot(commit, snapshot)
        shutil.rmtree(target, ignore_errors=True)
        env = dict(os.environ, MASTERPLAN_EDITOR_LOCAL_BACKEND=self.backend_url, NO_MKDOCS_2_WARNING="1")
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(target)],
            cwd=source,
            env=env,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            log.error("Situs gagal dibangun dari %s.\n%s", commit[:8], result.stderr.strip()[-3000:])
            shutil.rmtree(target, ignore_errors=True)
            return publishcheck.problems_from(result.stderr, source)
        return []

    def build(self, commit: str) -> bool:
        """Build ``commit`` into a new folder and serve it; the old build stays on failure (and the
        editor shows why on every screen until a later build succeeds: ``status``)."""
        self.tried_commit = commit
        self.builds += 1
        target = self.root / SESSION_DIR / f"situs-{self.builds}"
        problems = self._build_into(commit, "salinan", target)
        if problems:
            self.site_problems = problems
            log.error("Situs sebelumnya tetap tampil.")
            return False
        config = yaml.safe_load((target / "sunting" / "config.yml").read_text(encoding="utf-8"))
        port = self.httpd.server_address[1] if self.httpd else self.site_port
        self.allowed = sessiongate.Allowed.from_config(config, port, self.branch)
        old, self.current, self.built_commit, self.site_problems = self.current, target, commit, []
        if old != Path() and old != target:
            shutil.rmtree(old, ignore_errors=True)
        return True

    def status(self) -> dict:
        """What the editor page shows in its banner: a failed build of the default branch, a refused publish."""
        refused = self.refused
        if refused and not self._draft_exists(refused["usulan"]):
            refused = self.refused = None  # the proposal was deleted in the editor: nothing left to fix
        return publishcheck.status(self.tried_commit, self.site_problems, refused)

    def _draft_exists(self, entry: str) -> bool:
        try:
            _git(self.root, "rev-parse", "--verify", "--quiet", f"refs/heads/cms/{entry}")
        except SessionError:
            return False
        return True

    # ------------------------------------------------------------ decap-server, and the publish gate

    def forward(self, request: dict) -> tuple[int, bytes]:
        """Pass a judged request on to decap-server (the JSON that was judged, not the bytes received)."""
        body = json.dumps(request).encode()
        forward = urllib.request.Request(self.git_url, data=body, headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(forward, timeout=120) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()
        except OSError as error:
            return 502, json.dumps({"error": f"Penyimpanan Git lokal tidak menjawab: {error}"}).encode()

    def publish(self, request: dict) -> tuple[int, bytes]:
        """ "Terbitkan": merged only when main merged with the proposal passes ``masterplan check``.

        Decap gives up on a request after 60 s, and a publish it gave up on must not happen
        later unseen: when the check takes longer than ``publish_wait_s`` the publish is refused
        ("still being checked"); the check goes on, and the next Terbitkan finds its result.
        """
        params = request["params"]
        entry = f"{params['collection']}/{params['slug']}"
        with self.publish_lock:
            try:
                key = self._merge_key(f"cms/{entry}")
            except SessionError as exc:
                return 422, json.dumps(
                    {"error": f"Penerbitan ditolak: usulan {entry} tidak ditemukan ({exc})."}
                ).encode()
            worker = threading.Thread(target=self.merge_check, args=(f"cms/{entry}",), daemon=True)
            worker.start()
            worker.join(self.publish_wait_s)
            problems = self.merge_checks.get(key)
            if key in self.unchecked:  # the check itself failed (Git, a timeout): tried again next time
                self.unchecked.discard(key)
                self.merge_checks.pop(key, None)
            if problems is None:
                return 422, json.dumps(
                    {"error": "Usulan ini masih diperiksa bersama cabang utama. Tekan Terbitkan lagi sebentar lagi."}
                ).encode()
            if problems:
                return self._refuse_publish(entry, problems)
            status, payload = self.forward(request)
            if status == 200:
                self.refused = None
            return status, payload

    def _refuse_publish(self, entry: str, problems: list[str]) -> tuple[int, bytes]:
        title = self.gate.labels.get(tuple(entry.split("/", 1)), entry)
        self.refused = {"usulan": entry, "judul": title, "masalah": problems}
        log.error("Penerbitan %s ditolak:\n  %s", entry, "\n  ".join(problems))
        message = (
            "Penerbitan ditolak: bila usulan ini diterbitkan, cabang utama tidak lolos pemeriksaan. "
            "Perbaiki dulu, lalu Simpan dan Terbitkan lagi. "
            + " · ".join(problems[:5])
            + (
                f" · dan {len(problems) - 5} masalah lain (lihat kotak merah di bawah layar)."
                if len(problems) > 5
                else ""
            )
        )
        return 422, json.dumps({"error": message}, ensure_ascii=False).encode()

    def check_soon(self, params: dict) -> None:
        threading.Thread(
            target=self.merge_check, args=(f"cms/{params['collection']}/{params['slug']}",), daemon=True
        ).start()

    def _merge_key(self, draft: str) -> tuple[str, str]:
        return _git(self.root, "rev-parse", self.branch), _git(self.root, "rev-parse", "--verify", draft)

    def merge_check(self, draft: str) -> list[str]:
        """The problems of main merged with ``draft`` ([] when none), computed once per pair of commits."""
        with self.check_lock:  # one scratch worktree: one check at a time
            try:
                key = self._merge_key(draft)
            except SessionError as exc:
                return [str(exc)]
            if key not in self.merge_checks:
                try:
                    problems = self.publish_problems(draft)
                except (publishcheck.CheckError, SessionError, subprocess.TimeoutExpired) as exc:
                    problems = [f"pemeriksaan tidak dapat dijalankan: {exc}"]
                    self.unchecked.add(key)
                if len(self.merge_checks) > 100:
                    self.merge_checks.clear()
                self.merge_checks[key] = problems
            return self.merge_checks[key]

    def publish_problems(self, draft: str) -> list[str]:
        """Why main merged with ``draft`` cannot be published ([] when it can)."""
        outside = [p for p in publishcheck.changed_paths(self.root, self.branch, draft) if not self.gate.may_change(p)]
        if outside:
            return [
                f"usulan mengubah berkas di luar data editor formulir: {', '.join(sessiongate.shown(p) for p in outside)}"
            ]
        commit, conflicts = publishcheck.merged_commit(self.root, self.branch, draft)
        if commit is None:
            return [
                f"{path}: usulan ini dan perubahan yang sudah terbit mengubah bagian yang sama; buka data ini lagi di editor, "
                "salin isian Anda, hapus usulan ini (Hapus perubahan yang belum terbit), lalu sunting ulang."
                for path in conflicts
            ] or ["usulan ini bertentangan dengan perubahan yang sudah terbit"]
        return publishcheck.run_check(self.snapshot(commit, "salinan-periksa"))

    # ------------------------------------------------------------ previews of drafts ("Cek pratinjau")

    def preview(self, params: dict) -> dict | None:
        """Decap's question for a draft's preview: SUCCESS with its address once built, PENDING while it builds."""
        collection, slug = str(params.get("collection", "")), str(params.get("slug", ""))
        try:
            commit = _git(self.root, "rev-parse", "--verify", "--quiet", f"refs/heads/cms/{collection}/{slug}")
        except SessionError:
            return None  # no draft (yet)
        name = re.sub(r"[^a-z0-9-]+", "-", f"{collection}-{slug}".lower()).strip("-")
        url = f"{self.site_url}pratinjau/{name}/"  # Decap appends the file's preview_path (editor.PREVIEW_PAGES)
        if self.preview_commits.get(name) != commit:
            try:
                outside = [
                    p for p in publishcheck.changed_paths(self.root, self.branch, commit) if not self.gate.may_change(p)
                ]
            except publishcheck.CheckError as exc:
                outside = [str(exc)]
            if outside:  # never build (run) a draft that changes the site's code or configuration
                log.warning(
                    "Pratinjau %s tidak dibangun: usulan mengubah %s.",
                    name,
                    ", ".join(sessiongate.shown(p) for p in outside),
                )
                return None
            self.preview_commits[name] = commit
            threading.Thread(target=self._build_preview, args=(name, commit), daemon=True).start()
        built = self.previews.get(name)
        ready = built is not None and built.name.endswith(commit[:12])
        return {"url": url, "status": "SUCCESS" if ready else "PENDING"}

    def _build_preview(self, name: str, commit: str) -> None:
        with self.preview_lock:  # one snapshot worktree for previews: one build at a time
            target = self.root / SESSION_DIR / "pratinjau" / f"{name}-{commit[:12]}"
            if not self._build_into(commit, "salinan-pratinjau", target):
                old, self.previews[name] = self.previews.get(name), target
                if old is not None and old != target:
                    shutil.rmtree(old, ignore_errors=True)
                log.info("Pratinjau %s siap: %spratinjau/%s/", name, self.site_url, name)

    def head(self) -> str | None:
        """The default branch's commit, once decap-server is back on it (not in the middle of a save)."""
        try:
            if _git(self.root, "symbolic-ref", "--short", "HEAD") != self.branch:
                return None
            return _git(self.root, "rev-parse", self.branch)
        except SessionError:
            return None

    def watch(self, interval: float = 1.0) -> None:
        while not self.stopping.wait(interval):
            commit = self.head()
            if commit and commit != self.tried_commit:
                log.info("Perubahan baru diterbitkan (%s); situs dibangun ulang…", commit[:8])
                if self.build(commit):
                    log.info("Situs diperbarui: %s", self.site_url)

    # ------------------------------------------------------------ processes

    def start(self) -> None:
        self.branch = default_branch(self.root)
        server = decap_server(self.root)
        # bound first: the built editor is told this server's address (the port may be chosen by the system)
        self.site_port, note = bind_site(self.site_port) if self.site_port else (0, "")
        if note:
            log.warning(note)
        self.httpd = http.server.ThreadingHTTPServer(
            ("127.0.0.1", self.site_port), functools.partial(SessionFiles, session=self)
        )
        self.git_port, note = free_git_port(self.git_port)
        if note:
            log.warning(note)
        commit = _git(self.root, "rev-parse", self.branch)
        log.info("Membangun situs dari %s (%s)…", self.branch, commit[:8])
        if not self.build(commit):
            raise SessionError(
                "Situs tidak dapat dibangun; perbaiki masalah di atas (`masterplan check`), lalu ulangi."
            )
        env = dict(
            os.environ,
            MODE="git",
            PORT=str(self.git_port),
            BIND_HOST="127.0.0.1",
            GIT_REPO_DIRECTORY=str(self.root),
            LOG_LEVEL="warn",
        )
        backend = subprocess.Popen(["node", str(server)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.processes.append(backend)
        wait_for_decap_server(backend, self.git_url)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.serving = True
        threading.Thread(target=self.watch, daemon=True).start()

    def stop(self) -> None:
        self.stopping.set()
        if self.httpd and self.serving:
            self.httpd.shutdown()  # waits for serve_forever: only when it was started
        if self.httpd:
            self.httpd.server_close()
        for process in self.processes:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
