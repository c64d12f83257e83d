#!/usr/bin/env bash
# Sets up (if needed), validates data/ and builds the site with its four PDFs into site/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/masterplan check
.venv/bin/mkdocs build
echo "Selesai: buka site/index.html; PDF ada di site/unduh/"
