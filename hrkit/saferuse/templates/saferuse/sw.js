// Keeps the safer-use guides readable when signal is poor: pages are fetched
// from the network first and served from this cache when the network fails.
// Addresses with a query (combination results) are never stored, so nothing a
// person typed stays on the device.
const CACHE = "hrkit-saferuse-{{ version }}";
const PRECACHE = {{ urls|safe }};
const FALLBACK = "{{ fallback }}";

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("hrkit-saferuse-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin || url.search) return;
  if (!url.pathname.startsWith("/safer-use/") && !url.pathname.startsWith("/static/")) return;
  event.respondWith(
    fetch(event.request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(event.request, copy));
        }
        return response;
      })
      .catch(() =>
        caches.match(event.request).then((hit) => hit || (event.request.mode === "navigate" ? caches.match(FALLBACK) : Response.error()))
      )
  );
});
