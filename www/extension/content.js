// The content script: finds images the reader can see, asks the background for their verdict,
// and overlays a small badge. It never fetches or parses image bytes in the page and never blocks
// the main thread: all it does is observe, send a URL, and place an element. The badge's words
// and colour come with the background's answer, from the shared vocabulary (www/shared/verdicts.js):
// a content script cannot import modules, so it holds no copy.
//
// Contract read by outside checks: each badge's host element carries
// data-ailabel-verdict="<verdict>" and data-ailabel-src="<checked image URL>". Elements the
// page itself marks with data-ailabel-verdict are not ours and lose that attribute.
(() => {
  'use strict';
  if (globalThis.__ailabelContent) return;
  globalThis.__ailabelContent = true;

  const ATTR = 'data-ailabel-verdict';
  const SRC_ATTR = 'data-ailabel-src';
  /** Smallest rendered size (CSS px) of an image worth checking. */
  const MIN_SIDE = 40;
  /** How often a badge is put back after the page removed or changed it. */
  const MAX_RESTORES = 100;

  // Content Credentials extensions respect this opt-out: no UI is injected.
  const optOut = [...document.querySelectorAll('meta[name]')].some(
    (m) =>
      m.getAttribute('name').toLowerCase() === 'cr-allow-ui-injection' &&
      (m.getAttribute('content') || '').trim().toLowerCase() === 'false',
  );

  let settings = { autoScan: true, sites: {}, showNoLabel: false, debug: false };
  const host = location.hostname;
  const state = new Map(); // img -> { url, result, badge }
  const ours = new WeakSet(); // our badge hosts
  let started = false;

  function scanning() {
    if (optOut) return false;
    const site = settings.sites && Object.prototype.hasOwnProperty.call(settings.sites, host) ? settings.sites[host] : null;
    return site == null ? settings.autoScan !== false : Boolean(site);
  }

  function wantsBadge(verdict) {
    if (verdict === 'no-label') return Boolean(settings.showNoLabel);
    if (verdict === 'error') return Boolean(settings.debug);
    return true;
  }

  function send(msg) {
    return new Promise((resolve) => {
      try {
        chrome.runtime.sendMessage(msg, (r) => {
          void chrome.runtime.lastError;
          resolve(r || null);
        });
      } catch {
        resolve(null);
      }
    });
  }

  // ---- finding images ----------------------------------------------------------------------

  const io = new IntersectionObserver(onIntersect, { rootMargin: '100px' });

  function track(img) {
    if (state.has(img)) return;
    state.set(img, { url: null, result: null, badge: null, visible: false });
    io.observe(img);
    img.addEventListener('load', () => consider(img), { passive: true });
  }

  function trackIn(node) {
    if (node.nodeType !== 1) return;
    if (node.localName === 'img') track(node);
    else if (node.getElementsByTagName) for (const img of node.getElementsByTagName('img')) track(img);
  }

  function onIntersect(entries) {
    for (const e of entries) {
      const s = state.get(e.target);
      if (!s) continue;
      s.visible = e.isIntersecting;
      if (e.isIntersecting) consider(e.target);
    }
  }

  function imageUrl(img) {
    // The loaded candidate of srcset/<picture>, else src.
    return img.currentSrc || img.src || '';
  }

  function consider(img) {
    const s = state.get(img);
    if (!s || !s.visible || !scanning()) return;
    if (!img.complete || !img.naturalWidth) return; // the load listener comes back
    const r = img.getBoundingClientRect();
    if (r.width < MIN_SIDE || r.height < MIN_SIDE) return;
    const url = imageUrl(img);
    if (!url || url === s.url) return;
    if (url.startsWith('blob:')) return; // bound to the page's origin: the extension cannot fetch it
    s.url = url;
    s.result = null;
    send({ type: 'check-image', url }).then((res) => {
      if (!res || res.error || s.url !== url || !state.has(img)) return;
      s.result = res;
      render(img);
    });
  }

  // ---- badges ------------------------------------------------------------------------------

  const CSS = `
    :host { all: initial; }
    .b { all: initial; box-sizing: border-box; display: inline-flex; align-items: center; gap: 4px;
      font: 600 11px/16px system-ui, -apple-system, "Segoe UI", sans-serif; color: #fff;
      padding: 2px 7px 2px 5px; border-radius: 10px; border: 1px solid rgba(255,255,255,.85);
      box-shadow: 0 1px 3px rgba(0,0,0,.45); cursor: pointer; white-space: nowrap; }
    .b:focus-visible { outline: 2px solid #fff; outline-offset: 1px; }
    .dot { display: inline-block; width: 12px; height: 12px; border-radius: 50%; background: #fff;
      color: #000; font: 700 9px/12px system-ui, sans-serif; text-align: center; }
    .tip { display: none; position: absolute; top: 24px; left: 0; width: 260px; padding: 8px 10px;
      background: #111827; color: #f9fafb; border-radius: 6px; font: 12px/1.4 system-ui, sans-serif;
      box-shadow: 0 2px 8px rgba(0,0,0,.5); white-space: normal; }
    .tip b { display: block; margin-bottom: 2px; }
    .tip i { display: block; margin-top: 4px; color: #9ca3af; font-style: normal; }
    .w:hover .tip, .w:focus-within .tip { display: block; }
  `;

  function styleInto(root) {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
    } catch {
      const st = document.createElement('style');
      st.textContent = CSS;
      root.appendChild(st);
    }
  }

  function hostStyle(el, top, left, shown) {
    const set = (k, v) => el.style.setProperty(k, v, 'important');
    set('all', 'initial');
    set('position', 'absolute');
    set('top', `${top}px`);
    set('left', `${left}px`);
    set('z-index', '2147483646');
    set('display', 'block');
    set('visibility', shown ? 'visible' : 'hidden');
    set('width', 'auto');
    set('height', 'auto');
    set('margin', '0');
    set('padding', '0');
    set('pointer-events', 'auto');
    set('opacity', '1');
    set('transform', 'none');
  }

  function makeBadge(img, s) {
    const el = document.createElement('div');
    ours.add(el);
    const root = el.attachShadow({ mode: 'closed' });
    styleInto(root);
    const wrap = document.createElement('div');
    wrap.className = 'w';
    const btn = document.createElement('button');
    btn.className = 'b';
    btn.type = 'button';
    const dot = document.createElement('span');
    dot.className = 'dot';
    dot.textContent = 'i';
    dot.setAttribute('aria-hidden', 'true');
    const label = document.createElement('span');
    btn.append(dot, label);
    const tip = document.createElement('div');
    tip.className = 'tip';
    tip.setAttribute('role', 'tooltip');
    const tipTitle = document.createElement('b');
    const tipText = document.createElement('span');
    const tipMore = document.createElement('i');
    tipMore.textContent = 'Checked by the ailabel extension. Click for the full report.';
    tip.append(tipTitle, tipText, tipMore);
    wrap.append(btn, tip);
    root.append(wrap);
    const stop = (e) => e.stopPropagation();
    for (const t of ['mousedown', 'mouseup', 'pointerdown', 'pointerup', 'touchstart']) btn.addEventListener(t, stop);
    btn.addEventListener('click', (e) => {
      e.preventDefault();
      e.stopPropagation();
      if (s.result) send({ type: 'open-report', id: s.result.id });
    });
    const badge = { el, btn, label, tipTitle, tipText, img, restores: 0 };
    return badge;
  }

  function fill(badge, result) {
    const b = result.badge;
    badge.btn.style.background = b.color;
    badge.label.textContent = b.text;
    const tools = result.tools && result.tools.length ? ` Tool: ${result.tools.slice(0, 2).join(', ')}.` : '';
    badge.tipTitle.textContent = b.text;
    badge.tipText.textContent = `${result.summary || ''}${tools}`;
    badge.btn.setAttribute('aria-label', `ailabel: ${b.text}. ${result.summary || ''}`);
  }

  function place(badge) {
    const r = badge.img.getBoundingClientRect();
    const shown = badge.img.isConnected && r.width > 0 && r.height > 0;
    hostStyle(badge.el, r.top + window.scrollY + 4, r.left + window.scrollX + 4, shown);
    badge.css = badge.el.style.cssText;
  }

  function render(img) {
    const s = state.get(img);
    if (!s) return;
    const want = s.result && s.result.badge && scanning() && wantsBadge(s.result.verdict);
    if (!want) {
      if (s.badge) {
        s.badge.el.remove();
        s.badge = null;
      }
      return;
    }
    if (!s.badge) s.badge = makeBadge(img, s);
    fill(s.badge, s.result);
    s.badge.verdict = s.result.verdict;
    s.badge.url = s.url;
    s.badge.el.setAttribute(ATTR, s.result.verdict);
    s.badge.el.setAttribute(SRC_ATTR, s.url);
    place(s.badge);
    if (!s.badge.el.isConnected) document.documentElement.appendChild(s.badge.el);
  }

  function renderAll() {
    for (const img of state.keys()) render(img);
  }

  let placing = false;
  function placeAll() {
    if (placing) return;
    placing = true;
    requestAnimationFrame(() => {
      placing = false;
      for (const [img, s] of state) {
        if (!s.badge) continue;
        if (!img.isConnected) {
          s.badge.el.remove();
          state.delete(img);
          io.unobserve(img);
          continue;
        }
        place(s.badge);
      }
    });
  }

  // ---- keeping badges honest ---------------------------------------------------------------

  function badgeOf(el) {
    for (const s of state.values()) if (s.badge && s.badge.el === el) return s.badge;
    return null;
  }

  function tampered(badge) {
    const el = badge.el;
    return (
      el.getAttribute(ATTR) !== badge.verdict ||
      el.getAttribute(SRC_ATTR) !== badge.url ||
      el.style.cssText !== badge.css ||
      el.hasAttribute('hidden') ||
      el.hasAttribute('class') ||
      el.hasAttribute('id') ||
      (!el.isConnected && badge.img.isConnected)
    );
  }

  function restore(badge) {
    // Our own writes also reach the observer: act only on a real change.
    if (!tampered(badge) || badge.restores++ > MAX_RESTORES) return;
    if (badge.el.getAttribute(ATTR) !== badge.verdict) badge.el.setAttribute(ATTR, badge.verdict);
    if (badge.el.getAttribute(SRC_ATTR) !== badge.url) badge.el.setAttribute(SRC_ATTR, badge.url);
    for (const a of ['hidden', 'class', 'id']) if (badge.el.hasAttribute(a)) badge.el.removeAttribute(a);
    place(badge);
    if (!badge.el.isConnected && badge.img.isConnected) document.documentElement.appendChild(badge.el);
  }

  function neutralize(el) {
    // A page element pretending to be a badge: outside checks must not read it.
    if (!ours.has(el) && el.hasAttribute && el.hasAttribute(ATTR)) el.removeAttribute(ATTR);
  }

  function forget(node) {
    // Images that left the document: drop their state and badge (infinite-scroll pages).
    const imgs = node.localName === 'img' ? [node] : node.getElementsByTagName ? [...node.getElementsByTagName('img')] : [];
    for (const img of imgs) {
      const s = state.get(img);
      if (!s || img.isConnected) continue;
      if (s.badge) s.badge.el.remove();
      io.unobserve(img);
      state.delete(img);
    }
  }

  function onMutations(list) {
    let moved = false;
    for (const m of list) {
      if (m.type === 'attributes') {
        const t = m.target;
        if (ours.has(t)) {
          const b = badgeOf(t);
          if (b) restore(b);
        } else if (m.attributeName === ATTR) {
          neutralize(t);
        } else if (t.localName === 'img' && state.has(t) && (m.attributeName === 'src' || m.attributeName === 'srcset')) {
          consider(t);
        }
        moved = true;
        continue;
      }
      for (const n of m.removedNodes) {
        if (ours.has(n)) {
          const b = badgeOf(n);
          if (b) restore(b);
        } else if (n.nodeType === 1) {
          forget(n);
        }
      }
      for (const n of m.addedNodes) {
        if (n.nodeType !== 1 || ours.has(n)) continue;
        trackIn(n);
        neutralize(n);
        if (n.querySelectorAll) for (const f of n.querySelectorAll(`[${ATTR}]`)) neutralize(f);
      }
      moved = true;
    }
    if (moved) placeAll();
  }

  // ---- start -------------------------------------------------------------------------------

  function start() {
    if (started || !scanning()) return;
    started = true;
    for (const f of document.querySelectorAll(`[${ATTR}]`)) neutralize(f);
    new MutationObserver(onMutations).observe(document.documentElement, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: [ATTR, SRC_ATTR, 'style', 'hidden', 'class', 'id', 'src', 'srcset'],
    });
    for (const img of document.images) track(img);
    window.addEventListener('resize', placeAll, { passive: true });
    window.addEventListener('scroll', placeAll, { passive: true, capture: true });
    new ResizeObserver(placeAll).observe(document.documentElement);
  }

  chrome.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !changes.settings) return;
    settings = { ...settings, ...(changes.settings.newValue || {}) };
    if (scanning()) {
      start();
      for (const img of state.keys()) consider(img);
    }
    renderAll();
  });

  chrome.runtime.onMessage.addListener((msg, _sender, sendResponse) => {
    if (msg && msg.type === 'page-info') {
      sendResponse({ host, optOut, scanning: scanning(), images: state.size });
    }
  });

  if (optOut) return;
  send({ type: 'page-start' });
  chrome.storage.local.get('settings', (got) => {
    settings = { ...settings, ...((got && got.settings) || {}) };
    start();
  });
})();
