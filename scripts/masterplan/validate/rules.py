"""Validation rules of the second hardening round, each a small function.

They are called from :func:`validate.validate` and read the same checker
(``c.documents``, ``c.models``, ``c.at``). Rules that find a contradiction in
the data report errors; rules that measure completeness or plausibility report
warnings (``Problem.severity == "peringatan"``), which `masterplan check` and
the build print without failing.

What they cover: numbers written the Indonesian way (`2.000`, `Rp 1.500.000`),
programme files and ids in the wrong place, Markdown fields that reach outside
the project, and years that cannot be right.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePosixPath
from typing import Any

from pydantic import BaseModel

from .. import fieldtypes, framework, schema
from ..errors import Problem, warning
from . import evaluation, htmlrule

# Programme id prefix of each dimension file (GOV, BRD, ECO, LIV, SOC, ENV), as the sample uses them.
ID_PREFIX = {**framework.PREFIXES, framework.NO_DIMENSION: framework.NO_DIMENSION_PREFIX}
# Longest span (years, first and last included) a horizon allows. Only the quick win is checked:
# published masterplans (and the sample) stretch `pendek` and `menengah` by a year or so.
HORIZON_YEARS = {"quick-win": 1}

THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+")
HOW_TO_WRITE = "tanpa titik pemisah ribuan, tanpa `Rp`, tanpa `%`; pakai titik hanya untuk desimal, misalnya `2.5`"


# ---------------------------------------------------------------- numbers as typed


def plain_number(raw: str) -> str | None:
    """`Rp 1.500.000` -> `1500000`, `2,5` -> `2.5`, `40%` -> `40`; None when it is no number."""
    text = re.sub(r"(?i)^\s*rp\.?\s*|\s*%\s*$", "", str(raw)).strip()
    if re.fullmatch(r"[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
        text = text.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"[+-]?\d+,\d+", text):
        text = text.replace(",", ".")
    return text if re.fullmatch(r"[+-]?\d+(?:\.\d+)?", text) else None


def number_advice(raw: str) -> str | None:
    """The message for a number typed with Indonesian formatting, or None when it is fine."""
    suggestion = plain_number(raw)
    if suggestion is None or suggestion == raw.strip():
        return None
    return f"tulis `{suggestion}` ({HOW_TO_WRITE})"


def check_written_numbers(c) -> None:
    """`anggaran: 2.000` is read by YAML as 2.0: refuse it before it is published as Rp 2."""
    for rel, doc in sorted(c.documents.items()):
        model = schema.model_for(rel)
        if model is None:
            continue
        for path, raw in sorted(doc.numbers.items(), key=lambda item: doc.line_of(item[0])):
            if not THOUSANDS.fullmatch(raw) or _cannot_hold_thousands(model, path):
                continue
            name = next((str(p) for p in reversed(path) if isinstance(p, str)), "nilai")
            if fieldtypes.is_text(fieldtypes.field_type(model, path)):
                c.at(
                    rel,
                    path,
                    f'`{name}` ditulis {raw} tanpa tanda kutip, sehingga YAML membacanya sebagai angka {_as_read(raw)}; beri tanda kutip: `{name}: "{raw}"`.',
                )
            else:
                c.at(
                    rel, path, f"`{name}` ditulis `{raw}`, yang terbaca sebagai {_as_read(raw)}; {number_advice(raw)}."
                )


# A field whose largest value is below this cannot mean thousands: `3.197` in a score (0-4) or a
# percentage (0-100) is the decimal 3,197, as published.
SMALL_FIELD_LIMIT = 1000


def _cannot_hold_thousands(model: type[BaseModel], path: tuple) -> bool:
    bound = fieldtypes.upper_bound(model, path)
    return bound is not None and bound < SMALL_FIELD_LIMIT


def _as_read(raw: str) -> str:
    value = float(raw)
    return f"{value:g}"


# ---------------------------------------------------------------- programme files and ids


def program_file_problem(rel: str, file: str) -> Problem | None:
    """A file under data/program/ must be one of the six dimension files."""
    allowed = [f"{d}.yml" for d in (*schema.DIMENSION_ORDER, framework.NO_DIMENSION)]
    name = PurePosixPath(rel).name
    if name in allowed:
        return None
    return Problem(
        file,
        1,
        f"berkas `{name}` bukan berkas dimensi; di `data/program/` hanya boleh ada {', '.join(allowed)}. "
        "Pindahkan programnya ke berkas dimensinya, lalu hapus atau ganti nama berkas ini.",
    )


def check_program_files(c) -> None:
    """The `dimensi:` of a file and the prefix of each programme id must match the file name."""
    for rel, pf in sorted(
        (r, m) for r, m in c.models.items() if isinstance(m, schema.ProgramFile) and r in c.documents
    ):
        dim = PurePosixPath(rel).stem
        if pf.dimensi != dim:
            c.at(
                rel,
                ("dimensi",),
                f"berkas `{PurePosixPath(rel).name}` harus berisi `dimensi: {dim}`, bukan `{pf.dimensi}`; pindahkan program dimensi `{pf.dimensi}` ke `data/program/{pf.dimensi}.yml`.",
            )
            continue
        prefix = ID_PREFIX[dim]
        for i, p in enumerate(pf.program):
            own = p.id.split("-", 1)[0]
            if own != prefix:
                other = next(
                    (f" (awalan `{own}` milik `data/program/{d}.yml`)" for d, x in ID_PREFIX.items() if x == own), ""
                )
                c.at(
                    rel,
                    ("program", i, "id"),
                    f"kode program `{p.id}` tidak cocok dengan berkas ini{other}; program dimensi `{dim}` memakai kode `{prefix}-nn`, misalnya `{prefix}-{i + 1:02d}`.",
                )


def duplicate_id_problems(c, rel: str, index: int, pid: str, first: tuple[str, int]) -> None:
    """Both places of a duplicated programme id, each naming the other; neither is called the original."""
    first_rel, first_index = first
    here = f"`{c.documents[rel].file}:{c.documents[rel].line_of(('program', index, 'id'))}`"
    there = f"`{c.documents[first_rel].file}:{c.documents[first_rel].line_of(('program', first_index, 'id'))}`"
    advice = "setiap program perlu kode sendiri; ganti kode salah satunya dengan kode yang belum dipakai."
    c.at(rel, ("program", index, "id"), f"kode program `{pid}` dipakai dua kali: di sini dan di {there}; {advice}")
    c.at(
        first_rel,
        ("program", first_index, "id"),
        f"kode program `{pid}` dipakai dua kali: di sini dan di {here}; {advice}",
    )


# ---------------------------------------------------------------- Markdown fields

MARKDOWN_LINK = re.compile(r"(!?)\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'(][^)]*)?\)")
MARKDOWN_REF_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S*?)>?(?:\s|$)", re.M)
MARKDOWN_REF_IMAGE = re.compile(r"!\[[^\]]*\]\[[^\]]*\]")
_HTML = re.compile(r"<(?!https?://|mailto:)[a-zA-Z/!?][^>]*>")
_OWN_FILE = re.compile(r"(?![a-zA-Z][a-zA-Z0-9+.-]*:)(?!/)[\w.%/-]+(?:#[\w.-]*)?")


def is_own_file(target: str) -> bool:
    """A path inside the project (relative, no scheme, no leading slash, not above docs/)."""
    if not _OWN_FILE.fullmatch(target) or "\\" in target:
        return False
    depth = 0
    for part in target.split("#", 1)[0].split("/"):
        depth += -1 if part == ".." else (0 if part in ("", ".") else 1)
        if depth < -2:  # a page is at most two folders deep; further up leaves docs/
            return False
    return True


def is_reader_link(target: str) -> bool:
    return bool(re.fullmatch(r"(https?://[^\s\\]+|mailto:[^\s\\]+|#[\w.-]*)", target)) or is_own_file(target)


def markdown_problems(text: str) -> list[tuple[int, str]]:
    """(offset, message) for every image, link or tag of a Markdown field that reaches outside."""
    found = []
    for m in MARKDOWN_LINK.finditer(text):
        image, target = m.group(1), m.group(3)
        if image and not is_own_file(target):
            found.append(
                (
                    m.start(),
                    f"gambar `{m.group(0)}` menunjuk ke luar proyek; gambar hanya boleh dari berkas proyek sendiri: simpan di `docs/assets/` lalu tulis `![{m.group(2)}](assets/nama-berkas.png)`.",
                )
            )
        elif not image and not is_reader_link(target):
            found.append(
                (
                    m.start(),
                    f"tautan `{m.group(0)}` tidak diizinkan; tautan hanya boleh diawali `https://`, `http://` atau `mailto:`, atau menunjuk berkas di dalam proyek.",
                )
            )
    for m in MARKDOWN_REF_DEF.finditer(text):
        if not is_reader_link(m.group(1)):
            found.append(
                (
                    m.start(),
                    f"definisi tautan `{m.group(0).strip()}` tidak diizinkan; tautan hanya boleh diawali `https://`, `http://` atau `mailto:`.",
                )
            )
    for m in MARKDOWN_REF_IMAGE.finditer(text):
        found.append(
            (
                m.start(),
                f"gambar `{m.group(0)}` memakai rujukan; tulis alamat berkasnya langsung: `![teks](assets/nama-berkas.png)`.",
            )
        )
    for m in _HTML.finditer(text):
        found.append(
            (
                m.start(),
                f"tag HTML `{m.group(0)[:40]}` tidak diizinkan di kolom Markdown; tulis dengan Markdown, misalnya `[teks](https://...)` atau `![teks](assets/gambar.png)`.",
            )
        )
    if not found:
        # The one rule on the HTML the text becomes: nested brackets, attribute lists, headings.
        found = [(htmlrule.offset_in(text, f.needle), f.message) for f in htmlrule.markdown_findings(text, field=True)]
    return sorted(set(found))


def markdown_fields(model: BaseModel, path: tuple = ()) -> Iterable[tuple[tuple, str]]:
    """(path, text) of every field documented as Markdown, found from the models' descriptions."""
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        if isinstance(value, str) and "(Markdown)" in (info.description or ""):
            yield path + (name,), value
        else:
            yield from _markdown_in(value, path + (name,))


