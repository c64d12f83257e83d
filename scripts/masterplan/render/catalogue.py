"""The DCAT catalogue of the open data, as JSON-LD (and Turtle) for a Satu Data portal.

Every dataset (programmes, indicators with their MS-Ind metadata, evaluations, the
comparison of a draft amendment) is a ``dcat:Dataset`` (also a ``schema:Dataset``, the
overlap Google's dataset search reads) with title and description in Indonesian, the
regional government as publisher, the walidata as contact point, the licence from
``data/wilayah.yml``, the plan period, the commit time as modification date, keywords,
and one ``dcat:Distribution`` per file with its media type and download URL. Each
enacted version's datasets are datasets of their own, linked to the current ones with
``dct:isVersionOf`` / ``dct:hasVersion`` (DCAT-AP) and carrying ``owl:versionInfo``; the
current text is labelled a draft until its regulation has a number and year.

The graph is built once as plain nodes and written as JSON-LD (``katalog.jsonld``, and
inside the download page) and Turtle (``katalog.ttl``): CKAN's DCAT harvester
(ckanext-dcat) reads either, choosing the parser by the Content-Type the web server
gives (``application/ld+json``, ``text/turtle``). IRIs are absolute when the site's
``site_url`` is set, otherwise relative to the document that holds them.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import quote

from .. import schema
from ..derive.missing import missing_of
from ..derive.versions import of as versions_of

PREFIXES = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "schema": "https://schema.org/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "adms": "http://www.w3.org/ns/adms#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
MEDIA_TYPES = {"csv": ("text/csv", "CSV"), "json": ("application/json", "JSON")}
LANGUAGE = "http://id.loc.gov/vocabulary/iso639-1/id"


@dataclass(slots=True)
class Iri:
    value: str


@dataclass(slots=True)
class Lit:
    value: str
    lang: str | None = None
    datatype: str | None = None  # prefixed name, e.g. "xsd:date"


@dataclass(slots=True)
class Node:
    id: str  # an IRI, or "_:name" for a blank node
    types: list[str]
    props: dict[str, list] = field(default_factory=dict)

    def add(self, prop: str, *values) -> Node:
        for v in values:
            if v is not None:
                self.props.setdefault(prop, []).append(v)
        return self


def text(value: str | None) -> Lit | None:
    return None if value is None else Lit(str(value), "id")


@dataclass(frozen=True)
class DatasetSpec:
    name: str  # "program"
    title: str
    description: str
    keywords: tuple[str, ...]
    files: tuple[str, ...]  # file names in the version's folder


DATASETS = {
    "program": DatasetSpec(
        "program",
        "Daftar program",
        "Program rencana induk kota cerdas: dimensi, elemen, OPD penanggung jawab, horizon, tahun, "
        "sumber dana, perkiraan anggaran, status dan progres, dengan jenis kekosongan setiap isian.",
        ("program", "anggaran"),
        ("program.csv", "program.json"),
    ),
    "indikator": DatasetSpec(
        "indikator",
        "Indikator program dan sasaran dimensi",
        "Baseline, target dan realisasi per tahun setiap indikator "
        "program, metadata indikatornya menurut Peraturan BPS Nomor 5 Tahun 2020 (MS-Ind), dan sasaran terukur setiap dimensi.",
        ("indikator", "MS-Ind", "statistik sektoral"),
        ("indikator.csv", "metadata-indikator.csv", "indikator.json", "sasaran-dimensi.csv"),
    ),
    "evaluasi": DatasetSpec(
        "evaluasi",
        "Hasil evaluasi smart city",
        "Nilai resmi, nilai lain yang diumumkan, skor unsur dan subindikator, indeks "
        "dimensi, peringkat, target daerah, kekuatan, kelemahan dan rekomendasi dengan tindak lanjutnya.",
        ("evaluasi", "monev"),
        ("evaluasi.csv", "evaluasi.json"),
    ),
    "perubahan": DatasetSpec(
        "perubahan",
        "Perubahan terhadap teks yang ditetapkan",
        "Setiap bagian yang berubah dalam rancangan perubahan, "
        "seperti matriks perubahan (semula, menjadi, keterangan).",
        ("perubahan", "revisi"),
        ("perubahan.csv", "perubahan.json"),
    ),
}


class Locator:
    """IRIs of the site's files: absolute under ``site_url``, else relative to the folder of the document that holds them."""

    def __init__(self, site_url: str, document_folder: str):
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        self.folder = document_folder

    def __call__(self, path: str) -> str:
        path = quote(path, safe="/#.-_~")
        if self.site_url:
            return self.site_url + path
        rel = posixpath.relpath(path.split("#")[0] or ".", self.folder or ".")
        return rel + (path[path.index("#") :] if "#" in path else "")


