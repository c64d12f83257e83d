// Unit tests of macros/sunting/isian-teks.js's preview (node --test; run from tests/test_form_editor.py).
import test from 'node:test';
import assert from 'node:assert/strict';
import { preview } from './teks.mjs';

test('bold, italic and lists are shown formatted', () => {
  assert.equal(preview('- **Melayani** berarti cepat\n- *Hijau*'), '<ul><li><strong>Melayani</strong> berarti cepat</li><li><em>Hijau</em></li></ul>');
  assert.equal(preview('Satu.\n\nDua **tebal**.'), '<p>Satu.</p><p>Dua <strong>tebal</strong>.</p>');
});

test('nothing typed becomes markup', () => {
  const html = preview('<img src=x onerror=alert(1)> **<script>x</script>**');
  assert.ok(!html.includes('<img') && !html.includes('<script'));
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;') && html.includes('<strong>&lt;script&gt;x&lt;/script&gt;</strong>'));
});
