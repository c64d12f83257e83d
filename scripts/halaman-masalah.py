"""Write the preview page shown when `masterplan check` failed: the problems, not a site.

Used by .github/workflows/pratinjau.yml, so that the form editor's preview button shows an
editor what to fix. The check's report comes in the environment variable RINGKASAN.
Usage: python3 scripts/halaman-masalah.py FOLDER
"""

import html
import os
import sys
from pathlib import Path

PAGE = """<!doctype html>
<html lang="id">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>Pratinjau belum dibuat: data belum valid</title>
<style>body{{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}}
pre{{white-space:pre-wrap;background:#fdf1f0;border-left:4px solid #a62a22;padding:1rem}}</style></head>
<body>
<h1>Pratinjau belum dibuat: data belum valid</h1>
<p>Pemeriksaan data menemukan masalah berikut. Perbaiki setiap isian yang disebut di editor formulir,
lalu tekan <strong>Simpan</strong> lagi; pemeriksaan berjalan ulang dan pratinjau dibuat bila lulus.</p>
<pre>{report}</pre>
</body>
</html>
"""


def main(folder: str) -> None:
    report = os.environ.get("RINGKASAN", "").strip() or "(ringkasan pemeriksaan tidak tersedia; lihat log alur kerja)"
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    (out / "index.html").write_text(PAGE.format(report=html.escape(report)), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
