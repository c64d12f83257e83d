"""Stage 4, render: the Jinja sandbox in which macros and chapters run.

Chapters and macros are written by editors, so a template gets **data only**:

- An attribute is readable only when the object's own class declares it: a field of a
  pydantic model or a dataclass, a property, or a method of this package's own view
  classes (``mp.programme("GOV-01")``). Pydantic's inherited machinery (``parse_file``,
  ``model_dump``, ``copy``, ...) and every attribute of a foreign object (a ``Path``, a
  module, a class) are refused. Plain values (text, numbers, lists, dicts, dates) keep
  Jinja's own rule.
- Nothing from the data can be changed: the mutating methods of lists, dicts and sets
  (``clear``, ``append``, ``update``, ...) are refused, except on a list the template
  itself wrote (``{% set items = [] %}``), which the macros fill for charts.
- Sizes are bounded before a value is built (:mod:`bounds`): ``range`` (Jinja's sandbox limit
  of 100,000 items), ``*``, ``**``, ``+`` and ``~`` on text and lists (:data:`MAX_ITEMS`), every
  filter (its size arguments and its result's estimated size), the widths of ``%`` and
  ``.format`` (none given as an argument), every printed value, and all a render writes (no
  ``lipsum``). Nothing a template computes is folded at compile time. Loops nested in loops are
  bounded in time: a chapter gets :data:`CHAPTER_SECONDS`, all chapters of a render
  :data:`ALL_CHAPTERS_SECONDS` (:func:`time_limit`), and a memory ceiling (:func:`bounds.memory_ceiling`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import decimal
import functools
import signal
import threading
import types
from collections.abc import Iterable
from typing import Any, Self, cast

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment, modifies_known_mutable, safe_range
from markupsafe import Markup
from pydantic import BaseModel

from . import bounds
from .bounds import MAX_FILTER_SIZE, MAX_ITEMS  # noqa: F401  (re-exported: tests and the README name them here)

# `**` on integers: results beyond this many bits are refused (10**100 is 333 bits).
MAX_POWER_BITS = 4096

# Wall time one chapter may take to render, and all chapters of one build or check together;
# the sample's chapters take milliseconds, a chapter of the 1,000-programme benchmark well under
# a second. Both keep a whole `check` or build under a minute whatever the chapters hold.
CHAPTER_SECONDS = 30
ALL_CHAPTERS_SECONDS = 40

# `mkdocs serve`: while a page renders, the values it obtains from the data are reported here
# (pagecache.Recorder); None otherwise, and always during `mkdocs build`.
RECORDER: Any = None

_PLAIN_VALUES = (
    str,
    int,
    float,
    bool,
    type(None),
    list,
    tuple,
    dict,
    set,
    frozenset,
    range,
    Markup,
    dt.date,
    dt.time,
    decimal.Decimal,
)
_OWN_PACKAGE = __name__.split(".")[0]


class TemplateList(list):
    """A list written by a template (``[]``, ``[a, b]``): the only kind it may change, up to :data:`bounds.MAX_TEMPLATE_LIST` items."""

    def append(self, item: Any) -> None:
        self._room(1)
        super().append(item)

    def insert(self, index: Any, item: Any) -> None:
        self._room(1)
        super().insert(index, item)

    def extend(self, items: Any) -> None:
        items = list(items)
        self._room(len(items))
        super().extend(items)

    def __iadd__(self, items: Iterable[Any]) -> Self:  # type: ignore[misc]  # list's own __iadd__ and __add__ disagree the same way
        self.extend(items)
        return self

    def _room(self, more: int) -> None:
        if len(self) + more > bounds.MAX_TEMPLATE_LIST:
            raise SecurityError(f"daftar terlalu panjang (lebih dari {bounds.MAX_TEMPLATE_LIST:,} butir)")


def _is_own(cls: type) -> bool:
    return cls.__module__.split(".")[0] == _OWN_PACKAGE


@functools.cache
def declared_names(cls: type) -> frozenset[str]:
    """What a template may read on an instance of ``cls`` (an own class or a pydantic model)."""
    names: set[str] = set()
    if issubclass(cls, BaseModel):
        names.update(cls.model_fields)
        # Properties the schema adds (computed facts); never validators or pydantic's methods.
        for klass in cls.__mro__:
            if _is_own(klass):
                names.update(n for n, v in vars(klass).items() if isinstance(v, (property, functools.cached_property)))
    else:
        for klass in cls.__mro__:
            if _is_own(klass):
                names.update(vars(klass))
        if dataclasses.is_dataclass(cls):
            names.update(f.name for f in dataclasses.fields(cls))
        names.update(getattr(cls, "_fields", ()))  # a NamedTuple's fields
    return frozenset(n for n in names if not n.startswith("_"))


@functools.cache
def _own_plain_class(cls: type) -> bool:
    """An own class that is no pydantic model: what its ``__init__`` sets on an instance is data."""
    return _is_own(cls) and not issubclass(cls, BaseModel)


_METHOD_TYPES = (types.MethodType, types.BuiltinMethodType)  # neither can be subclassed


def is_jinja_runtime(cls: type) -> bool:
    # loop, caller, namespace(), cycler(), joiner(), a macro library module
    return cls.__module__.split(".")[0] in ("jinja2", "markupsafe")


def _bounded(value: Any) -> Any:
    if isinstance(value, (str, list, tuple)) and len(value) > MAX_ITEMS:
        raise SecurityError(f"hasil ekspresi terlalu besar ({len(value):,} > {MAX_ITEMS:,})")
    return value


def _size_of(value: Any) -> int | None:
    return len(value) if isinstance(value, (str, list, tuple)) else None


def _bounded_multiply(left: Any, right: Any) -> Any:
    for seq, times in ((left, right), (right, left)):
        size = _size_of(seq)
        if size is not None and isinstance(times, int) and size * times > MAX_ITEMS:
            raise SecurityError(f"perkalian teks atau daftar terlalu besar ({size:,} × {times:,})")
    return _own(left * right)


def _bounded_power(left: Any, right: Any) -> Any:
    if (
        isinstance(left, int)
        and isinstance(right, int)
        and right > 0
        and abs(left) > 1
        and abs(left).bit_length() * right > MAX_POWER_BITS
    ):
        raise SecurityError(f"pangkat terlalu besar ({left} ** {right})")
    return left**right


def _own(value: Any) -> Any:
    """A list built by template arithmetic (``items + [x]``) belongs to the template too."""
    return TemplateList(value) if type(value) is list else value


def _bounded_filter(filter_: Any, name: str) -> Any:
    """Wrap a filter so its size arguments and its result's size are checked before it runs (:func:`bounds.check_filter`)."""
    from jinja2.utils import _PassArg

    skip = 0 if _PassArg.from_obj(filter_) is None else 1  # context, eval context or environment first

    @functools.wraps(filter_)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if len(args) > skip:
            if name in bounds.CONSUMING_FILTERS and hasattr(args[skip], "__next__"):
                # `items|map(...)|join`: weighed and then joined, so the items are read once, into a list
                items = list(args[skip])
                if RECORDER is not None:
                    RECORDER.same_value(items, args[skip])
                args = (*args[:skip], items, *args[skip + 1 :])
            bounds.check_filter(name, args[skip], args[skip + 1 :], kwargs)
        result = _bounded(filter_(*args, **kwargs))
        if RECORDER is not None:
            RECORDER.filtered(name, args[skip:], kwargs, result)
        return result

    return wrapped


