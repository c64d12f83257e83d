#!/usr/bin/env bash
# Sets up (if needed) and runs the whole test suite. "No test ran" counts as a failure.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit 1
.venv/bin/python -m pytest "$@"
status=$?
if [ "$status" -eq 5 ]; then
  echo "Tidak ada tes yang dijalankan: dianggap gagal." >&2
  exit 1
fi
exit "$status"
