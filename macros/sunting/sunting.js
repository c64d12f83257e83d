// Starts Decap CMS for the masterplan data: Indonesian phrases, the `peta` widget for
// year maps, the `angka` widget for numbers as Indonesians write them, and the YAML format
// that keeps the files' layout (see berkas-yaml.js).
// The configuration itself (config.yml) is generated from scripts/masterplan/schema.py.
import * as YAML from './yaml/index.js';
import { makeFormat, shapeOf } from './berkas-yaml.js';
import { bahasaId } from './bahasa-id.js';
import { registerPeta } from './peta.js';
import { registerAngka } from './isian-angka.js';
import { registerTeks } from './isian-teks.js';
import { watchAccessibility, confirmDeletes } from './aksesibilitas.js';
import { describeChange } from './ringkasan.js';

const CMS = window.CMS;
const format = makeFormat(YAML);
const shapes = await fileShapes(); // path -> the file's fields in the schema's order (berkas-yaml.js)
const lastSaved = new Map(); // path -> the file's text as this editor last saved it
let saving = { path: undefined, raw: undefined, text: undefined }; // the save under way
const summaries = new Map(); // path -> what the save changed, in words

// The generated config (same origin) says each file's fields in the schema's order and
// their defaults: a new entry is written in that order, without untouched defaults.
async function fileShapes() {
  const out = new Map();
  try {
    const config = YAML.parse(await (await fetch('config.yml', { cache: 'no-cache' })).text());
    for (const collection of config.collections || []) {
      for (const file of collection.files || []) out.set(file.file, shapeOf(file.fields));
    }
  } catch (err) {
    console.warn('Urutan kolom dari config.yml tidak terbaca; entri baru ditulis dalam urutan formulir.', err);
  }
  return out;
}

CMS.registerLocale('id', bahasaId);
registerPeta(CMS);
registerAngka(CMS);
registerTeks(CMS);
CMS.registerEventListener({
  name: 'preSave',
  handler: ({ entry }) => {
    const path = entry.get('path');
    // Decap keeps the text the entry was opened with; after a save in the same session the
    // file is what this editor saved, so the message and the merge start from that.
    const raw = lastSaved.has(path) ? lastSaved.get(path) : entry.get('raw');
    saving = { path, raw, text: undefined };
    try {
      summaries.set(path, describeChange(fileTitle(path), raw ? format.fromFile(raw) : {}, entry.get('data').toJS()));
    } catch (err) {
      summaries.delete(path); // the template's own message is used
    }
  },
});
CMS.registerEventListener({
  name: 'postSave',
  handler: ({ entry }) => {
    if (saving.text !== undefined && entry.get('path') === saving.path) lastSaved.set(saving.path, saving.text);
  },
});
CMS.registerCustomFormat('masterplan-yml', 'yml', {
  fromFile: text => format.fromFile(text),
  toFile: data => {
    saving.text = format.toFile(data, saving.raw, shapes.get(saving.path));
    return saving.text;
  },
});

function fileTitle(path) {
  const stem = path.split('/').pop().replace(/\.yml$/, '');
  return path.includes('/program/') ? `Program ${stem}` : stem.charAt(0).toUpperCase() + stem.slice(1).replace(/-/g, ' ');
}

// Decap's commit message templates know the file, not what changed in it: the message it
// sends ("Ubah data/x.yml lewat editor formulir", see editor.py) is replaced by the words
// computed at preSave, in the request to GitHub or to the local Git backend alike.
const TEMPLATE = /Ubah (data\/[^"\\]+?\.yml) lewat editor formulir/g;
const sendRequest = window.fetch.bind(window);
window.fetch = (resource, init) => {
  if (init && typeof init.body === 'string' && init.body.includes('lewat editor formulir')) {
    const body = init.body.replace(TEMPLATE, (whole, path) => (summaries.has(path) ? JSON.stringify(summaries.get(path)).slice(1, -1) : whole));
    return sendRequest(resource, { ...init, body });
  }
  return sendRequest(resource, init);
};

CMS.init();
watchAccessibility(document);
confirmDeletes(document);
