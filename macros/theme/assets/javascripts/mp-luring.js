// The site's service worker (sw.js at the site root, see scripts/masterplan/site/offline.py).
// A built site registers it once the page has loaded, so keeping the pages for offline reading
// never slows the first view. Under `mkdocs serve` the page says data-luring="tidak": no worker
// there, and one left by an earlier built site on the same address is removed, so it can never
// answer for the pages being edited.
(() => {
  "use strict";
  if (!("serviceWorker" in navigator)) return;
  const script = document.currentScript;
  const root = new URL("../..", script.src);
  if (script.dataset.luring !== "ya") {
    navigator.serviceWorker.getRegistrations().then((all) => {
      for (const registration of all) if (registration.scope === root.href) registration.unregister();
    });
    return;
  }
  window.addEventListener("load", () => {
    navigator.serviceWorker.register(new URL("sw.js", root), { scope: root.pathname }).catch(() => {});
  });
})();
