"""Stage 1, load: read ``data/**/*.yml`` safely, remembering the line of every value.

PyYAML composes each file into a node tree; we then build plain Python values
ourselves so that we can (a) record ``path -> line`` for every key and item,
(b) reject duplicate keys, anchors/aliases and unknown tags, and (c) stop
alias bombs and absurd nesting before they cost time or memory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problem, shown_path
from . import inputs, yamlerrors

Path_ = tuple[Any, ...]

MAX_FILE_BYTES = 5_000_000
MAX_DEPTH = 40
MAX_NODES = 500_000

SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}


@dataclass
class Document:
    """One YAML file: its value and the line of each path inside it."""

    file: str  # as shown to editors, e.g. ``data/program/governance.yml``
    value: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    # The text as typed of every unquoted scalar that YAML read as a number: `2.000` is 2.0.
    numbers: dict[Path_, str] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int:
        """The line of ``path``, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


class _AliasUsed(Exception):
    def __init__(self, mark: yaml.Mark):
        self.mark = mark


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses aliases while composing, before any expansion."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise _AliasUsed(self.peek_event().start_mark)
        return super().compose_node(parent, index)


# An alias needs `*name` outside quotes; without any `*` after a separator none can exist,
# so the fast C composer (which cannot report where an alias is used) is safe for that text.
_MAYBE_ALIAS = re.compile(r"(?:^|[\s\[{,:-])\*[^\s,\]}]")
# Nor can one be used without its `&name` anchor: the C composer stops at an alias it has no anchor for.
# Markdown's `**bold**` in a text looks like an alias; with no anchor in the file the C composer reads it,
# and any error sends the text through the Python composer after all, for its own report (an alias's line).
_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[{,:-])&[^\s,\]}]")
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def _compose(text: str) -> list:
    if _FAST_LOADER is not None:
        if not _MAYBE_ALIAS.search(text):
            return list(yaml.compose_all(text, Loader=_FAST_LOADER))
        if not _MAYBE_ANCHOR.search(text):
            try:
                return list(yaml.compose_all(text, Loader=_FAST_LOADER))
            except (yaml.YAMLError, RecursionError):
                pass
    return list(yaml.compose_all(text, Loader=_Loader))


