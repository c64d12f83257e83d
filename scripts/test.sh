#!/usr/bin/env bash
# Sets up (if needed) and runs the tests. "No test ran" counts as a failure.
#
#   bash scripts/test.sh            the whole suite, in parallel (what CI runs); pytest's own
#                                   options follow, e.g. -q, -k name, -x, -n 0 for one process
#   bash scripts/test.sh --fast     the fast tier (-m fast: no full build, no browser), under a
#                                   minute on two idle cores: what to run while working
#   bash scripts/test.sh --bench    the whole `masterplan bench` (-m bench), after installing the
#                                   baseline PDF engine it compares with
set -uo pipefail
cd "$(dirname "$0")/.."

tier=full
case "${1:-}" in
  --fast) tier=fast; shift ;;
  --bench) tier=bench; shift ;;
esac

# The setup runs again only when something it installs from has changed since it last ran here, so
# that a run of the fast tier while working does not wait for pip and npm.
stamp=.venv/.tes-siap
if [ "$tier" = bench ]; then
  bash scripts/setup.sh --bench || exit 1
elif [ ! -f "$stamp" ] || [ -n "$(find pyproject.toml package.json package-lock.json scripts/setup.sh -newer "$stamp" 2>/dev/null)" ]; then
  bash scripts/setup.sh || exit 1
  touch "$stamp"
fi
case "$tier" in
  # Two workers: on two cores, also busy ones, sooner done than one process despite the workers' start.
  fast) .venv/bin/python -m pytest -m fast -n 2 "$@" ;;
  bench) .venv/bin/python -m pytest -m bench "$@" ;;
  # One worker more than there are cores (the tests wait on browsers, servers and Git for about a
  # third of their time: on two idle cores three workers took 444 s and four 459 s; two, each given
  # whole test files as before the groups, took 525-585 s),
  # handed work by group: a test file is one group, so a module's build and browser are made once,
  # and a long test may be split into groups of its own (tests/conftest.py; builds shared by the
  # whole run are made once across the workers). The longest groups go first (tests/durations.json;
  # `--store-durations` writes it anew).
  *) .venv/bin/python -m pytest -n "$(($(nproc) + 1))" --dist loadgroup --no-loadscope-reorder "$@" ;;
esac
status=$?
if [ "$status" -eq 5 ]; then
  echo "Tidak ada tes yang dijalankan: dianggap gagal." >&2
  exit 1
fi
exit "$status"
