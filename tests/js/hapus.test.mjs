// Which references the delete question names (macros/sunting/hapus.js): by the entry open in the
// editor (from the address) and the code at the start of the item's summary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entryOf, referencesOf } from './hapus.mjs';

const references = {
  'program/governance': { 'GOV-01': ['Evaluasi 2025 Tahap I › rekomendasi 2 (program tindak lanjut)'] },
  'data/opd': { bappeda: ['Program GOV-02 Satu Data (OPD penanggung jawab)'] },
};

test('the entry comes from the editor address', () => {
  assert.equal(entryOf('#/collections/program/entries/governance'), 'program/governance');
  assert.equal(entryOf('#/collections/data/entries/visi-misi?ref=x'), 'data/visi-misi');
  assert.equal(entryOf('#/collections/program'), '');
  assert.equal(entryOf(''), '');
});

test('the code is the summary up to its first separator', () => {
  assert.deepEqual(referencesOf(references, 'program/governance', 'GOV-01 · Program Satu Data'), ['Evaluasi 2025 Tahap I › rekomendasi 2 (program tindak lanjut)']);
  assert.deepEqual(referencesOf(references, 'data/opd', 'bappeda · Badan Perencanaan'), ['Program GOV-02 Satu Data (OPD penanggung jawab)']);
});

test('nothing is named for another entry, an unknown code or an indicator', () => {
  assert.deepEqual(referencesOf(references, 'program/economy', 'GOV-01 · Program Satu Data'), []);
  assert.deepEqual(referencesOf(references, 'program/governance', 'GOV-02 · Program Lain'), []);
  assert.deepEqual(referencesOf(references, 'program/governance', 'Cakupan layanan'), []);
  assert.deepEqual(referencesOf(undefined, 'program/governance', 'GOV-01 · x'), []);
});
