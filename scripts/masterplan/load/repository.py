"""Which GitHub repository the site is built from, and which one its `edit_url` names.

The programme pages' "Sunting sumber data" links and the form editor's repository both
come from the plugin's `edit_url` in mkdocs.yml. A fork that keeps the sample's value
sends its editors to another region's repository, so `check` and every build warn when
`edit_url` names another repository than the Git remote `origin` the site is built from.
`masterplan baru wilayah` writes `edit_url` from that remote (see :func:`set_edit_url`).
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import WARNING, Problem
from . import gitread

# https://github.com/O/R(.git), git@github.com:O/R(.git), ssh://git@github.com/O/R(.git)
_GITHUB = re.compile(
    r"^(?:https?://(?:[^@/]+@)?github\.com/|git@github\.com:|ssh://git@github\.com/)([^/\s]+/[^/\s]+?)(?:\.git)?/?$",
    re.I,
)
_EDIT_URL = re.compile(r"^https://github\.com/([^/\s]+/[^/\s]+)/(?:edit|blob)/([^/\s]+)/?", re.I)
_EDIT_LINE = re.compile(r"^(\s*)edit_url:[ \t]*(\S*)[ \t]*$", re.M)


def github_repository(url: str) -> str | None:
    """ "owner/name" of a GitHub remote URL; None for any other host or a local path."""
    found = _GITHUB.match((url or "").strip())
    return found.group(1) if found else None


def remote_repository(root: Path) -> str | None:
    """The GitHub repository of the remote `origin`; None outside a Git clone or for another host."""
    try:
        url = gitread.run(root, "config", "--get", "remote.origin.url", timeout=10)
    except gitread.GitError:
        return None
    return github_repository(url.decode("utf-8", errors="replace"))


def current_branch(root: Path) -> str:
    try:
        return (
            gitread.run(root, "symbolic-ref", "--short", "-q", "HEAD", timeout=10)
            .decode("utf-8", errors="replace")
            .strip()
            or "main"
        )
    except gitread.GitError:
        return "main"


def edit_url_in(config_text: str) -> tuple[str, int] | None:
    """The `edit_url` written in mkdocs.yml and its line (the plugin's option; one per file)."""
    found = _EDIT_LINE.search(config_text)
    if found is None:
        return None
    return found.group(2).strip("\"'"), config_text.count("\n", 0, found.start()) + 1


def edit_url_for(repository: str, branch: str) -> str:
    return f"https://github.com/{repository}/edit/{branch}/"


_EDITOR_LINE = re.compile(r"^(\s*)editor:[ \t]*\S*[ \t]*$", re.M)


def set_edit_url(config_file: Path, url: str) -> bool:
    """Write `edit_url` in mkdocs.yml, keeping every other line and comment; False when there is none.

    Without a URL the form editor, which needs one, is switched off (`editor: false`) rather than
    left pointing at another region's repository."""
    text = config_file.read_text(encoding="utf-8")
    found = _EDIT_LINE.search(text)
    if found is None:
        return False
    indent = found.group(1)
    written = f"{indent}edit_url: {url or chr(34) * 2}"
    editor = _EDITOR_LINE.search(text)
    if not url:
        if editor is None:
            written += f"\n{indent}editor: false"
        else:
            text = _EDITOR_LINE.sub(lambda m: f"{m.group(1)}editor: false", text, count=1)
    elif editor is not None:
        text = _EDITOR_LINE.sub(lambda m: f"{m.group(1)}editor: true", text, count=1)
    config_file.write_text(_EDIT_LINE.sub(lambda m: written, text, count=1), encoding="utf-8")
    return True


def mismatch(config_file: Path, root: Path) -> list[Problem]:
    """A warning when `edit_url` names another GitHub repository than the remote `origin`."""
    if not config_file.is_file():
        return []
    written = edit_url_in(config_file.read_text(encoding="utf-8"))
    remote = remote_repository(root)
    if written is None or remote is None:
        return []
    url, line = written
    found = _EDIT_URL.match(url)
    named = found.group(1) if found else None
    if named is not None and named.lower() == remote.lower():
        return []
    shown = config_file.name
    what = f"menyebut repositori `{named}`" if named else f"bukan alamat sunting GitHub (`{url or 'kosong'}`)"
    return [
        Problem(
            shown,
            line,
            f"`edit_url` {what}, padahal situs ini dibangun dari repositori `{remote}` (remote `origin`): "
            f'tautan "Sunting sumber data" dan editor formulir akan membuka repositori lain. Tulis '
            f"`edit_url: {edit_url_for(remote, current_branch(root))}`.",
            WARNING,
        )
    ]
