// Service worker: keeps the app usable offline. Same-origin GETs go to the network first (so a
// new build shows at once) and fall back to the cache when offline; other requests (trust
// lists, URLs the user fetches) are left alone.
const CACHE = 'ailabel-v1';
const APP = [
  './', 'index.html', 'css/style.css', 'icon.svg',
  'js/app.js', 'js/checker.js', 'js/worker.js', 'js/pixels.js', 'js/render.js',
  'js/batch.js', 'js/triage.js', 'js/graph.js', 'js/export.js', 'js/thumbs.js',
  'shared/verdicts.js', 'shared/dom.js', 'shared/storage.js', 'shared/trust.js', 'shared/fetch.js',
  'shared/remote.js',
  'pkg/ailabel.js', 'pkg/ailabel_bg.wasm', 'pkg/ailabel_text.wasm', 'pkg/ailabel_export.js', 'pkg/ailabel_export_bg.wasm',
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(APP)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    try {
      const res = await fetch(req);
      if (res.ok) event.waitUntil(cache.put(req, res.clone()));
      return res;
    } catch (err) {
      const cached = await cache.match(req, { ignoreSearch: true });
      if (cached) return cached;
      throw err;
    }
  })());
});
