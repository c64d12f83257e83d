"""YAML slips said in plain Indonesian, on the line where the slip is.

The parser's own text is English and often names the line after the mistake;
editors get neither. Each known parser error is mapped to a cause and a fix,
and to the line the cause sits on (the parser's "context" line where that is
where the slip began). Unknown parser errors get a generic Indonesian advice.
"""

from __future__ import annotations

import re

import yaml

from ..errors import Problem

CONFLICT_MARKER = re.compile(r"^(<{7}|={7}|>{7})(?:\s|$)")

CONFLICT = (
    "penanda konflik penggabungan Git (`{marker}`) tertinggal di berkas; pilih isi yang benar, "
    "lalu hapus baris `<<<<<<<`, `=======` dan `>>>>>>>`."
)
TAB = "baris ini memakai karakter tab untuk indentasi; YAML hanya menerima spasi. Ganti tab dengan spasi (dua spasi per tingkat)."
COLON = (
    "nilai di baris ini memuat `: ` (titik dua lalu spasi), yang dibaca YAML sebagai kunci baru; "
    'beri tanda kutip di sekitar seluruh nilainya, misalnya `{key}: "{value}"`.'
)
INDENT = (
    "indentasi baris ini tidak cocok dengan baris di atasnya; samakan jumlah spasi di awal baris "
    "dengan kunci lain pada tingkat yang sama (dua spasi per tingkat)."
)
NO_COLON = (
    "baris ini bukan `kunci: nilai` yang lengkap; tambahkan `:` setelah kunci, "
    "atau spasi setelah `-` untuk butir daftar."
)
QUOTE = "tanda kutip yang dibuka di baris ini belum ditutup; tambahkan tanda kutip penutup di akhir nilai."
QUOTE_RAN_ON = (
    "tanda kutip yang dibuka di baris ini tampaknya belum ditutup: YAML membaca nilainya sampai tanda kutip "
    "di baris {end}, lalu tidak dapat membaca sisanya. Tambahkan tanda kutip penutup di akhir nilai di baris ini."
)
FLOW = "`{open}` yang dibuka di baris ini belum ditutup dengan `{close}`; lengkapi atau tulis sebagai daftar bertanda `- `."
ESCAPE = "garis miring terbalik `\\` di dalam tanda kutip ganda tidak sah di sini; pakai tanda kutip tunggal `'...'` atau tulis `\\\\`."
GENERIC = (
    "YAML di sekitar baris ini tidak dapat dibaca; periksa indentasi (spasi, bukan tab), "
    "titik dua setelah setiap kunci, dan tanda kutip yang berpasangan."
)


def conflict_markers(text: str, file: str) -> list[Problem]:
    """Every leftover merge-conflict line; checked before parsing, because the parser blames another line."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        marker = CONFLICT_MARKER.match(line)
        if marker:
            found.append(Problem(file, number, CONFLICT.format(marker=marker.group(1))))
    return found


def explain(exc: yaml.MarkedYAMLError, text: str, file: str) -> Problem:
    """One Indonesian problem for a parser error, at the line of its cause."""
    problem = str(exc.problem or "")
    context = str(exc.context or "")
    mark = exc.problem_mark or exc.context_mark
    line = mark.line if mark else 0
    start = exc.context_mark.line if exc.context_mark else line
    lines = text.splitlines() or [""]
    here = lines[min(line, len(lines) - 1)]
    if "\t" in problem or "tab" in problem or "\t" in here[: len(here) - len(here.lstrip())]:
        return Problem(file, line + 1, TAB)
    ran_on = _quote_ending_on(text, line)
    if ran_on is not None:
        return Problem(file, ran_on + 1, QUOTE_RAN_ON.format(end=line + 1))
    if problem.startswith("mapping values are not allowed"):
        return _colon_or_indent(file, line, mark.column if mark else 0, here)
    if "quoted scalar" in context and "end of stream" in problem:
        return Problem(file, start + 1, QUOTE)
    if "escape" in problem:
        return Problem(file, line + 1, ESCAPE)
    if "flow sequence" in context or "flow mapping" in context:
        opened = "[" if "sequence" in context else "{"
        return Problem(file, start + 1, FLOW.format(open=opened, close="]" if opened == "[" else "}"))
    if "expected ':'" in problem:
        return Problem(file, start + 1, NO_COLON)
    if "block end" in problem or "expected key" in problem or "'-' indicator" in problem:
        return Problem(file, line + 1, INDENT)
    return Problem(file, line + 1, GENERIC)


def _colon_or_indent(file: str, line: int, column: int, here: str) -> Problem:
    body = here.lstrip(" -")
    first = here.find(": ", len(here) - len(body))
    if 0 <= first < column:  # a second `: ` on one line: a value holding a colon
        key, value = here[:first].strip(" -"), here[first + 2 :].strip()
        return Problem(file, line + 1, COLON.format(key=key, value=value.replace('"', '\\"')))
    return Problem(file, line + 1, INDENT)


def _quote_ending_on(text: str, line: int) -> int | None:
    """Where a quoted value began that ran over several lines and ended on ``line``, where the parser stopped:
    an unclosed quote pairs with the next quote in the file, and the parser blames the line after it."""
    found = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.line > line:
                break
            if (
                isinstance(token, yaml.ScalarToken)
                and token.style in ('"', "'")
                and token.start_mark.line < token.end_mark.line == line
            ):
                found = token.start_mark.line
    except yaml.YAMLError:
        pass
    return found
