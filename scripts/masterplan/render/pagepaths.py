"""Stage 4, render: the paths of :mod:`pagecache`, what a value at a path is compared by (its *shape*), and
their values in a rebuild's data (:class:`Resolver`)."""

from __future__ import annotations

import datetime as dt
import decimal
import itertools
import types
from collections.abc import ItemsView, KeysView, ValuesView
from typing import Any

from jinja2.runtime import new_context
from jinja2.utils import _PassArg
from markupsafe import Markup

SCALARS = (str, int, float, bool, type(None), dt.date, dt.time, decimal.Decimal, Markup)
PLAIN = frozenset([str, int, bool, type(None), dt.date, dt.time, Markup])  # equal values print the same
_BY_TEXT = (float, decimal.Decimal)  # 0.0 == -0.0 and Decimal("1.0") == Decimal("1.00") print differently
_CONTAINERS = (list, tuple)
_VIEWS = (KeysView, ValuesView, ItemsView)
MAX_SHAPE = 2000  # items of a container whose items are part of its shape; a longer one makes the page unfollowable
JINJA_CALL_KEYWORDS = ("_loop_vars", "_block_vars")  # what Jinja's generated code hands every call


MISSING = object()


class Unfollowable(Exception):
    """The template did something whose inputs cannot be named: the page is not kept."""


def shape(value: Any) -> Any:
    """What the template can learn from a value without another recorded read."""
    kind = type(value)
    if kind in PLAIN:
        return (kind, value)
    if isinstance(value, _BY_TEXT):
        return (kind, repr(value))
    if isinstance(value, SCALARS):
        return (kind, value)
    if isinstance(value, (list, tuple, set, frozenset)):
        if len(value) > MAX_SHAPE:
            raise Unfollowable
        items = sorted(value, key=repr) if isinstance(value, (set, frozenset)) else value
        return (kind, tuple(shape(item) for item in items))
    if isinstance(value, dict):
        if len(value) > MAX_SHAPE:
            raise Unfollowable
        return (kind, tuple((shape(k), shape(v)) for k, v in value.items()))
    if isinstance(value, _VIEWS):
        return (kind, tuple(shape(item) for item in value))
    if isinstance(value, type):
        return (kind, value.__qualname__)
    try:
        ident = getattr(value, "id", None)
    except Exception:
        ident = None
    return (kind, ident if type(ident) in (str, int) else None)


def elements(value: Any) -> list[tuple[Any, Any]]:
    """(step, item) for the items of a container the template may iterate."""
    if isinstance(value, _CONTAINERS):
        return [(("e", i), item) for i, item in enumerate(value)]
    if isinstance(value, dict):
        return [(("i", ("v", k)), v) for k, v in value.items() if type(k) in SCALARS]
    if isinstance(value, _VIEWS):
        return [(("e", i), item) for i, item in enumerate(value)]
    return []


class Paths:
    """Every path recorded in this serve process, each a number: (the number of its parent, one step)."""

    def __init__(self) -> None:
        self.steps: list[tuple[int, tuple]] = []
        self.numbers: dict[tuple[int, tuple], int] = {}

    def child(self, parent: int, step: tuple) -> int:
        key = (parent, step)
        number = self.numbers.get(key)
        if number is None:
            number = self.numbers[key] = len(self.steps)
            self.steps.append(key)
        return number


ROOT = -1


class Resolver:
    """The values of recorded paths in this rebuild's data, each found once."""

    def __init__(self, env: Any, table: Paths):
        self.env = env
        self.steps = table.steps
        self.values: dict[int, Any] = {}
        self.shapes: dict[int, Any] = {}
        self.checked_start: dict | None = None  # the globals' shapes found the same, once per rebuild
        self.context = new_context(env, None, {}, {}, False, env.globals)

    def value(self, path: int, roots: dict[int, Any]) -> Any:
        values = self.values
        found = values.get(path, MISSING)
        if found is not MISSING:
            return found
        if path in roots:
            return roots[path]
        parent_path, step = self.steps[path]
        kind = step[0]
        if kind == "a":  # the most common step, first
            parent = values.get(parent_path, MISSING)
            if parent is MISSING:
                parent = self.value(parent_path, roots)
            try:  # read before by the sandbox on an object of the same shape: no need to check again
                value = getattr(parent, step[1]) if type(parent) is not str else self.env.getattr(parent, step[1])
            except AttributeError:
                value = self.env.getattr(parent, step[1])
            if type(value) is not types.GeneratorType:
                values[path] = value
            return value
        if kind == "g":
            return self.env.globals[step[1]]
        if kind == "f":
            func = self.env.filters[step[1]]
            args = [self._arg(a, roots) for a in step[2]]
            passed = _PassArg.from_obj(getattr(func, "__wrapped__", func))  # Jinja's `select`, `sort` ... want it
            if passed is not None:
                args.insert(
                    0,
                    {_PassArg.context: self.context, _PassArg.eval_context: self.context.eval_ctx}.get(
                        passed, self.env
                    ),
                )
            value = func(*args, **{k: self._arg(v, roots) for k, v in step[3]})
        else:
            parent = self.value(parent_path, roots)
            if kind == "a":
                try:  # read before by the sandbox on an object of the same shape: no need to check again
                    value = self.env.getattr(parent, step[1]) if type(parent) is str else getattr(parent, step[1])
                except AttributeError:
                    value = self.env.getattr(parent, step[1])
            elif kind == "i":
                value = self.env.getitem(parent, self._arg(step[1], roots))
            elif kind == "e":
                value = parent[step[1]] if isinstance(parent, _CONTAINERS) else list(parent)[step[1]]
            elif kind == "c":
                args = [self._arg(a, roots) for a in step[1]]
                kwargs = {k: self._arg(v, roots) for k, v in step[2]}
                now = counters(self.env)
                set_counters(self.env, step[3])
                try:
                    value = parent(*args, **kwargs)
                finally:
                    set_counters(self.env, now)
            elif kind == "str":
                value = str(parent)
            else:
                raise KeyError(kind)
        if not isinstance(value, types.GeneratorType):  # a generator is used up once
            self.values[path] = value
        return value

    def _arg(self, arg: tuple, roots: dict[int, Any]) -> Any:
        if arg[0] == "v":
            return arg[1]
        if arg[0] == "s":
            return slice(*arg[1:])
        if arg[0] == "l":
            return arg[1](self._arg(item, roots) for item in arg[2])
        if arg[0] == "d":
            return {self._arg(k, roots): self._arg(v, roots) for k, v in arg[1]}
        return self.value(arg[1], roots)

    def shape(self, path: int, roots: dict[int, Any]) -> Any:
        if path in self.shapes:
            return self.shapes[path]
        result = shape(self.value(path, roots))
        if path not in roots:
            self.shapes[path] = result
        return result


def counters(env: Any) -> tuple:
    """The state a render carries from page to page: the number of the next chart (``charts.Charts``, whose
    element ids run on through the pages). A page is kept only when it would start from the same number."""
    ids = getattr(env.globals.get("charts"), "_ids", None)
    return (int(repr(ids)[len("count(") : -1]),) if isinstance(ids, itertools.count) else ()


def set_counters(env: Any, counters: tuple) -> None:
    """After a kept page: the counters as rendering it left them."""
    if counters:
        env.globals["charts"]._ids = itertools.count(counters[0])
