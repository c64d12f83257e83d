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
- Sizes are bounded: ``range`` (Jinja's sandbox limit of 100,000 items), ``*``, ``**``,
  ``+`` and ``~`` on text and lists (:data:`MAX_ITEMS`), the size arguments of the filters
  that pad or repeat text, and the widths of ``%`` and ``.format`` (no ``lipsum``). Loops nested in loops are bounded in time instead: a
  chapter gets :data:`CHAPTER_SECONDS` (:func:`time_limit`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import decimal
import functools
import re
import signal
import threading
from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment, modifies_known_mutable, safe_range
from markupsafe import Markup
from pydantic import BaseModel

# The largest text (characters) or list (items) an expression may build; a whole page of the
# 1,000-programme benchmark is far below it, a runaway loop reaches it in a few steps.
MAX_ITEMS = 5_000_000
# The largest width or count a padding filter (center, indent, wordwrap, truncate) takes.
MAX_FILTER_SIZE = 10_000
# `**` on integers: results beyond this many bits are refused (10**100 is 333 bits).
MAX_POWER_BITS = 4096

# Wall time one chapter may take to render; the sample's chapters take milliseconds, a chapter
# of the 1,000-programme benchmark well under a second.
CHAPTER_SECONDS = 60

_PLAIN_VALUES = (str, int, float, bool, type(None), list, tuple, dict, set, frozenset, range, Markup, dt.date, dt.time, decimal.Decimal)
_OWN_PACKAGE = __name__.split(".")[0]


class TemplateList(list):
    """A list written by a template (``[]``, ``[a, b]``): the only kind it may change."""


def _is_own(cls: type) -> bool:
    return cls.__module__.split(".")[0] == _OWN_PACKAGE


@functools.lru_cache(maxsize=None)
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


def _own_instance_attribute(obj: Any, attr: str) -> bool:
    """An attribute an own (non-dataclass) class sets in ``__init__``."""
    return not isinstance(obj, BaseModel) and attr in getattr(obj, "__dict__", {})


def _is_jinja_runtime(cls: type) -> bool:
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
    if isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1:
        if abs(left).bit_length() * right > MAX_POWER_BITS:
            raise SecurityError(f"pangkat terlalu besar ({left} ** {right})")
    return left ** right


def _own(value: Any) -> Any:
    """A list built by template arithmetic (``items + [x]``) belongs to the template too."""
    return TemplateList(value) if type(value) is list else value


def _bounded_filter(filter_: Any, name: str, *size_args: str) -> Any:
    """Wrap a padding filter so its width or count argument stays below :data:`MAX_FILTER_SIZE`."""
    @functools.wraps(filter_)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        for value in list(args[1:]) + [kwargs.get(name) for name in size_args]:
            if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_FILTER_SIZE:
                raise SecurityError(f"argumen ukuran filter `{name}` terlalu besar ({value:,} > {MAX_FILTER_SIZE:,})")
        return _bounded(filter_(*args, **kwargs))
    return wrapped


_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[-+ #0]*(\d*)(?:\.(\d+))?")
_BRACE_SPEC = re.compile(r"\{[^{}]*?:([^{}]*)\}")


def _bounded_format(text: Any) -> None:
    """Refuse a format string whose width or precision would pad to a huge text (`%0999999999d`)."""
    if not isinstance(text, str) or not any(c.isdigit() for c in text):
        return
    numbers = [n for m in _PERCENT_SPEC.finditer(text) for n in m.groups() if n]
    numbers += [n for m in _BRACE_SPEC.finditer(text) for n in re.findall(r"\d+", m.group(1))]
    if any(int(n) > MAX_FILTER_SIZE for n in numbers):
        raise SecurityError(f"lebar format terlalu besar (lebih dari {MAX_FILTER_SIZE:,})")


def _bounded_modulo(left: Any, right: Any) -> Any:
    _bounded_format(left)
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
        self.write("environment.bounded(")
        super().visit_Concat(node, frame)
        self.write(")")


class DataOnlySandbox(SandboxedEnvironment):
    """Jinja's sandbox, narrowed to reading data: see the module's docstring.

    The verdict is kept per (type, name), since it depends only on the class.
    """

    code_generator_class = _DataOnlyCodeGenerator
    intercepted_binops = frozenset(["*", "**", "+", "%"])
    SIZE_FILTERS = {"center": ("width",), "indent": ("width",), "wordwrap": ("width",), "truncate": ("length",)}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._verdicts: dict[tuple[type, str], bool] = {}
        self.binop_table.update({"*": _bounded_multiply, "**": _bounded_power, "+": lambda a, b: _own(_bounded(a + b)), "%": _bounded_modulo})
        for name, size_args in self.SIZE_FILTERS.items():
            self.filters[name] = _bounded_filter(self.filters[name], name, *size_args)
        self.filters["format"] = self._bounded_format_filter(self.filters["format"])

    @staticmethod
    def _bounded_format_filter(filter_: Any) -> Any:
        @functools.wraps(filter_)
        def wrapped(value: Any, *args: Any, **kwargs: Any) -> Any:
            _bounded_format(value)
            return filter_(value, *args, **kwargs)
        return wrapped

    def wrap_str_format(self, value: Any) -> Any:
        """`"{:>999999999}".format(x)`: the width is refused before Jinja's own sandboxed formatter runs."""
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        _bounded_format(value.__self__)
        return wrapped

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

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        kind = type(obj)
        if _own_instance_attribute(obj, attr) and _is_own(kind):
            return not attr.startswith("_")
        verdict = self._verdicts.get((kind, attr))
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
            return attr in declared_names(kind)
        if issubclass(kind, _PLAIN_VALUES) or _is_jinja_runtime(kind):
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
