"""What the local editing session (``masterplan sunting``) accepts, and what it refuses.

Every web page the editor's browser opens can send requests to a server on loopback: a form
or a ``text/plain`` fetch needs no CORS preflight, and a DNS-rebinding page reaches it under a
foreign ``Host``. So the session answers only requests that are addressed to itself (``Host``
``127.0.0.1:<port>`` or ``localhost:<port>``), come from its own page (``Origin``, when the
browser sends one), and for POST carry JSON; and it passes on to decap-server only the actions
the form editor needs, on the paths its collections name (the data files and the media
folder), on the session's own branch. Everything else is refused with 403 and a log line.

Pure functions: the HTTP handler in ``editsession.py`` asks them before doing anything.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

# C0/C1 controls, line separators and bidirectional overrides: escaped in log lines.
_UNSHOWN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_MEDIA_NAME = re.compile(r"^[^/\\\x00-\x1f\x7f]+$")


def shown(text: object, limit: int = 200) -> str:
    """A request's text for the session's log: one line, invisible characters escaped."""
    text = str(text)[:limit]
    return _UNSHOWN.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


@dataclass(frozen=True)
class Allowed:
    """What the editor's collections name: (collection, file name) -> data file, and the media folder."""

    port: int
    branch: str
    entries: dict  # (collection, slug) -> "data/....yml"
    media_folder: str
    labels: dict = field(default_factory=dict)  # (collection, slug) -> the name the editor shows

    @classmethod
    def from_config(cls, config: dict, port: int, branch: str) -> Allowed:
        files = [(c["name"], f) for c in config.get("collections", []) for f in c.get("files", [])]
        entries = {(c, f["name"]): f["file"] for c, f in files}
        labels = {(c, f["name"]): str(f.get("label") or f["name"]) for c, f in files}
        return cls(port, branch, entries, str(config.get("media_folder", "")).strip("/"), labels)

    @property
    def data_paths(self) -> frozenset:
        return frozenset(self.entries.values())

    def is_media(self, path: object) -> bool:
        """A file directly in the media folder, named plainly (no folders, no hidden files)."""
        if not isinstance(path, str) or not self.media_folder or posixpath.normpath(path) != path:
            return False
        folder, name = posixpath.split(path)
        return folder == self.media_folder and bool(_MEDIA_NAME.match(name)) and not name.startswith(".")

    def may_change(self, path: str) -> bool:
        """May a proposal (a draft branch) change this file?"""
        return path in self.data_paths or self.is_media(path)


# ------------------------------------------------------------------ the HTTP request


def own_hosts(port: int) -> tuple[str, str]:
    return f"127.0.0.1:{port}", f"localhost:{port}"


def header_refusal(method: str, headers, port: int) -> str | None:
    """Why a request is not the session's own (Host, Origin, Content-Type), or None."""
    host = headers.get("Host")
    if host not in own_hosts(port):
        return f"Host `{shown(host)}` bukan alamat sesi ini"
    origin = headers.get("Origin")
    if origin is not None and origin not in {f"http://{h}" for h in own_hosts(port)}:
        return f"Origin `{shown(origin)}` bukan halaman sesi ini"
    if method == "POST":
        media_type = (headers.get("Content-Type") or "").split(";", 1)[0].strip().lower()
        if media_type != "application/json":
            return f"Content-Type `{shown(headers.get('Content-Type'))}` bukan application/json"
    return None


# ------------------------------------------------------------------ the decap-server action


def _entry(allowed: Allowed, params: dict) -> str | None:
    key = (params.get("collection"), params.get("slug"))
    if key not in allowed.entries:
        return f"data `{shown(key[0])}/{shown(key[1])}` bukan data editor formulir"
    return None


def _entry_by_id(allowed: Allowed, params: dict) -> str | None:
    if "id" in params:
        collection, _, slug = str(params["id"]).partition("/")
        if ("collection" in params or "slug" in params) and (params.get("collection"), params.get("slug")) != (
            collection,
            slug,
        ):
            return "`id` dan `collection`/`slug` tidak sama"
        return _entry(allowed, {"collection": collection, "slug": slug})
    return _entry(allowed, params)


def _data_path(allowed: Allowed, path: object) -> str | None:
    return None if path in allowed.data_paths else f"berkas `{shown(path)}` bukan berkas data editor formulir"


