"""What the build keeps between uses gives the same answers as working it out again.

The parsed YAML of an unchanged file, the Markdown rule's verdict on a text, a serve rebuild's
phone marks of an unchanged page and its list of theme files, Sastrawi's compiled rules.
"""

from __future__ import annotations

import re

import jinja2

from masterplan.load import yamlfiles
from masterplan.site import search, servecache, stemming
from masterplan.validate import htmlrule

YAML = "nama: Program #1\ndaftar:\n  - a\n  - 2.000\npeta:\n  kunci: nilai\n"


def test_yaml_parsed_again_is_a_copy_of_its_own():
    first, problems = yamlfiles.load_text(YAML, "data/x.yml")
    first.value["daftar"].append("diubah")  # load_dir and validation may change what they get
    first.lines.clear()
    second, again = yamlfiles.load_text(YAML, "data/x.yml")
    assert second.value == {"nama": "Program", "daftar": ["a", 2.0], "peta": {"kunci": "nilai"}}
    assert second.lines[("daftar", 1)] == 4 and second.numbers[("daftar", 1)] == "2.000"
    assert again == problems and len(problems) == 1  # the ` #` comment cut, found again
    changed, _ = yamlfiles.load_text(YAML.replace("nilai", "lain"), "data/x.yml")
    assert changed.value["peta"] == {"kunci": "lain"}


def test_markdown_rule_answers_each_caller_with_its_own_list():
    text = "Teks <script>alert(1)</script>\n"
    found = htmlrule.markdown_findings(text)
    assert found and found == htmlrule.markdown_findings(text)
    found.clear()
    assert htmlrule.markdown_findings(text)
    assert htmlrule.markdown_findings("Teks biasa.\n") == []


class _Page:
    def __init__(self, uri: str):
        self.file = type("F", (), {"src_uri": uri})()


def test_serve_reuses_phone_marks_only_for_the_same_html():
    cache = servecache.ServeCache()
    calls: list[str] = []

    def mark(html: str) -> str:
        calls.append(html)
        return html.upper()

    page = _Page("a.md")
    assert cache.phone_html(page, "<p>x</p>", mark) == "<P>X</P>"
    assert cache.phone_html(page, "<p>x</p>", mark) == "<P>X</P>"
    assert cache.phone_html(page, "<p>y</p>", mark) == "<P>Y</P>"
    assert cache.phone_html(_Page("b.md"), "<p>y</p>", mark) == "<P>Y</P>"
    assert calls == ["<p>x</p>", "<p>y</p>", "<p>y</p>"]


class _Theme:
    def __init__(self, dirs: list[str], custom_dir: str):
        self.dirs, self.custom_dir, self.static_templates = dirs, custom_dir, ["sitemap.xml"]

    def get_env(self) -> jinja2.Environment:
        return jinja2.Environment(loader=jinja2.FileSystemLoader(self.dirs))


def test_serve_lists_theme_files_as_jinja_does_and_sees_new_ones(tmp_path):
    installed, custom = tmp_path / "tema", tmp_path / "proyek"
    for path in ("base.html", "assets/app.js", "assets/.hidden", "sitemap.xml", "partials/nav.html"):
        (installed / path).parent.mkdir(parents=True, exist_ok=True)
        (installed / path).write_text("x", encoding="utf-8")
    (custom / "assets").mkdir(parents=True)
    (custom / "assets/extra.css").write_text("x", encoding="utf-8")
    theme = _Theme([str(custom), str(installed)], str(custom))
    reference = theme.get_env()
    cache = servecache.ServeCache()
    cache.share_compiled_templates(theme)

    def static(name: str) -> bool:
        return not name.endswith(".html") and "/." not in name and name not in theme.static_templates

    assert theme.get_env().list_templates(filter_func=static) == reference.list_templates(filter_func=static)
    assert theme.get_env().list_templates(filter_func=static) == ["assets/app.js", "assets/extra.css"]
    (custom / "assets/new.js").write_text("x", encoding="utf-8")  # the project's own folder: listed every time
    assert "assets/new.js" in theme.get_env().list_templates(filter_func=static)
    assert theme.get_env().list_templates(extensions=["html"]) == reference.list_templates(extensions=["html"])


def test_sastrawi_rules_match_as_re_does():
    shim = stemming.SastrawiRe()
    for pattern, word in [(r"^ber([aiueo].*)$", "berakhir"), (r"^me(ng)([aiueo].*)$", "mengajar"), ("^x", "ya")]:
        got, want = shim.match(pattern, word), re.match(pattern, word)
        assert (got and got.groups()) == (want and want.groups())
    for pattern, repl, word, count in [
        ("ajar", "", "mengajarajar", 1),
        ("ajar", "", "mengajarajar", 0),
        ("a.", "", "abab", 1),
    ]:
        assert shim.sub(pattern, repl, word, count) == re.sub(pattern, repl, word, count=count)


def test_roots_of_affixed_words():
    roots = search.roots({"pembangunan", "memperbaiki", "diperbarui", "kesehatan", "program", "xyzq"})
    assert roots["pembangunan"] == "bangun" and roots["memperbaiki"] == "baik" and roots["kesehatan"] == "sehat"
    assert roots["program"] == "program" and roots["xyzq"] == "xyzq"


def test_kept_search_index_goes_in_linked_and_stays_whole_when_the_site_is_kept(tmp_path):
    cache = servecache.ServeCache()
    site = tmp_path / "situs"
    (site / "a").mkdir(parents=True)
    (site / "a/index.html").write_text("<p>a</p>", encoding="utf-8")

    def make_index(site_dir):
        (site_dir / "pagefind").mkdir()
        (site_dir / "pagefind/entry.json").write_text('{"x": 1}', encoding="utf-8")

    try:
        assert cache.search_index(site, make_index, "pagefind") is False
        for _ in range(2):  # the second time over the files the first reuse put there (serve --dirty)
            assert cache.search_index(site, make_index, "pagefind") is True
            assert (site / "pagefind/entry.json").read_text(encoding="utf-8") == '{"x": 1}'
        (site / "pagefind/entry.json").unlink()  # the next rebuild empties the site: the kept index stays
        assert cache.search_index(site, make_index, "pagefind") is True
        assert (site / "pagefind/entry.json").read_text(encoding="utf-8") == '{"x": 1}'
    finally:
        cache.close()
