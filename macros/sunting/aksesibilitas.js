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

export function watchAccessibility(doc) {
  let pending = false;
  const run = () => {
    pending = false;
    nameControls(doc.body);
  };
  new MutationObserver(() => {
    if (!pending) {
      pending = true;
      requestAnimationFrame(run);
    }
  }).observe(doc.body, { childList: true, subtree: true, characterData: true });
}
