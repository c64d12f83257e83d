// Names for Decap CMS's icon-only controls (axe-core: button-name, aria-command-name):
// the open/close and delete buttons and the drag handle of every list item.
function nameControls(root) {
  for (const bar of root.querySelectorAll('[class*="ListItemTopBar"]')) {
    const item = (bar.nextElementSibling && bar.nextElementSibling.textContent.trim()) || 'butir ini';
    const buttons = [...bar.children].filter(el => el.tagName === 'BUTTON');
    const drag = bar.querySelector('[aria-roledescription="sortable"]');
    const names = [[buttons[0], `Buka atau tutup ${item}`], [buttons.length > 1 ? buttons[buttons.length - 1] : null, `Hapus ${item}`], [drag, `Geser untuk mengubah urutan ${item}`]];
    for (const [el, name] of names) {
      if (el && el.getAttribute('aria-label') !== name) el.setAttribute('aria-label', name);
    }
  }
}

// react-select names a chosen value's remove button "Remove APBD": in Indonesian.
function indonesianNames(root) {
  for (const el of root.querySelectorAll('[role="button"][aria-label^="Remove "]')) {
    el.setAttribute('aria-label', `Hapus pilihan ${el.getAttribute('aria-label').slice('Remove '.length)}`);
  }
}

// Decap's dropdown menus (Terbitkan, Status) put their items in a <ul> of <div>s under
// role=menu: the list is made presentational, so the items are the menu's own (axe:
// aria-required-children, aria-required-parent, list).
function menuRoles(root) {
  for (const list of root.querySelectorAll('[role="menu"] > ul:not([role])')) list.setAttribute('role', 'none');
}

// A dialog without a name (the media library) is named by its first heading.
function nameDialogs(root) {
  for (const dialog of root.querySelectorAll('[role="dialog"]:not([aria-label]):not([aria-labelledby]), .ReactModal__Content:not([aria-label])')) {
    const heading = dialog.querySelector('h1, h2, h3');
    dialog.setAttribute('aria-label', heading && heading.textContent.trim() ? heading.textContent.trim() : 'Dialog');
  }
}

export function watchAccessibility(doc) {
  let pending = false;
  const run = () => {
    pending = false;
    nameControls(doc.body);
    indonesianNames(doc.body);
    menuRoles(doc.body);
    nameDialogs(doc.body);
    indonesianDates(doc.body);
  };
  new MutationObserver(() => {
    if (!pending) {
      pending = true;
      requestAnimationFrame(run);
    }
  }).observe(doc.body, { childList: true, subtree: true, characterData: true });
}

// Decap formats workflow dates with English month names ("4 December"); shown in Indonesian.
const MONTHS = { January: 'Januari', February: 'Februari', March: 'Maret', April: 'April', May: 'Mei', June: 'Juni', July: 'Juli',
  August: 'Agustus', September: 'September', October: 'Oktober', November: 'November', December: 'Desember' };
const ENGLISH_MONTH = new RegExp(`\\b(${Object.keys(MONTHS).join('|')})\\b`, 'g');

export function indonesianDates(root) {
  for (const area of root.querySelectorAll('[class*="Workflow"], [class*="workflow"]')) {
    const walker = area.ownerDocument.createTreeWalker(area, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (ENGLISH_MONTH.test(node.data)) node.data = node.data.replace(ENGLISH_MONTH, m => MONTHS[m]);
      ENGLISH_MONTH.lastIndex = 0;
    }
  }
}
