// Widget `tanggal`: a date written as Indonesians write it (see tanggal.js), saved as
// YYYY-MM-DD; what it will be saved as is said under the field, or why it cannot be read.
import { parseTanggal, formatTanggal } from './tanggal.js';

const h = (...args) => window.h(...args);

export function registerTanggal(CMS) {
  const Control = window.createClass({
    getInitialState() {
      const { value } = this.props;
      return { text: parseTanggal(value).ok ? formatTanggal(value) : String(value ?? '') };
    },
    isValid() {
      const read = parseTanggal(this.state.text);
      return read.ok ? true : { error: { message: `${this.props.field.get('label')}: ${read.message}` } };
    },
    change(text) {
      this.setState({ text });
      const read = parseTanggal(text);
      this.props.onChange(read.ok ? read.value : text); // unreadable text is kept, and refused on save
    },
    render() {
      const { forID, classNameWrapper, setActiveStyle, setInactiveStyle } = this.props;
      const read = parseTanggal(this.state.text);
      const note = read.ok ? (read.value ? `Tersimpan sebagai ${formatTanggal(read.value)} (${read.value}).` : '') : read.message;
      return h('div', { className: 'angka' },
        h('input', {
          type: 'text', id: forID, className: classNameWrapper, value: this.state.text, autoComplete: 'off',
          'aria-describedby': `${forID}-baca`, 'aria-invalid': read.ok ? undefined : 'true',
          onChange: e => this.change(e.target.value), onFocus: setActiveStyle, onBlur: setInactiveStyle,
        }),
        h('p', { id: `${forID}-baca`, className: read.ok ? 'angka-baca' : 'angka-baca angka-salah', 'aria-live': 'polite' }, note));
    },
  });
  const Preview = window.createClass({
    render() {
      return h('p', null, formatTanggal(this.props.value));
    },
  });
  CMS.registerWidget('tanggal', Control, Preview);
}
