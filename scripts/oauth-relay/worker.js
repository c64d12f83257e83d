// Sign-in relay for the form editor at /sunting/ (Decap CMS with the GitHub backend), as a
// Cloudflare Worker. GitHub gives a sign-in token only to a server holding the OAuth App's
// secret; this Worker is that server and nothing more. It stores nothing.
//
//   GET /auth      -> redirect to GitHub's consent page (Decap opens this in a pop-up)
//   GET /callback  -> exchange GitHub's code for a token and hand it to the editor page
//
// Settings (Cloudflare: Worker -> Settings -> Variables and Secrets):
//   GITHUB_CLIENT_ID      the OAuth App's Client ID
//   GITHUB_CLIENT_SECRET  the OAuth App's client secret (type: Secret)
//   ALLOWED_ORIGIN        the site's origin, e.g. https://dinas.github.io (no path): the
//                         token is handed to a page of this origin only
// Steps for an office: README, "Signing in to the form editor".

const SCOPES = new Set(['repo', 'public_repo']);

function page(status, text, script = '') {
  const body = `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Masuk</title></head><body><p>${text}</p>${script}</body></html>`;
  return new Response(body, {
    status,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' },
  });
}

function cookie(request, name) {
  const found = (request.headers.get('Cookie') || '').split(/;\s*/).find(c => c.startsWith(`${name}=`));
  return found ? found.slice(name.length + 1) : '';
}

function start(url, env) {
  if (!env.GITHUB_CLIENT_ID || !env.ALLOWED_ORIGIN) return page(500, 'Relai masuk belum diatur: isi GITHUB_CLIENT_ID dan ALLOWED_ORIGIN.');
  const scope = SCOPES.has(url.searchParams.get('scope')) ? url.searchParams.get('scope') : 'repo';
  const state = crypto.randomUUID();
  const github = new URL('https://github.com/login/oauth/authorize');
  github.search = new URLSearchParams({ client_id: env.GITHUB_CLIENT_ID, redirect_uri: `${url.origin}/callback`, scope, state }).toString();
  return new Response(null, {
    status: 302,
    headers: { Location: github.toString(), 'Set-Cookie': `masuk_state=${state}; Path=/callback; HttpOnly; Secure; SameSite=Lax; Max-Age=600` },
  });
}

// Decap's pop-up handshake: say "authorizing:github" to the editor page, and once it answers
// from the allowed origin, give it the result. The token never goes to another origin.
function handOver(env, status, content) {
  const origin = JSON.stringify(env.ALLOWED_ORIGIN);
  const message = JSON.stringify(`authorization:github:${status}:${JSON.stringify(content)}`).replace(/</g, '\\u003c');
  const script = `<script>
(function () {
  var origin = ${origin};
  window.addEventListener('message', function (e) {
    if (e.origin === origin && e.data === 'authorizing:github') window.opener.postMessage(${message}, origin);
  });
  window.opener.postMessage('authorizing:github', origin);
})();
</script>`;
  return page(200, status === 'success' ? 'Berhasil masuk; jendela ini boleh ditutup.' : 'Gagal masuk; tutup jendela ini lalu coba lagi.', script);
}

async function finish(url, env, request) {
  const state = url.searchParams.get('state') || '';
  if (!state || state !== cookie(request, 'masuk_state')) return page(400, 'Permintaan masuk tidak sah atau kedaluwarsa; tutup jendela ini lalu tekan Masuk lagi.');
  const response = await fetch('https://github.com/login/oauth/access_token', {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'User-Agent': 'masterplan-masuk' },
    body: JSON.stringify({ client_id: env.GITHUB_CLIENT_ID, client_secret: env.GITHUB_CLIENT_SECRET, code: url.searchParams.get('code'), redirect_uri: `${url.origin}/callback` }),
  });
  const result = await response.json().catch(() => ({}));
  if (!response.ok || !result.access_token) return handOver(env, 'error', { message: result.error_description || 'GitHub menolak permintaan masuk.' });
  return handOver(env, 'success', { token: result.access_token, provider: 'github' });
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (request.method !== 'GET') return page(405, 'Hanya GET.');
    if (url.pathname === '/auth') return start(url, env);
    if (url.pathname === '/callback') return finish(url, env, request);
    return page(404, 'Relai masuk editor formulir. Buka editor di situs, lalu tekan Masuk.');
  },
};
