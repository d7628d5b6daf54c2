// The pictures of real feeds, on local pages that reproduce each pattern, with the managed build
// (every site granted, so the content script runs in every frame): web components with nested
// open shadow roots (one defined late), an embedded post in a cross-origin iframe and an
// about:blank frame, a blob: chat image, CSS backgrounds (role="img", a large element, a small
// one that must not count), a video poster, images in a link and a button (the click still
// reaches the site), a node the site re-renders, a badge that follows its image, and a page
// script that tries to read or forge the badge's words.
// Expected verdicts come from how each fixture was made: the labelled PNG carries IPTC
// trainedAlgorithmicMedia in XMP (ai-declared); the plain PNGs carry nothing (no-label, which
// gets no badge with the default settings).
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AI_XMP, png, serve, xmpChunk } from './fixtures.mjs';
import { BUILDS, RESULTS, badges, launch, localTrust, waitBadges } from './harness.mjs';

const ai = png(240, 160, [168, 85, 247], [236, 72, 153], [xmpChunk(AI_XMP)]);
const plain = png(240, 160, [37, 99, 235], [16, 185, 129]);
const big = png(320, 320, [120, 53, 15], [254, 215, 170], [xmpChunk(AI_XMP)]);
const images = {
  '/ai.png': { body: ai, type: 'image/png' },
  '/plain.png': { body: plain, type: 'image/png' },
  '/ai-big.png': { body: big, type: 'image/png' },
};
const { VERDICTS } = await import('../../www/shared/verdicts.js');
const AI_WORDS = VERDICTS['ai-declared'].badge;

let A;
let B;
let ext;