def _date(d) -> Lit:
    return Lit(d.isoformat(), datatype="xsd:date")


def _datetime(t) -> Lit:
    return Lit(t.strftime("%Y-%m-%dT%H:%M:%SZ"), datatype="xsd:dateTime")


class Builder:
    def __init__(self, view, at: Locator, with_indicator_metadata: bool):
        self.view, self.at, self.full = view, at, with_indicator_metadata
        self.nodes: list[Node] = []
        words, wil = view.words, view.plan.wilayah
        self.words, self.open = words, wil.data_terbuka
        self.licence = schema.LICENCES.get(self.open.lisensi) if self.open.lisensi else None
        self.keywords = ["kota cerdas", "smart city", "rencana induk", words.daerah, *self.open.kata_kunci]
        self.publisher = self._publisher()
        self.contact = self._contact()
        self.period = self.node("_:periode", ["dct:PeriodOfTime"])
        self.period.add("dcat:startDate", _date_of_year(wil.periode.mulai, 1, 1)).add(
            "dcat:endDate", _date_of_year(wil.periode.selesai, 12, 31)
        )

    def node(self, id_: str, types: list[str]) -> Node:
        n = Node(id_, types)
        self.nodes.append(n)
        return n

    def _publisher(self) -> Node:
        site = self.view.plan.wilayah.wilayah.situs
        n = self.node(site or "_:penerbit", ["foaf:Organization", "foaf:Agent"])
        return n.add("foaf:name", text(self.words.pemerintah)).add("foaf:homepage", Iri(site) if site else None)

    def _contact(self) -> Node | None:
        agencies = {o.id: o for o in self.view.plan.opd.opd}
        agency = agencies.get(self.open.walidata) if self.open.walidata else None
        if agency is None and self.open.surel is None:
            return None
        n = self.node("_:kontak", ["vcard:Organization"])
        n.add("vcard:fn", text(agency.nama if agency else f"Walidata {self.words.pemerintah}"))
        n.add("vcard:hasEmail", Iri(f"mailto:{self.open.surel}") if self.open.surel else None)
        return n.add("vcard:hasURL", Iri(agency.situs) if agency and agency.situs else None)

    def catalogue(self, versions, include_changes: bool) -> Node:
        cat = self.node(self.at("unduh/katalog.jsonld") + "#katalog", ["dcat:Catalog", "schema:DataCatalog"])
        cat.add("dct:title", text(f"Data terbuka {self.words.judul_rencana}"))
        cat.add(
            "dct:description",
            text(
                f"Katalog data terbuka rencana induk kota cerdas {self.words.daerah}: program, indikator, hasil evaluasi "
                "dan setiap versi yang ditetapkan."
            ),
        )
        cat.add("dct:publisher", Iri(self.publisher.id)).add("dct:language", Iri(LANGUAGE)).add(
            "foaf:homepage", Iri(self.at("unduh.html"))
        )
        self._licence(cat)
        if versions.current.modified:
            cat.add("dct:modified", _datetime(versions.current.modified))
        names = [n for n in DATASETS if n != "perubahan" or include_changes]
        current = {n: self.dataset(n, versions.current, self.view) for n in names}
        for enacted in versions.enacted:
            for n in names:
                if n == "perubahan":
                    continue
                older = self.dataset(n, enacted.version, None)  # an enacted version's metadata is in its own files
                older.add("dct:isVersionOf", Iri(current[n].id))
                current[n].add("dct:hasVersion", Iri(older.id))
        for ds in self.nodes:
            if "dcat:Dataset" in ds.types:
                cat.add("dcat:dataset", Iri(ds.id))
        return cat

    def _licence(self, node: Node) -> None:
        if self.licence:
            node.add("dct:license", Iri(self.licence[1])).add("schema:license", Iri(self.licence[1]))
        else:
            node.add("dct:rights", text(f"Lisensi {missing_of(self.open, 'lisensi')}"))

    def dataset(self, name: str, version, view) -> Node:
        """One dataset of ``version``; ``view`` (the current text's) lists the indicators of the current version."""
        spec = DATASETS[name]
        suffix = " (rancangan, belum ditetapkan)" if version.draft else f" ({version.label})"
        ds = self.node(self.at(f"{version.folder}/datapackage.json") + f"#{name}", ["dcat:Dataset", "schema:Dataset"])
        title = f"{spec.title} {self.words.judul_rencana}{suffix}"
        ds.add("dct:title", text(title)).add("schema:name", text(title))
        ds.add("dct:description", text(spec.description)).add("schema:description", text(spec.description))
        ds.add("dct:identifier", Lit(f"{slug(self.words.daerah)}-{name}-{slug(version.key)}"))
        ds.add("dcat:keyword", *[text(k) for k in [*self.keywords, *spec.keywords]])
        ds.add("dct:publisher", Iri(self.publisher.id)).add("dct:language", Iri(LANGUAGE)).add(
            "dct:temporal", Iri(self.period.id)
        )
        ds.add("dcat:contactPoint", Iri(self.contact.id) if self.contact else None)
        ds.add("dcat:landingPage", Iri(self.at("unduh.html"))).add("schema:url", Iri(self.at("unduh.html")))
        ds.add("owl:versionInfo", text("rancangan" if version.draft else version.label)).add(
            "dcat:version", text("rancangan" if version.draft else version.label)
        )
        if version.draft:
            ds.add("adms:versionNotes", text("Rancangan: data dapat berubah sampai peraturannya ditetapkan."))
        if version.modified:
            ds.add("dct:modified", _datetime(version.modified))
        if version.issued:
            ds.add("dct:issued", _date(version.issued))
        self._licence(ds)
        for file in spec.files:
            ds.add("dcat:distribution", Iri(self.distribution(ds, spec, version, file).id))
        if (
            name == "indikator" and self.full and version.key == "terkini"
        ):  # an enacted version's metadata: its metadata-indikator.csv
            for p in view.programmes:
                for ind in p.indicators:
                    ds.add("schema:variableMeasured", Iri(self.indicator(version, ind).id))
        return ds

    def distribution(self, ds: Node, spec: DatasetSpec, version, file: str) -> Node:
        url = self.at(f"{version.folder}/{file}")
        media, fmt = MEDIA_TYPES[file.rsplit(".", 1)[1]]
        d = self.node(f"{ds.id}-{file.replace('.', '-')}", ["dcat:Distribution", "schema:DataDownload"])
        d.add("dct:title", text(file)).add("dcat:downloadURL", Iri(url)).add("dcat:accessURL", Iri(url)).add(
            "schema:contentUrl", Iri(url)
        )
        d.add("dcat:mediaType", Iri(f"https://www.iana.org/assignments/media-types/{media}")).add(
            "dct:format", Lit(fmt)
        )
        d.add("schema:encodingFormat", Lit(media))
        self._licence(d)
        return d

    def indicator(self, version, ind) -> Node:
        n = self.node(self.at(f"{version.folder}/metadata-indikator.csv") + f"#{ind.code}", ["schema:PropertyValue"])
        n.add("schema:identifier", Lit(ind.code)).add("schema:name", text(ind.model.nama))
        for f in ind.metadata:
            value = f.value if f.value is not None else f.missing_word
            prop = self.node(f"_:{slug(version.key)}-{slug(ind.code)}-{f.key}", ["schema:PropertyValue"])
            prop.add("schema:propertyID", Lit(f.key)).add("schema:name", text(f.label)).add("schema:value", text(value))
            n.add("schema:additionalProperty", Iri(prop.id))
        return n


