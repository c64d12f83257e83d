// Unit tests of macros/sunting/ringkasan.js (node --test; run from tests/test_form_editor.py).
import test from 'node:test';
import assert from 'node:assert/strict';
import { describeChange } from './ringkasan.mjs';

const programme = (extra = {}) => ({ id: 'ECO-03', nama: 'Pasar Digital', progres: 40, indikator: [{ nama: 'Pedagang', target: { 2026: 50 }, realisasi: { 2025: 20 } }], ...extra });

test('a yearly update names the programme, the fields and the years', () => {
  const before = { dimensi: 'economy', program: [programme(), { id: 'ECO-04', nama: 'Lain' }] };
  const after = structuredClone(before);
  after.program[0].progres = 55;
  after.program[0].indikator[0].realisasi[2026] = 48;
  assert.equal(describeChange('Program ekonomi', before, after), 'Program ECO-03 Pasar Digital: progres, realisasi 2026');
});

test('new, removed and several programmes', () => {
  const before = { program: [programme()] };
  assert.equal(describeChange('x', before, { program: [programme(), { id: 'ECO-09', nama: 'Baru' }] }), 'Program ECO-09 Baru: baru');
  assert.equal(describeChange('x', before, { program: [] }), 'Program ECO-03 Pasar Digital dihapus');
  const many = { program: ['01', '02', '03', '04'].map(n => programme({ id: `ECO-${n}` })) };
  const changed = structuredClone(many);
  changed.program.forEach(p => { p.progres = 99; });
  assert.match(describeChange('Program ekonomi', many, changed), /^Program ekonomi: 4 perubahan \(Program ECO-01 Pasar Digital: progres; Program ECO-02/);
});

test('empty values in the form are no change', () => {
  const before = { program: [programme()] };
  const after = { program: [{ rujukan: '', mitra: [], target: {}, ...programme() }] };
  assert.equal(describeChange('Program ekonomi', before, after), 'Program ekonomi: tanpa perubahan isi');
});

test('monev by year, other files by field', () => {
  const before = { evaluasi: [{ tahun: 2025, nilai_resmi: 2.7 }] };
  const after = { evaluasi: [{ tahun: 2025, nilai_resmi: 2.7 }, { tahun: 2026, nilai_resmi: 3.1 }] };
  assert.equal(describeChange('Monev', before, after), 'Monev 2026: baru');
  assert.equal(describeChange('Visi dan misi', { visi: 'A', misi: [] }, { visi: 'B', misi: [] }), 'Visi dan misi: visi');
});

test('a renamed stage is one change, named by its new name', () => {
  const before = { evaluasi: [{ tahun: 2025, tahap: 'Tahap I', nilai_resmi: 2.7 }] };
  const after = { evaluasi: [{ tahun: 2025, tahap: 'Tahap II', nilai_resmi: 2.7 }] };
  assert.equal(describeChange('Monev', before, after), 'Monev 2025 Tahap II: tahap');
  const programmes = { program: [programme(), programme({ id: 'ECO-04' })] };
  const retyped = { program: [programme(), programme({ id: 'ECO-05' })] };
  assert.equal(describeChange('Program ekonomi', programmes, retyped), 'Program ECO-05 Pasar Digital: id');
});
