// Dates as Indonesians write them: "31 Maret 2025", "31 Mar 2025", "31-03-2025", "31/3/2025"
// or "2025-03-31"; stored as YYYY-MM-DD. Pure module (tested in Node); isian-tanggal.js is
// the form's widget.

export const BULAN = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const SHORT = { jan: 1, feb: 2, peb: 2, mar: 3, apr: 4, mei: 5, jun: 6, jul: 7, agu: 8, agt: 8, ags: 8, sep: 9, okt: 10, nov: 11, nop: 11, des: 12 };
export const HINT = 'Tulis misalnya 31 Maret 2025, 31-03-2025 atau 2025-03-31.';

function monthOf(word) {
  const w = word.toLowerCase().replace(/\.$/, '');
  const full = BULAN.findIndex(b => b.toLowerCase() === w);
  if (full >= 0) return full + 1;
  if (w === 'nopember') return 11; // older spellings still typed in offices
  if (w === 'pebruari') return 2;
  return SHORT[w.slice(0, 3)] && (w.length === 3 || BULAN[SHORT[w.slice(0, 3)] - 1].toLowerCase().startsWith(w)) ? SHORT[w.slice(0, 3)] : 0;
}

function iso(year, month, day) {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** {ok, value} with value "YYYY-MM-DD" ('' for an empty field), or {ok: false, message}. */
export function parseTanggal(text) {
  const t = String(text ?? '').trim().replace(/\s+/g, ' ');
  if (!t) return { ok: true, value: '' };
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  let parts = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
  if (!parts && (m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(t))) parts = [Number(m[3]), Number(m[2]), Number(m[1])];
  if (!parts && (m = /^(\d{1,2}) ([A-Za-z]+\.?) (\d{4})$/.exec(t)) && monthOf(m[2])) parts = [Number(m[3]), monthOf(m[2]), Number(m[1])];
  if (!parts) return { ok: false, message: `“${t}” belum terbaca sebagai tanggal. ${HINT}` };
  const value = iso(...parts);
  if (!value) return { ok: false, message: `“${t}” bukan tanggal yang ada di kalender. ${HINT}` };
  return { ok: true, value };
}

/** "2025-03-31" -> "31 Maret 2025" (a stored date as the form shows it back). */
export function formatTanggal(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value ?? ''));
  return m ? `${Number(m[3])} ${BULAN[Number(m[2]) - 1]} ${m[1]}` : String(value ?? '');
}
