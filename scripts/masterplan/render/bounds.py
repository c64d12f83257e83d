"""Stage 4, render: the size, depth and memory bounds of the sandbox (:mod:`sandbox`).

A template can make a large value in many ways besides ``*``: a width given as an argument
(``"%*d"|format(2000000000, 1)``, ``"{:{}}".format(1, 2000000000)``), ``join`` of a repeated
list, ``replace`` with a long replacement, ``indent`` with a text as its width, printing a
list that repeats one long text. So every way is bounded *before* the value is built:

- :func:`weight` is an upper estimate of the characters a value becomes as text (a list of a
  million references to one long text weighs a million times that text); it stops counting
  at the limit, so it costs at most :data:`MAX_ITEMS` steps.
- :data:`ESTIMATES` holds, per filter that can make its result larger than its inputs, the
  size its result would have, worked out from its arguments.
- :func:`format_size` does the same for ``%`` and ``str.format``: widths given as arguments
  (``*``, nested ``{}``) are refused, written widths are bounded, and the size is the number
  of fields times the heaviest argument.
- A render has an output budget (:func:`output_budget`): everything written counts, so a
  loop cannot pile up output beyond it.
- :func:`memory_ceiling` is the last line: while a chapter renders, the process may grow by
  :data:`CHAPTER_MEMORY` bytes at most (``RLIMIT_AS``), so a way nobody foresaw ends in a
  MemoryError at the template's line instead of exhausting the machine.
- :func:`nesting_problem` refuses a template nested deeper than :data:`MAX_NESTING` blocks or
  :data:`MAX_EXPRESSION_DEPTH` operators in one tag *before* Jinja parses it (its parser and
  compiler recurse, and end in a RecursionError).
"""

from __future__ import annotations

import contextlib
import contextvars
import string
import threading
from collections.abc import Iterable
from typing import Any

from jinja2.exceptions import SecurityError

# The largest text (characters) or list (items) an expression may build; a whole page of the
# 1,000-programme benchmark is far below it, a runaway loop reaches it in a few steps.
MAX_ITEMS = 5_000_000
# A list a template fills itself (`{% do items.append(x) %}`): each append is a sandboxed call.
MAX_TEMPLATE_LIST = 1_000_000
# The largest width or count a filter (center, indent, wordwrap, truncate, batch, slice, tojson) takes.
MAX_FILTER_SIZE = 10_000
# What one render (a chapter or a generated page) may write, counting every piece of output
# (each piece at least 16 characters, so a loop writing one letter a million times counts too).
MAX_OUTPUT = 40_000_000
PIECE_COST = 16
# The text a `md` filter or `markdown()` call converts: fields hold at most 4,000 characters.
MAX_MARKDOWN = 100_000
# How much a process may grow while one chapter renders.
CHAPTER_MEMORY = 256 * 1024 * 1024  # a build's own ~150 MB plus this stays under 500 MB
# Nesting: blocks ({% if %}, {% for %}, ...) inside each other, and operators, calls, filters,
# subscripts and brackets within one tag (Jinja builds a nested tree of them).
MAX_NESTING = 40
MAX_EXPRESSION_DEPTH = 120


def refuse(what: str) -> None:
    raise SecurityError(what)


def weight(value: Any, limit: int = MAX_ITEMS) -> int:
    """An upper estimate of len(str(value)); counting stops just past ``limit``."""
    total = 0
    stack = [value]
    while stack and total <= limit:
        item = stack.pop()
        if isinstance(item, str):
            total += len(item) + 4
        elif isinstance(item, (list, tuple, set, frozenset)):
            total += 2
            stack.extend(item if len(item) <= limit else list(item)[: limit + 1])
        elif isinstance(item, dict):
            total += 2
            for pair in list(item.items())[: limit + 1]:
                stack.extend(pair)
        else:
            total += 24  # a number, a date, a model: its text is short or bounded by the data
    return total


def check_weight(value: Any, what: str, limit: int = MAX_ITEMS) -> None:
    size = weight(value, limit)
    if size > limit:
        refuse(f"{what} terlalu besar (lebih dari {limit:,} karakter)")


def check_size(size: int, what: str, limit: int = MAX_ITEMS) -> None:
    if size > limit:
        refuse(f"{what} terlalu besar ({size:,} > {limit:,})")


def _heaviest(values: Iterable[Any]) -> int:
    return max((weight(v) for v in values), default=0)


# --- format strings -----------------------------------------------------------------------------


def _percent_fields(text: str) -> list[tuple[str, str]]:
    """(width, precision) of each `%` conversion; `*` where the argument gives it."""
    import re

    return re.findall(r"%(?:\([^)]*\))?[-+ #0]*(\*|\d*)(?:\.(\*|\d*))?[hlL]?[diouxXeEfFgGcrsa%]", text)


