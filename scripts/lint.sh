#!/usr/bin/env bash
# Lint, format and types, with the configuration in pyproject.toml; CI runs it before the tests.
#   bash scripts/lint.sh          check only (what CI runs)
#   bash scripts/lint.sh --fix    apply ruff's safe fixes and format first, then check
set -uo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/ruff ] || [ ! -x .venv/bin/mypy ]; then
  bash scripts/setup.sh || exit 1
fi
if [ "${1:-}" = --fix ]; then
  .venv/bin/ruff check --fix -q . || true
  .venv/bin/ruff format -q .
fi
status=0
.venv/bin/ruff check . || status=1
.venv/bin/ruff format --check . || status=1
.venv/bin/mypy || status=1
exit "$status"
