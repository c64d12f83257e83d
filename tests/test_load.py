"""The safe loader: lines, encodings, duplicate keys, hostile YAML."""

from __future__ import annotations

import time
import tracemalloc

from fixtures import write_region
from masterplan.derive import pipeline
from masterplan.load import yamlfiles


def test_lines_are_recorded_for_every_path():
    doc, problems = yamlfiles.load_text("a: 1\nb:\n  - x: 2\n    y: [1, 2]\n", "t.yml")
    assert problems == []
    assert doc.value == {"a": 1, "b": [{"x": 2, "y": [1, 2]}]}
    assert doc.line_of(("b", 0, "y")) == 4
    assert doc.line_of(("b", 0, "missing")) == 3  # falls back to the nearest parent


def test_bom_and_crlf_are_fine(tmp_path):
    data_dir = write_region(tmp_path)
    path = data_dir / "opd.yml"
    text = path.read_text(encoding="utf-8").replace("\n", "\r\n")
    path.write_bytes("\ufeff".encode() + text.encode("utf-8"))
    _, problems = pipeline.check(data_dir, tmp_path)
    assert [p for p in problems if not p.is_warning] == []


def test_invalid_utf8_names_the_line(tmp_path):
    data_dir = write_region(tmp_path)
    path = data_dir / "opd.yml"
    raw = path.read_bytes().replace(b"Bappeda\n", b"Bapp\xe9da\n", 1)
    path.write_bytes(raw)
    _, problems = pipeline.check(data_dir, tmp_path)
    expected = raw[: raw.index(b"\xe9")].count(b"\n") + 1
    assert [(p.file, p.line) for p in problems] == [("data/opd.yml", expected)]
    assert "UTF-8" in problems[0].message


def test_alias_bomb_fails_fast_and_small():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    text = "\n".join(lines) + "\n"
    tracemalloc.start()
    started = time.perf_counter()
    _, problems = yamlfiles.load_text(text, "bom.yml")
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [(p.line, "alias" in p.message) for p in problems] == [(2, True)]
    assert elapsed < 1.0 and peak < 50_000_000


def test_deep_nesting_is_refused():
    _, problems = yamlfiles.load_text("a: " + "[" * 3000 + "]" * 3000 + "\n", "dalam.yml")
    assert len(problems) == 1 and "bersarang" in problems[0].message


def test_empty_file(tmp_path):
    _, problems = pipeline.check(write_region(tmp_path, texts={"monev.yml": ""}), tmp_path)
    assert [(p.file, p.line) for p in problems] == [("data/monev.yml", 1)]
    assert "kosong" in problems[0].message


def test_multiple_documents_refused():
    _, problems = yamlfiles.load_text("a: 1\n---\nb: 2\n", "t.yml")
    assert len(problems) == 1 and problems[0].line == 3


def test_bold_text_without_anchors_is_read_by_the_c_composer(monkeypatch):
    """Markdown's `**bold**` looks like an alias; a file with no anchor goes to the C composer all the same,
    and reads as the Python composer reads it (values, lines, numbers as typed)."""
    text = (
        "ringkasan: >-\n  Ibu kota di **Singaraja** dan *Seririt*\n"
        "butir:\n  - |\n    - **Buleleng** cerdas\n  - nilai: 2.000\n    catatan: '*kutip*'\n"
    )
    if yamlfiles._FAST_LOADER is None:  # PyYAML without LibYAML: the Python composer reads every file
        return
    used = []
    real = yamlfiles.yaml.compose_all

    def compose_all(stream, Loader):
        used.append(Loader)
        return real(stream, Loader=Loader)

    monkeypatch.setattr(yamlfiles.yaml, "compose_all", compose_all)
    fast, problems = yamlfiles._parse_text(text, "t.yml")  # not load_text: it keeps the last text of a file
    assert used == [yamlfiles._FAST_LOADER] and problems == []
    assert fast.value["butir"][0] == "- **Buleleng** cerdas\n"
    monkeypatch.setattr(yamlfiles, "_FAST_LOADER", None)  # the Python composer only
    slow, _ = yamlfiles._parse_text(text, "t.yml")
    assert used[1:] == [yamlfiles._Loader]
    assert (fast.value, fast.lines, fast.numbers) == (slow.value, slow.lines, slow.numbers)


def test_an_alias_beside_bold_text_is_still_refused_at_its_line():
    for text, line in (
        ("a: teks **tebal**\nb: &x 1\nc: *x\n", 3),  # an anchor: the Python composer, which stops at the alias
        ("a: teks **tebal**\nb:\n  - 1\n  - *x\n", 4),  # no anchor: the C composer fails, the Python one says why
    ):
        _, problems = yamlfiles.load_text(text, "t.yml")
        assert [(p.line, "alias" in p.message) for p in problems] == [(line, True)]
