// Behaviour every page shares: the high-contrast switch, table scroll boxes that are tab stops only
// when they scroll, and focus on a form's error summary. Loaded with "defer" from the layout.
(function () {
  "use strict";

  var root = document.documentElement;

  // The switch is hidden until this script runs: without script it could not work. The server reads
  // the cookie and marks <html> itself, so the chosen mode is there from the first paint.
  function wireDisplaySwitch(button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var on = !root.classList.contains("high-contrast");
      root.classList.toggle("high-contrast", on);
      button.setAttribute("aria-pressed", on ? "true" : "false");
      var secure = location.protocol === "https:" ? "; secure" : "";
      document.cookie = on
        ? "display=high-contrast; path=/; max-age=31536000; samesite=lax" + secure
        : "display=; path=/; max-age=0; samesite=lax" + secure;
      document.dispatchEvent(new CustomEvent("dashboard:displaychange", { detail: { highContrast: on } }));
    });
  }

  // A scroll box needs a tab stop (so that keyboard users can scroll it) only when its table is wider
  // than the box; otherwise the stop is one more Tab press for nothing.
  function updateScrollStop(box) {
    if (box.scrollWidth > box.clientWidth + 1) {
      box.setAttribute("tabindex", "0");
    } else {
      box.removeAttribute("tabindex");
    }
  }

  var boxes = Array.prototype.slice.call(document.querySelectorAll(".table-scroll"));
  boxes.forEach(updateScrollStop);
  if (typeof ResizeObserver === "function") {
    var observer = new ResizeObserver(function (entries) {
      entries.forEach(function (entry) { updateScrollStop(entry.target); });
    });
    boxes.forEach(function (box) { observer.observe(box); });
  } else {
    window.addEventListener("resize", function () { boxes.forEach(updateScrollStop); });
  }

  document.addEventListener("dashboard:displaychange", function () { boxes.forEach(updateScrollStop); });
  document.querySelectorAll("[data-display-switch]").forEach(wireDisplaySwitch);

  // After a rejected form, focus goes to the summary of what went wrong (it links to the fields).
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
})();
