"""Stage 2, validate: every file against its model, then the rules across files.

All problems are collected, each with its ``file:line``; the stage never stops
at the first one. Cross-file rules run on whatever files did validate, so a
syntax error in one file does not hide a dangling reference in another.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError

from .. import formats, framework, schema
from ..errors import Problem, warning
from ..load.yamlfiles import Document
from . import evaluation, messages, rules
from .plan import Masterplan

REQUIRED_FILES = schema.REQUIRED_FILES


class _Checker:
    """Holds the parsed files and the problems found so far."""

    def __init__(self, documents: dict[str, Document]):
        self.documents = documents
        self.models: dict[str, Any] = {}
        self.problems: list[Problem] = []

    def at(self, rel: str, path: Iterable[Any], message: str) -> None:
        doc = self.documents[rel]
        self.problems.append(Problem(doc.file, doc.line_of(tuple(path)), message))

    def warn(self, rel: str, path: Iterable[Any], message: str) -> None:
        doc = self.documents[rel]
        self.problems.append(warning(doc.file, doc.line_of(tuple(path)), message))

    def region_kind(self) -> str | None:
        wil = self.models.get("wilayah.yml")
        return wil.wilayah.jenis if wil else None

    # -------------------------------------------------------------- per file
    def parse_files(self, data_prefix: str) -> None:
        for rel in REQUIRED_FILES:
            if rel not in self.documents:
                self.problems.append(
                    Problem(
                        f"{data_prefix}/{rel}",
                        1,
                        f"berkas wajib `{data_prefix}/{rel}` tidak ada; buat berkas ini (`masterplan baru wilayah` membuat kerangkanya).",
                    )
                )
        for rel, doc in sorted(self.documents.items()):
            model = schema.model_for(rel)
            if model is None:
                self.problems.append(
                    Problem(
                        doc.file,
                        1,
                        "berkas tidak dikenal; berkas data yang sah: "
                        + ", ".join(schema.SINGLE_FILES)
                        + " dan program/<dimensi>.yml.",
                    )
                )
                continue
            misplaced = rules.program_file_problem(rel, doc.file) if model is schema.ProgramFile else None
            if misplaced:
                self.problems.append(misplaced)
                continue
            if doc.value is None and doc.lines == {}:
                continue  # load already reported why this file could not be read
            self.parse(rel, doc, model)

    def parse(self, rel: str, doc: Document, model: type[schema.Model]) -> None:
        if not isinstance(doc.value, dict):
            self.at(rel, (), "isi berkas harus berupa peta `kunci: nilai` di tingkat teratas.")
            return
        try:
            self.models[rel] = model.model_validate(doc.value)
            mark_published(self.models[rel], doc)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
            # A misspelt key is one mistake, not two: drop the "missing" error its suggestion explains.
            explained = {
                (tuple(e["loc"][:-1]), messages.closest_key(tuple(e["loc"]), model))
                for e in errors
                if e["type"] == "extra_forbidden"
            }
            for error in errors:
                loc = tuple(error["loc"])
                if error["type"] == "missing" and (loc[:-1], loc[-1]) in explained:
                    continue
                self.at(rel, loc, messages.translate(error, model))

    # -------------------------------------------------------------- across files
    def unique(self, rel: str, items: list, list_path: tuple, what: str, key: str = "id") -> set:
        seen: dict[Any, int] = {}
        for i, item in enumerate(items):
            value = getattr(item, key)
            if value in seen:
                self.at(
                    rel,
                    list_path + (i, key),
                    f"{what} `{value}` dipakai dua kali (juga butir ke-{seen[value] + 1}); setiap {what} harus unik.",
                )
            else:
                seen[value] = i
        return set(seen)

    def refs(self, rel: str, path: tuple, values: list, known: set | None, what: str, file_hint: str) -> None:
        if known is None:
            return  # the registry file itself is broken; its problems are reported already
        for j, value in enumerate(values):
            if value not in known:
                self.at(rel, path + (j,), f"{what} `{value}` tidak ada di {file_hint}; {suggest(value, known)}")

    def in_period(self, rel: str, path: tuple, year: int, what: str) -> None:
        wil = self.models.get("wilayah.yml")
        if wil is None:
            return
        start, end = wil.periode.mulai, wil.periode.selesai
        if not start <= year <= end:
            self.at(
                rel, path, f"{what} {year} di luar periode rencana induk {start}-{end}; pilih tahun di dalam periode."
            )


def mark_published(model: Any, doc: Document) -> None:
    """Give every figure typed in the file its written precision (:class:`formats.Published`).

    YAML reads `1.40` as 1.4; the typed text (kept by the load stage) says it was
    published with two decimals, and so it is printed: 1,40.
    """
    for path in doc.lines:
        if not path:
            continue
        text = doc.numbers.get(path)
        if text is None:
            raw = _at(doc.value, path)
            text = raw if isinstance(raw, str) else None
        written = formats.written_decimals(text) if text is not None else None
        if written is None:
            continue
        parent = _at(model, path[:-1])
        value = _at(parent, path[-1:])
        if isinstance(value, float) and not isinstance(value, formats.Published):
            _put(parent, path[-1], formats.Published(value, written))


_MISSING = object()


def _at(value: Any, path: tuple) -> Any:
    for part in path:
        if isinstance(value, BaseModel):
            value = getattr(value, part, _MISSING) if isinstance(part, str) else _MISSING
        elif isinstance(value, dict):
            value = value.get(part, _MISSING)
        elif isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value):
            value = value[part]
        else:
            return _MISSING
    return value


def _put(parent: Any, key: Any, value: Any) -> None:
    if isinstance(parent, BaseModel):
        parent.__dict__[key] = value
    else:
        parent[key] = value


def suggest(value: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(str(value), sorted(known), n=1, cutoff=0.5)
    if close:
        return f"mungkin maksud Anda `{close[0]}`?"
    return "periksa ejaannya atau tambahkan dulu entri tersebut."


def check_registries(c: _Checker) -> dict[str, set | None]:
    """Unique ids in the registries; returns the known ids (None when a file is broken)."""
    known: dict[str, set | None] = {"misi": None, "ak": None, "opd": None, "elemen": None, "elemen_dim": None}
    for rel in set(schema.SINGLE_FILES) - set(REQUIRED_FILES):
        if rel not in c.documents:  # an optional file not written yet: empty, nothing to refer to
            c.models[rel] = schema.SINGLE_FILES[rel]()
    vm = c.models.get("visi-misi.yml")
    if vm:
        known["misi"] = c.unique("visi-misi.yml", vm.misi, ("misi",), "kode misi")
        known["ak"] = c.unique("visi-misi.yml", vm.arah_kebijakan, ("arah_kebijakan",), "kode arah kebijakan")
        for i, ak in enumerate(vm.arah_kebijakan):
            c.refs(
                "visi-misi.yml",
                ("arah_kebijakan", i, "misi"),
                ak.misi,
                known["misi"],
                "kode misi",
                "`misi` di berkas ini",
            )
    opd = c.models.get("opd.yml")
    if opd:
        known["opd"] = c.unique("opd.yml", opd.opd, ("opd",), "kode OPD")
    dim = c.models.get("dimensi.yml")
    if dim:
        check_dimensions(c, dim, known)
    wil = c.models.get("wilayah.yml")
    if wil and wil.data_terbuka.walidata is not None:
        c.refs(
            "wilayah.yml",
            ("data_terbuka", "walidata"),
            [wil.data_terbuka.walidata],
            known["opd"],
            "kode OPD",
            "`data/opd.yml`",
        )
    return known


def check_dimensions(c: _Checker, dim: schema.DimensiFile, known: dict) -> None:
    rel = "dimensi.yml"
    ids = c.unique(rel, dim.dimensi, ("dimensi",), "dimensi")
    for missing in [d for d in schema.DIMENSION_ORDER if d not in ids]:
        c.at(rel, ("dimensi",), f"dimensi `{missing}` belum ada; keenam dimensi harus dijelaskan.")
    elements: dict[str, str] = {}
    for i, d in enumerate(dim.dimensi):
        for j, el in enumerate(d.elemen):
            if el.id in elements:
                c.at(
                    rel,
                    ("dimensi", i, "elemen", j, "id"),
                    f"kode elemen `{el.id}` sudah dipakai di dimensi `{elements[el.id]}`; kode elemen harus unik.",
                )
            else:
                elements[el.id] = d.id
    known["elemen"] = set(elements)
    known["elemen_dim"] = elements


def check_programmes(c: _Checker, known: dict) -> None:
    seen: dict[str, tuple[str, int]] = {}
    for rel, pf in sorted((r, m) for r, m in c.models.items() if isinstance(m, schema.ProgramFile)):
        for i, p in enumerate(pf.program):
            base = ("program", i)
            if p.id in seen:
                rules.duplicate_id_problems(c, rel, i, p.id, seen[p.id])
            else:
                seen[p.id] = (rel, i)
            check_programme(c, rel, pf.dimensi, base, p, known)


def check_programme(c: _Checker, rel: str, dim_id: str, base: tuple, p: schema.Program, known: dict) -> None:
    check_programme_refs(c, rel, dim_id, base, p, known)
    check_programme_years_in_period(c, rel, base, p)
    fund, kind = framework.VILLAGE_FUND, c.region_kind()
    if fund in p.sumber_dana and kind is not None and framework.KINDS[kind].dana_desa is None:
        j = p.sumber_dana.index(fund)
        c.at(
            rel,
            base + ("sumber_dana", j),
            "kota tidak mempunyai APBDes (dana desa); kelurahan dibiayai APBD. Hapus `APBDes` dari sumber dana.",
        )
    if p.status == "selesai" and p.progres is not None and p.progres != 100:
        c.at(rel, base + ("progres",), f"program berstatus `selesai` harus berprogres 100, bukan {p.progres:g}.")
    if p.status == "belum-mulai" and p.progres not in (None, 0):
        c.at(rel, base + ("progres",), f"program berstatus `belum-mulai` harus berprogres 0, bukan {p.progres:g}.")


def check_programme_refs(c: _Checker, rel: str, dim_id: str, base: tuple, p: schema.Program, known: dict) -> None:
    elemen_dim = known["elemen_dim"]
    if elemen_dim is not None and p.elemen is not None:
        if p.elemen not in elemen_dim:
            c.at(
                rel,
                base + ("elemen",),
                f"elemen `{p.elemen}` tidak ada di `data/dimensi.yml`; {suggest(p.elemen, elemen_dim)}",
            )
        elif elemen_dim[p.elemen] != dim_id:
            own = sorted(e for e, d in elemen_dim.items() if d == dim_id)
            c.at(
                rel,
                base + ("elemen",),
                f"elemen `{p.elemen}` milik dimensi `{elemen_dim[p.elemen]}`, bukan `{dim_id}`; pilih salah satu dari: {', '.join(own)}.",
            )
    c.refs(rel, base + ("misi",), p.misi, known["misi"], "kode misi", "`data/visi-misi.yml`")
    c.refs(
        rel, base + ("arah_kebijakan",), p.arah_kebijakan, known["ak"], "kode arah kebijakan", "`data/visi-misi.yml`"
    )
    if p.opd is not None:
        c.refs(rel, base + ("opd",), [p.opd], known["opd"], "kode OPD", "`data/opd.yml`")
    c.refs(rel, base + ("mitra",), p.mitra, known["opd"], "kode OPD", "`data/opd.yml`")
    for k, ind in enumerate(p.indikator):
        if ind.produsen is not None:
            c.refs(rel, base + ("indikator", k, "produsen"), [ind.produsen], known["opd"], "kode OPD", "`data/opd.yml`")
    if p.opd is not None and p.opd in p.mitra:
        c.at(rel, base + ("mitra",), f"OPD penanggung jawab `{p.opd}` tidak perlu ditulis lagi sebagai mitra.")


def check_programme_years_in_period(c: _Checker, rel: str, base: tuple, p: schema.Program) -> None:
    """Errors: a programme's years (start, end, quick wins, indicator years) outside the plan's period or out of order.

    The warnings on years that are valid but unlikely are :func:`rules.warn_programme_years_implausible`.
    """
    for name in ("tahun_mulai", "tahun_selesai"):
        if getattr(p, name) is not None:
            c.in_period(rel, base + (name,), getattr(p, name), name)
    if p.tahun_mulai is not None and p.tahun_selesai is not None and p.tahun_selesai < p.tahun_mulai:
        c.at(
            rel,
            base + ("tahun_selesai",),
            f"tahun_selesai {p.tahun_selesai} lebih awal dari tahun_mulai {p.tahun_mulai}; tukar atau perbaiki tahunnya.",
        )
    for j, year in enumerate(p.tahun_quick_win):
        c.in_period(rel, base + ("tahun_quick_win", j), year, "tahun quick win")
        if year in p.tahun_quick_win[:j]:
            c.at(rel, base + ("tahun_quick_win", j), f"tahun quick win {year} ditulis dua kali; hapus salah satunya.")
    for k, ind in enumerate(p.indikator):
        for field_name in ("target", "realisasi"):
            for year in getattr(ind, field_name):
                c.in_period(rel, base + ("indikator", k, field_name, year), year, f"tahun {field_name}")


def check_roadmap(c: _Checker) -> None:
    pj = c.models.get("peta-jalan.yml")
    if not pj:
        return
    for i, fase in enumerate(pj.fase):
        c.in_period("peta-jalan.yml", ("fase", i, "tahun_mulai"), fase.tahun_mulai, "tahun_mulai")
        c.in_period("peta-jalan.yml", ("fase", i, "tahun_selesai"), fase.tahun_selesai, "tahun_selesai")
        if fase.tahun_selesai < fase.tahun_mulai:
            c.at(
                "peta-jalan.yml",
                ("fase", i, "tahun_selesai"),
                "tahun_selesai lebih awal dari tahun_mulai; perbaiki tahunnya.",
            )
    for i, t in enumerate(pj.tonggak):
        c.in_period("peta-jalan.yml", ("tonggak", i, "tahun"), t.tahun, "tahun")


def check_analysis(c: _Checker) -> None:
    an = c.models.get("analisis.yml")
    if an and "analisis.yml" in c.documents:
        # A dimension not analysed yet is open work (see completeness), not an error.
        c.unique("analisis.yml", an.analisis_dimensi, ("analisis_dimensi",), "dimensi", key="dimensi")


def check_monev(c: _Checker) -> None:
    mv = c.models.get("monev.yml")
    if not mv or "monev.yml" not in c.documents:
        return
    seen: dict[tuple, int] = {}
    for i, ev in enumerate(mv.evaluasi):
        base = ("evaluasi", i)
        # Regions are evaluated while they draft too: a result from before the period is a fact, one after it a slip.
        wil = c.models.get("wilayah.yml")
        if wil and ev.tahun > wil.periode.selesai:
            c.at(
                "monev.yml",
                base + ("tahun",),
                f"tahun evaluasi {ev.tahun} sesudah periode rencana induk {wil.periode.mulai}-{wil.periode.selesai}; periksa tahunnya.",
            )
        key = (ev.tahun, ev.tahap)
        if key in seen:
            stage = f" {ev.tahap}" if ev.tahap else ""
            c.at(
                "monev.yml",
                base + ("tahun",),
                f"evaluasi tahun {ev.tahun}{stage} sudah ada (butir ke-{seen[key] + 1}); bila ada beberapa tahap, isi `tahap` tiap butir.",
            )
        else:
            seen[key] = i
        check_weights(c, base, ev)
        check_official_total(c, base, ev)
        rules.check_evaluation_report(c, base, ev)
        rules.check_subindicator_averages(c, base, ev)


def check_weights(c: _Checker, base: tuple, ev: schema.Evaluasi) -> None:
    if not ev.bobot:
        return  # weights not published: scores are shown without a recomputed total
    total_weight = sum(ev.bobot.values())
    if abs(total_weight - 100) > 1e-9:
        c.at(
            "monev.yml", base + ("bobot",), f"jumlah bobot {total_weight:g}, padahal harus 100; sesuaikan bobot unsur."
        )
    if ev.skor:
        for key in ev.bobot.keys() - ev.skor.keys():
            c.at(
                "monev.yml",
                base + ("skor",),
                f"skor unsur `{key}` belum diisi (unsur ini punya bobot); isi skornya atau hapus `skor` bila skor unsur tidak diumumkan.",
            )
    for key in ev.skor.keys() - ev.bobot.keys():
        c.at(
            "monev.yml",
            base + ("skor", key),
            f"unsur `{key}` tidak punya bobot; tambahkan di `bobot` atau hapus skornya.",
        )


def check_official_total(c: _Checker, base: tuple, ev: schema.Evaluasi) -> None:
    """An official total is never rejected: a gap beyond rounding is a warning showing the arithmetic."""
    check = evaluation.recompute(ev)
    if check is None or check.explained_by_rounding:
        return
    c.warn("monev.yml", base + ("nilai_resmi",), check.explanation)


def validate(documents: dict[str, Document], data_prefix: str = "data") -> tuple[Masterplan | None, list[Problem]]:
    """Check every document; return the masterplan when there was no problem."""
    c = _Checker(documents)
    c.parse_files(data_prefix)
    known = check_registries(c)
    check_programmes(c, known)
    check_roadmap(c)
    check_analysis(c)
    check_monev(c)
    rules.check_declared(c)
    rules.check_written_numbers(c)
    rules.check_why_empty(c)
    rules.check_program_files(c)
    rules.check_markdown_fields(c)
    if any(not p.is_warning for p in c.problems) or any(rel not in c.models for rel in schema.SINGLE_FILES):
        return None, c.problems
    if any(rel not in c.models for rel in documents):
        return None, c.problems  # a file that could not be read: its load problem is the error
    # Warnings, once the data holds no error: what is missing or implausible, without failing.
    rules.check_dimension_coverage(c, data_prefix)
    rules.warn_programme_years_implausible(c)
    rules.check_budgets(c)
    m = c.models
    programs = {rel: mod for rel, mod in m.items() if isinstance(mod, schema.ProgramFile)}
    plan = Masterplan(
        wilayah=m["wilayah.yml"],
        visi_misi=m["visi-misi.yml"],
        dimensi=m["dimensi.yml"],
        opd=m["opd.yml"],
        peta_jalan=m["peta-jalan.yml"],
        analisis=m["analisis.yml"],
        monev=m["monev.yml"],
        program_files=programs,
        documents=documents,
    )
    return plan, c.problems  # warnings only
