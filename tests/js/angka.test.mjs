// Unit tests of macros/sunting/angka.js (node --test; run from tests/test_form_editor.py).
import test from 'node:test';
import assert from 'node:assert/strict';
import { parseAngka, formatAngka, echo } from './angka.mjs';

const value = (text, kind, limits) => {
  const read = parseAngka(text, kind, limits);
  assert.equal(read.ok, true, `${text} (${kind}): ${read.message}`);
  return read.value;
};
const refused = (text, kind, limits) => {
  const read = parseAngka(text, kind, limits);
  assert.equal(read.ok, false, `${text} (${kind}) should be refused, read ${read.value}`);
  assert.match(read.message, /Contoh penulisan: /);
  return read.message;
};

test('rupiah: dots group thousands, a comma is the decimal, multipliers', () => {
  for (const text of ['Rp 2.400.000.000', 'Rp2.400.000.000', 'rp. 2.400.000.000', '2.400.000.000', '2400000000', '2,4 miliar', '2,4 Milyar', '2.400 juta', '2.400.000 ribu', '2,4miliar']) {
    assert.equal(value(text, 'rupiah'), 2400000000, text);
  }
  assert.equal(value('2,4 juta', 'rupiah'), 2400000);
  assert.equal(value('1,1 miliar', 'rupiah'), 1100000000); // exact, not 1100000000.0000002
  assert.equal(value('750 ribu', 'rupiah'), 750000);
  assert.equal(value('', 'rupiah'), '');
});

test('rupiah: what cannot be read exactly is refused with advice', () => {
  assert.match(refused('2.4', 'rupiah'), /Titik dipakai untuk memisahkan ribuan/);
  refused('2.40.000', 'rupiah');
  assert.match(refused('2,5', 'rupiah'), /tanpa sen/);
  refused('2,4567 ribu', 'rupiah');
  refused('dua miliar', 'rupiah');
  refused('2,4 miliar 3', 'rupiah');
  refused('2.400.000.000 dolar', 'rupiah');
  refused('45%', 'rupiah');
  assert.match(refused('-5', 'rupiah', { min: 0 }), /di luar batas: isi paling kecil 0/);
});

test('score (0-4): comma and a single dot are decimals', () => {
  assert.equal(value('3,12', 'skor', { min: 0, max: 4 }), 3.12);
  assert.equal(value('3.197', 'skor', { min: 0, max: 4 }), 3.197);
  assert.equal(value('3,197', 'skor', { min: 0, max: 4 }), 3.197);
  assert.equal(value('3.5', 'skor'), 3.5);
  assert.equal(value('4', 'skor', { min: 0, max: 4 }), 4);
  assert.match(refused('312', 'skor', { min: 0, max: 4 }), /312 di luar batas: isi antara 0 dan 4/);
  refused('3.1974', 'skor');
  refused('1.234.567', 'skor');
  refused('Rp 3', 'skor');
  refused('3 miliar', 'skor');
  refused('3%', 'skor');
});

test('percent: 45%, 45 persen, decimals either way', () => {
  assert.equal(value('45%', 'persen', { min: 0, max: 100 }), 45);
  assert.equal(value('45 %', 'persen'), 45);
  assert.equal(value('45 persen', 'persen'), 45);
  assert.equal(value('45,5%', 'persen'), 45.5);
  assert.equal(value('12.75', 'persen'), 12.75);
  refused('120%', 'persen', { min: 0, max: 100 });
});

test('indicator values and whole numbers', () => {
  assert.equal(value('2.400', 'umum'), 2400);
  assert.equal(value('42,5', 'umum'), 42.5);
  assert.equal(value('35 persen', 'umum'), 35);
  assert.equal(value('2,4 juta', 'umum'), 2400000);
  assert.match(refused('42.5', 'umum'), /untuk desimal pakai koma/);
  assert.equal(value('12', 'bulat'), 12);
  refused('1,5', 'bulat');
  assert.equal(value('2026', 'tahun'), 2026);
  refused('26', 'tahun');
  refused('2026,5', 'tahun');
});

test('numbers are shown back in Indonesian and read again to the same number', () => {
  assert.equal(formatAngka(2400000000, 'rupiah'), '2.400.000.000');
  assert.equal(formatAngka(3.197, 'skor'), '3,197');
  assert.equal(formatAngka(42.5, 'umum'), '42,5');
  assert.equal(formatAngka(2026, 'tahun'), '2026');
  assert.equal(formatAngka('', 'umum'), '');
  for (const [number, kind] of [[2400000000, 'rupiah'], [3.197, 'skor'], [99.25, 'persen'], [42.5, 'umum'], [1234567.891, 'umum'], [0, 'rupiah'], [2031, 'tahun']]) {
    assert.equal(value(formatAngka(number, kind), kind), number, `${number} ${kind}`);
  }
  assert.equal(echo(2400000000, 'rupiah'), 'Tersimpan sebagai Rp 2.400.000.000 (2,4 miliar rupiah).');
  assert.match(echo(200, 'rupiah'), /terlalu kecil untuk anggaran/);
  assert.equal(echo(45, 'persen'), 'Tersimpan sebagai 45%.');
  assert.equal(echo(3.12, 'skor'), 'Tersimpan sebagai 3,12.');
});
