// A banner on every screen of the editor while the site is not what was published: the last
// build of the main branch failed (the site still shows the version before), or the last
// "Terbitkan" was refused because main merged with the proposal does not pass the check.
// The local session (`masterplan sunting`) answers status-sesi.json on the page's own origin;
// where nothing answers (the site on GitHub Pages), the banner is never shown.

const STATUS_URL = 'status-sesi.json';
const EVERY_MS = 5000;

function list(doc, items) {
  const ul = doc.createElement('ul');
  for (const text of items) {
    const li = doc.createElement('li');
    li.textContent = text; // problems quote the data: text, never markup
    ul.append(li);
  }
  return ul;
}

function section(doc, title, lead, problems) {
  const part = doc.createElement('section');
  const heading = doc.createElement('h2');
  heading.textContent = title;
  const text = doc.createElement('p');
  text.textContent = lead;
  part.append(heading, text, list(doc, problems));
  return part;
}

/** The banner's sections for a status, or [] when all is well (pure; tested with the session). */
export function sections(doc, status) {
  const out = [];
  const failed = status && status.situs_gagal;
  if (failed) {
    out.push(section(doc, 'Situs belum diperbarui',
      `Build cabang utama (commit ${failed.commit}) gagal, jadi situs masih menampilkan versi sebelumnya. Perbaiki masalah di bawah lewat editor, lalu terbitkan; kotak ini hilang setelah build berikutnya berhasil.`,
      failed.masalah || []));
  }
  const refused = status && status.penerbitan_ditolak;
  if (refused) {
    out.push(section(doc, 'Penerbitan ditolak',
      `Usulan untuk “${refused.judul || refused.usulan}” belum diterbitkan: bila diterbitkan, cabang utama tidak lolos pemeriksaan. Perbaiki masalah di bawah, Simpan, lalu Terbitkan lagi.`,
      refused.masalah || []));
  }
  return out;
}

export function watchStatus(doc) {
  const banner = doc.createElement('div');
  banner.className = 'status-sesi';
  banner.setAttribute('role', 'alert');
  banner.hidden = true;
  doc.body.append(banner);
  let shown = '';
  const poll = async () => {
    let response;
    try {
      response = await doc.defaultView.fetch(STATUS_URL, { cache: 'no-store' });
    } catch (err) {
      doc.defaultView.setTimeout(poll, EVERY_MS); // the session restarts: keep asking
      return;
    }
    if (response.status === 404) return; // no session behind this site: nothing to show, ever
    const status = response.ok ? await response.json() : null;
    const text = JSON.stringify(status);
    if (text !== shown) {
      shown = text;
      banner.replaceChildren(...sections(doc, status));
      banner.hidden = !banner.childElementCount;
      doc.body.classList.toggle('ada-status-sesi', !banner.hidden);
    }
    doc.defaultView.setTimeout(poll, EVERY_MS);
  };
  poll();
}

// Decap shows a refused request as "Gagal menerbitkan: API_ERROR: <the session's reason>": the
// error's class name is no word for an editor, so it is taken out of the message.
export function plainErrors(doc) {
  const clean = () => {
    for (const toast of doc.querySelectorAll('.Toastify__toast')) {
      const walker = doc.createTreeWalker(toast, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.data.includes('API_ERROR: ')) node.data = node.data.replace(/API_ERROR: /g, '');
      }
    }
  };
  new MutationObserver(clean).observe(doc.body, { childList: true, subtree: true, characterData: true });
}
