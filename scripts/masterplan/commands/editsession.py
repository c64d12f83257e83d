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

The editor talks to decap-server through this server (``/api/v1``, same origin), which
answers one question itself: "Cek pratinjau" asks for the preview of a draft, and the
session builds the draft's branch the same way and serves it under ``/pratinjau/<draft>/``.
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

from ..site import editor

log = logging.getLogger("masterplan.sunting")
SESSION_DIR = Path(".cache") / "sunting"


class SessionError(Exception):
    """The session cannot start; message in Indonesian, saying what to do."""


def _git(root: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
    if result.returncode != 0:
        raise SessionError(f"git {' '.join(args)} gagal: {result.stderr.strip()}")
    return result.stdout.strip()


def default_branch(root: Path) -> str:
    if not (root / ".git").exists():
        raise SessionError(f"{root} bukan repositori Git. Jalankan `masterplan sunting` di folder hasil `git clone` rencana induk.")
    return _git(root, "symbolic-ref", "--short", "HEAD")


def decap_server(root: Path) -> Path:
    modules = editor.find_node_modules(root)
    server = modules / "decap-server" / "dist" / "index.js" if modules else None
    if server is None or not server.is_file():
        raise SessionError("Paket npm `decap-server` tidak ada di node_modules. Jalankan `npm ci` (atau `bash scripts/setup.sh`) di folder proyek, lalu ulangi.")
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
            lines = [line for line in process.stderr.read().decode(errors="replace").splitlines() if line.strip() and not line.lstrip().startswith("at ")]
            raise SessionError("Penyimpanan Git lokal (decap-server) tidak dapat berjalan: " + (lines[-1].strip() if lines else "tanpa pesan")
                               + ". Tutup program lain yang memakai portnya atau pilih port lain dengan `--port-git`.")
        try:
            with urllib.request.urlopen(request, timeout=2):
                return
        except (OSError, urllib.error.URLError):
            time.sleep(0.2)
    raise SessionError(f"Penyimpanan Git lokal (decap-server) tidak menjawab di {url} setelah {seconds:.0f} detik. Hentikan sesi (Ctrl+C) lalu ulangi.")


class _Files(http.server.SimpleHTTPRequestHandler):
    """Plain files of the current build (the folder is looked up per request: it is swapped),
    previews of drafts under /pratinjau/<draft>/, and the editor's requests to decap-server."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".yml": "text/yaml", ".js": "text/javascript",
                      ".mjs": "text/javascript", ".wasm": "application/wasm"}

    def __init__(self, *args, session: "Session", **kwargs):
        self.session = session
        super().__init__(*args, directory=str(session.current), **kwargs)

    def translate_path(self, path):
        found = re.match(r"^/pratinjau/([a-z0-9-]+)/", path)
        folder = self.session.previews.get(found.group(1)) if found else None
        if folder is not None:
            rest = urllib.parse.unquote(path[found.end():].split("?", 1)[0].split("#", 1)[0]) or "index.html"
            wanted = (folder / rest).resolve()
            return str(wanted if wanted.is_relative_to(folder.resolve()) else folder / "404.html")  # never outside the preview
        return super().translate_path(path)

    def do_POST(self):
        if self.path.split("?", 1)[0] != "/api/v1":
            self.send_error(404)
            return
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            request = json.loads(body or b"{}")
        except ValueError:
            request = {}
        if request.get("action") == "getDeployPreview":
            self._reply(200, json.dumps(self.session.preview(request.get("params") or {})).encode())
            return
        forward = urllib.request.Request(self.session.git_url, data=body, headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(forward, timeout=120) as response:
                self._reply(response.status, response.read())
        except urllib.error.HTTPError as error:
            self._reply(error.code, error.read())
        except OSError as error:
            self._reply(502, json.dumps({"error": f"Penyimpanan Git lokal tidak menjawab: {error}"}).encode())

    def _reply(self, status: int, payload: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")  # a rebuilt page is seen on the next visit
        super().end_headers()

    def log_message(self, *args):
        pass


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
    serving: bool = False

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

    def _build_into(self, commit: str, snapshot: str, target: Path) -> bool:
        source = self.snapshot(commit, snapshot)
        shutil.rmtree(target, ignore_errors=True)
        env = dict(os.environ, MASTERPLAN_EDITOR_LOCAL_BACKEND=self.backend_url, NO_MKDOCS_2_WARNING="1")
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(target)], cwd=source, env=env,
                                capture_output=True, text=True)
        if result.returncode != 0:
            log.error("Situs gagal dibangun dari %s.\n%s", commit[:8], result.stderr.strip()[-3000:])
            shutil.rmtree(target, ignore_errors=True)
            return False
        return True

    def build(self, commit: str) -> bool:
        """Build ``commit`` into a new folder and serve it; the old build stays on failure."""
        self.tried_commit = commit
        self.builds += 1
        target = self.root / SESSION_DIR / f"situs-{self.builds}"
        if not self._build_into(commit, "salinan", target):
            log.error("Situs sebelumnya tetap tampil.")
            return False
        old, self.current, self.built_commit = self.current, target, commit
        if old != Path() and old != target:
            shutil.rmtree(old, ignore_errors=True)
        return True

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
            self.preview_commits[name] = commit
            threading.Thread(target=self._build_preview, args=(name, commit), daemon=True).start()
        built = self.previews.get(name)
        ready = built is not None and built.name.endswith(commit[:12])
        return {"url": url, "status": "SUCCESS" if ready else "PENDING"}

    def _build_preview(self, name: str, commit: str) -> None:
        with self.preview_lock:  # one snapshot worktree for previews: one build at a time
            target = self.root / SESSION_DIR / "pratinjau" / f"{name}-{commit[:12]}"
            if self._build_into(commit, "salinan-pratinjau", target):
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
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", self.site_port), functools.partial(_Files, session=self))
        self.git_port, note = free_git_port(self.git_port)
        if note:
            log.warning(note)
        commit = _git(self.root, "rev-parse", self.branch)
        log.info("Membangun situs dari %s (%s)…", self.branch, commit[:8])
        if not self.build(commit):
            raise SessionError("Situs tidak dapat dibangun; perbaiki masalah di atas (`masterplan check`), lalu ulangi.")
        env = dict(os.environ, MODE="git", PORT=str(self.git_port), BIND_HOST="127.0.0.1", GIT_REPO_DIRECTORY=str(self.root), LOG_LEVEL="warn")
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