def _markdown_in(value: Any, path: tuple) -> Iterable[tuple[tuple, str]]:
    if isinstance(value, BaseModel):
        yield from markdown_fields(value, path)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _markdown_in(item, path + (i,))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _markdown_in(item, path + (key,))


def check_markdown_fields(c) -> None:
    for rel, model in sorted((r, m) for r, m in c.models.items() if r in c.documents):
        doc = c.documents[rel]
        for path, text in markdown_fields(model):
            for offset, message in markdown_problems(text):
                line = doc.line_of(path) + (1 + text[:offset].count("\n") if "\n" in text else 0)
                c.problems.append(Problem(doc.file, line, message))


def check_why_empty(c) -> None:
    """`tidak_dipublikasikan` / `tidak_diketahui` name empty fields of their own entry, once."""
    for rel, model in sorted(c.models.items()):
        if rel not in c.documents:
            continue
        for path, entry in _entries(model, ()):
            if not isinstance(entry, schema.WhyEmpty):
                continue
            allowed = entry.declarable()
            seen: set[str] = set()
            for kind in ("tidak_dipublikasikan", "tidak_diketahui"):
                for i, name in enumerate(getattr(entry, kind)):
                    where = path + (kind, i)
                    if name not in allowed:
                        c.at(rel, where, f"`{name}` bukan nama isian di sini; pilihan: {', '.join(allowed)}.")
                    elif name in seen:
                        c.at(
                            rel,
                            where,
                            f"`{name}` disebut dua kali; sebuah isian hanya bisa tidak dipublikasikan atau tidak diketahui.",
                        )
                    elif schema.is_set(getattr(entry, name)):
                        c.at(
                            rel,
                            where,
                            f"`{name}` sudah berisi nilai, jadi tidak bisa disebut kosong; hapus nilainya atau hapus `{name}` dari daftar `{kind}`.",
                        )
                    seen.add(name)


