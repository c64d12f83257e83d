// How the form editor reads and writes the YAML data files (a Decap CMS custom format).
//
// Saving never re-serialises a file from scratch when its previous text is known: the new
// values are merged into the parsed document, so comments, key order, flow lists like
// `misi: [M1]`, year maps like `target: {2025: 40}` and folded text keep their form and a
// pull request shows only the lines that changed. Year keys are written as numbers
// (`2025: 40`, not `'2025': 40`), empty optional fields are left out rather than written
// as '' or null, and new entries get the same style as their neighbours.
//
// Lists are merged by what their items are, not by position: an item equal to an old one,
// or with the same `id` (programmes, agencies) or year and stage (evaluations), keeps its
// node, so deleting the first programme removes its lines and nothing else. A new entry's
// keys follow the schema's order (`shape`, from the form's fields) and a field left at the
// schema's default (an untouched `ilustratif: false`) is not written.
//
// Pure module: `YAML` is the `yaml` package (browser build in the site, Node in the tests).

const YEAR = /^\d{4}$/;
const WRITE = { indentSeq: false, lineWidth: 0, flowCollectionPadding: false };

export function isEmpty(value) {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

function isPlainObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function keyText(key) {
  return String(key && typeof key === 'object' && 'value' in key ? key.value : key);
}

function keyValue(key) {
  return YEAR.test(key) ? Number(key) : key;
}

function isYearMap(value) {
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every(k => YEAR.test(k));
}

function sameScalar(a, b) {
  if (typeof a === 'number' || typeof b === 'number') return a !== '' && b !== '' && Number(a) === Number(b);
  return a === b;
}

const NO_SHAPE = { keys: [], defaults: {}, fields: {} };

// The form's fields as the schema orders them: {keys, defaults, fields: {name: shape}}.
// A list field's shape is the shape of each of its items.
export function shapeOf(fields) {
  const shape = { keys: [], defaults: {}, fields: {} };
  for (const field of fields || []) {
    shape.keys.push(field.name);
    if ('default' in field) shape.defaults[field.name] = field.default;
    if (Array.isArray(field.fields)) shape.fields[field.name] = shapeOf(field.fields);
  }
  return shape;
}


// Empty values are no values (the form holds '' or [] where the file has nothing); keys in
// a fixed order, so two versions of an item compare equal whatever order they were typed in.
// A field at its schema default counts as absent (the form fills defaults in).
function canonical(value, shape = NO_SHAPE) {
  if (Array.isArray(value)) return value.filter(v => !isEmpty(v)).map(v => canonical(v, shape));
  if (isPlainObject(value)) {
    const out = {};
    for (const k of Object.keys(value).sort()) {
      if (!isEmpty(value[k]) && !isDefault(shape, k, value[k])) out[k] = canonical(value[k], shape.fields[k]);
    }
    return out;
  }
  return value;
}

function sameTree(a, b, shape = NO_SHAPE) {
  return JSON.stringify(canonical(a, shape)) === JSON.stringify(canonical(b, shape));
}

// What names a list item across versions: its id, or its year and stage; scalars by value.
function identity(value) {
  if (isPlainObject(value)) {
    if (value.id) return `id:${value.id}`;
    if (value.tahun !== undefined && value.tahun !== null && value.tahun !== '') return `tahun:${value.tahun}:${value.tahap || ''}`;
    return null;
  }
  return null;
}

// Which old node each new item continues: [index of old node or -1, ...].
export function matchItems(olds, news, shape = NO_SHAPE) {
  const sameValue = (a, b) => sameTree(a, b, shape);
  const used = new Set();
  const match = news.map(() => -1);
  const take = (i, j) => { match[i] = j; used.add(j); };
  news.forEach((item, i) => { // unchanged items, the same id first
    const j = olds.findIndex((old, k) => !used.has(k) && sameValue(old, item) && identity(old) === identity(item));
    if (j >= 0) take(i, j);
  });
  news.forEach((item, i) => { // unchanged items that moved, changed items with the same id
    if (match[i] >= 0) return;
    let j = olds.findIndex((old, k) => !used.has(k) && sameValue(old, item));
    if (j < 0 && identity(item)) j = olds.findIndex((old, k) => !used.has(k) && identity(old) === identity(item));
    if (j >= 0) take(i, j);
  });
  let next = 0; // the rest in order: an edited item without an id, or whose id was edited
  news.forEach((item, i) => {
    if (match[i] >= 0) return;
    while (next < olds.length && (used.has(next) || (identity(olds[next]) && news.some(n => identity(n) === identity(olds[next]))))) next += 1;
    if (next < olds.length && isPlainObject(olds[next]) === isPlainObject(item)) take(i, next);
  });
  return match;
}

function isDefault(shape, key, value) {
  return key in shape.defaults && sameScalar(shape.defaults[key], value);
}

export function makeFormat(YAML) {
  // A new node in the house style: flow style for year maps and short lists of codes,
  // keys in the schema's order, no field left at its default.
  function make(value, shape = NO_SHAPE) {
    if (Array.isArray(value)) {
      const seq = new YAML.YAMLSeq();
      for (const item of value) if (!isEmpty(item)) seq.items.push(make(item, shape));
      const scalars = value.every(v => v === null || typeof v !== 'object');
      seq.flow = scalars && value.join(', ').length <= 60 && value.every(v => !/[,:#\[\]{}]/.test(String(v)));
      return seq;
    }
    if (isPlainObject(value)) {
      const map = new YAML.YAMLMap();
      const rank = k => (shape.keys.includes(k) ? shape.keys.indexOf(k) : shape.keys.length);
      const keys = Object.keys(value).sort((a, b) => rank(a) - rank(b));
      for (const k of keys) {
        if (!isEmpty(value[k]) && !isDefault(shape, k, value[k])) map.items.push(new YAML.Pair(new YAML.Scalar(keyValue(k)), make(value[k], shape.fields[k])));
      }
      map.flow = isYearMap(value);
      return map;
    }
    const scalar = new YAML.Scalar(value);
    if (typeof value === 'string' && value.includes('\n')) scalar.type = 'BLOCK_LITERAL';
    return scalar;
  }

  // Where a new key goes in an existing map: after the last key the schema puts before it,
  // a year among the years in order; else at the end.
  function insertAt(node, k, shape) {
    const keys = node.items.map(p => keyText(p.key));
    if (YEAR.test(k)) {
      const later = keys.findIndex(other => YEAR.test(other) && Number(other) > Number(k));
      return later < 0 ? keys.length : later;
    }
    const rank = shape.keys.indexOf(k);
    if (rank < 0) return keys.length;
    for (let i = keys.length - 1; i >= 0; i -= 1) {
      const other = shape.keys.indexOf(keys[i]);
      if (other >= 0 && other < rank) return i + 1;
    }
    return keys.findIndex(other => shape.keys.includes(other)) >= 0 ? keys.findIndex(other => shape.keys.includes(other)) : keys.length;
  }

  function updateMap(node, value, shape = NO_SHAPE) {
    for (const pair of [...node.items]) {
      const k = keyText(pair.key);
      if (!(k in value) || (value[k] === null || value[k] === undefined || value[k] === '')) node.items.splice(node.items.indexOf(pair), 1);
    }
    for (const [k, v] of Object.entries(value)) {
      const pair = node.items.find(p => keyText(p.key) === k);
      if (pair) pair.value = update(pair.value, v, shape.fields[k]);
      else if (!isEmpty(v) && !isDefault(shape, k, v)) node.items.splice(insertAt(node, k, shape), 0, new YAML.Pair(new YAML.Scalar(keyValue(k)), make(v, shape.fields[k])));
    }
    return node;
  }

  function updateSeq(node, value, shape = NO_SHAPE) {
    const items = value.filter(v => !isEmpty(v));
    const olds = node.items.map(n => (YAML.isNode(n) ? n.toJSON() : n));
    const firstSpace = Boolean(node.items[0]?.spaceBefore);
    const separated = node.items.length > 1 && YAML.isMap(node.items[0]) && Boolean(node.items[1]?.spaceBefore);
    const match = matchItems(olds, items, shape);
    node.items = items.map((v, i) => (match[i] >= 0 ? update(node.items[match[i]], v, shape) : make(v, shape)));
    node.items.forEach((item, i) => {
      if (i === 0) item.spaceBefore = firstSpace; // programmes are separated by a blank line
      else if (separated) item.spaceBefore = true;
    });
    return node;
  }

  // An unchanged folded text keeps its original line breaks, an unchanged value with a comment
  // its spacing (`500000000  # sesuai DPA`), an unchanged flow list or year map its spacing and
  // order (`{2026: 60, 2025: 40}`): the node is stood in for by a placeholder while the
  // document is written, then its source text is put back.
  let kept = [];
  let source = '';
  function keepSource(node) {
    const token = `SIMPAN-TEKS-${kept.length}-${Math.random().toString(36).slice(2)}`;
    kept.push([token, source.slice(node.range[0], node.range[2]).replace(/\s+$/, '')]);
    const stand = new YAML.Scalar(token);
    stand.spaceBefore = node.spaceBefore;
    stand.commentBefore = node.commentBefore;
    return stand;
  }
  function needsSource(node) {
    if (!node.range || !source) return false;
    if (YAML.isScalar(node)) return node.type === 'BLOCK_FOLDED' || Boolean(node.comment);
    return Boolean(node.flow);
  }

  // Merge the edited value into an existing node, keeping the node's style when it can.
  function update(node, value, shape = NO_SHAPE) {
    const keep = fresh => {
      fresh.spaceBefore = node.spaceBefore;
      fresh.commentBefore = node.commentBefore;
      return fresh;
    };
    if (YAML.isCollection(node) && node.flow && needsSource(node) && sameTree(node.toJSON(), value, shape)) return keepSource(node);
    if (isPlainObject(value)) return YAML.isMap(node) ? updateMap(node, value, shape) : keep(make(value, shape));
    if (Array.isArray(value)) return YAML.isSeq(node) ? updateSeq(node, value, shape) : keep(make(value, shape));
    if (YAML.isScalar(node) && typeof node.value !== 'object') {
      if (sameScalar(node.value, value)) return needsSource(node) ? keepSource(node) : node;
      const fresh = keep(make(value));
      if (typeof node.value === typeof value && typeof value === 'string' && node.type !== 'PLAIN') fresh.type = node.type;
      fresh.comment = node.comment;
      return fresh;
    }
    return keep(make(value, shape));
  }

  function fromFile(text) {
    const doc = YAML.parseDocument(text || '', { uniqueKeys: true });
    if (doc.errors.length) throw new Error(doc.errors[0].message);
    return doc.toJS() || {};
  }

  // `previous` is the file's last known text (the last saved version), or undefined;
  // `shape` the file's fields (shapeOf), or undefined.
  function toFile(data, previous, shape = NO_SHAPE) {
    let doc;
    kept = [];
    source = previous || '';
    if (previous) {
      doc = YAML.parseDocument(previous, { uniqueKeys: true });
      if (doc.errors.length || !YAML.isMap(doc.contents)) doc = undefined;
    }
    if (!doc) {
      doc = new YAML.Document();
      doc.contents = make(data, shape);
    } else {
      doc.contents = update(doc.contents, data, shape);
    }
    let text = doc.toString(WRITE);
    for (const [token, original] of kept) text = text.replace(token, () => original);
    return text;
  }

  return { fromFile, toFile };
}
