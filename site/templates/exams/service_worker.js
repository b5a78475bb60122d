/* The exam's copy on this device (served at {{ scope }}sw.js, so its scope is {{ scope }}).
 *
 * - An open attempt's page and a session's waiting room are fetched from the network first,
 *   and the last good copy is kept; with no network, the copy is served instead, marked
 *   data-offline-copy so that exam.js takes the clock and the answers from the device.
 * - The styles and scripts those pages use are kept the same way, so the copy looks and works
 *   as the page did.
 * - A copy is dropped as soon as the server stops serving the page (handed in, ended,
 *   another person: a redirect or 404), when the result page is opened, and on logging out
 *   or reaching the login page (js/exam_copies.js). Nothing else is kept: answers travel
 *   through exam.js, never through this cache.
 * A changed file replaces the old worker at once (skipWaiting, clients.claim).
 */
"use strict";

var PAGES = "exam-pages";
var ASSETS = "exam-assets";
var SCOPE = "{{ scope|escapejs }}";
var STATIC = "{{ static_url|escapejs }}";
var PAPER = new RegExp("^" + SCOPE + "attempts/(\\d+)/$");
var RESULT = new RegExp("^" + SCOPE + "attempts/(\\d+)/result/$");
var ROOM = new RegExp("^" + SCOPE + "sessions/\\d+/room/$");

self.addEventListener("install", function () { self.skipWaiting(); });

self.addEventListener("activate", function (event) {
  event.waitUntil(self.clients.claim());
});

function isCopyable(response) {
  return response.ok && response.type === "basic" && !response.redirected;
}

function keyOf(url) { return url.origin + url.pathname; }

function forget(key) {
  return caches.open(PAGES).then(function (cache) { return cache.delete(key); });
}

// Marks the kept page as a copy: exam.js and session_room.js read the attribute.
function marked(response) {
  return response.text().then(function (html) {
    var headers = new Headers(response.headers);
    headers.delete("Content-Length");
    html = html.replace(/ id="(exam|room)"/, ' id="$1" data-offline-copy');
    return new Response(html, { status: 200, headers: headers });
  });
}

function page(request, url) {
  var key = keyOf(url);
  return fetch(request).then(function (response) {
    var html = (response.headers.get("Content-Type") || "").indexOf("text/html") === 0;
    if (isCopyable(response) && html) {
      var copy = response.clone();
      caches.open(PAGES).then(function (cache) { return cache.put(key, copy); });
    } else if (response.type === "opaqueredirect" || response.redirected || response.status === 404) {
      forget(key);
    }
    return response;
  }, function () {
    return caches.open(PAGES).then(function (cache) { return cache.match(key); }).then(function (kept) {
      return kept ? marked(kept) : Response.error();
    });
  });
}

function asset(request) {
  return fetch(request).then(function (response) {
    if (isCopyable(response)) {
      var copy = response.clone();
      caches.open(ASSETS).then(function (cache) { return cache.put(request.url, copy); });
    }
    return response;
  }, function () {
    return caches.open(ASSETS).then(function (cache) { return cache.match(request.url); }).then(function (kept) {
      return kept || Response.error();
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  var result = RESULT.exec(url.pathname);
  if (result) {
    // The attempt is over: its paper is no longer kept on this device.
    event.waitUntil(forget(url.origin + SCOPE + "attempts/" + result[1] + "/"));
    return;
  }
  if (PAPER.test(url.pathname) || ROOM.test(url.pathname)) event.respondWith(page(request, url));
  else if (url.pathname.indexOf(STATIC) === 0) event.respondWith(asset(request));
});

// A page opened before this worker controlled it asks for itself and its assets to be kept.
self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type !== "keep" || !Array.isArray(data.urls)) return;
  event.waitUntil(Promise.all(data.urls.map(function (href) {
    var url = new URL(href, self.location.origin);
    if (url.origin !== self.location.origin) return null;
    var request = new Request(url.href, { credentials: "same-origin" });
    if (PAPER.test(url.pathname) || ROOM.test(url.pathname)) return page(request, url).catch(function () {});
    if (url.pathname.indexOf(STATIC) === 0) return asset(request).catch(function () {});
    return null;
  })));
});
