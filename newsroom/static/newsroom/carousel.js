/* Card news carousel, by progressive enhancement: without this script every card is in a plain
   list; with it, one card at a time, previous/next buttons, "3 / 8", arrow keys and swipe.
   Never rotates by itself. No inline script (CSP): it hooks on data-carousel attributes. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function setUp(root) {
    var cards = Array.prototype.slice.call(root.querySelectorAll("[data-carousel-card]"));
    var prev = root.querySelector("[data-carousel-prev]");
    var next = root.querySelector("[data-carousel-next]");
    var status = root.querySelector("[data-carousel-status]");
    if (!cards.length || !prev || !next) { return; }
    var current = 0;
    var fromHash = cards.findIndex(function (card) { return "#" + card.id === window.location.hash; });
    if (fromHash >= 0) { current = fromHash; }

    function show(index) {
      current = Math.max(0, Math.min(cards.length - 1, index));
      cards.forEach(function (card, i) { card.hidden = i !== current; });
      status.textContent = (current + 1) + " / " + cards.length;
      prev.setAttribute("aria-disabled", current === 0 ? "true" : "false");
      next.setAttribute("aria-disabled", current === cards.length - 1 ? "true" : "false");
    }

    prev.addEventListener("click", function () { show(current - 1); });
    next.addEventListener("click", function () { show(current + 1); });
    root.addEventListener("keydown", function (event) {
      if (event.key === "ArrowLeft") { show(current - 1); event.preventDefault(); }
      else if (event.key === "ArrowRight") { show(current + 1); event.preventDefault(); }
      else if (event.key === "Home") { show(0); event.preventDefault(); }
      else if (event.key === "End") { show(cards.length - 1); event.preventDefault(); }
    });
    var startX = null;
    var startY = null;
    root.addEventListener("touchstart", function (event) {
      startX = event.changedTouches[0].clientX;
      startY = event.changedTouches[0].clientY;
    }, { passive: true });
    root.addEventListener("touchend", function (event) {
      if (startX === null) { return; }
      var dx = event.changedTouches[0].clientX - startX;
      var dy = event.changedTouches[0].clientY - startY;
      startX = null;
      if (Math.abs(dx) > 40 && Math.abs(dx) > Math.abs(dy)) { show(current + (dx < 0 ? 1 : -1)); }
    }, { passive: true });
    root.classList.add("carousel--active");
    show(current);
  }

  /* A form marked data-once sends once: a second click while the first is on its way does nothing
     (the server also keeps one acknowledgement per person, so this only spares a round trip). */
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-once]")) { return; }
    if (form.dataset.sent) { event.preventDefault(); return; }
    form.dataset.sent = "1";
  });

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-carousel]").forEach(setUp);
  });
})();
