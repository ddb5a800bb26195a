/* iframe-worker's in-frame half: what shim.js used to write into each worker frame as an inline
   script, here as a same-site file so that the pages' Content-Security-Policy needs no hash for
   it (see README.txt). It runs in the frame, before the worker's own script: the worker's
   postMessage goes to the page, importScripts loads scripts in order, errors reach the page. */
(function () {
  "use strict";
  var url = document.currentScript.getAttribute("data-url");
  // Material's worker takes the first script[src] of the frame to be itself (it finds its lunr
  // files beside it), so this one leaves the frame once it has run.
  document.currentScript.remove();

  window.postMessage = function (message, target) {
    parent.postMessage(message, target || "*");
  };

  window.importScripts = function () {
    return Array.prototype.reduce.call(arguments, function (loaded, src) {
      return loaded.then(function () {
        return new Promise(function (resolve) {
          var script = document.createElement("script");
          script.src = src;
          script.onload = resolve;
          document.body.appendChild(script);
        });
      });
    }, Promise.resolve());
  };

  window.addEventListener("error", function (event) {
    parent.dispatchEvent(new ErrorEvent("error", { filename: url, error: event.error }));
  });
})();
