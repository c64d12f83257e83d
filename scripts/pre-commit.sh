#!/usr/bin/env bash
# The pre-commit hook (.pre-commit-config.yaml): `masterplan check` from the project's own
# .venv, so it works from a fresh clone without an activated environment.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -x .venv/bin/masterplan ]; then
  exec .venv/bin/masterplan check
fi
if command -v masterplan >/dev/null 2>&1; then
  exec masterplan check
fi
echo "Data belum diperiksa: perintah masterplan belum terpasang di .venv." >&2
echo "Jalankan sekali: bash scripts/setup.sh --build   (lalu ulangi commit)" >&2
exit 1
