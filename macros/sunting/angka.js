// Numbers as Indonesian editors type them, read exactly or refused with advice; never a
// different number in silence. Pure module (used by the form and by the Node tests).
//
// Kinds (chosen by scripts/masterplan/editor.py from the schema):
//   rupiah  dots group thousands, a comma is the decimal; `Rp`, miliar/juta/ribu allowed; whole rupiah
//   skor    0-4: a comma is the decimal, and so is a single dot followed by 1-3 digits (`3.197` = 3,197),
//   persen  0-100: the same, and `%` or `persen` may follow (these fields cannot hold thousands)
//   umum    an indicator value: like rupiah without `Rp`, may end in `%`
//   bulat   a whole number (a rank); dots group thousands
//   tahun   a year: four digits
// Arithmetic is done on decimal digits (BigInt), so `2,4 miliar` is 2400000000, not 2399999999.9999998.

const MULTIPLIERS = { triliun: 12, miliar: 9, milyar: 9, juta: 6, jt: 6, ribu: 3, rb: 3 };
const WITH_MULTIPLIER = new Set(['rupiah', 'umum']);
const WHOLE = new Set(['rupiah', 'bulat', 'tahun']);
const SMALL = new Set(['skor', 'persen']);
const PERCENT_SIGN = new Set(['persen', 'umum']);
const EXAMPLE = {
  rupiah: 'Rp 2.400.000.000 atau 2,4 miliar',
  skor: '3,12',
  persen: '45 atau 45,5%',
  umum: '2.400 atau 42,5',
  bulat: '12',
  tahun: '2026',
};

export function example(kind) {
  return EXAMPLE[kind] || EXAMPLE.umum;
}

function refuse(kind, why) {
  return { ok: false, message: `${why} Contoh penulisan: ${example(kind)}.` };
}

// "2.400.000,5" -> { digits: 24000005n, scale: 1 }, or null when the body is not a number as written.
function readBody(body, kind) {
  let m = body.match(/^(\d{1,3}(?:\.\d{3})+|\d+),(\d+)$/);
  if (m) return { digits: BigInt(m[1].replace(/\./g, '') + m[2]), scale: m[2].length };
  if (/^\d+$/.test(body)) return { digits: BigInt(body), scale: 0 };
  if (SMALL.has(kind)) {
    m = body.match(/^(\d+)\.(\d{1,3})$/);
    if (m) return { digits: BigInt(m[1] + m[2]), scale: m[2].length };
    return null;
  }
  if (/^\d{1,3}(?:\.\d{3})+$/.test(body)) return { digits: BigInt(body.replace(/\./g, '')), scale: 0 };
  return null;
}

function normalise({ digits, scale }) {
  while (scale > 0 && digits % 10n === 0n) {
    digits /= 10n;
    scale -= 1;
  }
  return { digits, scale };
}

function toNumber({ digits, scale }) {
  return Number(scale ? `${digits}e-${scale}` : `${digits}`);
}

function bodyAdvice(kind, body) {
  if (SMALL.has(kind)) return 'Pakai koma untuk desimal.';
  if (/\d\.\d/.test(body) && !/,/.test(body)) return 'Titik dipakai untuk memisahkan ribuan (2.400.000); untuk desimal pakai koma.';
  return 'Tulis angka saja.';
}

/**
 * Read what an editor typed. Returns {ok: true, value} (value '' when the field was emptied)
 * or {ok: false, message} with the reason and how to write it, in Indonesian.
 * `limits` may hold {min, max} from the schema.
 */
