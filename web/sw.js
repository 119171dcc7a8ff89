// The service worker: Unroll works offline after one online visit. The
// build (scripts/site_manifest.mjs) copies this file to the site's root as
// sw.js (a worker controls only the folder it is served from) with
// self.UNROLL_BUILD = {id, files: [{url, integrity}]} in front of it.
//
// - install: every file of the build into the cache "unroll-<id>", each
//   checked against its hash (a half-deployed site fails the install and the
//   old build keeps working);
// - activate: the caches of other builds are deleted;
// - fetch: the build's files from its cache (the page and its workers);
//   lessons/ from the cache too, refreshed in the background (a course may
//   replace them on its server); 'sw-build' answers the build's id;
//   everything else from the network.
// A new build waits until the page asks for it ('skipWaiting', from the
// "new version" notice of web/offline.js): a page never mixes two builds.
'use strict';

/* global UNROLL_BUILD */
const BUILD = self.UNROLL_BUILD;
const PREFIX = 'unroll-';
const CACHE = PREFIX + BUILD.id;
const FILES = new Set(BUILD.files.map((f) => f.url));
const SCOPE = new URL(self.registration.scope);

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    try {
      await Promise.all(BUILD.files.map(async (f) => {
        // no-cache: revalidated with the server (a 304 when the HTTP cache is current).
        const response = await fetch(new Request(f.url, { cache: 'no-cache', integrity: f.integrity }));
        if (!response.ok) throw new Error(`${f.url}: HTTP ${response.status}`);
        await cache.put(f.url, response);
      }));
    } catch (e) {
      await caches.delete(CACHE);  // no half-filled cache is ever used
      throw e;
    }
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    // The page of a first visit (and the workers it starts next) use the cache at once.
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'skipWaiting') self.skipWaiting();
});

// The cached file a request stands for, or null (then the network answers).
function cachedPath(request) {
  if (request.method !== 'GET') return null;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return null;
  const path = url.pathname.slice(SCOPE.pathname.length);
  if (request.mode === 'navigate') return path === '' || path === 'index.html' ? 'index.html' : null;
  return FILES.has(path) || path === 'sw-build' ? path : null;
}

self.addEventListener('fetch', (event) => {
  const path = cachedPath(event.request);
  if (path === 'sw-build') {
    // Which build serves this page (web/offline.js compares it with the server's sw.js).
    event.respondWith(new Response(BUILD.id, { headers: { 'Content-Type': 'text/plain' } }));
    return;
  }
  if (!path) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const hit = await cache.match(path);
    if (path.startsWith('lessons/')) {
      const refresh = fetch(path, { cache: 'no-cache' })
        .then((r) => (r.ok ? cache.put(path, r.clone()).then(() => r) : hit || r))
        .catch(() => hit || Response.error());
      if (hit) {
        event.waitUntil(refresh);
        return hit;
      }
      return refresh;
    }
    return hit || fetch(event.request);
  })());
});