def _entries(value: Any, path: tuple):
    """Every model inside ``value`` with its path."""
    if isinstance(value, BaseModel):
        yield path, value
        for name in type(value).model_fields:
            yield from _entries(getattr(value, name), path + (name,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _entries(item, path + (i,))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _entries(item, path + (key,))


# ---------------------------------------------------------------- warnings on a valid masterplan


def check_dimension_coverage(c, data_prefix: str) -> None:
    """A dimension without programmes is reported, not refused: completeness is measured."""
    files = {PurePosixPath(rel).stem: rel for rel in c.documents if rel.startswith(schema.PROGRAM_DIR + "/")}
    for dim in schema.DIMENSION_ORDER:
        rel = files.get(dim)
        if rel is None:
            c.problems.append(
                warning(
                    f"{data_prefix}/{schema.PROGRAM_DIR}/{dim}.yml",
                    1,
                    f"berkas program dimensi `{dim}` tidak ada; dimensi ini tampil tanpa program. Buat berkas `{data_prefix}/{schema.PROGRAM_DIR}/{dim}.yml` berisi `dimensi: {dim}` dan daftar `program:`.",
                )
            )
        elif isinstance(c.models.get(rel), schema.ProgramFile) and not c.models[rel].program:
            c.warn(
                rel,
                ("program",),
                f"dimensi `{dim}` belum punya program; dimensi ini tampil tanpa program sampai daftar `program:` diisi.",
            )


def warn_programme_years_implausible(c) -> None:
    """Warnings: targets outside the programme's own years, and spans longer than the horizon (likely typos).

    Runs on a valid masterplan only (see ``checker.validate``), so every field is there.
    """
    for rel, pf in sorted((r, m) for r, m in c.models.items() if isinstance(m, schema.ProgramFile)):
        for i, p in enumerate(pf.program):
            start, end = p.tahun_mulai, p.tahun_selesai
            if start is None or end is None or end < start:
                continue  # years not set (yet), or already an error of their own
            _span_warning(c, rel, ("program", i), p, start, end)
            for k, ind in enumerate(p.indikator):
                for kind in ("target", "realisasi"):
                    for year in sorted(getattr(ind, kind)):
                        # Before the start cannot be right; after the end only a target can (an outcome measured later).
                        if year < start or (kind == "realisasi" and year > end):
                            c.warn(
                                rel,
                                ("program", i, "indikator", k, kind, year),
                                f"tahun {kind} {year} di luar tahun program {p.id} ({start}-{end}); periksa tahunnya, atau ubah `tahun_mulai`/`tahun_selesai`.",
                            )


def _span_warning(c, rel: str, path: tuple, p, start: int, end: int) -> None:
    limit = HORIZON_YEARS.get(p.horizon)
    years = end - start + 1
    if limit is not None and years > limit:
        c.warn(
            rel,
            path + ("tahun_selesai",),
            f"program {p.id} berhorizon `{p.horizon}` (paling lama {limit} tahun) tetapi berjalan {years} tahun ({start}-{end}); periksa `tahun_selesai` atau `horizon`.",
        )


# A budget below this is almost surely a rupiah amount typed with its thousands lost
# (`2.400.000` read as 2,4, or a figure in millions): no Smart City programme costs less.
SMALLEST_BUDGET = 1_000_000


def check_budgets(c) -> None:
    """Rupiah fields holding implausibly small amounts: warned, not refused (the region may mean it)."""
    for rel, pf in sorted((r, m) for r, m in c.models.items() if isinstance(m, schema.ProgramFile)):
        for i, p in enumerate(pf.program):
            for name in sorted(schema.RUPIAH_FIELDS):
                amount = getattr(p, name, None)
                if amount is not None and 0 < amount < SMALLEST_BUDGET:
                    c.warn(
                        rel,
                        ("program", i, name),
                        f"{name} program {p.id} tertulis Rp {amount:,}".replace(",", ".")
                        + f", terlalu kecil untuk anggaran dalam rupiah; periksa angkanya. Tulis rupiah penuh tanpa titik, "
                        f"misalnya `{name}: 2400000000` untuk Rp 2,4 miliar.",
                    )


# ---------------------------------------------------------------- evaluation reports (monev.yml)


def check_evaluation_report(c, base: tuple, ev: schema.Evaluasi) -> None:
    """Errors in the parts of a published report: elements and rank scopes named twice or without a weight,
    follow-up programmes that do not exist."""
    rel = "monev.yml"
    c.unique(rel, ev.rincian_unsur, base + ("rincian_unsur",), "rincian unsur", key="unsur")
    for i, detail in enumerate(ev.rincian_unsur):
        if ev.bobot and detail.unsur not in ev.bobot:
            c.at(
                rel,
                base + ("rincian_unsur", i, "unsur"),
                f"unsur `{detail.unsur}` tidak ada di `bobot` evaluasi ini ({', '.join(ev.bobot)}); periksa ejaannya atau tambahkan bobotnya.",
            )
    scopes: dict[str, tuple[str | int, ...]] = (
        {ev.cakupan_peringkat: ("cakupan_peringkat",)} if ev.peringkat is not None and ev.cakupan_peringkat else {}
    )
    for i, rank in enumerate(ev.peringkat_lain):
        if rank.cakupan in scopes:
            c.at(
                rel,
                base + ("peringkat_lain", i, "cakupan"),
                f"peringkat `{rank.cakupan}` sudah ditulis untuk evaluasi ini; satu hasil punya satu peringkat per cakupan. Hapus salah satunya.",
            )
        scopes.setdefault(rank.cakupan, ("peringkat_lain", i))
    programmes = {p.id for m in c.models.values() if isinstance(m, schema.ProgramFile) for p in m.program}
    for i, rec in enumerate(ev.rekomendasi):
        c.refs(
            rel,
            base + ("rekomendasi", i, "program_tindak_lanjut"),
            rec.program_tindak_lanjut,
            programmes,
            "program",
            "data/program/",
        )


def check_subindicator_averages(c, base: tuple, ev: schema.Evaluasi) -> None:
    """A published element score is never rejected: a gap to its sub-indicators' average beyond rounding is a warning."""
    for detail in evaluation.element_details(ev):
        check = detail.check
        if check is None or check.explained_by_rounding:
            continue
        c.warn("monev.yml", base + ("skor", detail.key), evaluation.element_explanation(detail.key, check))


# ---------------------------------------------------------------- enacted regulations (wilayah.yml)


def check_declared(c) -> None:
    """Tags unique, ``regulasi.mengubah`` naming one of them, and an amendment with a number of its own.

    The tags' text is read from Git by :mod:`revisions` (derive stage); here only what ``wilayah.yml`` says.
    """
    wil = c.models.get("wilayah.yml")
    if wil is None:
        return
    tags = c.unique("wilayah.yml", wil.ditetapkan, ("ditetapkan",), "tag peraturan", key="tag")
    amended = wil.regulasi.mengubah
    if amended is None:
        return
    if amended not in tags:
        known = ", ".join(f"`{t}`" for t in sorted(tags)) or "belum ada"
        c.at(
            "wilayah.yml",
            ("regulasi", "mengubah"),
            f"`mengubah: {amended}` tidak ada di daftar `ditetapkan` (yang ada: {known}); "
            "tambahkan peraturan yang diubah ke `ditetapkan` dengan nomor, tahun dan tag Git-nya.",
        )
        return
    old = next(r for r in wil.ditetapkan if r.tag == amended)
    reg = wil.regulasi
    if reg.nomor is not None and str(reg.nomor) == str(old.nomor) and reg.tahun == old.tahun:
        c.at(
            "wilayah.yml",
            ("regulasi", "nomor"),
            f"peraturan perubahan memakai nomor {old.nomor} tahun {old.tahun}, padahal itu nomor peraturan yang diubah; "
            "kosongkan `nomor`, `tahun` dan `tanggal` sampai peraturan perubahan ditetapkan.",
        )
