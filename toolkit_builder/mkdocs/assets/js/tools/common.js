/* toolkit-builder: what the tools in the page share (action plan, checklists, schedule, meeting room).

   Each tool is a small class started on its own root element, found by its `data-module`
   attribute (as GOV.UK Frontend does). Everything is kept in the browser (localStorage), in one
   record per toolkit: its key names the site's path, shared by the languages of one site, and
   the record carries a schema version. Nothing is sent anywhere; no text from content or from
   storage is ever parsed as HTML (textContent only). */
(function () {
  "use strict";

  var SCHEMA = 1;
  var PREFIX = "toolkit-builder:";

  /* The site's root (the default language's), from a link the page gives on the tool's root. */
  function siteKey(root) {
    var url = new URL(root.getAttribute("data-tk-site") || "./", window.location.href);
    url.hash = "";
    url.search = "";
    var path = url.pathname.replace(/[^/]*$/, "");
    if (root.hasAttribute("data-tk-translation")) path = path.replace(/[^/]+\/$/, "");
    return PREFIX + (root.getAttribute("data-tk-toolkit") || "toolkit") + "@" + path;
  }

  function plainObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  /* An empty record of the current schema. */
  function emptyRecord() {
    return { schema: SCHEMA, plan: {}, checks: {}, schedule: {}, rooms: {} };
  }

  /* A stored record, as this release reads it: anything else is left out, never run. */
  function readRecord(text) {
    var record = emptyRecord();
    if (typeof text !== "string" || !text) return record;
    var data;
    try {
      data = JSON.parse(text);
    } catch (error) {
      return record;
    }
    if (!plainObject(data) || data.schema !== SCHEMA) return record; // a later release migrates here
    ["plan", "checks", "schedule", "rooms"].forEach(function (name) {
      if (plainObject(data[name])) record[name] = data[name];
    });
    return record;
  }

  /* The toolkit's record in this browser; tools that share a page share one Store. */
  function Store(key) {
    this.key = key;
    this.listeners = [];
    var self = this;
    window.addEventListener("storage", function (event) {
      if (event.key === self.key) self.listeners.forEach(function (listener) { listener(); });
    });
  }

  Store.prototype.read = function () {
    try {
      return readRecord(window.localStorage.getItem(this.key));
    } catch (error) { // storage turned off: the tools still work for this visit
      return this.memory || emptyRecord();
    }
  };

  /* Change the record: ``change(record)`` edits it in place. */
  Store.prototype.update = function (change) {
    var record = this.read();
    change(record);
    record.schema = SCHEMA;
    this.memory = record;
    try {
      window.localStorage.setItem(this.key, JSON.stringify(record));
      return true;
    } catch (error) {
      return false;
    }
  };

  Store.prototype.clear = function () {
    this.memory = emptyRecord();
    try {
      window.localStorage.removeItem(this.key);
    } catch (error) { /* nothing kept */ }
  };

  /* Called when another tab of the same site changed the record. */
  Store.prototype.onChange = function (listener) {
    this.listeners.push(listener);
  };

  var stores = {};
  function storeFor(root) {
    var key = siteKey(root);
    if (!stores[key]) stores[key] = new Store(key);
    return stores[key];
  }

  /* An element with attributes and text; never HTML. */
  function el(tag, attributes, text) {
    var element = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (value === false || value === null || value === undefined) return;
      if (name === "className") element.className = value;
      else element.setAttribute(name, value === true ? "" : String(value));
    });
    if (text !== undefined && text !== null) element.textContent = String(text);
    return element;
  }

  /* The text of a piece of the page as a reader sees it: without the glossary's hints. */
  function plainText(element) {
    var copy = element.cloneNode(true);
    copy.querySelectorAll(".tk-abbr__tip, [data-search-exclude]").forEach(function (hint) { hint.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  /* The page's interface strings for a tool: hidden spans the page renders in its language. */
  function strings(root) {
    var found = {};
    root.querySelectorAll("[data-tk-string]").forEach(function (span) {
      found[span.getAttribute("data-tk-string")] = span.textContent;
    });
    return function (key, values) {
      var text = Object.prototype.hasOwnProperty.call(found, key) ? found[key] : key;
      Object.keys(values || {}).forEach(function (name) {
        text = text.split("{" + name + "}").join(String(values[name]));
      });
      return text;
    };
  }

  function language() {
    return document.documentElement.lang || "en";
  }

  /* "2026-12-10" -> a Date at local midnight (null if not such a date). */
  function parseDate(iso) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    if (!match) return null;
    var date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
    return date.getMonth() === Number(match[2]) - 1 ? date : null;
  }

  function isoDate(date) {
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return date.getFullYear() + "-" + two(date.getMonth() + 1) + "-" + two(date.getDate());
  }

  /* "14:30" -> minutes after midnight (null if not a time). */
  function parseTime(text) {
    var match = /^(\d{2}):(\d{2})/.exec(text || "");
    if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) return null;
    return Number(match[1]) * 60 + Number(match[2]);
  }

  function formatDate(date, options) {
    return new Intl.DateTimeFormat(language(), options || { dateStyle: "full" }).format(date);
  }

  /* Minutes after midnight as a clock time in the page's language. */
  function formatClock(minutes) {
    var day = new Date(2000, 0, 1, 0, 0);
    day.setMinutes(minutes);
    return new Intl.DateTimeFormat(language(), { hour: "numeric", minute: "2-digit" }).format(day);
  }

  /* Start every tool of a kind on the page, once per root element. */
  function start(name, Tool) {
    function run() {
      document.querySelectorAll('[data-module="' + name + '"]').forEach(function (root) {
        if (root.tkTool) return;
        root.tkTool = new Tool(root);
      });
    }
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
    else run();
  }

  /* Never while typing in a field: keys belong to the field then. */
  function typing(target) {
    var field = target && target.closest && target.closest("input, textarea, select, [contenteditable]");
    return !!field && !(field.tagName === "INPUT" && /^(checkbox|radio|button|submit|reset|file)$/.test(field.type));
  }

  /* Offer ``text`` as a file to save (a Blob: nothing leaves the computer). */
  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var link = el("a", { href: url, download: name, hidden: true });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  window.ToolkitTools = {
    SCHEMA: SCHEMA, storeFor: storeFor, readRecord: readRecord, emptyRecord: emptyRecord, el: el,
    strings: strings, plainText: plainText, language: language, parseDate: parseDate, isoDate: isoDate, parseTime: parseTime,
    formatDate: formatDate, formatClock: formatClock, start: start, typing: typing, download: download,
    plainObject: plainObject
  };
})();
