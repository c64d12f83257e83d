"""The open data's JSON files: the document's keys first, then its rows, one row per line.

Readable in an editor and a diff, and written by the json module's C encoder: ``indent``
switches it to the pure-Python encoder, which made the files of 1,000 programmes
several times slower to write.
"""

from __future__ import annotations

import json


def document(doc: dict, rows_key: str) -> str:
    """``doc`` as JSON with ``doc[rows_key]`` (a list) last, each of its items on a line of its own."""
    head = {k: v for k, v in doc.items() if k != rows_key}
    rows = ",\n".join(json.dumps(row, ensure_ascii=False) for row in doc[rows_key])
    opening = json.dumps(head, ensure_ascii=False)[:-1]
    separator = ", " if head else ""
    return f'{opening}{separator}"{rows_key}": [\n{rows}\n]}}\n'
