/* Keeps the safer-use guides readable offline after a first visit: registers
   the service worker named on this script's tag. A file of its own, not an
   inline script, so the Content-Security-Policy can forbid inline script. */
(function () {
  "use strict";
  var tag = document.currentScript;
  if (!tag || !("serviceWorker" in navigator)) {
    return;
  }
  navigator.serviceWorker.register(tag.getAttribute("data-worker"), {
    scope: tag.getAttribute("data-scope")
  });
})();