def _date_of_year(year: int, month: int, day: int) -> Lit:
    return Lit(f"{year:04d}-{month:02d}-{day:02d}", datatype="xsd:date")


def slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")


def build(view, site_url: str, document_folder: str, with_indicator_metadata: bool = True) -> list[Node]:
    b = Builder(view, Locator(site_url, document_folder), with_indicator_metadata)
    b.catalogue(versions_of(view), view.comparison is not None)
    return b.nodes


# ------------------------------------------------------------------ writing


def _jsonld_value(v):
    if isinstance(v, Iri):
        return {"@id": v.value}
    out = {"@value": v.value}
    if v.lang:
        out["@language"] = v.lang
    if v.datatype:
        out["@type"] = v.datatype
    return out


def to_jsonld(nodes: list[Node]) -> dict:
    graph = []
    for n in nodes:
        obj = {"@id": n.id, "@type": n.types}
        for prop, values in n.props.items():
            obj[prop] = [_jsonld_value(v) for v in values]
        graph.append(obj)
    return {"@context": PREFIXES, "@graph": graph}


def jsonld_text(nodes: list[Node]) -> str:
    """One node per line: readable, and written by the json module's C encoder (an indent makes it pure Python)."""
    doc = to_jsonld(nodes)
    context = json.dumps(doc["@context"], ensure_ascii=False)
    graph = ",\n".join(json.dumps(node, ensure_ascii=False) for node in doc["@graph"])
    return f'{{"@context": {context},\n"@graph": [\n{graph}\n]}}\n'


