"""The theme's static files MkDocs copies are the same when the theme's dot folders are not walked."""

from __future__ import annotations

from pathlib import Path

import jinja2
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from masterplan.site import themefiles

ROOT = Path(__file__).resolve().parents[1]


def _theme_files(config, fast: bool) -> list[tuple[str, str | None]]:
    env = config.theme.get_env()
    if fast:
        env.list_templates = lambda extensions=None, filter_func=None: themefiles.list_templates(
            env, extensions, filter_func
        )
    files = Files([])
    files.add_files_from_theme(env, config)
    return [(f.src_uri, f.abs_src_path) for f in files]


def test_mkdocs_filter_is_recognised():
    assert themefiles._FILTER is not None  # else every listing falls back to Jinja's own (still right, not faster)


def test_sample_theme_files_unchanged():
    config = load_config(str(ROOT / "mkdocs.yml"))
    slow = _theme_files(config, fast=False)
    assert slow == _theme_files(config, fast=True)
    assert any(uri.startswith("assets/") for uri, _ in slow)


def test_made_up_theme(tmp_path):
    theme = tmp_path / "tema"
    for name in [
        ".icons/a/b.svg",
        ".hidden.css",
        ".git/config",
        "assets/.x/y.js",
        "assets/app.js",
        "assets/app.css",
        "partials/x.html",
        "img/logo.png",
        "README.md",
        "docs/readme.txt",
        "locales/id.json",
        "fonts/.keep",
        "x.py",
    ]:
        (theme / name).parent.mkdir(parents=True, exist_ok=True)
        (theme / name).write_text("x", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: t\ntheme:\n  name: null\n  custom_dir: {theme}\n  static_templates: [img/logo.png]\n",
        encoding="utf-8",
    )
    config = load_config(str(tmp_path / "mkdocs.yml"))
    slow = _theme_files(config, fast=False)
    assert slow == _theme_files(config, fast=True)
    assert sorted(uri for uri, _ in slow) == ["assets/app.css", "assets/app.js"]


def test_other_calls_are_jinja_own(tmp_path):
    (tmp_path / ".a").mkdir()
    (tmp_path / ".a" / "b.html").write_text("x", encoding="utf-8")
    (tmp_path / "c.html").write_text("x", encoding="utf-8")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path)))
    assert themefiles.list_templates(env) == [".a/b.html", "c.html"]
    assert themefiles.list_templates(env, filter_func=lambda n: True) == [".a/b.html", "c.html"]
