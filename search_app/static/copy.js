/* "Kopiera": copies a citation to the clipboard.
 *
 * Progressive enhancement. The page works without this file: the citation stands
 * in a readonly <textarea> to select and copy by hand, and the button is rendered
 * with the `hidden` attribute. When the browser offers the Clipboard API, this
 * script shows the button; a click copies the text and says so in the polite
 * live region (role="status") next to it.
 *
 * Markup it expects (see the citation macro in templates/_macros.html):
 *   <textarea id="X" readonly>…</textarea>
 *   <button type="button" data-copy-from="X" data-copy-status="X-status" hidden>Kopiera …</button>
 *   <p id="X-status" role="status" aria-live="polite"></p>
 *
 * Loaded with `defer` from the page's own origin: no inline script, so the
 * Content-Security-Policy can stay at script-src 'self'.
 */
(function () {
  "use strict";

  var COPIED = "Källhänvisningen är kopierad.";
  var FAILED = "Det gick inte att kopiera automatiskt. Texten är markerad: kopiera den med Ctrl+C (Cmd+C på Mac).";

  if (!navigator.clipboard || typeof navigator.clipboard.writeText !== "function") {
    return; // no Clipboard API (old browser or not a secure context): the textarea is enough
  }

  function announce(region, message) {
    if (!region) {
      return;
    }
    // Empty first, so the same message is announced again on a second click.
    region.textContent = "";
    window.setTimeout(function () {
      region.textContent = message;
    }, 100);
  }

  var buttons = document.querySelectorAll("button[data-copy-from]");
  Array.prototype.forEach.call(buttons, function (button) {
    var field = document.getElementById(button.getAttribute("data-copy-from"));
    var region = document.getElementById(button.getAttribute("data-copy-status"));
    if (!field) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(
        function () {
          announce(region, COPIED);
        },
        function () {
          field.focus();
          field.select();
          announce(region, FAILED);
        }
      );
    });
  });
})();
