/* toolkit-builder: print buttons, and a keyboard-usable navigation drawer and search on small screens.
   Everything here is an enhancement: without JavaScript the pages read, print and navigate. */
(function () {
  "use strict";

  /* Print the page, or only one block of questions as a worksheet (see print.css). */
  function printButtons() {
    document.querySelectorAll("[data-tk-print]").forEach(function (button) {
      button.hidden = false;
      if (button.dataset.tkReady) return;
      button.dataset.tkReady = "1";
      button.addEventListener("click", function () {
        var root = document.documentElement;
        var block = button.closest(".tk-block");
        var mode = button.dataset.tkPrint;
        if ((mode === "worksheet" || mode === "block") && block) {
          root.dataset.tkPrint = mode;
          block.classList.add("tk-print-target");
          window.addEventListener("afterprint", function done() {
            delete root.dataset.tkPrint;
            block.classList.remove("tk-print-target");
            window.removeEventListener("afterprint", done);
          });
        }
        window.print();
      });
    });
  }

  /* A real button in place of one of Material's header labels (which the keyboard cannot
     reach), looking the same, named ``name``. */
  function buttonFor(label, className, name) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = label.className + " " + className;
    button.innerHTML = label.innerHTML;
    button.setAttribute("aria-label", name);
    label.hidden = true;
    label.after(button);
    return button;
  }

  /* Material opens its navigation drawer with a <label>, which the keyboard cannot reach;
     a real button takes its place (Enter or Space opens, Escape closes), named like the
     navigation it opens. */
  function drawerButton() {
    var toggle = document.getElementById("__drawer");
    var label = document.querySelector('.md-header label[for="__drawer"]');
    var nav = document.querySelector("nav.md-nav--primary");
    if (!toggle || !label || !nav || label.hidden) return;
    var button = buttonFor(label, "tk-drawer-button", nav.getAttribute("aria-label") || "Navigation");
    button.setAttribute("aria-expanded", String(toggle.checked));
    function set(open) {
      toggle.checked = open;
      toggle.dispatchEvent(new Event("change"));
    }
    toggle.addEventListener("change", function () {
      button.setAttribute("aria-expanded", String(toggle.checked));
    });
    button.addEventListener("click", function (event) {
      set(!toggle.checked);
      var first = nav.querySelector("a[href]");
      // Opened from the keyboard: move into the navigation.
      if (toggle.checked && first && event.detail === 0) setTimeout(function () { first.focus(); }, 50);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.checked) {
        set(false);
        button.focus();
      }
    });
  }

  /* On small screens Material opens its search with a <label> too; a real button takes its
     place and moves the focus into the search field (Material then shows the results). */
  function searchButton() {
    var toggle = document.getElementById("__search");
    var label = document.querySelector('.md-header label[for="__search"]');
    var field = document.querySelector(".md-search__input");
    if (!toggle || !label || !field || label.hidden) return;
    var button = buttonFor(label, "tk-search-button", field.getAttribute("aria-label") || "Search");
    button.addEventListener("click", function () {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
      setTimeout(function () { field.focus(); }, 50);
    });
  }

  /* The address printed under the masthead is the one the reader has open, unless the
     page carries its public address (site_url) already. */
  function pageAddress() {
    document.querySelectorAll("[data-tk-url]").forEach(function (el) {
      if (!/^https?:/.test(el.textContent.trim())) el.textContent = location.href.split("#")[0];
    });
  }

  /* Collapsed parts are printed open. */
  function openDetailsForPrint() {
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll("details:not([open])").forEach(function (el) {
        el.setAttribute("open", "");
        el.dataset.tkClosed = "1";
      });
    });
    window.addEventListener("afterprint", function () {
      document.querySelectorAll("details[data-tk-closed]").forEach(function (el) {
        el.removeAttribute("open");
        delete el.dataset.tkClosed;
      });
    });
  }

  var once = false;
  function init() {
    if (!once) {
      once = true;
      openDetailsForPrint();
    }
    pageAddress();
    printButtons();
    drawerButton();
    searchButton();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

/* Escape hides the expansion of the abbreviation under the focus or the pointer (WCAG 1.4.13,
   content on hover or focus is dismissible); without this script only the Escape key is missing. */
(function () {
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".tk-abbr:hover, .tk-abbr:focus-within").forEach(function (abbr) {
      abbr.classList.add("tk-abbr--dismissed");
    });
  });
  function reset(event) {
    var abbr = event.target.closest && event.target.closest(".tk-abbr");
    if (abbr) abbr.classList.remove("tk-abbr--dismissed");
  }
  document.addEventListener("focusout", reset);
  document.addEventListener("mouseout", reset);
})();

/* The tools in the page (action plan, checklists, schedule, meeting room): their scripts are
   loaded only by a page that has one (an element with their `data-module`), in order, from
   beside this file; classic scripts, so they also run from the disk (file://). */
(function () {
  "use strict";
  var TOOLS = {
    "tk-action-plan": ["files.js", "plan.js"],
    "tk-checklist": ["checklist.js"],
    "tk-schedule": ["schedule.js"],
    "tk-meeting-date": ["schedule.js"],
    "tk-room": ["room.js"],
    "tk-projector": ["projector.js"]
  };
  var self = document.currentScript;
  if (!self || !self.src) return;
  var base = new URL("js/tools/", self.src);
  function load() {
    var wanted = ["common.js"];
    Object.keys(TOOLS).forEach(function (name) {
      if (!document.querySelector('[data-module="' + name + '"]')) return;
      TOOLS[name].forEach(function (file) { if (wanted.indexOf(file) < 0) wanted.push(file); });
    });
    if (wanted.length === 1) return;
    var style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = new URL("../../tools.css", base).href;
    document.head.appendChild(style);
    wanted.forEach(function (file) {
      var script = document.createElement("script");
      script.src = new URL(file, base).href;
      script.async = false;
      document.body.appendChild(script);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", load);
  else load();
})();
