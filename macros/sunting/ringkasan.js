// What a save changed, in words, for the commit message and the pull request title:
// "Program ECO-03 Pasar Digital: progres, realisasi 2026". Pure module (tested in Node).

// Empty values are no values: the form holds '' or [] where the file has nothing (see berkas-yaml.js).
function pruned(value) {
  if (Array.isArray(value)) return value.map(pruned);
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      const p = pruned(v);
      if (!(p === null || p === undefined || p === '' || (Array.isArray(p) && !p.length) || (typeof p === 'object' && !Array.isArray(p) && !Object.keys(p).length))) out[k] = p;
    }
    return out;
  }
  return value;
}
// Key order is the form's or the file's; it is no change either.
function sorted(value) {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map(k => [k, sorted(value[k])]));
  return value;
}
const same = (a, b) => JSON.stringify(sorted(pruned(a)) ?? null) === JSON.stringify(sorted(pruned(b)) ?? null);
const words = key => String(key).replace(/_/g, ' ');

// Years whose value changed in a year map ({2025: 40}), e.g. [2026].
function changedYears(before = {}, after = {}) {
  const years = new Set([...Object.keys(before || {}), ...Object.keys(after || {})]);
  return [...years].filter(y => /^\d{4}$/.test(y) && !same((before || {})[y], (after || {})[y])).sort();
}

// "progres, realisasi 2026, target 2027": the fields of one item that differ.
function changedFields(before = {}, after = {}) {
  const out = [];
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (same(before[key], after[key])) continue;
    if (key === 'indikator') {
      const byKind = {};
      const pairs = Math.max((before.indikator || []).length, (after.indikator || []).length);
      for (let i = 0; i < pairs; i += 1) {
        const [b, a] = [(before.indikator || [])[i] || {}, (after.indikator || [])[i] || {}];
        for (const kind of ['target', 'realisasi']) {
          for (const year of changedYears(b[kind], a[kind])) (byKind[kind] ||= new Set()).add(year);
        }
        if (!same({ ...b, target: 0, realisasi: 0 }, { ...a, target: 0, realisasi: 0 })) (byKind.indikator ||= new Set());
      }
      for (const [kind, years] of Object.entries(byKind)) out.push([kind, ...[...years].sort()].join(' '));
      if (!Object.keys(byKind).length) out.push('indikator');
    } else if (after[key] && typeof after[key] === 'object' && !Array.isArray(after[key]) && changedYears(before[key], after[key]).length) {
      out.push(`${words(key)} ${changedYears(before[key], after[key]).join(' ')}`);
    } else {
      out.push(words(key));
    }
  }
  return out.join(', ');
}

function itemName(item, fallback) {
  if (item.id && item.nama) return `${item.id} ${item.nama}`;
  return [item.tahun, item.tahap, item.nama, item.id, item.label].filter(Boolean).join(' ') || fallback;
}

// Lists of items keyed by id (programmes) or by year and stage (evaluations), else by position.
function keyOf(item, i) {
  if (item && typeof item === 'object') {
    if (item.id) return `id:${item.id}`;
    if (item.tahun) return `tahun:${item.tahun}:${item.tahap || ''}`;
  }
  return `pos:${i}`;
}

// A renamed item (a stage's name, an id typed anew) is one change, not "baru" and "dihapus":
// left-over new and old items are paired by year, then by position.
function pairLeftovers(added, removed) {
  const pairs = [];
  for (const weak of [item => (item && item.tahun ? `tahun:${item.tahun}` : null), (item, i) => `pos:${i}`]) {
    for (const a of [...added]) {
      const key = weak(a.item, a.index);
      const r = key && removed.find(o => weak(o.item, o.index) === key);
      if (r) {
        pairs.push([r.item, a]);
        added.splice(added.indexOf(a), 1);
        removed.splice(removed.indexOf(r), 1);
      }
    }
  }
  return pairs;
}

function changedItems(title, before = [], after = []) {
  const old = new Map(before.map((item, i) => [keyOf(item, i), { item, index: i }]));
  const seen = new Set();
  const added = [];
  const changes = new Map(); // index in `after` -> words
  after.forEach((item, i) => {
    const key = keyOf(item, i);
    seen.add(key);
    const prior = old.get(key);
    if (prior === undefined) added.push({ item, index: i });
    else if (!same(prior.item, item)) changes.set(i, `${title} ${itemName(item, i + 1)}: ${changedFields(prior.item, item)}`);
  });
  const removed = [...old].filter(([key]) => !seen.has(key)).map(([, v]) => v);
  for (const [prior, { item, index }] of pairLeftovers(added, removed)) {
    changes.set(index, `${title} ${itemName(item, index + 1)}: ${changedFields(prior, item)}`);
  }
  for (const { item, index } of added) changes.set(index, `${title} ${itemName(item, index + 1)}: baru`);
  const out = [...changes].sort((a, b) => a[0] - b[0]).map(([, words]) => words.replace(/\s+/g, ' '));
  for (const { item } of removed) out.push(`${title} ${itemName(item, '')} dihapus`.replace(/\s+/g, ' '));
  return out;
}

const LIST_TITLES = { program: 'Program', evaluasi: 'Monev', opd: 'OPD', misi: 'Misi', fase: 'Fase', tonggak: 'Tonggak' };

/** One line saying what changed between two versions of a data file; `title` names the file. */
export function describeChange(title, before, after) {
  [before, after] = [pruned(before || {}), pruned(after || {})];
  const parts = [];
  const changedKeys = [];
  for (const key of new Set([...Object.keys(before || {}), ...Object.keys(after || {})])) {
    const [b, a] = [(before || {})[key], (after || {})[key]];
    if (same(b, a)) continue;
    if ((Array.isArray(a) || Array.isArray(b)) && LIST_TITLES[key]) parts.push(...changedItems(LIST_TITLES[key], b || [], a || []));
    else changedKeys.push(words(key));
  }
  if (changedKeys.length) parts.unshift(`${title}: ${changedKeys.join(', ')}`);
  if (!parts.length) return `${title}: tanpa perubahan isi`;
  if (parts.length > 3) return `${title}: ${parts.length} perubahan (${parts.slice(0, 2).join('; ')}; …)`;
  return parts.join('; ');
}
