// Widget `angka`: a number field that takes Indonesian writing (see angka.js). The text
// stays as typed; the number it will be saved as is shown under it, or why it cannot be read.
import { parseAngka, formatAngka, echo } from './angka.js';

const h = (...args) => window.h(...args);

function kindOf(field) {
  return field.get('jenis') || 'umum';
}

function limitsOf(field) {
  return { min: field.get('min'), max: field.get('max') };
}

export function registerAngka(CMS) {
  const Control = window.createClass({
    getInitialState() {
      // A string is text that could not be read (kept by change() below): shown again as typed, still refused.
      const { value } = this.props;
      return { text: typeof value === 'string' ? value : formatAngka(value, kindOf(this.props.field)) };
    },
    read() {
      return parseAngka(this.state.text, kindOf(this.props.field), limitsOf(this.props.field));
    },
    isValid() {
      const read = this.read();
      return read.ok ? true : { error: { message: `${this.props.field.get('label')}: ${read.message}` } };
    },
    change(text) {
      this.setState({ text });
      const read = parseAngka(text, kindOf(this.props.field), limitsOf(this.props.field));
      // A text that cannot be read is kept as text: the entry is changed, and saving is refused by isValid.
      this.props.onChange(read.ok ? read.value : text);
    },
    render() {
      const { forID, classNameWrapper, field, setActiveStyle, setInactiveStyle } = this.props;
      const read = this.read();
      // Said back when it differs from what was typed (45 -> 45%, 2,4 miliar -> Rp 2.400.000.000) and always for rupiah.
      const plain = read.ok && kindOf(field) !== 'rupiah' && formatAngka(read.value, kindOf(field)) === this.state.text.trim();
      const note = read.ok ? (plain ? '' : echo(read.value, kindOf(field))) : read.message;
      return h('div', { className: 'angka' },
        h('input', {
          type: 'text', inputMode: 'decimal', id: forID, className: classNameWrapper, value: this.state.text,
          'aria-describedby': `${forID}-baca`, 'aria-invalid': read.ok ? undefined : 'true',
          onChange: e => this.change(e.target.value), onFocus: setActiveStyle, onBlur: setInactiveStyle,
        }),
        h('p', { id: `${forID}-baca`, className: read.ok ? 'angka-baca' : 'angka-baca angka-salah', 'aria-live': 'polite' }, note));
    },
  });
  const Preview = window.createClass({
    render() {
      return h('p', null, formatAngka(this.props.value, kindOf(this.props.field)));
    },
  });
  CMS.registerWidget('angka', Control, Preview);
}
