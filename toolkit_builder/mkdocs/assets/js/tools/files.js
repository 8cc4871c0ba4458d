/* toolkit-builder: the action plan's files. CSV as RFC 4180 writes it (UTF-8 with a byte order
   mark so spreadsheet programs read the accents, CRLF, fields quoted when they hold a quote, a
   comma or a line break) and read back the same way; JSON checked field by field. Files a team
   imports are untrusted: size and shape are checked, and every value is kept as plain text. */
(function () {
  "use strict";

  var T = window.ToolkitTools;
  var LIMIT = 1024 * 1024; // bytes a file may have
  var MAX_ACTIONS = 500; // actions in a whole plan
  var MAX_TEXT = 5000; // characters in one value
  var STATUSES = ["not-started", "in-progress", "done"];

  /* A spreadsheet runs a cell that starts like a formula: such a value is written with a quote
     mark before it, and read back without it. */
  var FORMULA = /^[=+\-@\t\r]/;

  function cell(value) {
    var text = String(value === undefined || value === null ? "" : value);
    if (FORMULA.test(text)) text = "'" + text;
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function toCsv(rows) {
    return "\uFEFF" + rows.map(function (row) { return row.map(cell).join(","); }).join("\r\n") + "\r\n";
  }

  /* RFC 4180 records: a list of rows, each a list of fields; throws Error("csv") when malformed. */
  function parseCsv(text) {
    text = text.replace(/^\uFEFF/, "");
    var rows = [], row = [], field = "", i = 0, quoted = false, n = text.length;
    while (i < n) {
      var c = text[i];
      if (quoted) {
        if (c === '"') {
          if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
          quoted = false;
          i += 1;
          if (i < n && text[i] !== "," && text[i] !== "\r" && text[i] !== "\n") throw new Error("csv");
          continue;
        }
        field += c;
        i += 1;
        continue;
      }
      if (c === '"') {
        if (field !== "") throw new Error("csv");
        quoted = true;
      } else if (c === ",") {
        row.push(field);
        field = "";
      } else if (c === "\r" || c === "\n") {
        row.push(field);
        rows.push(row);
        row = [];
        field = "";
        if (c === "\r" && text[i + 1] === "\n") i += 1;
      } else {
        field += c;
      }
      i += 1;
    }
    if (quoted) throw new Error("csv");
    if (field !== "" || row.length) {
      row.push(field);
      rows.push(row);
    }
    return rows.filter(function (r) { return r.length > 1 || r[0] !== ""; });
  }

  function unformula(text) {
    return text.length > 1 && text[0] === "'" && FORMULA.test(text.slice(1)) ? text.slice(1) : text;
  }

  /* A value as the plan keeps it: text without control characters, or a refusal. */
  function text(value, problem) {
    if (value === undefined || value === null) return "";
    if (typeof value !== "string") throw new Error(problem || "shape");
    if (value.length > MAX_TEXT) throw new Error("long");
    // eslint-disable-next-line no-control-regex
    return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "").replace(/\r\n?/g, "\n");
  }

  function date(value) {
    var due = text(value);
    if (due && !T.parseDate(due)) throw new Error("date");
    return due;
  }

  function status(value, labels) {
    var given = text(value).trim();
    if (!given) return "not-started";
    if (STATUSES.indexOf(given) >= 0) return given;
    for (var code in labels) if (labels[code].toLowerCase() === given.toLowerCase()) return code;
    throw new Error("status");
  }

  function action(data, labels) {
    if (!T.plainObject(data)) throw new Error("shape");
    return { action: text(data.action), who: text(data.who), due: date(data.due),
             status: status(data.status, labels), notes: text(data.notes) };
  }

  /* A plan from an exported JSON file: {meeting id: {produced, actions}} for the meetings of
     ``known`` (their ids); throws Error(reason) for anything else. */
  function planFromJson(source, known, labels) {
    var data;
    try {
      data = JSON.parse(source);
    } catch (error) {
      throw new Error("json");
    }
    if (!T.plainObject(data) || !Array.isArray(data.meetings)) throw new Error("shape");
    var plan = {}, count = 0;
    data.meetings.forEach(function (meeting) {
      if (!T.plainObject(meeting) || typeof meeting.id !== "string") throw new Error("shape");
      if (known.indexOf(meeting.id) < 0) throw new Error("meeting");
      if (meeting.actions !== undefined && !Array.isArray(meeting.actions)) throw new Error("shape");
      var actions = (meeting.actions || []).map(function (a) { return action(a, labels); });
      count += actions.length;
      if (count > MAX_ACTIONS) throw new Error("many");
      plan[meeting.id] = { produced: text(meeting.produced), actions: actions };
    });
    return plan;
  }

  /* A plan from an exported CSV file: its meeting column starts with the meeting's number
     ("2. ..."), the same in every language. ``numbers``: meeting id by number. */
  function planFromCsv(source, numbers, labels) {
    var rows;
    try {
      rows = parseCsv(source);
    } catch (error) {
      throw new Error("csv");
    }
    if (rows.length < 1 || rows[0].length !== 8) throw new Error("columns");
    var plan = {};
    if (rows.length - 1 > MAX_ACTIONS) throw new Error("many");
    rows.slice(1).forEach(function (row) {
      if (row.length !== 8) throw new Error("columns");
      row = row.map(function (value) { return unformula(text(value)); });
      var number = /^\s*(\d+)\./.exec(row[1]);
      var id = number && numbers[number[1]];
      if (!id) throw new Error("meeting");
      var entry = plan[id] || (plan[id] = { produced: "", actions: [] });
      var found = { action: row[3], who: row[4], due: date(row[5]), status: status(row[6], labels), notes: row[7] };
      if (found.action || found.who || found.due || found.notes) entry.actions.push(found);
    });
    return plan;
  }

  /* Read an imported file as text, refusing a large one before reading it. */
  function readFile(file, done, fail) {
    if (!file) return;
    if (file.size > LIMIT) { fail(new Error("large")); return; }
    var reader = new FileReader();
    reader.onload = function () {
      if (typeof reader.result !== "string" || reader.result.length > LIMIT) fail(new Error("large"));
      else done(reader.result);
    };
    reader.onerror = function () { fail(new Error("read")); };
    reader.readAsText(file, "utf-8");
  }

  window.ToolkitFiles = {
    LIMIT: LIMIT, STATUSES: STATUSES, toCsv: toCsv, parseCsv: parseCsv, planFromJson: planFromJson,
    planFromCsv: planFromCsv, readFile: readFile, text: text
  };
})();
