/* Pencarian situs: Pagefind (indeks statis, WebAssembly) + akar kata bahasa Indonesia.
 *
 * Developer notes (English): the search dialog is Material's own markup (partials/search.html);
 * this script drives it. Each query runs twice on Pagefind: the words as typed (Pagefind's
 * Snowball stemmer, lang="id") and their roots, found with the roots list that the build writes
 * (pagefind/akar.json, from Sastrawi) and matched against every page's `akar` metadata. Pages
 * that contain the typed word itself come first. Result text is set with textContent only:
 * page titles and contents in the index are plain text and may hold markup from the data.
 */
(() => {
  "use strict";
  const dialog = document.querySelector("[data-mp-cari]");
  const toggle = document.getElementById("__search");
  if (!dialog || !toggle) return;
  const input = dialog.querySelector("[data-mp-cari-input]");
  const status = dialog.querySelector("[data-mp-cari-status]");
  const list = dialog.querySelector("[data-mp-cari-list]");
  const form = dialog.querySelector("form");
  const config = JSON.parse(document.getElementById("__config").textContent);
  const siteRoot = new URL((config.base || ".") + "/", location.href);
  const bundle = new URL("pagefind/", siteRoot);
  const SHOWN = 10; // results listed; twice as many are fetched to rank exact matches first
  const TEXT = {
    idle: "Ketik kata yang dicari",
    busy: "Mencari…",
    none: "Tidak ada halaman yang cocok",
    one: "1 halaman cocok",
    many: (n) => `${n} halaman cocok`,
    more: (n, total) => `${total} halaman cocok, ${n} teratas ditampilkan`,
    failed: "Pencarian tidak dapat dimuat. Buka situs melalui server web (bukan berkas lokal).",
    offline: "Pencarian memerlukan koneksi internet. Halaman yang tersimpan di perangkat ini tetap dapat dibuka dari menu.",
  };

  /* ---------------------------------------------------------------- roots */
  const PARTICLES = ["lah", "kah", "tah", "pun"];
  const POSSESSIVES = ["nya", "ku", "mu"];
  const SUFFIXES = ["kan", "an", "i"];
  // Prefix rules of Nazief-Adriani (as in Sastrawi), with the sound changes of me-/pe-.
  const PREFIXES = [
    [/^(?:di|ke|se)(.{3,})$/, ["$1"]],
    [/^(?:ber|ter|per)([aiueo].{2,})$/, ["r$1", "$1"]],
    [/^(?:ber|ter|per)(.{3,})$/, ["$1"]],
    [/^(?:be|te|pe)(r.{3,})$/, ["$1"]],
    [/^(?:me|pe)ny([aiueo].{2,})$/, ["s$1", "ny$1"]],
    [/^(?:me|pe)ng([aiueo].{2,})$/, ["k$1", "$1"]],
    [/^(?:me|pe)ng([ghqk].{2,})$/, ["$1"]],
    [/^(?:me|pe)n([aiueo].{2,})$/, ["t$1", "n$1"]],
    [/^(?:me|pe)n([cdjsz].{2,})$/, ["$1"]],
    [/^(?:me|pe)m([aiueo].{2,})$/, ["p$1", "m$1"]],
    [/^(?:me|pe)m([bfpv].{2,})$/, ["$1"]],
    [/^(?:me|pe|be|te)([lrwy].{2,})$/, ["$1"]],
    [/^(?:me|pe|be|te)(.{3,})$/, ["$1"]],
  ];

  function cut(words, endings) {
    const out = [...words];
    for (const w of words) for (const e of endings) if (w.endsWith(e) && w.length - e.length >= 3) out.push(w.slice(0, -e.length));
    return out;
  }
  const withoutSuffixes = (w) => cut(cut(cut([w], PARTICLES), POSSESSIVES), SUFFIXES);

  function withoutPrefix(w) {
    const out = [];
    for (const [rule, replacements] of PREFIXES) if (rule.test(w)) for (const r of replacements) out.push(w.replace(rule, r));
    return out;
  }

  /** The root of `word` that occurs on this site, or null. */
  function rootOf(word, lexicon) {
    let forms = [word];
    for (let depth = 0; depth < 4 && forms.length; depth++) {
      for (const form of forms) for (const c of withoutSuffixes(form)) if (lexicon.has(c)) return c;
      forms = forms.flatMap(withoutPrefix);
    }
    return null;
  }

  /* -------------------------------------------------------------- engine */
  let engine = null;
  function load() {
    engine ||= Promise.all([
      import(new URL("pagefind.js", bundle).href).then(async (pagefind) => {
        await pagefind.options({ basePath: bundle.pathname, baseUrl: siteRoot.pathname, excerptLength: 24 });
        await pagefind.init();
        return pagefind;
      }),
      fetch(new URL("akar.json", bundle)).then((r) => (r.ok ? r.json() : [])).then((words) => new Set(words)),
    ]).then(([pagefind, lexicon]) => ({ pagefind, lexicon }), (error) => { engine = null; throw error; }); // tried again later
    return engine;
  }

  const terms = (text) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
  const normal = (word) => (terms(word)[0] || "");
  const dataWords = (data) => data.content.split(/\s+/).map(normal);

  function commonRun(a, b) { // length of the longest common substring
    let best = 0;
    for (let i = 0; i < a.length; i++) for (let j = 0; j < b.length; j++) {
      let k = 0;
      while (a[i + k] && a[i + k] === b[j + k]) k++;
      best = Math.max(best, k);
    }
    return best;
  }

  /** Pagefind falls back to the longest indexed prefix of an unknown word ("xqzvw" finds "x");
   * a page counts only when each query word shares a real part with a matched word or root. */
  function related(query, words, root, lexicon) {
    return query.every((t, i) => words.some((w) => commonRun(t, w) >= Math.min(4, t.length)
      || (root[i] && rootOf(w, lexicon) === root[i])));
  }

  async function find(text, limit) {
    const { pagefind, lexicon } = await load();
    const query = terms(text);
    if (!query.length) return null;
    const root = query.map((t) => rootOf(t, lexicon));
    const rooted = query.map((t, i) => root[i] || t).join(" ");
    const searches = [pagefind.search(query.join(" "))];
    if (rooted !== query.join(" ")) searches.push(pagefind.search(rooted));
    const found = await Promise.all(searches);
    const seen = new Map();
    found.forEach((search, source) => search.results.forEach((r) => {
      if (!seen.has(r.id)) seen.set(r.id, { r, source });
    }));
    const candidates = [...seen.values()].slice(0, limit * 2);
    const loaded = await Promise.all(candidates.map(async ({ r, source }) => ({ source, score: r.score, data: await r.data() })));
    const kept = loaded.filter(({ data }) => {
      const words = data.content.split(/\s+/);
      const matched = data.locations.map((i) => normal(words[i] || ""));
      const akar = (data.meta.akar || "").split(" ");
      return related(query, matched, root, lexicon) || query.every((t, i) => root[i] && akar.includes(root[i]));
    });
    for (const hit of kept) {
      const words = new Set(dataWords(hit.data));
      hit.exact = query.every((t) => words.has(t));
    }
    kept.sort((a, b) => (b.exact - a.exact) || (a.source - b.source) || (b.score - a.score));
    const total = kept.length + Math.max(0, seen.size - candidates.length);
    return { query, root, lexicon, hits: kept.slice(0, limit), total };
  }
  /* -------------------------------------------------------------- output */
  function snippet(data, query, root, lexicon) {
    const words = data.content.split(/\s+/);
    const norm = words.map(normal);
    const hitAt = (i) => query.includes(norm[i]) || root.some((r) => r && rootOf(norm[i], lexicon) === r);
    let at = norm.findIndex((w) => query.includes(w));
    if (at < 0) at = data.locations.length ? data.locations[0] : norm.findIndex((_, i) => hitAt(i));
    const start = Math.max(0, at - 8);
    const p = document.createElement("p");
    if (start > 0) p.append("… ");
    words.slice(start, start + 28).forEach((word, k) => {
      if (k) p.append(" ");
      if (hitAt(start + k)) {
        const mark = document.createElement("mark");
        mark.textContent = word;
        p.append(mark);
      } else {
        p.append(word);
      }
    });
    if (start + 28 < words.length) p.append(" …");
    return p;
  }

  function item(hit, found) {
    const li = document.createElement("li");
    li.className = "md-search-result__item";
    const a = document.createElement("a");
    a.className = "md-search-result__link";
    a.href = hit.data.url;
    const article = document.createElement("article");
    article.className = "md-search-result__article md-search-result__article--document md-typeset";
    const icon = document.createElement("div");
    icon.className = "md-search-result__icon md-icon";
    const h = document.createElement("h1");
    h.textContent = hit.data.meta.title || hit.data.url;
    article.append(icon, h, snippet(hit.data, found.query, found.root, found.lexicon));
    a.append(article);
    li.append(a);
    return li;
  }

  let latest = 0;
  let limit = SHOWN;
  let lastText = "";
  async function run() {
    const ticket = ++latest;
    const text = input.value.trim();
    if (text !== lastText) limit = SHOWN;
    lastText = text;
    if (!text) {
      list.replaceChildren();
      status.textContent = TEXT.idle;
      return;
    }
    if (!navigator.onLine) { // the index is not kept offline (see sw.js): say so instead of failing
      list.replaceChildren();
      status.textContent = TEXT.offline;
      return;
    }
    status.textContent = TEXT.busy;
    let found;
    try {
      found = await find(text, limit);
    } catch (error) {
      if (ticket === latest) status.textContent = TEXT.failed;
      throw error;
    }
    if (ticket !== latest) return; // a newer query is under way
    const hits = found ? found.hits : [];
    const total = found ? found.total : 0;
    list.replaceChildren(...hits.map((hit) => item(hit, found)));
    if (total > hits.length) list.append(moreButton(hits.length));
    status.textContent = !total ? TEXT.none : total === 1 ? TEXT.one : total > hits.length ? TEXT.more(hits.length, total) : TEXT.many(total);
  }

  function moreButton(shown) {
    const li = document.createElement("li");
    li.className = "md-search-result__item mp-cari-lagi";
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = `Tampilkan ${SHOWN} hasil lagi`;
    button.addEventListener("click", async () => {
      limit += SHOWN;
      await run();
      list.querySelectorAll("a")[shown]?.focus(); // keep the keyboard where the new results start
    });
    li.append(button);
    return li;
  }

  /* ------------------------------------------------------------ behaviour */
  let timer = 0;
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 150); });
  input.addEventListener("focus", () => {
    toggle.checked = true;
    if (!navigator.onLine) status.textContent = TEXT.offline;
    else load().catch(() => { status.textContent = TEXT.failed; });
  });
  toggle.addEventListener("change", () => { if (toggle.checked) input.focus(); });
  form.addEventListener("reset", () => { list.replaceChildren(); status.textContent = TEXT.idle; input.focus(); });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const first = list.querySelector("a");
    if (first) first.focus();
  });

  function close() {
    toggle.checked = false;
    input.blur();
  }
  const links = () => [...list.querySelectorAll("a, button")];
  dialog.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      close();
      document.querySelector('label.md-header__button[for="__search"]')?.focus();
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const all = [input, ...links()];
    const here = all.indexOf(document.activeElement);
    if (here < 0) return;
    event.preventDefault();
    const next = Math.min(all.length - 1, Math.max(0, here + (event.key === "ArrowDown" ? 1 : -1)));
    all[next].focus();
  });
  document.addEventListener("keydown", (event) => {
    const typing = event.target.closest && event.target.closest("input, textarea, select, [contenteditable]");
    if (typing || event.ctrlKey || event.metaKey || event.altKey || toggle.checked) return;
    if (event.key === "/" || event.key === "s" || event.key === "f") {
      event.preventDefault();
      toggle.checked = true;
      input.focus();
    }
  });
  // The header's search button is a <label>: give it keyboard access like a button.
  const opener = document.querySelector('label.md-header__button[for="__search"]');
  if (opener) {
    opener.setAttribute("role", "button");
    opener.tabIndex = 0;
    opener.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        toggle.checked = true;
        input.focus();
      }
    });
  }
})();