def _bounded_modulo(left: Any, right: Any) -> Any:
    if isinstance(left, str):
        bounds.format_size(left, right if isinstance(right, tuple) else (right,))
    return _bounded(left % right)


class _DataOnlyCodeGenerator(CodeGenerator):
    """Marks the lists a template writes itself, and bounds every ``~`` concatenation."""

    def visit_List(self, node: nodes.List, frame: Frame) -> None:
        self.write("environment.template_list(")
        super().visit_List(node, frame)
        self.write(")")

    def visit_Const(self, node: nodes.Const, frame: Frame) -> None:
        # Jinja folds a constant list (`[]`, `[1, 2]`) into a Const before visit_List sees it.
        if isinstance(node.value, list):
            self.write("environment.template_list(")
            super().visit_Const(node, frame)
            self.write(")")
        else:
            super().visit_Const(node, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        # The parts are weighed before they are joined: `[long] * 100000 ~ ""` is refused unbuilt.
        if frame.eval_ctx.volatile:
            self.write("(markup_join if context.eval_ctx.volatile else str_join)(environment.weighed((")
        else:
            self.write(("markup_join" if frame.eval_ctx.autoescape else "str_join") + "(environment.weighed((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write(")))")

    def _output_child_to_const(self, node: nodes.Expr, frame: Frame, finalize: Any) -> str:
        # Nothing a template computes is evaluated at compile time, where no time limit or budget
        # holds yet: only written text and literal constants are.
        if not isinstance(node, (nodes.TemplateData, nodes.Const)):
            raise nodes.Impossible()
        return super()._output_child_to_const(node, frame, finalize)

    def _output_const_repr(self, group: Any) -> str:
        # In a chapter, written text counts against the render's output budget too (a loop writing it
        # repeatedly); the project's own templates (macros/) write it as Jinja does, for speed.
        written = super()._output_const_repr(group)
        return f"environment.spend({written})" if getattr(self.environment, "compiling_chapter", False) else written


