"""Stage 3, derive: what a draft amendment changes in the chapters' text, compared as their readers read it."""

from __future__ import annotations

import difflib
import re

from ..labels import roman
from .compare_rows import ADDED, CHANGED, KIND_LABELS, REMOVED, Item, Row, Segment, value_row
from .readertext import Unit, reader_units

_TITLE = re.compile(r"^#\s+(.+?)\s*$", re.M)
_BOOK = re.compile(r"^buku-(\d+)/bab-(\d+)")


def chapter_label(path: str, source: str) -> str:
    """ "Buku II BAB II Visi, Misi dan Arah Kebijakan" from the file's place and its title line."""
    found = _BOOK.match(path)
    title = _TITLE.search(source)
    name = title.group(1) if title else path
    if not found:
        return name
    book, chapter = int(found.group(1)), int(found.group(2))
    return f"Buku {roman(book)} BAB {roman(chapter)} {name}"


def chapters(old: dict[str, str], new: dict[str, str]) -> tuple[list[Item], int]:
    items, same = [], 0
    for path in sorted(set(old) | set(new)):
        a, b = old.get(path), new.get(path)
        if a == b:
            same += 1
            continue
        label = chapter_label(path, b if b is not None else a or "")
        rows = _passages(reader_units(a or ""), reader_units(b or ""), label)
        kind = ADDED if a is None else REMOVED if b is None else CHANGED
        if rows:
            items.append(Item("bab", path, label, kind, rows))
        else:
            same += 1  # only line breaks or spacing changed: the text reads the same
    return items, same


def _passages(old: list[Unit], new: list[Unit], label: str) -> list[Row]:
    """One row per changed run of units, deleted and inserted words marked; named where the reader finds it."""
    rows = []
    a, b = [(u.kind, u.text) for u in old], [(u.kind, u.text) for u in new]
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if j2 > j1:
            where = f"{label}, {new[j1].where}"
        elif j1 > 0:
            where = f"{label}, sesudah {new[j1 - 1].where}"
        else:
            where = f"{label}, awal bab"
        before, after = " ".join(u.text for u in old[i1:i2]), " ".join(u.text for u in new[j1:j2])
        if before and after:
            rows.append(value_row(where, before, after))
        elif before:
            rows.append(Row(where, [Segment("-", before)], None, KIND_LABELS[REMOVED]))
        else:
            rows.append(Row(where, None, [Segment("+", after)], KIND_LABELS[ADDED]))
    return rows
