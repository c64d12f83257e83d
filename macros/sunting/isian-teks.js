// Widget `teks-format`: a text field whose text the site shows as formatted text (Markdown:
// **tebal**, *miring*, lists). The text stays as written, so the file keeps its layout; under
// it the form shows how the site will show it, so the asterisks are not what the editor reads
// last. Buttons add bold and italic around the selection. Nothing typed is put into the page as
// HTML: the preview escapes every character first.

const h = (...args) => window.h(...args);

function escape(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function inline(text) {
  return escape(text).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>').replace(/(^|[^*])\*([^*\s][^*]*?)\*/g, '$1<em>$2</em>');
}

/** The small part of Markdown the masterplan's texts use, as escaped HTML. */
export function preview(text) {
  const out = [];
  let list = null;
  for (const line of String(text || '').split('\n')) {
    const item = line.match(/^\s*[-*]\s+(.*)$/);
    if (item) {
      if (!list) out.push((list = []));
      list.push(`<li>${inline(item[1])}</li>`);
      continue;
    }
    list = null;
    if (line.trim()) out.push(`<p>${inline(line.trim())}</p>`);
  }
  return out.map(part => (Array.isArray(part) ? `<ul>${part.join('')}</ul>` : part)).join('');
}

export function registerTeks(CMS) {
  const Control = window.createClass({
    wrap(mark) {
      const area = document.getElementById(this.props.forID);
      const value = this.props.value || '';
      const [start, end] = [area.selectionStart, area.selectionEnd];
      this.props.onChange(value.slice(0, start) + mark + value.slice(start, end) + mark + value.slice(end));
    },
    render() {
      const { forID, classNameWrapper, value, onChange, setActiveStyle, setInactiveStyle } = this.props;
      return h('div', { className: 'teks-format' },
        h('div', { className: 'teks-alat' },
          h('button', { type: 'button', onClick: () => this.wrap('**') }, h('strong', null, 'Tebal')),
          h('button', { type: 'button', onClick: () => this.wrap('*') }, h('em', null, 'Miring'))),
        h('textarea', { id: forID, className: classNameWrapper, value: value || '', rows: 6,
          onChange: e => onChange(e.target.value), onFocus: setActiveStyle, onBlur: setInactiveStyle }),
        h('p', { className: 'teks-judul' }, 'Tampilan di situs:'),
        h('div', { className: 'teks-pratinjau', dangerouslySetInnerHTML: { __html: preview(value) } }));
    },
  });
  const Preview = window.createClass({
    render() {
      return h('div', { dangerouslySetInnerHTML: { __html: preview(this.props.value) } });
    },
  });
  CMS.registerWidget('teks-format', Control, Preview);
}
