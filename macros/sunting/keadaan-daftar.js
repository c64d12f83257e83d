// Saving keeps the form where the editor left it. Decap draws the entry anew after each save,
// with every list item collapsed and the page back at the top; an office updating twenty
// programmes one after the other would search for its place after every Simpan. The open
// items (by their summary line, e.g. "LIV-02 · Pasar Digital") and the item at the top of the
// screen are noted when Simpan is pressed and put back once Decap has drawn the form again.

const TOP_BAR = '[class*="ListItemTopBar"]';
const WAIT_MS = 20000;

function label(bar) {
  return bar.nextElementSibling ? bar.nextElementSibling.textContent.trim() : '';
}

const shown = el => el.getClientRects().length > 0;

// Decap hides an item's summary line while the item is open (an item inside a closed one
// has neither shown).
function isOpen(bar) {
  const summary = bar.nextElementSibling;
  return Boolean(summary) && shown(bar) && !shown(summary);
}

function isClosed(bar) {
  const summary = bar.nextElementSibling;
  return Boolean(summary) && shown(bar) && shown(summary);
}

function note(doc) {
  const bars = [...doc.querySelectorAll(TOP_BAR)];
  const open = bars.filter(isOpen).map(label).filter(Boolean);
  const first = bars.find(bar => bar.getBoundingClientRect().top >= 0);
  return { open, bars, anchor: first ? { text: label(first), top: first.getBoundingClientRect().top } : null };
}

function reopen(doc, open) {
  let pending = 0;
  for (const bar of doc.querySelectorAll(TOP_BAR)) {
    if (!open.includes(label(bar)) || !isClosed(bar)) continue;
    const toggle = bar.querySelector('button');
    if (toggle) {
      toggle.click();
      pending += 1;
    }
  }
  return pending;
}

function scrollBack(doc, anchor) {
  if (!anchor) return;
  const bar = [...doc.querySelectorAll(TOP_BAR)].find(b => label(b) === anchor.text);
  if (!bar) return;
  const shift = bar.getBoundingClientRect().top - anchor.top;
  let box = bar.parentElement;
  while (box && box !== doc.body && !(box.scrollHeight > box.clientHeight && /(auto|scroll)/.test(getComputedStyle(box).overflowY))) box = box.parentElement;
  if (box && box !== doc.body) box.scrollTop += shift;
  else doc.defaultView.scrollBy(0, shift);
}

function restore(doc, state) {
  const started = Date.now();
  const step = () => {
    if (Date.now() - started > WAIT_MS) return;
    // the save is done once Decap says so (or drew new items); then it has closed the items
    const saved = /Perubahan disimpan/.test(doc.body.textContent) || !state.bars.some(bar => doc.contains(bar));
    const closed = [...doc.querySelectorAll(TOP_BAR)].some(bar => state.open.includes(label(bar)) && isClosed(bar));
    // an open menu (Status, Terbitkan) would close on the clicks that reopen the items: wait for it
    const menuOpen = Boolean(doc.querySelector('[role="menu"]'));
    if (!saved || menuOpen || (!closed && state.open.length && !state.reopened)) {
      setTimeout(step, 150);
      return;
    }
    // nested lists open only after their parent is open: a few rounds, then the scroll position
    if (reopen(doc, state.open) > 0) {
      state.reopened = true;
      setTimeout(step, 100);
    } else {
      scrollBack(doc, state.anchor);
    }
  };
  setTimeout(step, 150);
}

export function keepListState(doc) {
  doc.addEventListener('click', event => {
    const button = event.target.closest && event.target.closest('button');
    if (!button || button.textContent.trim() !== 'Simpan') return;
    const state = note(doc);
    if (state.open.length || state.anchor) restore(doc, state);
  }, true);
}

// "Tambah program" puts the new item at the end of a long list, below the screen: the new
// item is opened, brought into view and its first field (Kode) given the focus.
export function showAddedItems(doc) {
  doc.addEventListener('click', event => {
    const button = event.target.closest && event.target.closest('button');
    if (!button || !/^Tambah\b/.test(button.textContent.trim()) || button.closest(TOP_BAR)) return;
    const before = new Set(doc.querySelectorAll(TOP_BAR));
    const started = Date.now();
    const find = () => {
      const added = [...doc.querySelectorAll(TOP_BAR)].find(bar => !before.has(bar));
      if (!added) {
        if (Date.now() - started < 3000) setTimeout(find, 50);
        return;
      }
      if (isClosed(added)) added.querySelector('button')?.click();
      setTimeout(() => {
        const field = added.parentElement.querySelector('input, textarea, select');
        const target = field || added;
        target.scrollIntoView({ block: 'center' });
        if (field) field.focus({ preventScroll: true });
      }, 50);
    };
    setTimeout(find, 0);
  }, true); // capture: Decap's button stops the click from bubbling
}
