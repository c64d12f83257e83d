"""Compiled templates kept between runs (masterplan.templatecache): used only when it is the same template,
compiled the same way, from a folder only this user can write."""

from __future__ import annotations

import os

import jinja2
import pytest
from jinja2.sandbox import SandboxedEnvironment

from masterplan import templatecache
from masterplan.render.sandbox import DataOnlySandbox

# Office text: curly quotes, an en dash, NBSP, a soft hyphen, Balinese script.
OFFICE_TEXT = "“Kota Cerdas” – Buleleng\u00a0Bali\u00adnese ᬩᬸᬮᬾᬮᬾᬂ {{ nama }}"


def _env(templates, kept, kind=jinja2.Environment, **options):
    return kind(loader=jinja2.FileSystemLoader(str(templates)), bytecode_cache=kept, **options)


def _no_compiling(env, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("compiled again")

    monkeypatch.setattr(env, "compile", refuse)
    return env


@pytest.fixture
def templates(tmp_path):
    folder = tmp_path / "templat"
    folder.mkdir()
    (folder / "halaman.md.j2").write_text(OFFICE_TEXT, encoding="utf-8")
    return folder


@pytest.fixture
def kept(tmp_path):
    cache = templatecache._kept_in(str(tmp_path / "simpan"))
    assert cache is not None
    return cache


def test_a_second_run_reads_the_compiled_template_and_renders_the_same_text(templates, kept, monkeypatch):
    first = _env(templates, kept).get_template("halaman.md.j2").render(nama="Sukasada")
    assert first == OFFICE_TEXT.replace("{{ nama }}", "Sukasada")
    assert len(list(os.scandir(kept.directory))) == 2  # the entry and the pruning mark
    second = _no_compiling(_env(templates, kept), monkeypatch)
    assert second.get_template("halaman.md.j2").render(nama="Sukasada") == first


def test_an_edited_template_is_compiled_again(templates, kept):
    _env(templates, kept).get_template("halaman.md.j2").render(nama="x")
    (templates / "halaman.md.j2").write_text("Baru: {{ nama }}", encoding="utf-8")
    assert _env(templates, kept).get_template("halaman.md.j2").render(nama="x") == "Baru: x"


def test_the_sandbox_never_runs_code_compiled_for_a_plain_environment(templates, kept):
    # A plain environment calls functions directly; the sandbox's compiled code asks it first.
    (templates / "panggil.j2").write_text("{{ f() }}", encoding="utf-8")

    def f():
        return "dipanggil"

    f.unsafe_callable = True
    assert _env(templates, kept).get_template("panggil.j2").render(f=f) == "dipanggil"
    sandboxed = _env(templates, kept, SandboxedEnvironment).get_template("panggil.j2")
    with pytest.raises(jinja2.exceptions.SecurityError):
        sandboxed.render(f=f)


def test_settings_that_change_the_compiled_code_give_another_entry(templates, kept):
    source = "  {% if true %}\n{{ nama }}\n  {% endif %}\n"
    (templates / "spasi.j2").write_text(source, encoding="utf-8")
    plain = _env(templates, kept).get_template("spasi.j2").render(nama="a")
    trimmed = _env(templates, kept, trim_blocks=True, lstrip_blocks=True).get_template("spasi.j2").render(nama="a")
    assert (plain, trimmed) == ("  \na\n  ", "a\n")
    escaped = _env(templates, kept, autoescape=True).get_template("halaman.md.j2").render(nama="<b>")
    assert "&lt;b&gt;" in escaped
    assert _env(templates, kept).get_template("halaman.md.j2").render(nama="<b>").endswith("<b>")


def test_a_filter_that_now_takes_the_context_is_compiled_again(templates, kept):
    (templates / "saring.j2").write_text("{{ nama | sapa }}", encoding="utf-8")
    env = _env(templates, kept)
    env.filters["sapa"] = lambda value: f"Om Swastiastu {value}"
    assert env.get_template("saring.j2").render(nama="Made") == "Om Swastiastu Made"
    env = _env(templates, kept)
    env.filters["sapa"] = jinja2.pass_context(lambda context, value: f"{context['salam']} {value}")
    assert env.get_template("saring.j2").render(nama="Made", salam="Rahajeng") == "Rahajeng Made"


def test_the_data_only_sandbox_keeps_its_templates_and_its_limits(templates, kept, monkeypatch):
    (templates / "kali.j2").write_text("{{ 'ab' * n }}", encoding="utf-8")
    made = _env(templates, kept, DataOnlySandbox).get_template("kali.j2")
    assert made.render(n=2) == "abab"
    again = _no_compiling(_env(templates, kept, DataOnlySandbox), monkeypatch).get_template("kali.j2")
    with pytest.raises(jinja2.exceptions.SecurityError, match="terlalu besar"):
        again.render(n=10**9)


def test_a_damaged_entry_is_compiled_again(templates, kept):
    env = _env(templates, kept)
    env.get_template("halaman.md.j2").render(nama="x")
    (entry,) = [e for e in os.scandir(kept.directory) if e.name.endswith(".jinja")]
    with open(entry.path, "r+b") as damaged:
        damaged.seek(0, os.SEEK_END)
        size = damaged.tell()
        damaged.truncate(size // 2)
    assert _env(templates, kept).get_template("halaman.md.j2").render(nama="y").endswith("ᬩᬸᬮᬾᬮᬾᬂ y")
    assert os.path.getsize(entry.path) == size  # written again, whole


def test_a_folder_others_may_write_in_is_made_private(tmp_path):
    folder = tmp_path / "bersama"
    folder.mkdir(mode=0o777)
    os.chmod(folder, 0o777)
    assert templatecache._kept_in(str(folder)) is not None
    assert os.stat(folder).st_mode & 0o777 == 0o700


def test_a_link_or_another_users_folder_is_not_used(tmp_path, monkeypatch):
    real = tmp_path / "asli"
    real.mkdir(mode=0o700)
    link = tmp_path / "tautan"
    link.symlink_to(real)
    assert templatecache._kept_in(str(link)) is None
    monkeypatch.setattr(os, "getuid", lambda: os.stat(real).st_uid + 1)
    assert templatecache._kept_in(str(tmp_path / "orang-lain")) is None


def test_keeping_can_be_turned_off(monkeypatch):
    monkeypatch.setenv(templatecache.SETTING, "off")
    assert templatecache.kept() is None
    env = templatecache.keep_compiled(jinja2.Environment())
    assert env.bytecode_cache is None


def test_old_entries_are_removed_once_a_day(tmp_path):
    folder = tmp_path / "lama"
    folder.mkdir(mode=0o700)
    old, fresh = folder / "a.jinja", folder / "b.jinja"
    old.write_bytes(b"x")
    fresh.write_bytes(b"y")
    long_ago = old.stat().st_mtime - (templatecache.KEEP_DAYS + 1) * 86400
    os.utime(old, (long_ago, long_ago))
    templatecache._prune(folder)
    assert not old.exists() and fresh.exists()
    old.write_bytes(b"x")
    os.utime(old, (long_ago, long_ago))
    templatecache._prune(folder)  # pruned less than a day ago: nothing is looked at
    assert old.exists()
