// Unit tests of scripts/oauth-relay/worker.js (node --test; run from tests/test_form_editor.py).
import test from 'node:test';
import assert from 'node:assert/strict';
import worker from './worker.mjs';

const env = { GITHUB_CLIENT_ID: 'Iv1.abc', GITHUB_CLIENT_SECRET: 'rahasia', ALLOWED_ORIGIN: 'https://dinas.github.io' };
const RELAY = 'https://masterplan-masuk.dinas.workers.dev';

test('/auth sends the editor to GitHub with a state bound to a cookie', async () => {
  const response = await worker.fetch(new Request(`${RELAY}/auth?provider=github&site_id=dinas.github.io&scope=repo`), env);
  assert.equal(response.status, 302);
  const target = new URL(response.headers.get('Location'));
  assert.equal(target.origin + target.pathname, 'https://github.com/login/oauth/authorize');
  assert.equal(target.searchParams.get('client_id'), 'Iv1.abc');
  assert.equal(target.searchParams.get('redirect_uri'), `${RELAY}/callback`);
  assert.equal(target.searchParams.get('scope'), 'repo');
  const state = target.searchParams.get('state');
  assert.match(response.headers.get('Set-Cookie'), new RegExp(`^masuk_state=${state}; Path=/callback; HttpOnly; Secure`));
});

test('/callback refuses a state that is not the cookie', async () => {
  const response = await worker.fetch(new Request(`${RELAY}/callback?code=x&state=lain`, { headers: { Cookie: 'masuk_state=milik-saya' } }), env);
  assert.equal(response.status, 400);
});

test('/callback exchanges the code and hands the token to the allowed origin only', async () => {
  const sent = [];
  globalThis.fetch = async (url, init) => {
    sent.push([url, JSON.parse(init.body)]);
    return new Response(JSON.stringify({ access_token: 'gho_token</script>', token_type: 'bearer' }), { status: 200 });
  };
  const response = await worker.fetch(new Request(`${RELAY}/callback?code=kode&state=s1`, { headers: { Cookie: 'a=b; masuk_state=s1' } }), env);
  assert.equal(response.status, 200);
  assert.deepEqual(sent, [['https://github.com/login/oauth/access_token', { client_id: 'Iv1.abc', client_secret: 'rahasia', code: 'kode', redirect_uri: `${RELAY}/callback` }]]);
  const html = await response.text();
  assert.ok(html.includes('var origin = "https://dinas.github.io";'));
  assert.ok(html.includes('authorization:github:success:'));
  assert.ok(!html.includes('</script>"') && !html.includes("'*'") && !html.includes('"*"'), 'no script break-out, no wildcard origin');
  assert.ok(html.includes('gho_token\\u003c/script>'));
});

test('an unset relay says what to set', async () => {
  const response = await worker.fetch(new Request(`${RELAY}/auth`), {});
  assert.equal(response.status, 500);
  assert.match(await response.text(), /GITHUB_CLIENT_ID dan ALLOWED_ORIGIN/);
});