export function parseAngka(input, kind = 'umum', limits = {}) {
  let text = String(input ?? '').trim().replace(/\s+/g, ' ');
  if (text === '') return { ok: true, value: '' };
  let negative = false;
  if (kind === 'rupiah') text = text.replace(/^rp\.?\s*/i, '');
  if (PERCENT_SIGN.has(kind)) text = text.replace(/\s*(%|persen)$/i, '');
  if (/^-/.test(text)) {
    negative = true;
    text = text.slice(1).trim();
  }
  let shift = 0;
  const words = text.match(/^([\d.,]+)\s*([a-z]+)$/i);
  if (words && WITH_MULTIPLIER.has(kind) && MULTIPLIERS[words[2].toLowerCase()] !== undefined) {
    shift = MULTIPLIERS[words[2].toLowerCase()];
    text = words[1];
  }
  if (/rp/i.test(text)) return refuse(kind, 'Kolom ini bukan rupiah; tulis angkanya saja.');
  if (/%|persen/i.test(text)) return refuse(kind, 'Kolom ini tidak memakai tanda %; tulis angkanya saja.');
  if (/[a-z]/i.test(text)) return refuse(kind, `“${input}” belum terbaca sebagai angka.`);
  const read = readBody(text, kind);
  if (!read) return refuse(kind, `“${input}” belum terbaca sebagai angka. ${bodyAdvice(kind, text)}`);
  let { digits, scale } = read;
  scale -= shift;
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  ({ digits, scale } = normalise({ digits, scale }));
  if (WHOLE.has(kind) && scale > 0) {
    return refuse(kind, kind === 'rupiah' ? 'Rupiah ditulis tanpa sen (bilangan bulat).' : 'Isi dengan bilangan bulat.');
  }
  if (kind === 'tahun' && (scale > 0 || String(digits).length !== 4)) return refuse(kind, 'Tahun ditulis empat angka.');
  const value = (negative ? -1 : 1) * toNumber({ digits, scale });
  const { min, max } = limits;
  if ((min !== undefined && min !== null && value < min) || (max !== undefined && max !== null && value > max)) {
    const range = min !== undefined && max !== undefined ? `antara ${formatAngka(min, kind)} dan ${formatAngka(max, kind)}` : min !== undefined ? `paling kecil ${formatAngka(min, kind)}` : `paling besar ${formatAngka(max, kind)}`;
    return refuse(kind, `${formatAngka(value, kind)} di luar batas: isi ${range}.`);
  }
  return { ok: true, value };
}

function group(intPart) {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** A stored number as it is written in Indonesian: 2400000000 -> "2.400.000.000", 3.197 -> "3,197". */
export function formatAngka(value, kind = 'umum') {
  if (value === '' || value === null || value === undefined || Number.isNaN(Number(value))) return '';
  const number = Number(value);
  if (kind === 'tahun') return String(number);
  const [intPart, fraction] = Math.abs(number).toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 }).split('.');
  return `${number < 0 ? '-' : ''}${group(intPart)}${fraction ? `,${fraction}` : ''}`;
}

// 2400000000 -> "2,4 miliar"; '' below a thousand.
function inWords(value) {
  for (const [word, power] of [['triliun', 12], ['miliar', 9], ['juta', 6], ['ribu', 3]]) {
    if (Math.abs(value) >= 10 ** power) {
      const digits = String(Math.abs(Math.trunc(value)));
      const whole = digits.slice(0, digits.length - power);
      const rest = digits.slice(digits.length - power).replace(/0+$/, '');
      return `${group(whole)}${rest ? `,${rest}` : ''} ${word}`;
    }
  }
  return '';
}

/** What the form shows under the field: the number as it will be saved, and a word of caution. */
export function echo(value, kind = 'umum') {
  if (value === '' || value === null || value === undefined) return '';
  const shown = formatAngka(value, kind);
  if (kind === 'rupiah') {
    const words = inWords(value);
    const small = value > 0 && value < 1000000 ? ' Periksa: terlalu kecil untuk anggaran dalam rupiah?' : '';
    return `Tersimpan sebagai Rp ${shown}${words ? ` (${words} rupiah)` : ''}.${small}`;
  }
  if (kind === 'persen') return `Tersimpan sebagai ${shown}%.`;
  if (kind === 'umum' && Math.abs(value) >= 1000 && Number.isInteger(value)) return `Tersimpan sebagai ${shown} (${inWords(value)}).`;
  return `Tersimpan sebagai ${shown}.`;
}
