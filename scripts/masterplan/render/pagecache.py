"""Stage 4, render: ``mkdocs serve`` renders again only the pages whose data changed.

While a page renders, the sandbox (:mod:`sandbox`) reports every value the template obtains from
the data: each attribute or item read, each call of a method or function given data, each
filter given data, each object printed. Every such value gets a *path* from the template's
globals (``mp``, ``sebutan``, ``opsi`` ...) or its context (``p``, ``d`` ...): ``mp.programmes[3].nama``,
``mp.programme("GOV-01")``, ``mp.programmes|selectattr("status")``. The page keeps the list of paths
it read and the *shape* of each value (a text or number as it is, a list by its length and its
plain items, an object by its type and ``id``), and which paths led to the same object.

On the next rebuild a page is reused when its template sources are the same and every path it
read leads, in the new data, to a value of the same shape (and the same objects are still the
same). A page whose template did something this cannot follow (an attribute of an object of
unknown origin, a call of a function taking the render context) is never kept: it is rendered
on every rebuild. Paths are resolved once per rebuild, whatever the number of pages reading them.

A render's state carried from page to page (the chart numbers of ``charts.Charts``) is part of a page's key.
Not observed: ``==`` between two data objects and iterating a pydantic model's fields (no template does either;
an object's ``id`` is part of its shape). ``MASTERPLAN_SERVE_FULL=1`` renders every page on every rebuild.

Only ``mkdocs serve`` turns this on (:func:`enable`); ``mkdocs build`` renders every page.
"""

from __future__ import annotations

import hashlib
import types
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2.runtime import Macro
from jinja2.utils import _PassArg

from . import sandbox
from .pagepaths import (
    JINJA_CALL_KEYWORDS,
    MAX_SHAPE,
    MISSING,
    PLAIN,
    ROOT,
    SCALARS,
    Paths,
    Resolver,
    Unfollowable,
    counters,
    elements,
    set_counters,
    shape,
)


@dataclass
class Entry:
    key: str
    reads: dict[int, Any]  # path -> shape
    start: dict[int, Any]  # the globals' shapes when it was rendered (one dict for all pages of a rebuild)
    same: list[tuple[int, int]]  # paths that led to one object
    output: str
    counters: tuple[
        tuple, tuple
    ]  # what the render's counters were before and after the page (:func:`pagepaths.counters`)


