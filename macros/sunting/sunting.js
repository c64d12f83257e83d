// Starts Decap CMS for the masterplan data: Indonesian phrases, the `peta` widget for
// year maps, the `angka` widget for numbers as Indonesians write them, and the YAML format
// that keeps the files' layout (see berkas-yaml.js).
// The configuration itself (config.yml) is generated from scripts/masterplan/schema.py.
import * as YAML from './yaml/index.js';
import { makeFormat } from './berkas-yaml.js';
import { bahasaId } from './bahasa-id.js';
import { registerPeta } from './peta.js';
import { registerAngka } from './isian-angka.js';
import { registerTeks } from './isian-teks.js';
import { watchAccessibility } from './aksesibilitas.js';
import { confirmDeletes } from './hapus.js';
import { plainErrors, watchStatus } from './status.js';
import { describeChange } from './ringkasan.js';

const CMS = window.CMS;
const format = makeFormat(YAML);
let savingRaw; // text of the file being saved, as it was loaded
const summaries = new Map(); // path -> what the save changed, in words

CMS.registerLocale('id', bahasaId);
registerPeta(CMS);
registerAngka(CMS);
registerTeks(CMS);
CMS.registerEventListener({
  name: 'preSave',
  handler: ({ entry }) => {
    savingRaw = entry.get('raw');
    const path = entry.get('path');
    try {
      summaries.set(path, describeChange(fileTitle(path), savingRaw ? format.fromFile(savingRaw) : {}, entry.get('data').toJS()));
    } catch (err) {
      summaries.delete(path); // the template's own message is used
    }
  },
});
CMS.registerCustomFormat('masterplan-yml', 'yml', {
  fromFile: text => format.fromFile(text),
  toFile: data => format.toFile(data, savingRaw),
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
confirmDeletes(document, () => sendRequest('rujukan.json').then(r => (r.ok ? r.json() : {})));
watchStatus(document);
plainErrors(document);
