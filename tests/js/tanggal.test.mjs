// Unit tests of macros/sunting/tanggal.js (node --test; run from tests/test_form_editor.py).
import test from 'node:test';
import assert from 'node:assert/strict';
import { parseTanggal, formatTanggal } from './tanggal.mjs';

test('Indonesian forms of a date are read as one day', () => {
  for (const text of ['31 Maret 2025', '31 maret 2025', '31 Mar 2025', '31 Mar. 2025', '31-03-2025', '31/3/2025', '31.03.2025', '2025-03-31', ' 2025-3-31 ']) {
    assert.deepEqual(parseTanggal(text), { ok: true, value: '2025-03-31' }, text);
  }
  assert.deepEqual(parseTanggal('1 Agustus 2026'), { ok: true, value: '2026-08-01' });
  assert.deepEqual(parseTanggal('17 Agt 2026'), { ok: true, value: '2026-08-17' });
  assert.deepEqual(parseTanggal('5 Nopember 2025'), { ok: true, value: '2025-11-05' });
  assert.deepEqual(parseTanggal('5 Novembre 2025'), { ok: false, message: '“5 Novembre 2025” belum terbaca sebagai tanggal. Tulis misalnya 31 Maret 2025, 31-03-2025 atau 2025-03-31.' });
  assert.deepEqual(parseTanggal(''), { ok: true, value: '' });
});

test('a day that is not in the calendar, or English, is refused with an example', () => {
  assert.match(parseTanggal('31 Februari 2025').message, /bukan tanggal yang ada di kalender/);
  assert.match(parseTanggal('29-02-2025').message, /bukan tanggal/);
  assert.deepEqual(parseTanggal('29-02-2024'), { ok: true, value: '2024-02-29' });
  assert.match(parseTanggal('March 31, 2025').message, /belum terbaca sebagai tanggal.*31 Maret 2025/);
  assert.equal(formatTanggal('2025-03-31'), '31 Maret 2025');
});