class Recorder:
    """The paths one page's render read; installed as ``sandbox.RECORDER`` while it renders."""

    def __init__(
        self, table: Paths, env: Any, start: Recorder | None = None, roots: dict[int, Any] | None = None
    ) -> None:
        self.table = table
        self.env = env
        self.paths: dict[int, tuple[Any, int]] = dict(start.paths) if start else {}  # id -> (object, first path)
        self.start: dict[int, Any] = start.reads if start else {}
        self.reads: dict[int, Any] = {}
        self.same: list[tuple[int, int]] = list(start.same) if start else []
        self.failed: bool = start.failed if start else False
        self.why: object = None
        for path, value in (roots or {}).items():
            self._got(path, value)

    def _fail(self, where: object) -> None:
        if not self.failed:
            self.failed = True
            self.why = where  # why the page is rendered every time (PageCache.why)

    def path_of(self, value: Any) -> int | None:
        kept = self.paths.get(id(value))
        return kept[1] if kept is not None else None

    def _got(self, path: int, value: Any) -> None:
        if path not in self.reads and path not in self.start:  # the data does not change while a page renders
            try:
                self.reads[path] = shape(value)
            except (Unfollowable, RecursionError):
                self._fail("shape")
                return
        self._name(path, value, 0)

    def _name(self, path: int, value: Any, depth: int) -> None:
        if type(value) in SCALARS or isinstance(value, SCALARS):
            return
        kept = self.paths.get(id(value))
        if kept is None:
            self.paths[id(value)] = (value, path)
        elif kept[1] != path:
            self.same.append((kept[1], path))
            return
        else:
            return  # named already, with its items
        if depth < 3:
            for step, item in elements(value):
                self._name(self.table.child(path, step), item, depth + 1)

    def _arg(self, value: Any) -> tuple:
        if type(value) in SCALARS:
            return ("v", value)
        path = self.path_of(value)
        if path is not None:
            return ("p", path)
        if isinstance(value, slice) and all(type(x) in SCALARS for x in (value.start, value.stop, value.step)):
            return ("s", value.start, value.stop, value.step)
        if type(value) in (list, tuple, sandbox.TemplateList) and len(value) <= MAX_SHAPE:  # the template's own
            return ("l", type(value), tuple(self._arg(item) for item in value))
        if type(value) is dict and len(value) <= MAX_SHAPE:
            return ("d", tuple((self._arg(k), self._arg(v)) for k, v in value.items()))
        raise Unfollowable

    def _source(self, obj: Any) -> int | None:
        """The path of ``obj``; None for what the template made itself (a loop, a text, its own list)."""
        path = self.path_of(obj)
        if path is not None:
            return path
        kind = type(obj)
        if kind in SCALARS or isinstance(obj, SCALARS + (sandbox.TemplateList, list, tuple, dict)):
            return None
        if sandbox.is_jinja_runtime(kind) or isinstance(obj, (Macro, types.GeneratorType)):
            return None
        self._fail(146)
        return None

    # ------------------------------------------------------------ the sandbox's reports
    def same_value(self, new: Any, old: Any) -> None:
        """``new`` holds what ``old`` (an iterator) gave: it has ``old``'s path."""
        path = self.path_of(old)
        if path is not None:
            self.paths[id(new)] = (new, path)

    def read(self, obj: Any, step: tuple, value: Any) -> None:
        if self.failed:
            return
        path = self._source(obj)
        if path is not None:
            self._got(self.table.child(path, step), value)

    def item(self, obj: Any, key: Any, value: Any) -> None:
        if self.failed:
            return
        try:
            self.read(obj, ("i", self._arg(key)), value)
        except Unfollowable:
            self._fail(169)

    def before_call(self) -> tuple:
        return counters(self.env)

    def _plain(self, value: Any, depth: int = 0) -> bool:
        """A value that holds nothing from the data but texts and numbers (which were recorded where read)."""
        if type(value) in PLAIN or isinstance(value, SCALARS) or type(value) is types.GeneratorType:
            return type(value) is not types.GeneratorType or self.path_of(value) is None
        if self.path_of(value) is not None or depth > 3 or type(value) not in (list, tuple, dict, sandbox.TemplateList):
            return False
        items = list(value.items()) if isinstance(value, dict) else value
        return all(self._plain(item, depth + 1) for item in items)

    def called(self, func: Any, args: tuple, kwargs: dict, value: Any, before: tuple = ()) -> None:
        if self.failed or isinstance(func, Macro) or type(func).__name__ == "HtmlMacro":
            return  # a macro's own reads are recorded as it runs
        kwargs = {k: v for k, v in kwargs.items() if k not in JINJA_CALL_KEYWORDS}
        bound = getattr(func, "__self__", None)
        if all(self._plain(a) for a in (*args, *kwargs.values())) and (
            (isinstance(func, (types.FunctionType, types.BuiltinFunctionType, type)) and self.path_of(bound) is None)
            or (bound is not None and not isinstance(bound, types.ModuleType) and self._source(bound) is None)
        ):
            return  # a function of the values read, or a method of a text or of the template's own list
        self._record(self.path_of(func), ("c",), args, kwargs, value, before, _PassArg.from_obj(func) is not None)

    def filtered(self, name: str, args: tuple, kwargs: dict, value: Any) -> None:
        if not self.failed and not all(self._plain(a) for a in (*args, *kwargs.values())):
            self._record(ROOT, ("f", name), args, kwargs, value)

    def _record(self, parent: int | None, step: tuple, args: tuple, kwargs: dict, value: Any, *more: Any) -> None:
        """A call's value, by the path of what was called and its arguments (``before``: the chart numbers)."""
        try:
            if parent is None or (more and more[-1]):  # nothing to call again, or it takes the render's context
                raise Unfollowable
            named = (tuple(self._arg(a) for a in args), tuple((k, self._arg(v)) for k, v in sorted(kwargs.items())))
            self._got(self.table.child(parent, step + named + more[:1]), value)
        except Unfollowable:
            self._fail((step, [type(a).__name__ for a in args]))

    def printed(self, value: Any) -> None:
        """An object written into the page: its text."""
        if self.failed or type(value) in SCALARS:
            return
        path = self._source(value)
        if path is not None:
            self._got(self.table.child(path, ("str",)), str(value))