class _Builder:
    """Turns a composed node tree into Python values with line numbers."""

    def __init__(self, doc: Document, text: str = ""):
        self.doc = doc
        self.text_lines = text.splitlines()
        self.problems: list[Problem] = []
        self.constructor = yaml.SafeLoader("")
        self.count = 0

    def problem(self, node: yaml.Node, message: str) -> None:
        self.problems.append(Problem(self.doc.file, node.start_mark.line + 1, message))

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES or depth > MAX_DEPTH:
            raise _TooBig(node, depth > MAX_DEPTH)
        self.doc.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            if node.tag != "tag:yaml.org,2002:map":
                return self.refuse_tag(node)
            return self.mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                return self.refuse_tag(node)
            return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)  # composed YAML holds mappings, sequences and scalars
        value = self.scalar(node)
        if not node.style:  # plain (None, or "" from LibYAML): what was typed may differ from what YAML read
            self.plain(node, path, value)
        return value

    def plain(self, node: yaml.ScalarNode, path: Path_, value: Any) -> None:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            self.doc.numbers[path] = node.value
        elif isinstance(value, str):
            self.comment_cut(node, value)
            self.merged_item(node, value)

    def merged_item(self, node: yaml.ScalarNode, value: str) -> None:
        """`- M1` then `   - M2` (one space too deep) reads as the single text `M1 - M2`, silently."""
        for line in range(node.start_mark.line + 1, min(node.end_mark.line + 1, len(self.text_lines))):
            if self.text_lines[line].lstrip().startswith("- "):
                shown = value if len(value) <= 60 else value[:57] + "..."
                self.problems.append(
                    Problem(
                        self.doc.file,
                        line + 1,
                        f"butir daftar di baris ini menjorok lebih dalam daripada butir di atasnya, sehingga YAML menggabungkannya ke nilai sebelumnya (`{shown}`); samakan indentasi `- ` dengan butir lain.",
                    )
                )
                return

    def comment_cut(self, node: yaml.ScalarNode, value: str) -> None:
        """`nama: Program #1` reads `Program`: YAML takes ` #` as the start of a comment."""
        line = node.end_mark.line
        rest = self.text_lines[line][node.end_mark.column :] if line < len(self.text_lines) else ""
        # One space before `#`, or `#` stuck to a word (#1, #tagar): text, not a deliberate comment.
        cut = re.match(r"(?: #|\s+#(?=\S))(.*)", rest)
        if cut:
            key = self.text_lines[node.start_mark.line][: node.start_mark.column].strip(" -:")
            whole = f"{value} #{cut.group(1)}".replace('"', '\\"')
            shown = f"{key}: " if key else ""
            self.problem(
                node,
                f"teks setelah ` #` terpotong karena YAML membacanya sebagai komentar; yang terbaca hanya `{value}`. "
                f'Bila `#` bagian dari teks, beri tanda kutip: `{shown}"{whole.rstrip()}"`.',
            )

    def mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node, "kunci harus berupa teks sederhana, bukan daftar atau peta.")
                continue
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problem(key_node, "penggabungan YAML (<<) tidak didukung; tulis setiap kunci secara lengkap.")
                continue
            key = self.scalar(key_node)
            if isinstance(key, bool) or key is None:
                key = key_node.value  # `no:` or `~:` as a key means the text the editor typed
            if key in result:
                first = self.doc.lines.get(path + (key,), "?")
                self.problem(
                    key_node, f"kunci '{key}' ditulis dua kali (pertama di baris {first}); hapus salah satunya."
                )
                continue
            self.doc.lines[path + (key,)] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, path + (key,), depth + 1)
        return result

    def refuse_tag(self, node: yaml.Node) -> None:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        self.problem(node, f"tag YAML '{tag}' tidak diizinkan; hapus tag tersebut dan tulis nilai biasa.")
        return

    def scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag not in SCALAR_TAGS:
            return self.refuse_tag(node)
        try:
            return self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            self.problem(
                node, f"nilai '{node.value}' tidak dapat dibaca ({exc.__class__.__name__}); periksa penulisannya."
            )
            return None


class _TooBig(Exception):
    def __init__(self, node: yaml.Node, too_deep: bool):
        self.node = node
        self.too_deep = too_deep


def decode_text(raw: bytes, file: str) -> tuple[str | None, list[Problem]]:
    try:
        text = raw.decode("utf-8-sig")  # a BOM from a Windows editor is fine
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [
            Problem(
                file, line, "berkas bukan teks UTF-8 yang sah (ada bita yang rusak); simpan ulang berkas sebagai UTF-8."
            )
        ]
    bad = re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text)
    if bad:
        line = text[: bad.start()].count("\n") + 1
        return None, [
            Problem(
                file,
                line,
                f"berkas memuat karakter kontrol tak terlihat (U+{ord(bad.group()):04X}); hapus karakter tersebut.",
            )
        ]
    return text, []


# The last text parsed per file and what it gave: `mkdocs serve` reads every file again on each edit,
# and all but the edited one are unchanged. Each caller gets its own copy (load_dir changes documents).
_PARSED: dict[str, tuple[str, Document, list[Problem]]] = {}


def load_text(text: str, file: str) -> tuple[Document, list[Problem]]:
    """Parse YAML text into a :class:`Document`, collecting problems."""
    kept = _PARSED.get(file)
    if kept is not None and kept[0] == text:
        return _copy_document(kept[1]), list(kept[2])
    doc, problems = _parse_text(text, file)
    _PARSED[file] = (text, _copy_document(doc), list(problems))
    return doc, problems


