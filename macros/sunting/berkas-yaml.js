// How the form editor reads and writes the YAML data files (a Decap CMS custom format).
//
// Saving never re-serialises a file from scratch when its previous text is known: the new
// values are merged into the parsed document, so comments, key order, flow lists like
// `misi: [M1]`, year maps like `target: {2025: 40}` and folded text keep their form and a
// pull request shows only the lines that changed. Year keys are written as numbers
// (`2025: 40`, not `'2025': 40`), empty optional fields are left out rather than written
// as '' or null, and new entries get the same style as their neighbours.
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

export function makeFormat(YAML) {
  // A new node in the house style: flow style for year maps and short lists of codes.
  function make(value) {
    if (Array.isArray(value)) {
      const seq = new YAML.YAMLSeq();
      for (const item of value) if (!isEmpty(item)) seq.items.push(make(item));
      const scalars = value.every(v => v === null || typeof v !== 'object');
      seq.flow = scalars && value.join(', ').length <= 60 && value.every(v => !/[,:#\[\]{}]/.test(String(v)));
      return seq;
    }
    if (isPlainObject(value)) {
      const map = new YAML.YAMLMap();
      for (const [k, v] of Object.entries(value)) {
        if (!isEmpty(v)) map.items.push(new YAML.Pair(new YAML.Scalar(keyValue(k)), make(v)));
      }
      map.flow = isYearMap(value);
      return map;
    }
    const scalar = new YAML.Scalar(value);
    if (typeof value === 'string' && value.includes('\n')) scalar.type = 'BLOCK_LITERAL';
    return scalar;
  }

  function updateMap(node, value) {
    for (const pair of [...node.items]) {
      const k = keyText(pair.key);
      if (!(k in value) || (value[k] === null || value[k] === undefined || value[k] === '')) node.items.splice(node.items.indexOf(pair), 1);
    }
    for (const [k, v] of Object.entries(value)) {
      const pair = node.items.find(p => keyText(p.key) === k);
      if (pair) pair.value = update(pair.value, v);
      else if (!isEmpty(v)) node.items.push(new YAML.Pair(new YAML.Scalar(keyValue(k)), make(v)));
    }
    return node;
  }

  function updateSeq(node, value) {
    const items = value.filter(v => !isEmpty(v));
    node.items = items.map((v, i) => (i < node.items.length ? update(node.items[i], v) : make(v)));
    if (items.length > 1 && YAML.isMap(node.items[0]) && node.items[1]?.spaceBefore) {
      for (const item of node.items.slice(1)) item.spaceBefore = true; // programmes are separated by a blank line
    }
    return node;
  }

  // An unchanged folded text keeps its original line breaks: it is stood in for by a
  // placeholder while the document is written, then its source text is put back.
  let kept = [];
  let source = '';
  function keepFolded(node) {
    if (node.type !== 'BLOCK_FOLDED' || !node.range) return node;
    const token = `SIMPAN-TEKS-${kept.length}-${Math.random().toString(36).slice(2)}`;
    kept.push([token, source.slice(node.range[0], node.range[1]).replace(/\s+$/, '')]);
    const stand = new YAML.Scalar(token);
    stand.comment = node.comment;
    return stand;
  }

  // Merge the edited value into an existing node, keeping the node's style when it can.
  function update(node, value) {
    if (isPlainObject(value)) return YAML.isMap(node) ? updateMap(node, value) : make(value);
    if (Array.isArray(value)) return YAML.isSeq(node) ? updateSeq(node, value) : make(value);
    if (YAML.isScalar(node) && typeof node.value !== 'object') {
      if (sameScalar(node.value, value)) return keepFolded(node);
      const fresh = make(value);
      if (typeof node.value === typeof value && typeof value === 'string' && node.type !== 'PLAIN') fresh.type = node.type;
      fresh.comment = node.comment;
      return fresh;
    }
    return make(value);
  }

  function fromFile(text) {
    const doc = YAML.parseDocument(text || '', { uniqueKeys: true });
    if (doc.errors.length) throw new Error(doc.errors[0].message);
    return doc.toJS() || {};
  }

  // `previous` is the file's last known text (from the entry being saved), or undefined.
  function toFile(data, previous) {
    let doc;
    kept = [];
    source = previous || '';
    if (previous) {
      doc = YAML.parseDocument(previous, { uniqueKeys: true });
      if (doc.errors.length || !YAML.isMap(doc.contents)) doc = undefined;
    }
    if (!doc) {
      doc = new YAML.Document();
      doc.contents = make(data);
    } else {
      doc.contents = update(doc.contents, data);
    }
    let text = doc.toString(WRITE);
    for (const [token, original] of kept) text = text.replace(token, () => original);
    return text;
  }

  return { fromFile, toFile };
}
