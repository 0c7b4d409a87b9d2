// Wagtail admin (issue 15.2): Draftail renders its own contenteditable textbox beside the hidden
// input that the field's <label for> names, so the textbox has no accessible name
// (wagtail/wagtail#14205). Point the textbox at that label with aria-labelledby, also for editors
// that StreamField adds later.
(function () {
  "use strict";
  var seq = 0;
  function nameEditors() {
    var unnamed = '.Draftail-Editor [role="textbox"]:not([aria-labelledby]):not([aria-label])';
    document.querySelectorAll(unnamed).forEach(function (box) {
      var scope = box.closest("[data-field-input], .w-field__input, [data-streamfield-child]");
      var input = scope && scope.querySelector("input[data-draftail-input][id]");
      var label = input && document.querySelector('label[for="' + input.id + '"]');
      if (!label) { return; }
      if (!label.id) { label.id = input.id + "-label" + (document.getElementById(input.id + "-label") ? "-" + (++seq) : ""); }
      box.setAttribute("aria-labelledby", label.id);
    });
  }
  function start() {
    nameEditors();
    new MutationObserver(nameEditors).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
