#!/usr/bin/env bash
# Installs what the project needs: Debian packages (fonts, PDF tools, Chromium) and a
# Python virtual environment in .venv with the pinned packages. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(
  fonts-texgyre          # TeX Gyre Bonum (Bookman metrics) for the annex, Pagella/Heros for the books
  fonts-dejavu-core      # monospace and fallback glyphs
  libharfbuzz-subset0    # font subsetting without timestamps: byte-identical PDFs
  libpango-1.0-0 libpangoft2-1.0-0  # WeasyPrint's text layout
  poppler-utils          # pdftoppm/pdffonts for looking at and checking PDFs
  qpdf                   # structural check of the PDFs in the tests
  chromium               # headless browser for the page tests (Debian's build, no download)
)

missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  echo "Memasang paket Debian: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
.venv/bin/python -m pip install -q -e ".[test,baseline]" 2>&1 | grep -v "^WARNING: Location" || true
.venv/bin/python -c "import masterplan, weasyprint, mkdocs" || { echo "Pemasangan paket Python gagal" >&2; exit 1; }

if [ -f package.json ] && command -v npm >/dev/null; then
  npm ci --silent --no-audit --no-fund >/dev/null
fi
echo "Lingkungan siap: .venv"
