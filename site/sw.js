// ConvLab's service worker: after one visit every lesson, the drawing pad and prediction work offline.
// scripts/site-post-build.mjs fills in the version and the precache list at build time (this file is
// the template; dist/sw.js is the result). Strategy: the app shell and the files it loads are
// precached into a cache named after the build's version and answered from there (cache first);
// navigations to any route get the cached index.html (the app routes on the client). Everything else
// (MNIST, which the lab keeps in its own cache; anything new) goes to the network untouched.
const VERSION = '__CONVLAB_VERSION__';
const PRECACHE = [/* __CONVLAB_PRECACHE__ */];
const PREFIX = 'convlab-shell-';
const CACHE = PREFIX + VERSION;
const precached = new Set(PRECACHE.map((p) => new URL(p, self.location).href));

self.addEventListener('install', (event) => {
  // `cache: 'reload'` skips the HTTP cache, so a new version never precaches an old file.
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(PRECACHE.map((p) => new Request(p, { cache: 'reload' })))),
  );
  // No skipWaiting here: a new version waits until the page's "Reload" asks for it (or every tab
  // has closed), so a lesson in use never mixes files of two builds.
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  if (request.mode === 'navigate') {
    event.respondWith(
      caches
        .open(CACHE)
        .then((cache) => cache.match('./'))
        .then((hit) => hit ?? fetch(request)),
    );
    return;
  }
  const url = new URL(request.url);
  url.search = '';
  if (!precached.has(url.href)) return;
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(url.href))
      .then((hit) => hit ?? fetch(request)),
  );
});
