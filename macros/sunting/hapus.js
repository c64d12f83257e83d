// The × of a list item removes a whole programme, agency, mission or indicator: ask first, and
// name the entries that still point to it (rujukan.json, written by the build from the data:
// scripts/masterplan/derive/references.py). Such a removal can be saved, but its proposal is
// not published while a reference remains (the publish check refuses it, naming the reference).
// The question is a <dialog> in the page (not window.confirm), so it can show a list.

const ITEM_DELETE = '[class*="ListItemTopBar"] > button';

function deleteButton(target) {
  const button = target.closest && target.closest(ITEM_DELETE);
  if (!button) return null;
  const buttons = [...button.parentElement.children].filter(el => el.tagName === 'BUTTON');
  return buttons.length >= 2 && button === buttons[buttons.length - 1] ? button : null;
}

// "#/collections/program/entries/governance" -> "program/governance"
export function entryOf(hash) {
  const found = /#\/collections\/([^/]+)\/entries\/([^/?]+)/.exec(hash || '');
  return found ? `${decodeURIComponent(found[1])}/${decodeURIComponent(found[2])}` : '';
}

// The item's summary is "GOV-02 · Program Satu Data": its code comes first.
export function referencesOf(references, entry, name) {
  const code = String(name).split(' · ')[0].trim();
  return ((references || {})[entry] || {})[code] || [];
}

function element(doc, tag, props = {}, children = []) {
  const el = doc.createElement(tag);
  Object.assign(el, props);
  for (const child of children) el.append(child);
  return el;
}

// Resolves true for "Hapus", false for "Batal" or Escape.
function ask(doc, name, referrers) {
  const dialog = element(doc, 'dialog', { className: 'hapus-dialog' });
  dialog.setAttribute('aria-labelledby', 'hapus-judul');
  const parts = [element(doc, 'h2', { id: 'hapus-judul', textContent: `Hapus “${name}”?` })];
  if (referrers.length) {
    parts.push(
      element(doc, 'p', { className: 'hapus-rujukan', textContent: 'Data ini masih dirujuk oleh:' }),
      element(doc, 'ul', {}, referrers.map(r => element(doc, 'li', { textContent: r }))),
      element(doc, 'p', { textContent: 'Bila dihapus, usulan ini tidak dapat diterbitkan sampai rujukan di atas diubah atau dihapus juga, dan perubahan itu diterbitkan lebih dulu.' }),
    );
  }
  parts.push(element(doc, 'p', { textContent: 'Perubahan baru tersimpan setelah Anda menekan Simpan.' }));
  const cancel = element(doc, 'button', { type: 'button', className: 'hapus-batal', textContent: 'Batal' });
  const remove = element(doc, 'button', { type: 'button', className: 'hapus-ya', textContent: referrers.length ? 'Tetap hapus' : 'Hapus' });
  parts.push(element(doc, 'div', { className: 'hapus-tombol' }, [cancel, remove]));
  for (const part of parts) dialog.append(part);
  doc.body.append(dialog);
  return new Promise(resolve => {
    const close = answer => () => { dialog.close(); dialog.remove(); resolve(answer); };
    cancel.addEventListener('click', close(false));
    remove.addEventListener('click', close(true));
    dialog.addEventListener('cancel', event => { event.preventDefault(); close(false)(); });
    dialog.showModal();
    cancel.focus(); // the safe answer is the default one
  });
}

// Runs in the capture phase, before Decap's own handler (React listens at its root, below the
// document); the confirmed click is sent again and let through.
export function confirmDeletes(doc, loadReferences) {
  let confirmed = null;
  let references = {};
  loadReferences().then(found => { references = found || {}; }, () => {});
  doc.addEventListener('click', event => {
    const button = deleteButton(event.target);
    if (!button) return;
    if (confirmed === button) {
      confirmed = null;
      return;
    }
    event.preventDefault();
    event.stopImmediatePropagation();
    const name = (button.getAttribute('aria-label') || 'Hapus butir ini').replace(/^Hapus /, '');
    ask(doc, name, referencesOf(references, entryOf(doc.defaultView.location.hash), name)).then(yes => {
      if (yes && button.isConnected) {
        confirmed = button;
        button.click();
      }
    });
  }, true);
}