_JINJA_WRAP_STR_FORMAT = SandboxedEnvironment.wrap_str_format


class DataOnlySandbox(SandboxedEnvironment):
    """Jinja's sandbox, narrowed to reading data: see the module's docstring.

    The verdict is kept per (type, name), since it depends only on the class.
    """

    code_generator_class = _DataOnlyCodeGenerator
    intercepted_binops = frozenset(["*", "**", "+", "%"])
    compiling_chapter = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["optimized"] = False  # no constant folding: a filter on constants runs at render time, within the bounds
        finalize = kwargs.get("finalize")
        if finalize is not None:

            def weighed_final(value: Any) -> Any:  # weighed before it becomes text
                if RECORDER is not None:
                    RECORDER.printed(value)
                return finalize(bounds.spend(value))

            kwargs["finalize"] = weighed_final
        super().__init__(*args, **kwargs)
        self._verdicts: dict[tuple[type, str], bool] = {}
        self.binop_table.update(
            {
                "*": _bounded_multiply,
                "**": _bounded_power,
                "+": lambda a, b: _own(_bounded(a + b)),
                "%": _bounded_modulo,
            }
        )
        self.bound_filters()

    def bound_filters(self) -> None:
        """Every filter (Jinja's and the project's) checked for size before it runs; call again after adding filters."""
        for name, filter_ in list(self.filters.items()):
            if not getattr(filter_, "masterplan_bounded", False):
                self.filters[name] = _bounded_filter(filter_, name)
                self.filters[name].masterplan_bounded = True

    def wrap_str_format(self, value: Any) -> Any:
        """`"{:>999999999}".format(x)`, `"{:{}}".format(1, 10**9)`: refused before Jinja's own sandboxed formatter runs."""
        wrapped = _JINJA_WRAP_STR_FORMAT(self, value)  # called on every attribute read: no super() lookup
        if wrapped is None:
            return None
        text, is_map = value.__self__, value.__name__ == "format_map"

        @functools.wraps(wrapped)
        def checked(*args: Any, **kwargs: Any) -> Any:
            bounds.format_size(
                text, args[0].values() if is_map and args and isinstance(args[0], dict) else args, kwargs, brace=True
            )
            return _bounded(wrapped(*args, **kwargs))

        return checked

    def compile_chapter(self, tree: nodes.Template, name: str, filename: str) -> Any:
        """Compile a chapter (editors' code): its written text is counted against the output budget."""
        self.compiling_chapter = True
        try:
            return self.compile(tree, name=name, filename=filename)
        finally:
            self.compiling_chapter = False

    @staticmethod
    def weighed(parts: tuple) -> tuple:
        bounds.check_weight(parts, "gabungan teks (`~`)")
        if RECORDER is not None:
            for part in parts:
                RECORDER.printed(part)
        return parts

    @staticmethod
    def spend(text: str) -> str:
        return bounds.spend(text)

    @staticmethod
    def template_list(items: list) -> TemplateList:
        return TemplateList(items)

    @staticmethod
    def bounded(value: Any) -> Any:
        return _bounded(value)

    def default_globals(self) -> dict:
        """Jinja's default globals with the sandbox's bounded ``range``."""
        from jinja2.defaults import DEFAULT_NAMESPACE

        # No `lipsum`: placeholder text nobody needs, whose size (`n`) is not bounded.
        return {**{k: v for k, v in DEFAULT_NAMESPACE.items() if k != "lipsum"}, "range": safe_range}

    def unsafe_undefined(self, obj: Any, attribute: str) -> Any:
        """A refused attribute fails where it is named, not later where its value is used (or never)."""
        raise SecurityError(f"access to attribute {attribute!r} of {type(obj).__name__!r} object is unsafe.")

    def getattr(self, obj: Any, attribute: str) -> Any:
        """Jinja's sandboxed ``getattr`` (:meth:`_read_attribute`); the value is reported to a recorder."""
        value = self._read_attribute(obj, attribute)
        if RECORDER is not None:
            RECORDER.read(obj, ("a", attribute), value)
        return value

    def getitem(self, obj: Any, argument: Any) -> Any:
        value = super().getitem(obj, argument)
        if RECORDER is not None:
            RECORDER.item(obj, argument, value)
        return value

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        recorder = RECORDER
        if recorder is None:
            return super().call(__context, __obj, *args, **kwargs)
        before = recorder.before_call()
        value = super().call(__context, __obj, *args, **kwargs)
        recorder.called(__obj, args, kwargs, value, before)
        return value

    def _read_attribute(self, obj: Any, attribute: str) -> Any:
        """Jinja's sandboxed ``getattr``, the same checks in the same order, with fewer calls per read.

        Every attribute a template reads comes here: only a method can be ``str.format``, so the
        format check runs for methods alone (Jinja's own check answers None for anything else).
        """
        try:
            value = getattr(obj, attribute)
        except AttributeError:
            try:
                return obj[attribute]
            except (TypeError, LookupError):
                pass
            return self.undefined(obj=obj, name=attribute)
        if type(value) in _METHOD_TYPES:
            fmt = self.wrap_str_format(value)
            if fmt is not None:
                return fmt
        if self._verdicts.get((type(obj), attribute)) or self.is_safe_attribute(obj, attribute, value):
            return value
        return self.unsafe_undefined(obj, attribute)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        kind = type(obj)
        verdict = self._verdicts.get((kind, attr))
        if verdict:  # allowed for the class: so is the same name set on an instance (neither starts with "_")
            return True
        if _own_plain_class(cast(type, kind)) and attr in getattr(
            obj, "__dict__", ()
        ):  # set in an own class's __init__
            return not attr.startswith("_")
        if verdict is None:
            verdict = self._verdicts[(kind, attr)] = self._judge(kind, attr, obj, value)
        return verdict

    def _judge(self, kind: type, attr: str, obj: Any, value: Any) -> bool:
        if not super().is_safe_attribute(obj, attr, value):
            return False
        if isinstance(obj, type):
            return False  # a class reached through data: nothing on it is data
        if issubclass(kind, TemplateList):
            return True
        if issubclass(kind, BaseModel) or _is_own(kind):
            return attr in declared_names(cast(type, kind))
        if issubclass(kind, _PLAIN_VALUES) or is_jinja_runtime(kind):
            return not (modifies_known_mutable(obj, attr) and not isinstance(obj, TemplateList))
        return False


@contextlib.contextmanager
def time_limit(seconds: float | None = None):
    """Stop a render that runs longer than ``seconds`` with a SecurityError at the template's line.

    Uses SIGALRM, so only in the main thread (the MkDocs build and the CLI); elsewhere it is a no-op.
    """
    seconds = seconds or CHAPTER_SECONDS
    if threading.current_thread() is not threading.main_thread() or signal.getitimer(signal.ITIMER_REAL)[0]:
        yield
        return

    def stop(signum, frame):
        raise SecurityError(f"render bab lebih lama dari {seconds:g} detik (perulangan bersarang?)")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