def _brace_specs(text: str) -> list[str]:
    try:
        return [spec or "" for _literal, field, spec, _conv in string.Formatter().parse(text) if field is not None]
    except ValueError:
        return []  # str.format refuses it itself


def format_size(text: Any, args: Iterable[Any] = (), kwargs: dict | None = None, brace: bool = False) -> None:
    """Refuse a format whose result would be larger than :data:`MAX_ITEMS` (see the module's docstring)."""
    if not isinstance(text, str):
        return
    values = list(args) + list((kwargs or {}).values())
    if len(values) == 1 and isinstance(values[0], dict) and not brace:
        values = list(values[0].values())  # "%(name)s" % {"name": ...}
    if brace:
        specs = _brace_specs(text)
        if any("{" in spec for spec in specs):
            refuse(
                "lebar format yang diberikan sebagai argumen (`{:{}}`) tidak diizinkan; tulis lebarnya sebagai angka"
            )
        widths = [int(n) for spec in specs for n in _digits(spec)]
        fields = len(specs)
    else:
        found = _percent_fields(text)
        if any("*" in pair for pair in found):
            refuse(
                "lebar atau presisi format yang diberikan sebagai argumen (`%*d`, `%.*f`) tidak diizinkan; tulis lebarnya sebagai angka"
            )
        widths = [int(n) for pair in found for n in pair if n]
        fields = len(found)
    if any(w > MAX_FILTER_SIZE for w in widths):
        refuse(f"lebar format terlalu besar (lebih dari {MAX_FILTER_SIZE:,})")
    check_size(len(text) + fields * (_heaviest(values) + MAX_FILTER_SIZE * bool(widths)), "hasil format")


def _digits(spec: str) -> list[str]:
    import re

    return re.findall(r"\d+", spec)


# --- filters ------------------------------------------------------------------------------------


def _join(value: Any, d: str = "", attribute: Any = None) -> int:
    if isinstance(value, str):  # joins its characters
        return len(value) * (1 + len(str(d)))
    items = (
        value
        if isinstance(value, (list, tuple))
        else list(value)
        if isinstance(value, (set, frozenset, dict, range))
        else [value]
    )
    return weight(items) + len(items) * len(str(d))


def _replace(s: Any, old: Any, new: Any, count: int | None = None) -> int:
    text, old, new = str(s), str(old), str(new)
    times = len(text) + 1 if old == "" else text.count(old)
    if count is not None and count >= 0:
        times = min(times, count)
    return len(text) + times * len(new)


def _indent(s: Any, width: Any = 4, first: bool = False, blank: bool = False) -> int:
    text = str(s)
    each = len(width) if isinstance(width, str) else abs(int(width))
    return len(text) + (text.count("\n") + 1) * each


def _wordwrap(
    s: Any, width: int = 79, break_long_words: bool = True, wrapstring: str | None = None, break_on_hyphens: bool = True
) -> int:
    text = str(s)
    lines = len(text) // max(int(width), 1) + text.count("\n") + 1
    return len(text) + lines * len(wrapstring or "\n")


def _tojson(value: Any, indent: int | None = None) -> int:
    return weight(value) * (2 + abs(int(indent or 0)))


def _center(value: Any, width: int = 80) -> int:
    return len(str(value)) + abs(int(width))


def _format(value: Any, *args: Any, **kwargs: Any) -> int:
    format_size(value, args, kwargs)
    return 0


def _truncate(s: Any, length: int = 255, killwords: bool = False, end: str = "...", leeway: int | None = None) -> int:
    return len(str(s)) + len(str(end))


def _times(factor: int):
    return lambda value, *args, **kwargs: weight(value) * factor


# The size each filter's result would have; the filter runs only when it is within MAX_ITEMS.
ESTIMATES = {
    "join": _join,
    "replace": _replace,
    "indent": _indent,
    "wordwrap": _wordwrap,
    "tojson": _tojson,
    "center": _center,
    "format": _format,
    "truncate": _truncate,
    "string": _times(1),
    "pprint": _times(2),
    "urlencode": _times(3),
    "xmlattr": _times(6),
    "sum": _times(1),
    "list": _times(1),
    "escape": _times(6),
    "e": _times(6),
    "forceescape": _times(6),
    "urlize": _times(4),
}
# Filters whose estimate reads every item: an iterator given to them is read into a list first.
CONSUMING_FILTERS = frozenset({"join", "sum"})
# Arguments that set a count or width, by filter (positional index after the value, keyword name).
SIZE_ARGUMENTS = {
    "center": ("width",),
    "indent": ("width",),
    "wordwrap": ("width",),
    "truncate": ("length", "leeway"),
    "batch": ("linecount",),
    "slice": ("slices",),
    "tojson": ("indent",),
}


