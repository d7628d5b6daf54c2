// Content script, part 3 of 3: runs the finder (find.js) and the badges (badge.js) in this frame,
// asks the background for verdicts, and stops when the site's access is revoked.
//
// It never parses image bytes in the page. For http(s) pictures it sends only the URL; the
// extension fetches them. `blob:` URLs are bound to the page's origin, so the extension cannot
// fetch them: the content script reads the bytes itself (`fetch` on the blob URL, in the page's
// origin), only for blob URLs of this frame's own origin and at most MAX_BYTES, and sends them
// as a `data:` URL made by FileReader (runtime messages are JSON on Chrome, so an ArrayBuffer
// cannot be transferred; FileReader encodes natively, off the script's hot path). `data:`
// pictures are their own bytes and go as they are, under the same cap.
//
// Contract read by outside checks: each badge's host element carries
// data-ailabel-verdict="<verdict>" and data-ailabel-src="<checked picture URL>".
(() => {
  'use strict';
  const NS = (globalThis.__ailabel ??= {});
  if (NS.main) {
    // Injected again (a site was granted while this page was open): start again if allowed.
    NS.main.restart();
    return;
  }

  /** Largest blob: or data: picture the content script reads and sends, in bytes. */
  const MAX_BYTES = 8 * 1024 * 1024;
  /** Checks this frame asks for at once (the background also runs at most 4). */
  const MAX_INFLIGHT = 4;
  const ATTRS = [NS.badges.ATTR, NS.badges.SRC_ATTR, 'style', 'hidden', 'class', 'id', 'poster', 'role'];
  const top = window === window.top;

  // Content Credentials extensions respect this opt-out: no UI is injected.
  const optOut = [...document.querySelectorAll('meta[name]')].some(
    (m) =>
      m.getAttribute('name').toLowerCase() === 'cr-allow-ui-injection' &&
      (m.getAttribute('content') || '').trim().toLowerCase() === 'false',
  );

  let settings = { autoScan: true, sites: {}, showNoLabel: false, debug: false };
  let access = null; // { all, origins } as the background last wrote it; null = not known yet
  let started = false;
  const host = location.hostname;
  const origin = self.origin;
  const results = new Map(); // checked URL -> the background's answer (re-rendered nodes reuse it)
  const asked = new Map(); // checked URL -> promise of the answer

  // ---- may we run here? --------------------------------------------------------------------

  /** Does a granted match pattern (`scheme://host/*`, `<all_urls>`) cover this frame's origin? */
  function covers(pattern) {
    if (pattern === '<all_urls>') return true;
    const m = /^(\*|https?):\/\/([^/]+)\//.exec(pattern);
    if (!m) return false;
    let here;
    try {
      here = new URL(origin);
    } catch {
      return false;
    }
    if (m[1] !== '*' && `${m[1]}:` !== here.protocol) return false;
    const h = m[2].replace(/:\d+$/, '');
    if (h === '*') return true;
    if (h.startsWith('*.')) return here.hostname === h.slice(2) || here.hostname.endsWith(h.slice(1));
    return here.hostname === h;
  }

  function granted() {
    return access == null || access.all || (access.origins || []).some(covers);
  }

  function scanning() {
    if (optOut || !granted()) return false;
    const site = settings.sites && Object.prototype.hasOwnProperty.call(settings.sites, host) ? settings.sites[host] : null;
    return site == null ? settings.autoScan !== false : Boolean(site);
  }

  function wantsBadge(verdict, result) {
    // Content Credentials stored remotely are worth a badge even when nothing else was found.
    if (verdict === 'no-label') return Boolean(settings.showNoLabel || result?.remote);
    if (verdict === 'error') return Boolean(settings.debug);
    return true;
  }

  // One long-lived port to the background instead of a message channel per request: each
  // runtime.sendMessage opens and closes a channel, several IPC round trips on the page's thread.
  // The port is opened again when the background restarts; requests in flight are sent again.
  let port = null;
  let nextId = 1;
  const waiting = new Map(); // request id -> { id, msg, resolve, tries }

  function connect() {
    port = chrome.runtime.connect({ name: 'ailabel-content' });
    port.onMessage.addListener((m) => {
      const w = m && waiting.get(m.id);
      if (!w) return;
      waiting.delete(m.id);
      w.resolve(m.res || null);
    });
    port.onDisconnect.addListener(() => {
      void chrome.runtime.lastError;
      port = null;
      const again = [...waiting.values()];
      waiting.clear();
      for (const w of again) {
        if (w.tries++ < 2) post(w);
        else w.resolve(null);
      }
    });
  }

  function post(w) {
    try {
      if (!port) connect();
      waiting.set(w.id, w);
      port.postMessage({ id: w.id, body: w.msg });
    } catch {
      // the extension was reloaded or removed: this script is an orphan
      waiting.delete(w.id);
      w.resolve(null);
    }
  }

  function send(msg) {
    return new Promise((resolve) => post({ id: nextId++, msg, resolve, tries: 0 }));
  }

  // ---- asking for verdicts -----------------------------------------------------------------

  let inflight = 0;
  const queue = [];
  function limited(job) {
    return new Promise((resolve) => {
      queue.push({ job, resolve });
      pump();
    });
  }
  function pump() {
    while (inflight < MAX_INFLIGHT && queue.length) {
      const { job, resolve } = queue.shift();
      inflight++;
      job().then(resolve, () => resolve(null)).finally(() => {
        inflight--;
        pump();
      });
    }
  }

  /** The answer for `url`, from this frame's memory or the background; null when not checkable. */
  function lookup(url) {
    if (results.has(url)) return Promise.resolve(results.get(url));
    if (!asked.has(url)) {
      asked.set(url, limited(() => ask(url)).then((res) => {
        asked.delete(url);
        if (res && !res.error) results.set(url, res);
        return res && !res.error ? res : null;
      }));
    }
    return asked.get(url);
  }

  async function ask(url) {
    if (/^https?:/i.test(url)) return send({ type: 'check-image', url });
    if (/^data:/i.test(url)) return url.length <= MAX_BYTES * 1.4 ? send({ type: 'check-image', url }) : null;
    if (/^blob:/i.test(url)) {
      // A blob: URL belongs to the origin that made it; read only our own.
      let blobOrigin;
      try {
        blobOrigin = new URL(url.slice(5)).origin;
      } catch {
        return null;
      }
      if (blobOrigin !== origin || origin === 'null') return null;
      const blob = await (await fetch(url)).blob();
      if (blob.size > MAX_BYTES) return null;
      return send({ type: 'check-bytes', url, data: await dataUrl(blob) });
    }
    return null;
  }

  function dataUrl(blob) {
    return new Promise((resolve, reject) => {
      const r = new FileReader();
      r.onload = () => resolve(r.result);
      r.onerror = () => reject(r.error);
      r.readAsDataURL(blob);
    });
  }

  /** What the badge names as the checked URL: data: URLs are shortened. */
  function shownUrl(url) {
    return /^data:/i.test(url) ? `${url.slice(0, Math.max(5, url.indexOf(',') + 1))}…` : url;
  }

  // ---- finder and badges -------------------------------------------------------------------

  const badges = NS.badges.createBadges({ onOpen: (r) => send({ type: 'open-report', id: r.id }) });
  const finder = NS.find.createFinder({
    isOurs: badges.isOurs,
    onMutations: badges.onMutations,
    onVisible: consider,
    onHidden(t) {
      if (t.dropped) badges.hide(t);
      else badges.schedule();
    },
  });

  function consider(t) {
    if (!started) return;
    const url = finder.urlOf(t);
    if (!url || !finder.bigEnough(t)) return;
    if (t.checked === url) {
      render(t);
      return;
    }
    t.checked = url;
    t.result = null;
    lookup(url).then((res) => {
      if (t.checked !== url || t.dropped) return;
      t.result = res;
      render(t);
    });
  }

  function render(t) {
    const want = started && t.result && t.result.badge && wantsBadge(t.result.verdict, t.result);
    if (want) {
      finder.watch(t);
      badges.show(t, t.result, shownUrl(t.checked));
    } else {
      badges.hide(t);
      // Checked and nothing to show: no need to follow it any more (a new src brings it back).
      if (t.result && t.kind === 'img') finder.rest(t);
    }
  }

  function start() {
    if (started || !scanning()) return;
    started = true;
    badges.start();
    badges.neutralizeAll();
    finder.start(ATTRS);
  }

  function stop() {
    if (!started) return;
    started = false;
    finder.stop();
    badges.stop();
  }

  function refresh() {
    if (!scanning()) {
      stop();
      return;
    }
    if (!started) start();
    else for (const t of finder.targets.values()) if (t.visible || t.resting) (t.result ? render(t) : consider(t));
  }

  // ---- settings, access, messages ----------------------------------------------------------

  chrome.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local') return;
    if (changes.settings) settings = { ...settings, ...(changes.settings.newValue || {}) };
    if (changes.access) access = changes.access.newValue || null;
    if (changes.settings || changes.access) refresh();
  });

  function load() {
    chrome.storage.local.get(['settings', 'access'], (got) => {
      settings = { ...settings, ...((got && got.settings) || {}) };
      access = (got && got.access) || null;
      start();
    });
  }

  NS.main = { restart: load };
  if (optOut) return;
  if (top) send({ type: 'page-start' });
  load();
})();
