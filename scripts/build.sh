#!/usr/bin/env bash
# Sets up what a build needs (if missing), validates data/ and builds the site with its four PDFs into site/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --build
.venv/bin/masterplan check
# Material's end-of-life notice is for maintainers (README, "Pins and end of life"); plain `mkdocs build` shows it.
NO_MKDOCS_2_WARNING=1 .venv/bin/mkdocs build
echo "Selesai: buka site/index.html; PDF ada di site/unduh/"
