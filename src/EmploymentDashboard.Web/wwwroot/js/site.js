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

  // Each figure once: its chart and its table become Chart / Table tabs (the WAI-ARIA tabs pattern: arrow
  // keys move between the tabs, the panel follows). Without this script both panels show; print shows both.
  function wireFigureTabs(holder) {
    var id = holder.dataset.figureTabs;
    var panels = {
      chart: document.getElementById(id + "-panel-chart"),
      table: document.getElementById(id + "-panel-table")
    };
    if (!panels.chart || !panels.table) {
      return;
    }
    holder.setAttribute("role", "tablist");
    holder.setAttribute("aria-labelledby", id + "-title");
    var tabs = ["chart", "table"].map(function (which) {
      var tab = document.createElement("button");
      tab.type = "button";
      tab.id = id + "-tab-" + which;
      tab.className = "figure-tab";
      tab.setAttribute("role", "tab");
      tab.setAttribute("aria-controls", panels[which].id);
      tab.dataset.tab = which;
      tab.textContent = which === "chart" ? holder.dataset.labelChart : holder.dataset.labelTable;
      panels[which].setAttribute("role", "tabpanel");
      panels[which].setAttribute("aria-labelledby", tab.id);
      holder.appendChild(tab);
      return tab;
    });

    function select(which, focus) {
      tabs.forEach(function (tab) {
        var on = tab.dataset.tab === which;
        tab.setAttribute("aria-selected", on ? "true" : "false");
        tab.tabIndex = on ? 0 : -1;
        panels[tab.dataset.tab].hidden = !on;
        if (on && focus) {
          tab.focus();
        }
      });
      var canvas = panels.chart.querySelector("canvas");
      if (which === "chart" && canvas && canvas.chartInstance) {
        canvas.chartInstance.resize();
      }
      panels[which].querySelectorAll(".table-scroll").forEach(updateScrollStop);
    }

    tabs.forEach(function (tab, i) {
      tab.addEventListener("click", function () { select(tab.dataset.tab, false); });
      tab.addEventListener("keydown", function (event) {
        var next = event.key === "ArrowRight" || event.key === "ArrowLeft" ? tabs[(i + 1) % 2]
          : event.key === "Home" ? tabs[0] : event.key === "End" ? tabs[1] : null;
        if (next) {
          event.preventDefault();
          select(next.dataset.tab, true);
        }
      });
    });
    select("chart", false);
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

  // On a phone-sized screen the main menu folds behind a "Menu" button (CSS shows the button only there);
  // without this script the menu is always open.
  function wireMenu(nav) {
    var list = nav.querySelector("ul");
    if (!list) {
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "main-nav__toggle";
    button.textContent = nav.dataset.menuLabel || "Menu";
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", list.id);
    nav.classList.add("main-nav--collapsible");
    nav.insertBefore(button, list);
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", open ? "true" : "false");
      nav.classList.toggle("main-nav--open", open);
    });
  }

  document.querySelectorAll(".main-nav[data-menu-label]").forEach(wireMenu);
  document.querySelectorAll("[data-figure-tabs]").forEach(wireFigureTabs);
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
