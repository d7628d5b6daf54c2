// Content script, part 2 of 3: the badges. Each badge is a <div> appended to this frame's <html>,
// positioned over its picture's top-left corner, with its content in a closed shadow root: the
// page can neither read its words nor restyle it. Its position, visibility and attributes are
// guarded: when the page removes, restyles or relabels a host, it is put back (up to 100 times
// per badge), and page elements that pose as badges lose the attribute outside checks read.
//
// Placement costs one batched read per animation frame: every rect is read first, then every
// changed position is written, so a frame never interleaves a layout read with a style write.
// Badges follow their picture on scroll (of the page or any scroller), resize and re-layout
// (ResizeObserver on each badged element and on <html>). CSS anchor positioning is not used: it
// would mean writing `anchor-name` on the site's own elements, and anchors do not reach across
// shadow-root boundaries, where many feeds put their pictures.
(() => {
  'use strict';
  const NS = (globalThis.__ailabel ??= {});
  if (NS.badges) return;

  const ATTR = 'data-ailabel-verdict';
  const SRC_ATTR = 'data-ailabel-src';
  /** How often a badge is put back after the page removed or changed it. */
  const MAX_RESTORES = 100;
  /** Inset of the badge from the picture's top-left corner, in CSS px. */
  const INSET = 4;

  const CSS = `
    :host { all: initial; }
    .w { user-select: none; -webkit-user-select: none; }
    .b { all: initial; box-sizing: border-box; display: inline-flex; align-items: center; gap: 4px;
      font: 600 11px/16px system-ui, -apple-system, "Segoe UI", sans-serif; color: #fff;
      padding: 2px 7px 2px 5px; border-radius: 10px; border: 1px solid rgba(255,255,255,.85);
      box-shadow: 0 1px 3px rgba(0,0,0,.45); cursor: pointer; white-space: nowrap; user-select: none; }
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

  /** `onOpen(result)` opens a badge's report (in the extension's own page). */
  function createBadges({ onOpen }) {
    const byHost = new WeakMap(); // host element -> badge
    const live = new Set(); // badges on the page
    const ro = new ResizeObserver(() => schedule());
    let scheduled = false;
    let sheet = null;

    function styleInto(root) {
      try {
        sheet ??= new CSSStyleSheet();
        sheet.replaceSync(CSS);
        root.adoptedStyleSheets = [sheet];
      } catch {
        const st = document.createElement('style');
        st.textContent = CSS;
        root.appendChild(st);
      }
    }

    function make(target) {
      const el = document.createElement('div');
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
      const badge = { el, btn, label, tipTitle, tipText, target, result: null, restores: 0, pos: '', css: '', verdict: '', url: '' };
      // The badge is not inside the picture's link or button: a click on the picture still
      // reaches the site; a click on the badge reaches only us.
      const stop = (e) => e.stopPropagation();
      for (const t of ['mousedown', 'mouseup', 'pointerdown', 'pointerup', 'touchstart', 'auxclick']) btn.addEventListener(t, stop);
      btn.addEventListener('click', (e) => {
        e.preventDefault();
        e.stopPropagation();
        if (badge.result) onOpen(badge.result);
      });
      byHost.set(el, badge);
      return badge;
    }

    function fill(badge, result, url) {
      const b = result.badge;
      badge.result = result;
      badge.btn.style.background = b.color;
      badge.label.textContent = b.text;
      const tools = result.tools && result.tools.length ? ` Tool: ${result.tools.slice(0, 2).join(', ')}.` : '';
      // Remote Content Credentials: say where, first; the report page (a click) offers the fetch.
      const remote = result.remote ? `Content Credentials are stored remotely at ${result.remote.host}. Open the report to fetch and verify them. ` : '';
      badge.tipTitle.textContent = b.text;
      badge.tipText.textContent = `${remote}${result.summary || ''}${tools}`;
      badge.btn.setAttribute('aria-label', `ailabel: ${b.text}. ${remote}${result.summary || ''}`);
      badge.verdict = result.verdict;
      badge.url = url;
      badge.el.setAttribute(ATTR, badge.verdict);
      badge.el.setAttribute(SRC_ATTR, badge.url);
    }

    /** Show (or update) the badge of `target` for `result`, checked as `url`. */
    function show(target, result, url) {
      let badge = target.badge;
      if (!badge) {
        badge = target.badge = make(target);
        live.add(badge);
        ro.observe(target.el);
        hostStyle(badge, -10000, -10000, false);
      }
      fill(badge, result, url);
      if (!badge.el.isConnected) document.documentElement.appendChild(badge.el);
      schedule();
    }

    function hide(target) {
      const badge = target.badge;
      if (!badge) return;
      target.badge = null;
      live.delete(badge);
      ro.unobserve(target.el);
      badge.gone = true;
      badge.el.remove();
    }

    function hostStyle(badge, top, left, shown) {
      const el = badge.el;
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
      set('user-select', 'none');
      badge.pos = `${top},${left},${shown}`;
      badge.css = el.style.cssText;
    }

    function schedule() {
      if (scheduled || !live.size) return;
      scheduled = true;
      requestAnimationFrame(placeAll);
    }

    function placeAll() {
      scheduled = false;
      // Reads first, for every badge ...
      const sx = window.scrollX;
      const sy = window.scrollY;
      const reads = [];
      for (const b of live) {
        const el = b.target.el;
        if (!el.isConnected) continue;
        const r = el.getBoundingClientRect();
        reads.push([b, Math.round(r.top + sy + INSET), Math.round(r.left + sx + INSET), b.target.visible && r.width > 0 && r.height > 0]);
      }
      // ... then the writes that change something.
      for (const [b, top, left, shown] of reads) {
        if (b.pos !== `${top},${left},${shown}`) hostStyle(b, top, left, shown);
        if (!b.el.isConnected) document.documentElement.appendChild(b.el);
      }
    }

    // ---- keeping badges honest -------------------------------------------------------------

    function tampered(b) {
      const el = b.el;
      return (
        el.getAttribute(ATTR) !== b.verdict ||
        el.getAttribute(SRC_ATTR) !== b.url ||
        el.style.cssText !== b.css ||
        el.hasAttribute('hidden') ||
        el.hasAttribute('class') ||
        el.hasAttribute('id') ||
        !el.isConnected
      );
    }

    function restore(b) {
      // Our own writes reach the observer too: act only on a real change.
      if (b.gone || !tampered(b) || b.restores++ > MAX_RESTORES) return;
      if (b.el.getAttribute(ATTR) !== b.verdict) b.el.setAttribute(ATTR, b.verdict);
      if (b.el.getAttribute(SRC_ATTR) !== b.url) b.el.setAttribute(SRC_ATTR, b.url);
      for (const a of ['hidden', 'class', 'id']) if (b.el.hasAttribute(a)) b.el.removeAttribute(a);
      if (b.el.style.cssText !== b.css) b.el.style.cssText = b.css;
      if (!b.el.isConnected) document.documentElement.appendChild(b.el);
      b.pos = '';
      schedule();
    }

    /** A page element posing as a badge: outside checks must not read it. */
    function neutralize(el) {
      if (el.nodeType === 1 && !byHost.has(el) && el.hasAttribute(ATTR)) el.removeAttribute(ATTR);
    }

    /** Mutations of any observed root: guard our hosts, strip fakes, follow re-layouts. */
    function onMutations(list) {
      for (const m of list) {
        if (m.type === 'attributes') {
          const b = byHost.get(m.target);
          if (b) restore(b);
          else if (m.attributeName === ATTR) neutralize(m.target);
          continue;
        }
        for (const n of m.removedNodes) {
          const b = byHost.get(n);
          if (b) restore(b);
        }
        for (const n of m.addedNodes) {
          if (n.nodeType !== 1 || byHost.has(n)) continue;
          neutralize(n);
          if (n.firstElementChild) for (const f of n.querySelectorAll(`[${ATTR}]`)) neutralize(f);
        }
      }
      schedule();
    }

    function neutralizeAll(root = document) {
      for (const f of root.querySelectorAll(`[${ATTR}]`)) neutralize(f);
    }

    function clear() {
      for (const b of [...live]) hide(b.target);
    }

    function start() {
      window.addEventListener('resize', schedule, { passive: true });
      // Any scroll: inner scrollers move pictures, and so does the page for fixed and sticky ones.
      window.addEventListener('scroll', schedule, { passive: true, capture: true });
      ro.observe(document.documentElement);
    }

    function stop() {
      window.removeEventListener('resize', schedule);
      window.removeEventListener('scroll', schedule, { capture: true });
      ro.disconnect();
      clear();
    }

    return { show, hide, clear, start, stop, onMutations, neutralizeAll, schedule, isOurs: (n) => byHost.has(n), ATTR, SRC_ATTR };
  }

  NS.badges = { createBadges, ATTR, SRC_ATTR };
})();
