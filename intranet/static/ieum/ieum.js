/* Ieum's small behaviours. No inline scripts (CSP): everything hooks on data attributes. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.matches && el.matches("[data-autosubmit]")) { el.form.submit(); }
  });

  /* An import running as a Celery task: poll its progress endpoint and update the bar. */
  function watchProgress(box) {
    var url = box.getAttribute("data-progress-url");
    var bar = box.querySelector("progress");
    var label = box.querySelector("[data-progress-label]");
    function poll() {
      fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (data) {
          bar.value = data.percent;
          label.textContent = data.label;
          if (data.finished) { window.location.reload(); } else { window.setTimeout(poll, 1000); }
        })
        .catch(function () { window.setTimeout(poll, 3000); });
    }
    poll();
  }
  // Phone reflow (issue 15.3): a table that scrolls sideways on its own (ieum.css makes wide
  // tables scroll inside themselves on a phone) is reachable by keyboard and named after its
  // caption, so it can be scrolled without a mouse.
  function keyboardScrollableTables() {
    document.querySelectorAll("table.data-table").forEach(function (table) {
      if (table.closest(".table-scroll")) { return; }
      var scrolls = table.scrollWidth > table.clientWidth;
      if (scrolls && !table.hasAttribute("tabindex")) {
        table.setAttribute("tabindex", "0");
        table.dataset.scrollFocus = "1";
      } else if (!scrolls && table.dataset.scrollFocus) {
        table.removeAttribute("tabindex");
        delete table.dataset.scrollFocus;
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-progress-url]").forEach(watchProgress);
    keyboardScrollableTables();
  });

  /* The staff picker: fill the input's <datalist> with colleagues matching what was typed. */
  var staffTimer = null;
  document.addEventListener("input", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches("[data-staff-search]")) { return; }
    var list = document.getElementById(box.getAttribute("list"));
    window.clearTimeout(staffTimer);
    staffTimer = window.setTimeout(function () {
      var q = box.value.trim();
      if (!q || !list) { return; }
      fetch(box.getAttribute("data-staff-search") + "?q=" + encodeURIComponent(q),
            { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (data) {
          list.replaceChildren.apply(list, data.results.map(function (label) {
            var option = document.createElement("option");
            option.value = label;
            return option;
          }));
        })
        .catch(function () {});
    }, 200);
  });
  window.addEventListener("resize", keyboardScrollableTables);

  /* The phone header's menu button (issue 15.3): opens and closes the menu it controls; Escape
     closes it again and puts the focus back on the button. */
  function setMenu(button, open) {
    var menu = document.getElementById(button.getAttribute("aria-controls"));
    button.setAttribute("aria-expanded", open ? "true" : "false");
    if (menu) { menu.classList.toggle("is-open", open); }
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-menu-toggle]");
    if (button) { setMenu(button, button.getAttribute("aria-expanded") !== "true"); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var button = document.querySelector('[data-menu-toggle][aria-expanded="true"]');
    var menu = button && document.getElementById(button.getAttribute("aria-controls"));
    if (menu && (menu.contains(document.activeElement) || document.activeElement === button)) {
      setMenu(button, false);
      button.focus();
    }
  });
})();
