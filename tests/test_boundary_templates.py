"""Boundary: a chapter's template code runs in the build (the sandbox's size, time and depth bounds).

Every way to make a large value is bounded before the value is built, nothing a chapter computes
runs at compile time, and nesting deeper than the stated limits is refused at file:line. The last
test runs `masterplan check` and `mkdocs build` on a project holding all the payloads at once, and
holds them to 500 MB and 60 seconds.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time

import pytest

from fixtures import REPO, make_project, render_test_chapter, write_region
from masterplan.derive import pipeline
from masterplan.render import bounds, templates


@pytest.fixture(scope="module")
def view(tmp_path_factory):
    root = tmp_path_factory.mktemp("kotakpasir")
    return pipeline.prepare(write_region(root), root)


def chapter_problems(tmp_path, view, source: str):
    return render_test_chapter(tmp_path, view, source)


# Variants of each way to make a large value (widths as arguments, join, replace, format, center,
# indent, printing, folded constants, a template's own list); each must be refused before it is built.
LARGE_VALUES = [
    '{{ "%*s"|format(1500000000, "x") }}',
    '{{ "%-*.*f" % (900000000, 2, 1.5) }}',
    '{{ "{:>{}}".format("x", 1500000000) }}',
    '{{ "{a:{w}}".format(a=1, w=10**9) }}',
    '{{ "{0:{1}.{2}}".format(1.5, 10, 10**9) }}',
    '{{ (["y" * 900] * 900000)|join(",") }}',
    '{{ (["ab"] * 3000)|join("z" * 4000) }}',
    '{{ ("a" * 10000)|join("x" * 1000) }}',
    '{{ range(100000)|map("string")|join("x" * 100) }}',
    '{{ ("ab" * 2000000)|replace("b", "c" * 50) }}',
    '{{ "q"|replace("", "r" * 3000000) }}',
    '{{ ("%s%s" * 600)|format(*(["t" * 10000] * 1200)) }}',
    '{{ "%(k)s" * 400 % {"k": "u" * 20000} }}',
    '{{ ("v\\n" * 1000000)|indent("w" * 10) }}',
    '{{ "v"|indent(5000000) }}',
    '{{ "x"|center(3 * 10**9) }}',
    '{{ ("x" * 3000000)|wordwrap(2, wrapstring="ab" * 10) }}',
    '{{ [["a" * 5000] * 2000] * 2000 }}',
    '{{ ([["a" * 5000] * 2000] * 2000)|string }}',
    '{{ ([["a" * 5000] * 2000] * 2000)|tojson }}',
    '{{ "" ~ [["a" * 5000] * 2000] * 2000 }}',
    "{{ ([[1] * 4000000] * 100)|sum(start=[])|length }}",
    '{{ [1]|batch(10**9, "x")|list }}',
    '{{ range(3)|slice(10**9, "x")|list }}',
    '{{ "a"|truncate(10**9, end="b" * 100) }}',
    "{% set ns = namespace(t='ab') %}{% for i in range(40) %}{% set ns.t = ns.t ~ ns.t %}{% endfor %}",
    "{% set l = [] %}{% for i in range(3000) %}{% do l.extend(range(1000)) %}{% endfor %}",
    "{% macro m() %}{% for i in range(100000) %}{{ caller() }}{% endfor %}{% endmacro %}{% call m() %}{{ 'z' * 4000000 }}{% endcall %}",
    "{% for i in range(100000) %}{% for j in range(1000) %}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx{% endfor %}{% endfor %}",
    "{% set a = 'ab'|replace('a', 'c' * 4999000) %}{% set b = a|replace('c', 'dd') %}",
]


@pytest.mark.parametrize("payload", LARGE_VALUES)
def test_every_way_to_make_a_large_value_is_refused_at_its_line(tmp_path, view, payload):
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    problems, _ = chapter_problems(tmp_path, view, f"# Uji\n\nbaris\n{payload}\n")
    assert time.monotonic() - started < 30
    assert [(f, line) for f, line, _ in problems] == [("docs/uji.md", 4)], problems
    assert problems[0][2].startswith("templat ditolak oleh sandbox: "), problems[0][2]
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 400 * 1024  # KB


# Ways no estimate foresees (each item is small; together they are not): the memory ceiling stops them.
BEYOND_ESTIMATES = [
    "{{ range(100000)|map('center', 9000)|join }}",
    "{{ (range(100000)|list)|map('center', 9999)|list|length }}",
]


@pytest.mark.parametrize("payload", BEYOND_ESTIMATES)
def test_the_memory_ceiling_stops_what_no_estimate_foresaw(tmp_path, view, payload):
    problems, _ = chapter_problems(tmp_path, view, f"# Uji\n\nbaris\n{payload}\n")
    assert [(f, line) for f, line, _ in problems] == [("docs/uji.md", 4)], problems
    assert problems[0][2].startswith("templat memakai memori lebih dari batas (256 MB)")


@pytest.mark.parametrize(
    "expression, shown",
    [
        ('"%d program"|format(3000000)', "3000000 program"),
        ('"{:>6}/{:.2f}".format(12, 1.5)', "    12/1.50"),
        ('"Rp %05.1f" % 2.25', "Rp 002.2"),
        ('["a", "b"]|join(", ")', "a, b"),
        ('["a", "b"]|map("upper")|join("/")', "A/B"),
        ('"a-b"|replace("-", "–")', "a–b"),
        ('"ab"|center(6)', "  ab  "),
        ('"x" * 10', "x" * 10),
        ('{"a": 1}|tojson', "{&#34;a&#34;: 1}"),
    ],
)
def test_ordinary_uses_still_work(tmp_path, view, expression, shown):
    problems, page = chapter_problems(tmp_path, view, f"# Uji\n\n{{{{ {expression} }}}}\n")
    assert problems == [] and page.splitlines()[2] == shown


def test_nothing_a_chapter_computes_runs_at_compile_time():
    env = templates._base_env(REPO / "macros")
    code = env.compile("{{ 'ab'|replace('a', 'c' * 4000000) }}{{ 'x'|center(20) }}{{ 'tetap' }}", raw=True)
    assert "replace" in code and "center" in code  # called at render time, within the bounds and the time limit
    assert "'tetap'" in code  # a written constant is still written as it is


def test_the_time_limit_covers_parsing(tmp_path, view, monkeypatch):
    from masterplan.render import sandbox

    monkeypatch.setattr(sandbox, "CHAPTER_SECONDS", 1)
    original = templates.DataOnlySandbox.parse

    def slow_parse(self, *args, **kwargs):
        time.sleep(3)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(templates.DataOnlySandbox, "parse", slow_parse)
    started = time.monotonic()
    problems, _ = chapter_problems(tmp_path, view, "# Uji\n\nbaris yang belum pernah dikompilasi 7c1\n")
    assert time.monotonic() - started < 2.9
    assert problems and "lebih lama dari 1 detik" in problems[0][2]


@pytest.mark.parametrize(
    "source",
    [
        "{% if true %}" * (bounds.MAX_NESTING + 1) + "x" + "{% endif %}" * (bounds.MAX_NESTING + 1),
        "{% for i in [1] %}" * 200 + "x" + "{% endfor %}" * 200,
        "{% if true %}{% for i in [1] %}{% with %}" * 30 + "x" + "{% endwith %}{% endfor %}{% endif %}" * 30,
        "{{ " + "(" * 400 + "1" + ")" * 400 + " }}",
        "{{ " + "[" * 300 + "1" + "]" * 300 + " }}",
        "{{ " + " + ".join(["1"] * 2000) + " }}",
        "{{ " + "not " * 2000 + "true }}",
        "{{ 'a'" + "|trim" * 3000 + " }}",
        "{{ mp" + ".plan" * 3000 + " }}",
        "{% set x = " + " or ".join(["false"] * 3000) + " %}",
    ],
)
def test_nesting_past_the_limit_is_refused_at_its_line_without_a_traceback(tmp_path, view, source):
    problems, _ = chapter_problems(tmp_path, view, f"# Uji\n\nbaris\n{source}\n")
    assert [(f, line) for f, line, _ in problems] == [("docs/uji.md", 4)], problems
    assert "bersarang" in problems[0][2] or "terlalu panjang" in problems[0][2]
    assert "Traceback" not in problems[0][2] and "RecursionError" not in problems[0][2]


def test_nesting_within_the_limit_renders(tmp_path, view):
    depth = bounds.MAX_NESTING
    problems, page = chapter_problems(
        tmp_path, view, "# Uji\n\n" + "{% if true %}" * depth + "dalam" + "{% endif %}" * depth + "\n"
    )
    assert problems == [] and "dalam" in page


def _run_measured(args: list[str], cwd) -> tuple[subprocess.CompletedProcess, float, int]:
    """The command's result, its wall time and its peak memory (KB), measured as `/usr/bin/time -v` would."""
    import os

    started = time.monotonic()
    pid = os.fork()
    if pid == 0:  # the child: run the command with its output in files
        try:
            os.chdir(cwd)
            out = os.open("keluaran.txt", os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
            os.dup2(out, 1)
            os.dup2(out, 2)
            os.execve(args[0], args, dict(os.environ, NO_MKDOCS_2_WARNING="1"))
        finally:
            os._exit(127)
    _pid, status, usage = os.wait4(pid, 0)
    elapsed = time.monotonic() - started
    text = (cwd / "keluaran.txt").read_text(encoding="utf-8", errors="replace")
    return subprocess.CompletedProcess(args, os.waitstatus_to_exitcode(status), text, ""), elapsed, usage.ru_maxrss


@pytest.mark.build
def test_check_and_build_stay_within_500_mb_and_60_s_with_every_payload(tmp_path):
    project = make_project(tmp_path / "proyek")
    payloads = (
        LARGE_VALUES
        + BEYOND_ESTIMATES
        + [
            "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",  # only the time limit stops it
            '{{ \'<meta http-equiv="refresh" content="0;url=https://contoh.invalid">\'|safe }}',
            "{% include 'sunting/index.html' %}",
        ]
    )
    for i, payload in enumerate(payloads):
        (project / "docs" / f"serang-{i:02d}.md").write_text(f"# Uji {i}\n\nbaris\n{payload}\n", encoding="utf-8")
    python = sys.executable
    for args in ([python, "-m", "masterplan.commands.cli", "check"], [python, "-m", "mkdocs", "build"]):
        result, seconds, peak_kb = _run_measured(args, project)
        assert result.returncode != 0 and "Traceback" not in result.stdout, result.stdout[-3000:]
        assert seconds < 60 and peak_kb < 500 * 1024, (args[2], seconds, peak_kb)
        for i in range(len(payloads)):
            assert f"docs/serang-{i:02d}.md:4: " in result.stdout, (i, payloads[i], result.stdout[-3000:])
        assert not (project / "site").exists()