def check_filter(name: str, value: Any, args: tuple, kwargs: dict) -> None:
    """Refuse a filter call whose size arguments or result would be too large, before it runs."""
    wanted = SIZE_ARGUMENTS.get(name)
    for given in (list(args) + [kwargs.get(n) for n in wanted]) if wanted else ():
        if isinstance(given, int) and not isinstance(given, bool) and abs(given) > MAX_FILTER_SIZE:
            refuse(f"argumen ukuran filter `{name}` terlalu besar ({given:,} > {MAX_FILTER_SIZE:,})")
    estimate = ESTIMATES.get(name)
    if estimate is not None:
        try:
            size = estimate(value, *args, **kwargs)
        except (TypeError, ValueError):
            return  # the filter itself reports wrong arguments
        check_size(size, f"hasil filter `{name}`")


# --- output budget, memory and nesting -------------------------------------------------------------


class _Budget:
    def __init__(self, limit: int):
        self.left = limit
        self.limit = limit


_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("masterplan_output_budget", default=None)


@contextlib.contextmanager
def output_budget(limit: int = MAX_OUTPUT):
    """Everything one render writes counts against ``limit`` (see :func:`spend`)."""
    token = _BUDGET.set(_Budget(limit))
    try:
        yield
    finally:
        _BUDGET.reset(token)


def spend(value: Any) -> Any:
    """Count a piece of output against the current render's budget; refused when it runs out.

    Called for every printed value, so the common cases (text, numbers) take no further call.
    """
    if isinstance(value, str):
        size = len(value)
    elif value is None or isinstance(value, (int, float)):
        size = 24
    else:
        size = weight(value)
    if size > MAX_ITEMS:
        refuse(f"nilai yang dicetak terlalu besar ({size:,} > {MAX_ITEMS:,})")
    budget = _BUDGET.get()
    if budget is not None:
        budget.left -= size + PIECE_COST
        if budget.left < 0:
            refuse(f"keluaran templat terlalu besar (lebih dari {budget.limit:,} karakter)")
    return value


@contextlib.contextmanager
def memory_ceiling(extra: int = CHAPTER_MEMORY):
    """While the block runs, the process may not grow its address space by more than ``extra`` bytes.

    Only in the main thread (the CLI and `mkdocs build`): the limit is the whole process's, and two
    threads setting and restoring it could leave one behind.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as statm:
            used = int(statm.read().split()[0]) * resource.getpagesize()
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    except (ImportError, OSError, ValueError):  # not Linux: the size bounds above still hold
        yield
        return
    ceiling = used + extra
    if (soft != resource.RLIM_INFINITY and soft <= ceiling) or (hard != resource.RLIM_INFINITY and hard < ceiling):
        yield
        return
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


_OPENING_BLOCKS = frozenset({"if", "for", "macro", "call", "filter", "with", "block", "autoescape", "raw"})
_DEEPENING = frozenset(
    {
        "add",
        "sub",
        "mul",
        "div",
        "floordiv",
        "mod",
        "pow",
        "pipe",
        "dot",
        "lparen",
        "lbracket",
        "lbrace",
        "eq",
        "ne",
        "gt",
        "gteq",
        "lt",
        "lteq",
    }
)
_DEEPENING_NAMES = frozenset({"and", "or", "not", "if", "is", "in"})


def nesting_problem(source: str, env: Any) -> tuple[int, str] | None:
    """(line, message) when ``source`` nests deeper than the limits, found with Jinja's lexer alone."""
    import jinja2

    depth = 0
    in_tag = 0
    first_word = False
    try:
        for line, token, value in env.lexer.tokeniter(source, "bab"):
            if token in ("block_begin", "variable_begin"):
                in_tag, first_word = 0, token == "block_begin"
                continue
            if token in ("block_end", "variable_end", "whitespace"):
                continue
            if first_word and token == "name":
                first_word = False
                if value in _OPENING_BLOCKS:
                    depth += 1
                elif value[3:] in _OPENING_BLOCKS:  # endif, endfor, ... (not endset: `set` may be inline)
                    depth -= 1
                if depth > MAX_NESTING:
                    return (
                        line,
                        f"blok templat bersarang lebih dari {MAX_NESTING} tingkat; sederhanakan susunan `{{% if %}}`/`{{% for %}}`-nya.",
                    )
                continue
            first_word = False
            if (token == "operator" and _operator_name(value) in _DEEPENING) or (
                token == "name" and value in _DEEPENING_NAMES
            ):
                in_tag += 1
                if in_tag > MAX_EXPRESSION_DEPTH:
                    return (
                        line,
                        f"ekspresi templat terlalu panjang (lebih dari {MAX_EXPRESSION_DEPTH} operator, filter atau kurung dalam satu tag); pecah menjadi beberapa `{{% set %}}`.",
                    )
    except jinja2.TemplateSyntaxError:
        return None  # the parser reports it, at its line
    return None


def _operator_name(value: str) -> str:
    from jinja2.lexer import operators

    return operators.get(value, "")