def script_text(nodes: list[Node]) -> str:
    """JSON-LD for a ``<script type="application/ld+json">``: no data text can end the element or open a comment."""
    raw = json.dumps(to_jsonld(nodes), ensure_ascii=False, separators=(",", ":"))
    return raw.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


_TTL_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})
_IRI_UNSAFE = re.compile(r'[<>"{}|^`\\\x00-\x20]')


def _ttl_term(v) -> str:
    if isinstance(v, Iri):
        return v.value if v.value.startswith("_:") else f"<{_ttl_iri(v.value)}>"
    body = '"' + v.value.translate(_TTL_ESCAPES) + '"'
    if v.lang:
        return f"{body}@{v.lang}"
    return f"{body}^^{v.datatype}" if v.datatype else body


def _ttl_iri(value: str) -> str:
    # Characters Turtle forbids inside <...>: percent-encoded (a site URL or tag never needs them as written).
    return _IRI_UNSAFE.sub(lambda m: f"%{ord(m.group()):02X}", value)


def turtle_text(nodes: list[Node]) -> str:
    lines = [f"@prefix {p}: <{iri}> ." for p, iri in PREFIXES.items()] + [""]
    for n in nodes:
        subject = n.id if n.id.startswith("_:") else f"<{_ttl_iri(n.id)}>"
        parts = ["a " + ", ".join(n.types)] + [
            f"{prop} " + ", ".join(_ttl_term(v) for v in values) for prop, values in n.props.items()
        ]
        lines.append(subject + " " + " ;\n    ".join(parts) + " .")
        lines.append("")
    return "\n".join(lines)


def page_script(view, site_url: str) -> str:
    """The catalogue for the download page (at the site's root): datasets and files, without each indicator's metadata
    (that is in ``unduh/katalog.jsonld``, and would make the page grow with the number of indicators)."""
    return script_text(build(view, site_url, "", with_indicator_metadata=False))
