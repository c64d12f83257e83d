// Unit tests of macros/sunting/masuk-token.js (node --test; run from tests/test_form_editor.py).
import test from 'node:test';
import assert from 'node:assert/strict';
import { checkToken, signedIn, USER_KEY } from './masuk.mjs';

const REPO = 'pemkab/masterplan';
// A GitHub that answers by path; `answers` overrides a path's status or body.
function github(answers = {}) {
  const asked = [];
  const fetchFn = async (url, init) => {
    const path = url.replace('https://api.github.com', '');
    asked.push([path, init.headers.Authorization]);
    const [status, body] = answers[path] || ({
      [`/repos/${REPO}`]: [200, { permissions: { push: true, pull: true } }],
      [`/repos/${REPO}/pulls?per_page=1`]: [200, []],
      [`/repos/${REPO}/commits/main/status`]: [200, { state: 'success', statuses: [] }],
      '/user': [200, { login: 'penyunting', name: 'Ni Luh Penyunting' }],
    })[path] || [404, {}];
    return { status, ok: status < 300, json: async () => body };
  };
  return { fetchFn, asked };
}

test('a fine-grained token that can write the repository signs in as Decap keeps users', async () => {
  const { fetchFn, asked } = github();
  const result = await checkToken(fetchFn, REPO, 'main', '  github_pat_11ABC  ');
  assert.deepEqual(result, { ok: true, message: '', user: { backendName: 'github', token: 'github_pat_11ABC', login: 'penyunting', name: 'Ni Luh Penyunting' } });
  assert.ok(asked.every(([, auth]) => auth === 'token github_pat_11ABC'));
  const store = new Map([[USER_KEY, JSON.stringify(result.user)]]);
  assert.equal(signedIn({ getItem: k => store.get(k) }), true);
  assert.equal(signedIn({ getItem: () => '{"backendName":"git-gateway"}' }), false);
  assert.equal(signedIn({ getItem: () => 'bukan json' }), false);
});

test('a classic token is refused before anything is sent', async () => {
  const { fetchFn, asked } = github();
  const result = await checkToken(fetchFn, REPO, 'main', 'ghp_abcdef');
  assert.equal(result.ok, false);
  assert.match(result.message, /token klasik.*Fine-grained/);
  assert.deepEqual(asked, []);
});

test('each missing permission is named as GitHub names it', async () => {
  const cases = [
    [{ [`/repos/${REPO}`]: [401, {}] }, /tidak mengenali token/],
    [{ [`/repos/${REPO}`]: [404, {}] }, /Only select repositories/],
    [{ [`/repos/${REPO}`]: [403, {}] }, /organisasi mungkin belum menyetujui/],
    [{ [`/repos/${REPO}`]: [200, { permissions: { push: false } }] }, /Contents: Read and write/],
    [{ [`/repos/${REPO}/pulls?per_page=1`]: [403, {}] }, /Pull requests: Read and write/],
    [{ [`/repos/${REPO}/commits/main/status`]: [403, {}] }, /Commit statuses: Read-only/],
  ];
  for (const [answers, message] of cases) {
    const result = await checkToken(github(answers).fetchFn, REPO, 'main', 'github_pat_x');
    assert.equal(result.ok, false);
    assert.match(result.message, message);
  }
});

test('no network and an empty field are said plainly', async () => {
  const offline = async () => { throw new TypeError('Failed to fetch'); };
  assert.match((await checkToken(offline, REPO, 'main', 'github_pat_x')).message, /GitHub tidak dapat dihubungi/);
  assert.match((await checkToken(offline, REPO, 'main', '')).message, /Tempelkan token/);
});
