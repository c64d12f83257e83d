"""The editing session's web server on loopback: the built site, the drafts' previews, and the
form editor's requests to decap-server.

Every request is judged first (``sessiongate.py``): its own Host and Origin, JSON, and only the
editor's actions on its collections' paths; a refused one gets 403 and a log line. What a request
asks of the session (status, preview, publish, forward) is :class:`.editsession.Session`'s.
"""

from __future__ import annotations

import http.server
import json
import logging
import re
import typing
import urllib.parse
from pathlib import Path

from . import sessiongate

if typing.TYPE_CHECKING:
    from .editsession import Session

log = logging.getLogger("masterplan.sunting")

STATUS_PATH = "/sunting/status-sesi.json"  # polled by the editor page (macros/sunting/status.js)
MAX_BODY = 40 * 1024 * 1024  # a JSON request with a base64 upload; larger is refused before it is read


class SessionFiles(http.server.SimpleHTTPRequestHandler):
    """Plain files of the current build (the folder is looked up per request: it is swapped),
    previews of drafts under /pratinjau/<draft>/, and the editor's requests to decap-server.

    Every request is judged first (sessiongate.py): its own Host and Origin, JSON, and only the
    actions and paths of the editor's collections. A refused request is answered 403 and logged.
    """

    # The base class reads this class-level table per request (a class attribute there too).
    extensions_map = {  # noqa: RUF012 - the base class reads this class-level table (typeshed: an instance variable)
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".yml": "text/yaml",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".wasm": "application/wasm",
    }

    def __init__(self, *args, session: Session, **kwargs):
        self.session = session
        super().__init__(*args, directory=str(session.current), **kwargs)

    def _refuse(self, reason: str) -> None:
        log.warning("Permintaan ditolak (403): %s %s: %s.", self.command, sessiongate.shown(self.path), reason)
        self._reply(403, json.dumps({"error": f"Permintaan ditolak oleh sesi penyuntingan: {reason}."}).encode())

    def _foreign(self) -> bool:
        port = typing.cast("tuple[str, int]", self.server.server_address)[1]  # an IPv4 server on loopback
        reason = sessiongate.header_refusal(self.command, self.headers, port)
        if reason:
            self.close_connection = True
            self._refuse(reason)
        return reason is not None

    def do_GET(self):
        if self._foreign():
            return
        if self.path.split("?", 1)[0] == STATUS_PATH:
            self._reply(200, json.dumps(self.session.status(), ensure_ascii=False).encode())
            return
        super().do_GET()

    def do_HEAD(self):
        if not self._foreign():
            super().do_HEAD()

    def translate_path(self, path):
        found = re.match(r"^/pratinjau/([a-z0-9-]+)/", path)
        folder = self.session.previews.get(found.group(1)) if found else None
        if folder is not None:
            rest = urllib.parse.unquote(path[found.end() :].split("?", 1)[0].split("#", 1)[0]) or "index.html"
            wanted = (folder / rest).resolve()
            return str(
                wanted if wanted.is_relative_to(folder.resolve()) else folder / "404.html"
            )  # never outside the preview
        wanted = Path(super().translate_path(path))
        if not wanted.resolve().is_relative_to(Path(self.directory).resolve()):
            return str(Path(self.directory) / ".tidak-ada")  # a link out of the built site is not followed: 404
        return str(wanted)

    def do_POST(self):
        if self._foreign():
            return
        if self.path.split("?", 1)[0] != "/api/v1":
            self._refuse("hanya /api/v1 yang menerima POST")
            return
        length = (
            int(self.headers.get("Content-Length") or 0)
            if (self.headers.get("Content-Length") or "0").isdigit()
            else -1
        )
        if not 0 <= length <= MAX_BODY:
            self.close_connection = True
            self._refuse("ukuran permintaan tidak diketahui atau terlalu besar")
            return
        try:
            request = json.loads(self.rfile.read(length) or b"null")
        except ValueError:
            request = None
        allowed = self.session.allowed
        reason = sessiongate.action_refusal(request, allowed) if allowed is not None else "situs belum selesai dibangun"
        if reason:
            self._refuse(reason)
            return
        if request["action"] == "getDeployPreview":
            self._reply(200, json.dumps(self.session.preview(request["params"])).encode())
        elif request["action"] == "publishUnpublishedEntry":
            self._reply(*self.session.publish(request))
        else:
            status, payload = self.session.forward(request)
            self._reply(status, payload)
            if (
                status == 200
                and request["action"] == "updateUnpublishedEntryStatus"
                and request["params"].get("newStatus") == "pending_publish"
            ):
                self.session.check_soon(request["params"])  # marked "Siap": its publish will find the check done

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
