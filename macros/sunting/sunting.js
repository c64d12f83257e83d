// Starts Decap CMS for the masterplan data: Indonesian phrases, the `peta` widget for
// year maps, the `angka` widget for numbers as Indonesians write them, and the YAML format
// that keeps the files' layout (see berkas-yaml.js).
// The configuration itself (config.yml) is generated from the schema (scripts/masterplan/schema*.py).
import * as YAML from './yaml/index.js';
import { makeFormat, shapeOf } from './berkas-yaml.js';
import { bahasaId } from './bahasa-id.js';
import { registerPeta } from './peta.js';
import { registerAngka } from './isian-angka.js';
import { registerTeks } from './isian-teks.js';
import { registerTanggal } from './isian-tanggal.js';
import { watchAccessibility } from './aksesibilitas.js';
import { confirmDeletes } from './hapus.js';
import { plainErrors, watchStatus } from './status.js';
import { describeChange } from './ringkasan.js';
import { showSignIn, signedIn, USER_KEY } from './masuk-token.js';
import { keepListState, showAddedItems } from './keadaan-daftar.js';

const CMS = window.CMS;
const format = makeFormat(YAML);
const config = await loadConfig();
const shapes = fileShapes(config); // path -> the file's fields in the schema's order (berkas-yaml.js)
const lastSaved = new Map(); // path -> the file's text as this editor last saved it
let saving = { path: undefined, raw: undefined, text: undefined }; // the save under way
const summaries = new Map(); // path -> what the save changed, in words

// The generated config (same origin), read once more here: the repository for the sign-in,
// and each file's fields in the schema's order with their defaults, so that a new entry is
// written in that order without untouched defaults.
async function loadConfig() {
  try {
    return YAML.parse(await (await fetch('config.yml', { cache: 'no-cache' })).text()) || {};
  } catch (err) {
    console.warn('config.yml tidak terbaca oleh sunting.js; Decap akan melaporkannya.', err);
    return {};
  }
}

function fileShapes(cfg) {
  const out = new Map();
  for (const collection of cfg.collections || []) {
    for (const file of collection.files || []) out.set(file.file, shapeOf(file.fields));
  }
  return out;
}

CMS.registerLocale('id', bahasaId);
registerPeta(CMS);
registerAngka(CMS);
registerTeks(CMS);
registerTanggal(CMS);
CMS.registerEventListener({
  name: 'preSave',
  handler: ({ entry }) => {
    const path = entry.get('path');
    // Decap keeps the text the entry was opened with; after a save in the same session the
    // file is what this editor saved, so the message and the merge start from that.
    const raw = lastSaved.has(path) ? lastSaved.get(path) : entry.get('raw');
    saving = { path, raw, text: undefined };
    try {
      // what will be written, not the form's values: a toggle left at its default is no change
      const next = format.fromFile(format.toFile(entry.get('data').toJS(), raw, shapes.get(path)));
      summaries.set(path, describeChange(fileTitle(path), raw ? format.fromFile(raw) : {}, next));
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

// Decap uses its local Git backend when the page runs on an allowed host and the backend
// answers (`masterplan sunting`); the same question, asked the same way, decides here.
async function localBackend(cfg) {
  const local = cfg.local_backend;
  if (!local || !local.url || !(local.allowed_hosts || ['localhost', '127.0.0.1']).includes(window.location.hostname)) return false;
  try {
    const answer = await sendRequest(local.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ action: 'info' }) });
    return answer.ok;
  } catch (err) {
    return false;
  }
}

// Decap keeps its entry editor mounted when the address changes from one entry straight to
// another (a bookmark, a typed address): the form stays on the old data or comes up empty
// ("No file found for living in data") and Simpan does nothing. Such a change loads the page
// anew, as typing an address does anywhere else; Decap's own links go through the list first.
function entryOf(hash) {
  const match = /^#\/collections\/([^/?]+)\/entries\/([^/?]+)/.exec(hash || '');
  return match ? `${match[1]}/${match[2]}` : null;
}
let shownEntry = entryOf(window.location.hash);
window.addEventListener('hashchange', () => {
  const next = entryOf(window.location.hash);
  if (shownEntry && next && next !== shownEntry) window.location.reload();
  else shownEntry = next;
});

let started = false;
function startDecap() {
  if (started) return;
  started = true;
  CMS.init();
  watchAccessibility(document);
  confirmDeletes(document, () => sendRequest('rujukan.json').then(r => (r.ok ? r.json() : {})));
  watchStatus(document);
  plainErrors(document);
  keepListState(document);
  showAddedItems(document);
}

// Signing out in Decap removes the token: the page then offers the token sign-in again instead
// of Decap's own button (which, without a relay, goes to a service the site does not use).
// (Decap shows its sign-in page for a moment while it restores a user, so only a page without a
// stored user counts.)
function signInAgainWhenSignedOut() {
  new MutationObserver((changes, observer) => {
    if (!document.querySelector('[class*="StyledAuthenticationPage"]') || signedIn(window.localStorage)) return;
    observer.disconnect();
    window.location.reload();
  }).observe(document.body, { childList: true, subtree: true });
}

// A stored token GitHub no longer accepts (expired, revoked, permission taken away) is dropped
// before Decap starts, and the sign-in page says why. Offline, Decap starts and says so itself.
async function storedTokenRefused(repo) {
  try {
    const { token } = JSON.parse(window.localStorage.getItem(USER_KEY));
    const answer = await sendRequest(`https://api.github.com/repos/${repo}`, { headers: { Authorization: `token ${token}` } });
    return [401, 403, 404].includes(answer.status);
  } catch (err) {
    return false;
  }
}

const backend = config.backend || {};
const TOKEN_REFUSED = 'Token yang tersimpan tidak diterima lagi oleh GitHub (kedaluwarsa, dicabut, atau izinnya diubah). Tempelkan token baru.';
if (backend.name !== 'github' || (await localBackend(config))) {
  startDecap();
} else if (signedIn(window.localStorage) && !(await storedTokenRefused(backend.repo))) {
  signInAgainWhenSignedOut();
  startDecap();
} else {
  const refused = signedIn(window.localStorage);
  window.localStorage.removeItem(USER_KEY);
  showSignIn(document, {
    repo: backend.repo, branch: backend.branch || 'main', storage: window.localStorage, fetchFn: sendRequest,
    relay: Boolean(backend.base_url), guideUrl: '../panduan/#membuat-token-penyunting', notice: refused ? TOKEN_REFUSED : '',
    onSignedIn: () => {
      if (signedIn(window.localStorage)) signInAgainWhenSignedOut();
      startDecap();
    },
  });
}
