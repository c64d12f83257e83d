// Widget `peta`: edits a map with free keys, such as `target: {2025: 40, 2026: 60}` (years to
// values) or a monev score per element (`baseline: 3.5`). Decap CMS has no widget for maps
// whose keys the editor chooses; this one shows a small table of key/value rows.
// Options come from the generated config: key_type (tahun|teks), key_min/key_max,
// key_pattern, key_options, value_type (int|float), jenis (how values are written, see
// angka.js), value_min/value_max, min (rows).
import { parseAngka, formatAngka } from './angka.js';

const h = (...args) => window.h(...args);

function plain(value) {
  if (!value) return {};
  return typeof value.toJS === 'function' ? value.toJS() : value;
}

function rowsOf(value, kind) {
  return Object.entries(plain(value)).map(([key, val]) => ({ key: String(key), value: val === null || val === undefined ? '' : typeof val === 'string' ? val : formatAngka(val, kind) }));
}

function kindOf(field) {
  return opt(field, 'jenis') || 'umum';
}

function readValue(text, field) {
  return parseAngka(text, kindOf(field), { min: opt(field, 'value_min'), max: opt(field, 'value_max') });
}

function opt(field, name) {
  const value = field.get(name);
  return value && typeof value.toJS === 'function' ? value.toJS() : value;
}

// Problems of the rows, in Indonesian; an empty list means valid.
export function problems(rows, field) {
  const isYear = opt(field, 'key_type') === 'tahun';
  const keyName = isYear ? 'Tahun' : 'Unsur';
  const out = [];
  const seen = new Set();
  const [kmin, kmax, vmin, vmax] = ['key_min', 'key_max', 'value_min', 'value_max'].map(n => opt(field, n));
  const pattern = opt(field, 'key_pattern');
  const choices = opt(field, 'key_options') || [];
  rows.forEach((row, i) => {
    const where = `Baris ${i + 1}`;
    const key = row.key.trim();
    if (!key) out.push(`${where}: ${keyName.toLowerCase()} belum diisi.`);
    else if (isYear && !/^\d{4}$/.test(key)) out.push(`${where}: tahun ditulis empat angka, misalnya 2025.`);
    else if (isYear && ((kmin !== undefined && +key < kmin) || (kmax !== undefined && +key > kmax))) out.push(`${where}: tahun harus antara ${kmin} dan ${kmax}.`);
    else if (!isYear && !choices.includes(key) && (!pattern || !new RegExp(pattern).test(key))) {
      out.push(pattern ? `${where}: unsur “${key}” ditulis huruf kecil, angka dan tanda hubung.` : `${where}: pilih salah satu: ${choices.join(', ')}.`);
    }
    if (key && seen.has(key)) out.push(`${where}: ${keyName.toLowerCase()} ${key} tercantum dua kali.`);
    seen.add(key);
    const read = readValue(row.value, field);
    if (row.value.trim() === '') out.push(`${where}: nilai belum diisi.`);
    else if (!read.ok) out.push(`${where}: ${read.message}`);
  });
  const min = opt(field, 'min');
  if (min && rows.length < min) out.push(`Isi paling sedikit ${min} baris.`);
  return out;
}

export function valueOf(rows, field) {
  const out = {};
  for (const row of rows) {
    const key = row.key.trim();
    const read = readValue(row.value, field);
    // A value that cannot be read is kept as typed (saving is refused by problems()), never dropped.
    if (key && row.value.trim() !== '') out[key] = read.ok ? read.value : row.value;
  }
  return out;
}

export function registerPeta(CMS) {
  const Control = window.createClass({
    getInitialState() {
      return { rows: rowsOf(this.props.value, kindOf(this.props.field)) };
    },
    isValid() {
      const found = problems(this.state.rows, this.props.field);
      return found.length ? { error: { message: found.join(' ') } } : true;
    },
    change(rows) {
      this.setState({ rows });
      this.props.onChange(valueOf(rows, this.props.field));
    },
    edit(i, part, text) {
      this.change(this.state.rows.map((row, j) => (j === i ? { ...row, [part]: text } : row)));
    },
    add() {
      const { rows } = this.state;
      const isYear = opt(this.props.field, 'key_type') === 'tahun';
      const years = rows.map(r => +r.key).filter(n => n > 0);
      const key = isYear ? String(years.length ? Math.max(...years) + 1 : new Date().getFullYear()) : '';
      this.change([...rows, { key, value: '' }]);
    },
    remove(i) {
      this.change(this.state.rows.filter((_, j) => j !== i));
    },
    // A key chosen from a closed list (dimensions) is a pick-list by name; years and free keys are typed.
    keyInput(row, i) {
      const { forID, field, setActiveStyle, setInactiveStyle } = this.props;
      const isYear = opt(field, 'key_type') === 'tahun';
      const keyName = isYear ? 'tahun' : 'unsur';
      const common = {
        value: row.key, id: i === 0 ? forID : undefined, className: 'peta-kunci', 'aria-label': `${field.get('label')}: ${keyName} baris ${i + 1}`,
        onChange: e => this.edit(i, 'key', e.target.value), onFocus: setActiveStyle, onBlur: setInactiveStyle,
      };
      const labels = opt(field, 'key_labels');
      if (labels && !opt(field, 'key_pattern')) {
        return h('select', common, h('option', { value: '' }, '— pilih —'),
          Object.entries(labels).map(([value, label]) => h('option', { key: value, value }, label)));
      }
      return h('input', { ...common, type: 'text', inputMode: isYear ? 'numeric' : 'text' });
    },
    render() {
      const { forID, classNameWrapper, field, setActiveStyle, setInactiveStyle } = this.props;
      const isYear = opt(field, 'key_type') === 'tahun';
      const label = field.get('label');
      const keyName = isYear ? 'Tahun' : 'Unsur';
      const rows = this.state.rows.map((row, i) =>
        h('tr', { key: i },
          h('td', null, this.keyInput(row, i)),
          h('td', null, h('input', {
            type: 'text', inputMode: 'decimal', value: row.value,
            'aria-label': `${label}: nilai ${row.key || `baris ${i + 1}`}`, className: 'peta-nilai',
            onChange: e => this.edit(i, 'value', e.target.value), onFocus: setActiveStyle, onBlur: setInactiveStyle,
          })),
          h('td', null, h('button', { type: 'button', className: 'peta-hapus', onClick: () => this.remove(i),
            'aria-label': `Hapus ${keyName.toLowerCase()} ${row.key || `baris ${i + 1}`} dari ${label}` }, 'Hapus')),
        ));
      return h('div', { className: `${classNameWrapper} peta` },
        h('table', null,
          h('thead', null, h('tr', null, h('th', { scope: 'col' }, keyName), h('th', { scope: 'col' }, 'Nilai'), h('th', { scope: 'col' }, h('span', { className: 'peta-sembunyi' }, 'Tindakan')))),
          h('tbody', null, rows)),
        h('button', { type: 'button', className: 'peta-tambah', onClick: () => this.add() }, isYear ? '+ Tambah tahun' : '+ Tambah unsur'));
    },
  });
  const Preview = window.createClass({
    render() {
      const value = plain(this.props.value);
      return h('p', null, Object.entries(value).map(([k, v]) => `${k}: ${formatAngka(v, kindOf(this.props.field))}`).join('; '));
    },
  });
  CMS.registerWidget('peta', Control, Preview);
}