def _copy_document(doc: Document) -> Document:
    return Document(doc.file, _copy_value(doc.value), dict(doc.lines), dict(doc.numbers))


def _copy_value(value: Any) -> Any:
    """A copy of what the builder makes: dicts and lists of immutable scalars (text, numbers, dates)."""
    if type(value) is dict:
        return {k: _copy_value(v) for k, v in value.items()}
    if type(value) is list:
        return [_copy_value(v) for v in value]
    return value


def _parse_text(text: str, file: str) -> tuple[Document, list[Problem]]:
    doc = Document(file, None)
    markers = yamlerrors.conflict_markers(text, file)
    if markers:
        return doc, markers
    try:
        nodes = _compose(text)
    except _AliasUsed as exc:
        # Aliases are how "billion laughs" bombs grow; editors never need them.
        return doc, [
            Problem(
                file,
                exc.mark.line + 1,
                "alias YAML (*nama) tidak didukung; tulis nilainya secara lengkap tanpa &anchor/*alias.",
            )
        ]
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        return doc, [
            Problem(
                file,
                line,
                f"berkas memuat karakter yang tidak diizinkan dalam YAML (U+{exc.character if isinstance(exc.character, int) else ord(exc.character):04X}); hapus karakter tersebut.",
            )
        ]
    except yaml.MarkedYAMLError as exc:
        return doc, [yamlerrors.explain(exc, text, file)]
    except yaml.YAMLError:
        return doc, [Problem(file, 1, yamlerrors.GENERIC)]
    except RecursionError:
        return doc, [Problem(file, 1, f"struktur YAML bersarang terlalu dalam; batasnya {MAX_DEPTH} tingkat.")]
    nodes = [n for n in nodes if n is not None]
    if len(nodes) > 1:
        return doc, [
            Problem(
                file,
                nodes[1].start_mark.line + 1,
                "berkas hanya boleh berisi satu dokumen YAML; hapus pemisah '---' tambahan.",
            )
        ]
    if not nodes:
        return doc, [Problem(file, 1, "berkas kosong; isi berkas sesuai contoh atau hapus berkas ini.")]
    builder = _Builder(doc, text)
    try:
        doc.value = builder.build(nodes[0], (), 0)
    except _TooBig as exc:
        line = exc.node.start_mark.line + 1
        reason = f"bersarang lebih dari {MAX_DEPTH} tingkat" if exc.too_deep else f"memuat lebih dari {MAX_NODES} nilai"
        return doc, [Problem(file, line, f"struktur YAML terlalu besar: {reason}. Sederhanakan berkas ini.")]
    return doc, builder.problems


def load_file(path: Path, shown_as: str) -> tuple[Document, list[Problem]]:
    if path.stat().st_size > MAX_FILE_BYTES:
        return Document(shown_as, None), [
            Problem(
                shown_as, 1, f"berkas lebih besar dari {MAX_FILE_BYTES // 1_000_000} MB; pecah menjadi beberapa berkas."
            )
        ]
    text, problems = decode_text(path.read_bytes(), shown_as)
    if text is None:
        return Document(shown_as, None), problems
    return load_text(text, shown_as)


def load_dir(data_dir: Path, root: Path | None = None) -> tuple[dict[str, Document], list[Problem]]:
    """Load every ``*.yml``/``*.yaml`` below ``data_dir``, keyed by path relative to it."""
    root = root or data_dir.parent
    documents: dict[str, Document] = {}
    found, problems = inputs.regular_files(data_dir, root)  # symlinks, FIFOs, devices: named, never read
    files = [p for p in found if p.suffix in (".yml", ".yaml")]
    for path in files:
        rel = path.relative_to(data_dir).as_posix()
        doc, trouble = load_file(path, shown_path(path, root))
        if trouble:
            doc.value, doc.lines, doc.numbers = None, {}, {}  # not validated further: its problems would only repeat
        documents[rel] = doc
        problems.extend(trouble)
    return documents, problems