@dataclass
class PageCache:
    entries: dict[tuple, Entry] = field(default_factory=dict)
    rendered: int = 0
    reused: int = 0
    unfollowable: int = 0
    _view: Any = None
    _resolver: Resolver | None = None
    _macros: str = ""
    _globals: Recorder | None = None
    paths: Paths = field(default_factory=Paths)
    why: dict = field(default_factory=dict)
    outcome: dict[str, str] = field(default_factory=dict)  # page -> "dipakai ulang" / "dirender" / "selalu dirender"

    def _begin(self, env: Any) -> Resolver:
        """A new rebuild (new data): paths are resolved again, the globals named once for all pages."""
        view = env.globals.get("mp")
        if self._resolver is None or self._view is not view or self._resolver.env is not env:
            self._view = view
            self._resolver = Resolver(env, self.paths)
            self._macros = _macros_digest(env)
            self._globals = Recorder(
                self.paths,
                env,
                roots={self.paths.child(ROOT, ("g", name)): value for name, value in env.globals.items()},
            )
        return self._resolver

    def render(self, page: str, ident: str, source: str, env: Any, context: dict, run: Callable[[], str]) -> str:
        """``run()``, or the page's kept output when nothing it read changed.

        ``ident`` names the template (or the chapter's file), ``source`` is what else the output depends on
        besides the data it reads (a chapter's text)."""
        resolver = self._begin(env)
        key = hashlib.sha256("\0".join((self._macros, page, ident, source)).encode("utf-8", "replace")).hexdigest()
        roots = {self.paths.child(ROOT, ("c", page, name)): value for name, value in context.items()}
        entry = self.entries.get((page, ident))
        before = counters(env)
        if (
            entry is not None
            and entry.key == key
            and entry.counters[0] == before
            and _unchanged(entry, resolver, roots)
        ):
            set_counters(env, entry.counters[1])
            self.reused += 1
            self.outcome[page] = "dipakai ulang"
            return entry.output
        recorder = Recorder(self.paths, env, self._globals, roots)
        previous, sandbox.RECORDER = sandbox.RECORDER, recorder
        try:
            output = run()
        finally:
            sandbox.RECORDER = previous
        self.rendered += 1
        self.outcome[page] = "selalu dirender" if recorder.failed else "dirender"
        if recorder.failed:
            self.unfollowable += 1
            self.why[page] = recorder.why
            self.entries.pop((page, ident), None)
        else:
            self.entries[(page, ident)] = Entry(
                key, recorder.reads, recorder.start, recorder.same, output, (before, counters(env))
            )
        return output

    def report(self) -> str:
        return f"{self.rendered} halaman dirender ulang ({self.unfollowable} selalu), {self.reused} dipakai ulang"

    def reset_counts(self) -> None:
        self.rendered = self.reused = self.unfollowable = 0
        self.outcome = {}


def _unchanged(entry: Entry, resolver: Resolver, roots: dict[int, Any]) -> bool:
    try:
        if entry.start is not resolver.checked_start:
            for path, expected in entry.start.items():
                if resolver.shape(path, roots) != expected:
                    return False
            resolver.checked_start = entry.start
        shapes, missing = resolver.shapes, MISSING
        for path, expected in entry.reads.items():
            found = shapes.get(path, missing)
            if found is missing:
                found = resolver.shape(path, roots)
            if found != expected:
                return False
        return all(resolver.value(a, roots) is resolver.value(b, roots) for a, b in entry.same)
    except Exception:
        return False


def _macros_digest(env: Any) -> str:
    """Every file of the template folders, by content."""
    sha = hashlib.sha256()
    for folder in getattr(env.loader, "searchpath", []):
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                sha.update(path.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return sha.hexdigest()


CACHE: PageCache | None = None


def enable() -> PageCache:
    """``mkdocs serve``: pages are kept from now on, in this process."""
    global CACHE  # noqa: PLW0603 - one cache per serve process
    if CACHE is None:
        CACHE = PageCache()
    return CACHE


def disable() -> None:
    global CACHE  # noqa: PLW0603
    CACHE = None


def render(page: str, ident: str, source: str, env: Any, context: dict, run: Callable[[], str]) -> str:
    """``run()`` through the cache when ``mkdocs serve`` turned it on."""
    cache = CACHE
    if cache is None:
        return run()
    return cache.render(page, ident, source, env, context, run)