def _media_path(allowed: Allowed, path: object) -> str | None:
    return (
        None
        if allowed.is_media(path)
        else f"berkas `{shown(path)}` bukan berkas di folder unggahan `{allowed.media_folder}`"
    )


def _first(*reasons: str | None) -> str | None:
    return next((r for r in reasons if r), None)


def _info(allowed, p):
    return None


def _entries_by_files(allowed, p):
    files = p.get("files")
    if not isinstance(files, list) or not files:
        return "daftar berkas kosong"
    return _first(*(_data_path(allowed, f.get("path") if isinstance(f, dict) else None) for f in files))


def _get_entry(allowed, p):
    return _data_path(allowed, p.get("path"))


def _branch_list(allowed, p):
    return None


def _unpublished_entry(allowed, p):
    return _entry_by_id(allowed, p)


def _draft_data_file(allowed, p):
    return _first(_entry(allowed, p), _data_path(allowed, p.get("path")))


def _draft_media_file(allowed, p):
    return _first(_entry(allowed, p), _media_path(allowed, p.get("path")))


def _persist_entry(allowed, p):
    options = p.get("options") if isinstance(p.get("options"), dict) else {}
    if options.get("useWorkflow") is not True:
        return "penyimpanan langsung ke cabang utama (tanpa alur persetujuan) tidak diizinkan"
    files = p.get("dataFiles") if "dataFiles" in p else [p.get("entry")]
    if not isinstance(files, list) or not files or not all(isinstance(f, dict) for f in files):
        return "isi penyimpanan tidak lengkap"
    collection = options.get("collectionName")
    for data_file in files:
        own = allowed.entries.get((collection, data_file.get("slug")))
        if own is None:
            return f"data `{shown(collection)}/{shown(data_file.get('slug'))}` bukan data editor formulir"
        for key in ("path", "newPath"):
            if key in data_file and data_file[key] != own:
                return f"berkas `{shown(data_file[key])}` bukan berkas data `{shown(collection)}/{shown(data_file.get('slug'))}`"
    assets = p.get("assets")
    if not isinstance(assets, list):
        return "daftar berkas unggahan tidak ada"
    return _first(*(_media_path(allowed, a.get("path") if isinstance(a, dict) else None) for a in assets))


def _get_media(allowed, p):
    return (
        None
        if p.get("mediaFolder") == allowed.media_folder
        else f"folder `{shown(p.get('mediaFolder'))}` bukan folder unggahan"
    )


def _get_media_file(allowed, p):
    return _media_path(allowed, p.get("path"))


# decap-server's actions that the form editor sends, each with the check of its parameters.
# Not listed (refused): `entriesByFolder` (no folder collections); `persistMedia`, `deleteFile`
# and `deleteFiles`, which write to the default branch directly, past the publish check (the
# forms have no file fields: an upload can only come with a draft, as an asset of `persistEntry`);
# anything unknown.
ACTIONS = {
    "info": _info,
    "entriesByFiles": _entries_by_files,
    "getEntry": _get_entry,
    "unpublishedEntries": _branch_list,
    "unpublishedEntry": _unpublished_entry,
    "unpublishedEntryDataFile": _draft_data_file,
    "unpublishedEntryMediaFile": _draft_media_file,
    "deleteUnpublishedEntry": _entry,
    "persistEntry": _persist_entry,
    "updateUnpublishedEntryStatus": _entry,
    "publishUnpublishedEntry": _entry,
    "getMedia": _get_media,
    "getMediaFile": _get_media_file,
    "getDeployPreview": _entry,
}


def action_refusal(request: object, allowed: Allowed) -> str | None:
    """Why a decap-server request is not one the form editor makes on its own data, or None."""
    if not isinstance(request, dict):
        return "isi permintaan bukan objek JSON"
    action = request.get("action")
    check = ACTIONS.get(action) if isinstance(action, str) else None
    if check is None:
        return f"tindakan `{shown(action)}` tidak dipakai editor formulir"
    params = request.get("params")
    if action == "info":
        return None
    if not isinstance(params, dict):
        return "parameter permintaan tidak ada"
    if params.get("branch") != allowed.branch:
        return f"cabang `{shown(params.get('branch'))}` bukan cabang sesi ini (`{allowed.branch}`)"
    return check(allowed, params)