function html(title, body, head = '') {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>${head}
<style>body{font:14px system-ui;margin:16px;background:#f8fafc}img{display:block}</style></head><body>${body}</body></html>`;
}

before(async () => {
  B = await serve({
    ...images,
    '/post.html': { type: 'text/html', body: () => html('post', '<p>An embedded post</p><img id="embedded" src="/ai.png?embed" width="240" height="160" alt="">') },
  });
  // The page origin is 127.0.0.1, the other origin is localhost: two sites, not only two ports.
  const other = `http://localhost:${B.port}`;
  A = await serve({
    ...images,
    '/components.html': {
      type: 'text/html',
      body: () => html('components', `<h1>A feed of web components</h1><x-feed></x-feed><x-late></x-late>
<script>
class Post extends HTMLElement {
  connectedCallback() {
    const root = this.attachShadow({ mode: 'open' });
    const media = document.createElement('x-media');
    media.setAttribute('src', this.getAttribute('src'));
    root.append(document.createElement('p'), media);
  }
}
class Media extends HTMLElement {
  connectedCallback() {
    const root = this.attachShadow({ mode: 'open' });
    const img = document.createElement('img');
    img.width = 240; img.height = 160; img.src = this.getAttribute('src');
    root.append(img);
  }
}
class Feed extends HTMLElement {
  connectedCallback() {
    this.root = this.attachShadow({ mode: 'open' });
    this.add('/ai.png?c1'); this.add('/plain.png?c2');
    setTimeout(() => this.add('/ai.png?c3'), 300);
  }
  add(src) { const p = document.createElement('x-post'); p.setAttribute('src', src); this.root.append(p); }
}
customElements.define('x-media', Media);
customElements.define('x-post', Post);
customElements.define('x-feed', Feed);
// Defined late: its shadow root appears after the content script walked the page.
setTimeout(() => customElements.define('x-late', class extends HTMLElement {
  constructor() { super(); const r = this.attachShadow({ mode: 'open' }); const i = new Image(240, 160); i.src = '/ai.png?late'; r.append(i); }
}), 1200);
</script>`),
    },
    '/embed.html': {
      type: 'text/html',
      body: () => html('embed', `<h1>News article with an embedded post</h1>
<iframe id="x" src="${other}/post.html" width="400" height="260"></iframe>
<iframe id="blank" width="400" height="220"></iframe>
<script>
const d = document.getElementById('blank').contentDocument;
const i = d.createElement('img'); i.width = 240; i.height = 160; i.src = location.origin + '/ai.png?blank';
d.body.append(i);
</script>`),
    },
    '/chat.html': {
      type: 'text/html',
      body: () => html('chat', `<h1>Chat</h1><div id="log"></div>
<script>
fetch('/ai.png?chat').then((r) => r.blob()).then((b) => {
  const i = new Image(240, 160); i.id = 'chatimg'; i.src = URL.createObjectURL(b); document.getElementById('log').append(i);
});
</script>`),
    },
    '/backgrounds.html': {
      type: 'text/html',
      body: () => html('backgrounds', `<h1>Backgrounds and posters</h1>
<style>.hero{width:320px;height:320px;background:url("/ai-big.png?hero") center/cover} .pic{width:240px;height:160px;background-image:url(/ai.png?role)}
.small{width:100px;height:100px;background:url('/ai.png?small')} .plainbg{width:300px;height:200px;background:url(/plain.png?bg)}</style>
<div class="pic" role="img" aria-label="a picture"></div>
<div class="hero" id="hero"></div>
<div class="small" id="small"></div>
<div class="plainbg"></div>
<video id="v" width="320" height="180" poster="/ai.png?poster" preload="none"></video>`),
    },
    '/links.html': {
      type: 'text/html',
      body: () => html('links', `<h1>Images in links</h1>
<a id="link" href="/target.html"><img id="inlink" src="/ai.png?link" width="240" height="160" alt="open"></a>
<button id="btn" type="button" onclick="window.pressed = (window.pressed || 0) + 1"><img src="/ai.png?button" width="240" height="160" alt=""></button>`),
    },
    '/target.html': { type: 'text/html', body: () => html('target', '<h1 id="arrived">Arrived</h1>') },
    '/rerender.html': {
      type: 'text/html',
      body: () => html('rerender', `<h1>A site that re-renders</h1>
<div id="top" style="height:0"></div>
<div id="scroller" style="height:300px;overflow:auto;border:1px solid #999"><div style="height:120px"></div>
<div id="slot"><img src="/ai.png?rr" width="240" height="160" alt=""></div><div style="height:900px"></div></div>`),
    },
    '/spy.html': {
      type: 'text/html',
      body: () => html('spy', `<h1>A page that spies on badges</h1>
<img id="s" src="/ai.png?spy" width="240" height="160" alt="">`, `<script>
// Runs before any content script: try to catch the badge's shadow root as it is made.
window.caught = [];
const orig = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) { const r = orig.call(this, init); window.caught.push(r); return r; };
</script>`),
    },
  });
  ext = await launch(BUILDS.managed);
  await localTrust(ext.sw, A.origin);
});

after(async () => {
  await ext?.close();
  await A?.close();
  await B?.close();
});

async function open(p) {
  const page = await ext.context.newPage();
  await page.goto(`${A.origin}${p}`);
  return page;
}

/** A badge's rect against its picture's rect: the badge sits inside the picture's top-left corner. */
function sitsOn(badge, r) {
  return badge.rect.x >= r.x && badge.rect.x <= r.x + 12 && badge.rect.y >= r.y && badge.rect.y <= r.y + 12;
}

describe('pictures on real feeds (managed build)', () => {
  test('web components: images in nested open shadow roots, added later and defined late', async () => {
    const p = await open('/components.html');
    const found = await waitBadges(p, 3);
    await p.waitForTimeout(500);
    const srcs = (await badges(p)).map((b) => b.src).sort();
    assert.deepEqual(srcs, ['/ai.png?c1', '/ai.png?c3', '/ai.png?late'].map((s) => A.origin + s));
    assert.ok(found.every((b) => b.verdict === 'ai-declared'));
    assert.ok(A.log.some((r) => r.search === '?c2' && r.headers['sec-fetch-dest'] === 'empty'), 'the plain image was checked too');
    await p.screenshot({ path: path.join(RESULTS, 'extension-components.png') });
    await p.close();
  });

  test('an embedded post in a cross-origin iframe, and an about:blank frame, are badged in their frames', async () => {
    const p = await open('/embed.html');
    const frame = p.frames().find((f) => f.url().startsWith(`http://localhost:${B.port}`));
    assert.ok(frame, 'the cross-origin frame loaded');
    const inFrame = await waitBadges(frame, 1);
    assert.equal(inFrame[0].src, `http://localhost:${B.port}/ai.png?embed`);
    assert.equal(inFrame[0].verdict, 'ai-declared');
    const blank = p.frames().find((f) => f.url() === 'about:blank');
    const inBlank = await waitBadges(blank, 1);
    assert.equal(inBlank[0].src, `${A.origin}/ai.png?blank`);
    assert.deepEqual(await badges(p), [], 'the top page has no badge of its own');
    await p.close();
  });

  test('a blob: chat image is read in the page and checked', async () => {
    const n = A.log.length;
    const p = await open('/chat.html');
    const [b] = await waitBadges(p, 1);
    assert.match(b.src, new RegExp(`^blob:${A.origin.replace(/[.:/]/g, '\\$&')}/`));
    assert.equal(b.src, await p.evaluate(() => document.getElementById('chatimg').src));
    assert.equal(b.verdict, 'ai-declared');
    // The extension did not fetch anything for it: the page's own fetch is the only request.
    const fetched = A.log.slice(n).filter((r) => r.search === '?chat');
    assert.equal(fetched.length, 1);
    assert.equal(fetched[0].headers['sec-fetch-mode'], 'cors');
    await p.close();
  });

  test('CSS backgrounds (role="img", a large element) and a video poster are badged; a small background is not', async () => {
    const p = await open('/backgrounds.html');
    await waitBadges(p, 3);
    await p.waitForTimeout(800);
    const found = await badges(p);
    const srcs = found.map((b) => b.src).sort();
    assert.deepEqual(srcs, ['/ai-big.png?hero', '/ai.png?poster', '/ai.png?role'].map((s) => A.origin + s));
    assert.ok(found.every((b) => b.verdict === 'ai-declared'));
    assert.ok(A.log.some((r) => r.search === '?bg' && r.headers['sec-fetch-dest'] === 'empty'), 'the large plain background was checked');
    assert.ok(!A.log.some((r) => r.search === '?small' && r.headers['sec-fetch-dest'] === 'empty'), 'the 100px background was not');
    const hero = await p.locator('#hero').boundingBox();
    assert.ok(sitsOn(found.find((b) => b.src.endsWith('?hero')), hero));
    await p.screenshot({ path: path.join(RESULTS, 'extension-backgrounds.png') });
    await p.close();
  });

  test('an image in a link gets a badge and a click on it still navigates; a button still gets its click', async () => {
    const p = await open('/links.html');
    const found = await waitBadges(p, 2);
    assert.ok(found.every((b) => b.verdict === 'ai-declared'));
    const box = await p.locator('#btn img').boundingBox();
    await p.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    assert.equal(await p.evaluate(() => window.pressed), 1);
    const r = await p.locator('#inlink').boundingBox();
    await Promise.all([p.waitForURL(`${A.origin}/target.html`), p.mouse.click(r.x + r.width / 2, r.y + r.height / 2)]);
    assert.equal(await p.locator('#arrived').textContent(), 'Arrived');
    await p.close();
  });

  test('a badge follows its image (inner scroll, layout shift) and re-attaches when the site re-renders the node', async () => {
    const p = await open('/rerender.html');
    await waitBadges(p, 1);
    const near = async () => {
      await p.waitForTimeout(250);
      const [b] = await badges(p);
      const r = await p.locator('#slot img').boundingBox();
      return b && sitsOn(b, r);
    };
    assert.ok(await near(), 'placed on the image');
    await p.evaluate(() => { document.getElementById('scroller').scrollTop = 60; });
    assert.ok(await near(), 'follows an inner scroll');
    await p.evaluate(() => { document.getElementById('top').style.height = '90px'; });
    assert.ok(await near(), 'follows a layout shift');
    await p.setViewportSize({ width: 700, height: 700 });
    assert.ok(await near(), 'follows a resize');
    // The site throws the node away and renders a new one for the same picture.
    await p.evaluate(() => {
      const slot = document.getElementById('slot');
      slot.replaceChildren();
      const i = new Image(240, 160);
      i.src = '/ai.png?rr';
      slot.append(i);
    });
    await p.waitForFunction(() => document.querySelectorAll('[data-ailabel-verdict]').length === 1);
    assert.ok(await near(), 're-attached to the new node');
    assert.equal(A.log.filter((r) => r.search === '?rr' && r.headers['sec-fetch-dest'] === 'empty').length, 1, 'checked once');
    await p.close();
  });

  test("a page script cannot read or forge the badge's words", async () => {
    const p = await open('/spy.html');
    await waitBadges(p, 1);
    const seen = await p.evaluate(() => {
      const host = document.querySelector('[data-ailabel-verdict]');
      const out = [];
      out.push(String(host.shadowRoot));
      out.push(host.innerText, host.textContent, document.documentElement.innerText, document.documentElement.textContent);
      window.getSelection().selectAllChildren(document.documentElement);
      out.push(window.getSelection().toString());
      for (const r of window.caught) out.push(r.textContent);
      let reattach;
      try { host.attachShadow({ mode: 'open' }); reattach = 'attached'; } catch (e) { reattach = e.name; }
      // Forge: relabel the real badge and add a fake one.
      host.setAttribute('data-ailabel-verdict', 'ai-verified');
      const fake = document.createElement('div');
      fake.setAttribute('data-ailabel-verdict', 'ai-verified');
      fake.id = 'fake';
      document.body.append(fake);
      return { out, reattach, caught: window.caught.length };
    });
    assert.equal(seen.caught, 0, 'the page did not see our shadow root being made');
    assert.equal(seen.reattach, 'NotSupportedError');
    for (const s of seen.out) assert.ok(!String(s).includes(AI_WORDS), `the page read the badge's words: ${String(s).slice(0, 80)}`);
    // The words are there, in the closed shadow root (the DevTools protocol can pierce it).
    const cdp = await ext.context.newCDPSession(p);
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const texts = [];
    (function walk(n) { if (n.nodeType === 3) texts.push(n.nodeValue); for (const c of [...(n.children || []), ...(n.shadowRoots || [])]) walk(c); })(root);
    assert.ok(texts.includes(AI_WORDS), 'the badge shows its words');
    await p.waitForTimeout(300);
    const found = await badges(p);
    assert.equal(found.length, 1);
    assert.equal(found[0].verdict, 'ai-declared', 'the relabelled badge was put back');
    assert.equal(await p.locator('#fake').getAttribute('data-ailabel-verdict'), null, 'the fake lost the attribute');
    await p.close();
  });
});
