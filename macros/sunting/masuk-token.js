// Sign-in with a fine-grained GitHub token limited to the site's one repository: no OAuth App,
// no relay, no service outside GitHub. The token is checked against GitHub's API (can it see
// the repository, write to it, read its pull requests and checks?) and then handed to Decap
// the way Decap keeps a signed-in user (localStorage `decap-cms-user`), so Decap's GitHub
// backend and editorial workflow run unchanged. Signing out in Decap removes it.
//
// `checkToken` is pure (fetch passed in; tested in Node); `showSignIn` draws the page.

export const USER_KEY = 'decap-cms-user'; // Decap's own storage key for the signed-in user
const API = 'https://api.github.com';

function guide(text) {
  return `${text} Lihat Panduan penyunting, bagian “Membuat token penyunting”.`;
}

// Each refusal says what to change on GitHub, in the words of GitHub's token page.
async function ask(fetchFn, path, token) {
  try {
    return await fetchFn(`${API}${path}`, { headers: { Authorization: `token ${token}`, Accept: 'application/vnd.github+json' } });
  } catch (err) {
    return null; // offline, or GitHub unreachable
  }
}

/** Whether `token` may edit `repo` ("owner/name") on `branch`: {ok, message, user}. */
export async function checkToken(fetchFn, repo, branch, token) {
  token = (token || '').trim();
  if (!token) return { ok: false, message: 'Tempelkan token GitHub Anda di kolom Token.' };
  if (/^gh[pous]_/.test(token)) {
    return { ok: false, message: guide('Ini token klasik, yang berlaku untuk semua repositori akun Anda. Buat token “Fine-grained” yang hanya berlaku untuk repositori ini.') };
  }
  if (/\s/.test(token)) return { ok: false, message: 'Token tidak boleh memuat spasi; salin ulang token dari GitHub.' };
  const repoAnswer = await ask(fetchFn, `/repos/${repo}`, token);
  if (!repoAnswer) return { ok: false, message: 'GitHub tidak dapat dihubungi. Periksa sambungan internet, lalu coba lagi.' };
  if (repoAnswer.status === 401) return { ok: false, message: guide('GitHub tidak mengenali token ini: mungkin salah salin, sudah kedaluwarsa, atau sudah dicabut. Buat token baru.') };
  if (repoAnswer.status === 403) return { ok: false, message: guide(`Token ditolak untuk repositori ${repo}: organisasi mungkin belum menyetujui token ini. Minta pengelola organisasi menyetujuinya.`) };
  if (repoAnswer.status === 404) return { ok: false, message: guide(`Token ini tidak dapat melihat repositori ${repo}. Pada “Repository access”, pilih “Only select repositories” lalu repositori ${repo}.`) };
  if (!repoAnswer.ok) return { ok: false, message: `GitHub menjawab ${repoAnswer.status}. Coba lagi beberapa saat lagi.` };
  const repository = await repoAnswer.json();
  if (!repository.permissions || !repository.permissions.push) {
    return { ok: false, message: guide('Token ini hanya dapat membaca. Beri izin “Contents: Read and write” pada token, atau minta pengelola memberi akun Anda peran Write di repositori.') };
  }
  const pulls = await ask(fetchFn, `/repos/${repo}/pulls?per_page=1`, token);
  if (!pulls || !pulls.ok) return { ok: false, message: guide('Token ini belum boleh membuka usulan perubahan. Beri izin “Pull requests: Read and write”.') };
  const checks = await ask(fetchFn, `/repos/${repo}/commits/${encodeURIComponent(branch)}/status`, token);
  if (!checks || !checks.ok) return { ok: false, message: guide('Token ini belum boleh membaca hasil pemeriksaan otomatis. Beri izin “Commit statuses: Read-only”.') };
  const userAnswer = await ask(fetchFn, '/user', token);
  const user = userAnswer && userAnswer.ok ? await userAnswer.json() : {};
  return { ok: true, message: '', user: { backendName: 'github', token, login: user.login, name: user.name || user.login } };
}

function element(doc, tag, props = {}, children = []) {
  const el = doc.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v);
  }
  for (const child of children) el.append(child);
  return el;
}

/**
 * The sign-in page, drawn before Decap starts. `onSignedIn()` starts Decap once the token is
 * stored; `relay` (the office's OAuth relay, if any) adds Decap's own "Masuk dengan GitHub".
 */
export function showSignIn(doc, { repo, branch, storage, fetchFn, onSignedIn, relay, guideUrl, notice = '' }) {
  const status = element(doc, 'p', { class: 'masuk-pesan', role: 'alert', id: 'masuk-pesan', text: notice });
  const input = element(doc, 'input', { id: 'masuk-token', type: 'password', autocomplete: 'off', spellcheck: 'false',
    'aria-describedby': 'masuk-petunjuk masuk-pesan', required: '' });
  const button = element(doc, 'button', { type: 'submit', text: 'Masuk' });
  const hint = element(doc, 'p', { id: 'masuk-petunjuk', class: 'masuk-petunjuk' });
  hint.append(`Token “fine-grained” dari GitHub yang hanya berlaku untuk repositori ${repo}. Token disimpan di peramban ini saja, sampai Anda menekan Keluar. `,
    element(doc, 'a', { href: guideUrl, text: 'Cara membuat token' }), '.');
  const form = element(doc, 'form', { class: 'masuk-form', 'aria-labelledby': 'masuk-judul' }, [
    element(doc, 'label', { for: 'masuk-token', text: 'Token GitHub' }), input, hint, button, status,
  ]);
  const page = element(doc, 'main', { class: 'masuk', id: 'masuk' }, [
    element(doc, 'h1', { id: 'masuk-judul', text: 'Sunting data rencana induk kota cerdas' }), form,
  ]);
  if (relay) {
    const other = element(doc, 'button', { type: 'button', class: 'masuk-lain', text: 'Masuk lewat akun GitHub (relai kantor)' });
    other.addEventListener('click', () => { page.remove(); onSignedIn(); });
    page.append(element(doc, 'p', { class: 'masuk-atau', text: 'atau' }), other);
  }
  form.addEventListener('submit', async event => {
    event.preventDefault();
    button.disabled = true;
    status.textContent = 'Memeriksa token di GitHub…';
    const result = await checkToken(fetchFn, repo, branch, input.value);
    button.disabled = false;
    if (!result.ok) {
      status.textContent = result.message;
      input.focus();
      return;
    }
    storage.setItem(USER_KEY, JSON.stringify(result.user));
    page.remove();
    onSignedIn();
  });
  doc.body.prepend(page);
  input.focus();
  return page;
}

/** Whether Decap will find a signed-in GitHub user (a token entered earlier in this browser). */
export function signedIn(storage) {
  try {
    const user = JSON.parse(storage.getItem(USER_KEY) || 'null');
    return Boolean(user && user.backendName === 'github' && user.token);
  } catch (err) {
    return false;
  }
}
