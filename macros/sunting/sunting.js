// Starts Decap CMS for the masterplan data: Indonesian phrases, the `peta` widget for
// year maps, and the YAML format that keeps the files' layout (see berkas-yaml.js).
// The configuration itself (config.yml) is generated from scripts/masterplan/schema.py.
import * as YAML from './yaml/index.js';
import { makeFormat } from './berkas-yaml.js';
import { bahasaId } from './bahasa-id.js';
import { registerPeta } from './peta.js';
import { registerAngka } from './isian-angka.js';
import { watchAccessibility } from './aksesibilitas.js';

const CMS = window.CMS;
const format = makeFormat(YAML);
let savingRaw; // text of the file being saved, as it was loaded

CMS.registerLocale('id', bahasaId);
registerPeta(CMS);
registerAngka(CMS);
CMS.registerEventListener({
  name: 'preSave',
  handler: ({ entry }) => {
    savingRaw = entry.get('raw');
  },
});
CMS.registerCustomFormat('masterplan-yml', 'yml', {
  fromFile: text => format.fromFile(text),
  toFile: data => format.toFile(data, savingRaw),
});
CMS.init();
watchAccessibility(document);
