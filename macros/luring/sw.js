/* Service worker of the masterplan site: the site readable offline after one visit.
 *
 * Developer notes (English). Written into the site root as sw.js by
 * scripts/masterplan/site/offline.py, which fills in the three values below; two builds of one
 * commit give the same file. Nothing is fetched from outside the site.
 * - Pages: network first (official text is never stale while online); a page fetched is kept;
 *   offline, the kept copy, else the offline page (luring.html) with links to what is kept.
 * - Assets: from the kept copy first; the cache belongs to one build (BUILD) and is dropped as a
 *   whole when a new build's worker takes over.
 * - Only paths under the site's own top-level entries (TOP) are handled: previews of pull
 *   requests (pr-<N>/), the form editor (sunting/), the local session's API and drafts, and the
 *   search index (pagefind/) go to the network untouched.
 * - Downloads (unduh/) are kept only once the reader has fetched them.
 */
"use strict";

const BUILD = "__BUILD__";
const KEEP = __KEEP__;
const TOP = new Set(__TOP__);
const OFFLINE_PAGE = "luring.html";
const ROOT = new URL("./", self.location).pathname;
const PREFIX = "masterplan " + ROOT + " ";
const CACHE = PREFIX + BUILD;

function pathOf(url) {
  let path = url.pathname.slice(ROOT.length);
  if (path === "" || path.endsWith("/")) path += "index.html";
  return path;
}

function handled(url) {
  if (url.origin !== self.location.origin || !url.pathname.startsWith(ROOT)) return false;
  const path = pathOf(url);
  return TOP.has(path.split("/")[0]) && path !== "sw.js";
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(KEEP.map((path) => new Request(ROOT + path, { cache: "no-cache" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (!handled(url)) return;
  const key = ROOT + pathOf(url);
  if (request.mode === "navigate" || key.endsWith(".html") || key.startsWith(ROOT + "unduh/")) {
    event.respondWith(networkFirst(request, key));
  } else {
    event.respondWith(keptFirst(request, key));
  }
});

async function keep(key, response) {
  if (response.status === 200 && response.type === "basic") {
    const cache = await caches.open(CACHE);
    await cache.put(key, response.clone());
  }
  return response;
}

async function networkFirst(request, key) {
  try {
    if (!self.navigator.onLine) throw new TypeError("offline");
    return await keep(key, await fetch(request));
  } catch (offline) {
    const kept = await caches.match(key, { cacheName: CACHE });
    if (kept) return kept;
    if (request.mode === "navigate") return offlinePage();
    throw offline;
  }
}

async function keptFirst(request, key) {
  const kept = await caches.match(key, { cacheName: CACHE });
  return kept || keep(key, await fetch(request));
}

/** The offline page, with its links read from the site root whatever page was asked for. */
async function offlinePage() {
  const kept = await caches.match(ROOT + OFFLINE_PAGE, { cacheName: CACHE });
  if (!kept) return Response.error();
  const text = (await kept.text()).replace("<head>", '<head><base href="' + ROOT + '">');
  return new Response(text, { headers: { "Content-Type": "text/html; charset=utf-8" } });
}
