#!/usr/bin/env bash
# Sets up what a build needs (if missing) and builds the site with its four PDFs into site/. The build is the
# gate itself: it stops at every problem `masterplan check` reports, at the same file:line (README, "One gate").
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --build
# Material's end-of-life notice is for maintainers (README, "Pins and end of life"); plain `mkdocs build` shows it.
NO_MKDOCS_2_WARNING=1 .venv/bin/mkdocs build
echo "Selesai: buka site/index.html; PDF ada di site/unduh/"
