// Content script, part 1 of 3: finding the pictures a reader sees, in this frame.
//
// Walks the document and every open shadow root (nested), and keeps walking as nodes are added:
// one MutationObserver watches the document and each shadow root found. A custom element met
// without a shadow root (not defined yet, or rendering later) is looked at again on the next
// mutation batches and every half second for 30 seconds: its shadow root appears when it is
// upgraded, which no observer reports (`customElements` is not available to content scripts, so
// `whenDefined` cannot be used). No page function is patched (no main-world `attachShadow` hook):
// such a hook would be visible to the page and could be fooled by it. Closed shadow roots stay
// closed to us too, by design.
//
// A picture is a target `{ el, kind, url }`:
//   - `img`: an <img> (its loaded candidate, `currentSrc`, covers srcset and <picture>);
//   - `poster`: the poster image of a <video>;
//   - `bg`: a CSS background image of an element with role="img", or of one at least
//     150 × 150 CSS px (read from the computed style in idle time, never in a burst).
// Sizes come from IntersectionObserver entries, so finding never forces a layout.
(() => {
  'use strict';
  const NS = (globalThis.__ailabel ??= {});
  if (NS.find) return;

  /** Smallest rendered side (CSS px) of an <img>, a poster or a role="img" background worth checking. */
  const MIN_SIDE = 40;
  /** Smallest rendered side of a plain element whose background image counts as a picture. */
  const BG_MIN_SIDE = 150;
  /** Elements that never carry a picture background we want. */
  const SKIP = new Set(['script', 'style', 'link', 'meta', 'head', 'title', 'noscript', 'template', 'br', 'svg', 'path', 'option', 'source', 'track', 'iframe', 'canvas']);

  /**
   * The finder. `onTarget(el, rect)` is called when a target is visible (with its
   * IntersectionObserver rect), `onMutations(list)` with every mutation batch of every observed
   * root, `isOurs(node)` tells our own badge hosts apart.
   */
  function createFinder({ onVisible, onHidden, onMutations, isOurs }) {
    const targets = new Map(); // el -> { el, kind, url, visible, rect }
    let roots = new WeakSet();
    const waitingHosts = new Map(); // custom element without a shadow root -> when we gave up on it
    let waitTimer = 0;
    const bgQueue = new Set();
    let bgScheduled = false;
    let sweepScheduled = false;
    let attrs = [];

    const io = new IntersectionObserver((entries) => {
      for (const e of entries) {
        const t = targets.get(e.target);
        if (!t) continue;
        t.visible = e.isIntersecting;
        t.rect = e.boundingClientRect;
        if (t.visible) onVisible(t);
        else onHidden(t);
      }
    }, { rootMargin: '100px' });

    const mo = new MutationObserver((list) => {
      for (const m of list) {
        if (m.type === 'attributes') {
          const t = m.target;
          if (isOurs(t)) continue;
          if (m.attributeName === 'style' || m.attributeName === 'class' || m.attributeName === 'role') queueBg(t);
          else if (m.attributeName === 'poster' && t.localName === 'video') trackPoster(t);
          continue;
        }
        for (const n of m.addedNodes) if (n.nodeType === 1 && !isOurs(n)) walk(n);
        if (m.removedNodes.length) scheduleSweep();
      }
      if (waitingHosts.size) checkWaiting();
      onMutations(list);
    });

    function observe(root, attributeFilter) {
      if (roots.has(root)) return;
      roots.add(root);
      mo.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter });
    }

    function add(el, kind, url) {
      let t = targets.get(el);
      if (t && t.kind === kind) {
        if (url !== undefined) t.url = url;
        return t;
      }
      if (t && kind === 'bg') return t; // an <img>/<video> stays what it is
      t = { el, kind, url: url ?? null, visible: false, rect: null };
      targets.set(el, t);
      io.observe(el);
      // A loaded image may have a new size: when it had none, observing again delivers a fresh
      // rect, without a layout read.
      if (kind === 'img') {
        el.addEventListener('load', () => {
          if (targets.get(el) !== t) return;
          if (t.resting) {
            watch(t);
            return;
          }
          if (t.rect && t.rect.width > 0 && t.rect.height > 0) {
            if (t.visible) onVisible(t);
            return;
          }
          io.unobserve(el);
          io.observe(el);
        }, { passive: true });
      }
      return t;
    }

    /**
     * Stop observing a target that was checked and shows no badge: an IntersectionObserver
     * computes every observed element on every frame, and a long feed would pay for all of them.
     * A new `src` (its load event) or a badge to show brings it back (`watch`).
     */
    function rest(t) {
      if (t.resting || t.dropped) return;
      t.resting = true;
      io.unobserve(t.el);
    }

    function watch(t) {
      if (!t.resting || t.dropped) return;
      t.resting = false;
      io.observe(t.el);
    }

    function trackPoster(video) {
      if (video.getAttribute('poster')) add(video, 'poster');
    }

    /** Walk `node` and its subtree, entering open shadow roots (nested). */
    function walk(node) {
      const visit = (el) => {
        const name = el.localName;
        if (name === 'img') add(el, 'img');
        else if (name === 'video') trackPoster(el);
        else if (!SKIP.has(name)) queueBg(el);
        if (el.shadowRoot) enterShadow(el.shadowRoot);
        else if (name.includes('-')) waitForShadow(el);
      };
      if (node.nodeType === 1) visit(node);
      const w = document.createTreeWalker(node, NodeFilter.SHOW_ELEMENT);
      for (let el = w.nextNode(); el; el = w.nextNode()) if (!isOurs(el)) visit(el);
    }

    function enterShadow(root) {
      if (roots.has(root)) return;
      observe(root, attrs);
      walk(root);
    }

    /** How long a custom element is watched for a late shadow root, in ms. */
    const SHADOW_WAIT_MS = 30_000;

    function waitForShadow(el) {
      if (waitingHosts.has(el)) return;
      waitingHosts.set(el, Date.now() + SHADOW_WAIT_MS);
      if (!waitTimer) waitTimer = setTimeout(checkWaiting, 500);
    }

    function checkWaiting() {
      clearTimeout(waitTimer);
      waitTimer = 0;
      const now = Date.now();
      for (const [el, until] of waitingHosts) {
        if (el.shadowRoot) {
          waitingHosts.delete(el);
          enterShadow(el.shadowRoot);
        } else if (now > until || !el.isConnected) waitingHosts.delete(el);
      }
      if (waitingHosts.size) waitTimer = setTimeout(checkWaiting, 500);
    }

    // ---- CSS backgrounds, read in idle time ----------------------------------------------

    function queueBg(el) {
      bgQueue.add(el);
      if (bgScheduled) return;
      bgScheduled = true;
      idle(readBackgrounds);
    }

    function readBackgrounds(deadline) {
      bgScheduled = false;
      for (const el of bgQueue) {
        if (deadline.timeRemaining() < 1) break;
        bgQueue.delete(el);
        if (!el.isConnected) continue;
        const url = backgroundUrl(getComputedStyle(el).backgroundImage);
        const t = targets.get(el);
        if (url) add(el, 'bg', url);
        else if (t && t.kind === 'bg') drop(t);
      }
      if (bgQueue.size) {
        bgScheduled = true;
        idle(readBackgrounds);
      }
    }

    /** The first `url(...)` of a computed `background-image`, resolved, or null. */
    function backgroundUrl(value) {
      if (!value || value === 'none') return null;
      const m = /url\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([^)\s]*))\s*\)/.exec(value);
      if (!m) return null;
      const raw = (m[1] ?? m[2] ?? m[3] ?? '').replace(/\\(.)/g, '$1');
      try {
        return new URL(raw, document.baseURI).href;
      } catch {
        return null;
      }
    }

    // ---- forgetting --------------------------------------------------------------------

    function drop(t) {
      targets.delete(t.el);
      io.unobserve(t.el);
      t.dropped = true;
      onHidden(t);
    }

    function scheduleSweep() {
      if (sweepScheduled) return;
      sweepScheduled = true;
      idle(() => {
        sweepScheduled = false;
        for (const t of targets.values()) if (!t.el.isConnected) drop(t);
      });
    }

    /** The URL a target shows now, or '' (no layout read). */
    function urlOf(t) {
      if (t.kind === 'img') return t.el.complete && t.el.naturalWidth ? t.el.currentSrc || t.el.src || '' : '';
      if (t.kind === 'poster') return t.el.poster || '';
      return t.url || '';
    }

    /** Big enough to check, from the last IntersectionObserver rect. */
    function bigEnough(t) {
      const r = t.rect;
      if (!r) return false;
      const min = t.kind === 'bg' && t.el.getAttribute('role') !== 'img' ? BG_MIN_SIDE : MIN_SIDE;
      return r.width >= min && r.height >= min;
    }

    return {
      targets,
      start(attributeFilter) {
        attrs = attributeFilter;
        observe(document, attrs);
        walk(document.documentElement);
      },
      stop() {
        mo.disconnect();
        io.disconnect();
        roots = new WeakSet();
        targets.clear();
        bgQueue.clear();
        waitingHosts.clear();
        clearTimeout(waitTimer);
        waitTimer = 0;
      },
      drop,
      rest,
      watch,
      urlOf,
      bigEnough,
      backgroundUrl,
    };
  }

  function idle(fn) {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, { timeout: 1000 });
    else setTimeout(() => fn({ timeRemaining: () => 8 }), 50);
  }

  NS.find = { createFinder, MIN_SIDE, BG_MIN_SIDE };
})();
