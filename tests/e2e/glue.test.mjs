// The wasm-bindgen glue (www/pkg/ailabel.js) imported directly, with no client or worker of
// ours around it, as a page, a benchmark or a bundler's user does: the first check with text to
// read fetches the text part (ailabel_text.wasm) from next to the glue by itself, once, also when
// the glue's URL has a query; when that fetch fails, the check rejects and says what to do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, pageSession } from './harness.mjs';

const SENTENCE = 'This image was generated with AI.'; // a plain English disclosure sentence

let env;
env = pageSession();

/** In a fresh page: import the glue at `glueUrl`, init it, and check SENTENCE twice. */
async function checkTwice(glueUrl, { textStatus = null } = {}) {
  const session = await openPage(env.browser, env.server.url);
  const fetched = [];
  session.page.on('request', (r) => { if (r.url().endsWith('/ailabel_text.wasm')) fetched.push(new URL(r.url()).pathname); });
  if (textStatus) await session.context.route('**/ailabel_text.wasm', (route) => route.fulfill({ status: textStatus, body: 'no' }));
  try {
    const result = await session.page.evaluate(async ([url, sentence]) => {
      const glue = await import(url);
      await glue.default({ module_or_path: '/pkg/ailabel_bg.wasm' });
      try {
        const first = await glue.checkText(sentence);
        const second = await glue.checkText(sentence);
        return { verdicts: [first.verdict, second.verdict] };
      } catch (e) {
        return { error: String(e?.message ?? e) };
      }
    }, [new URL(glueUrl, env.server.url).href, SENTENCE]);
    return { ...result, fetched };
  } finally {
    await session.context.close();
  }
}

test('the first text check fetches the text part from next to the glue, once', async () => {
  const r = await checkTwice('/pkg/ailabel.js');
  assert.deepEqual(r.verdicts, ['ai-declared', 'ai-declared'], JSON.stringify(r));
  assert.deepEqual(r.fetched, ['/pkg/ailabel_text.wasm']);
});

test('a query on the glue URL (a second copy of the module) does not change where the part is', async () => {
  const r = await checkTwice('/pkg/ailabel.js?copy=2#x');
  assert.deepEqual(r.verdicts, ['ai-declared', 'ai-declared'], JSON.stringify(r));
  assert.deepEqual(r.fetched, ['/pkg/ailabel_text.wasm']);
});

test('a text part that cannot be fetched rejects the check, saying why and what to do', async () => {
  const r = await checkTwice('/pkg/ailabel.js?copy=3', { textStatus: 404 });
  assert.equal(r.verdicts, undefined, JSON.stringify(r));
  assert.match(r.error, /ailabel_text\.wasm\) could not be fetched from next to the glue \(.*\/pkg\/ailabel_text\.wasm: HTTP 404\)/);
  assert.match(r.error, /loadTextData\(bytes\) or setTextDataLoader\(fn\)/);
});
