/* toolkit-builder: the team's schedule. On the process page, the first meeting's date, the
   start time and how often the team meets (default: the process's cadence) give each meeting
   its date, and a calendar file (RFC 5545) with one event per meeting. Wherever a meeting's
   date has a place (process page, meeting page, room), it is shown, with "Done" once the
   meeting was marked done in its room. */
(function () {
  "use strict";

  var T = window.ToolkitTools;
  var UNITS = ["day", "week", "month"];

  /* The schedule as kept, with the page's defaults where nothing is kept. */
  function schedule(store, root) {
    var kept = store.read().schedule;
    var every = Number(kept.every);
    return {
      first: T.parseDate(kept.first) ? kept.first : "",
      time: T.parseTime(kept.time) !== null ? kept.time : "",
      every: every >= 1 && every <= 52 && Math.floor(every) === every ? every : Number(root.getAttribute("data-tk-every")) || 2,
      unit: UNITS.indexOf(kept.unit) >= 0 ? kept.unit : (root.getAttribute("data-tk-unit") || "week")
    };
  }

  /* The date of meeting ``number`` (from 1), or null before a first date is set. */
  function meetingDate(plan, number) {
    var first = T.parseDate(plan.first);
    if (!first) return null;
    var steps = (number - 1) * plan.every;
    if (plan.unit === "day") return new Date(first.getFullYear(), first.getMonth(), first.getDate() + steps);
    if (plan.unit === "week") return new Date(first.getFullYear(), first.getMonth(), first.getDate() + 7 * steps);
    var date = new Date(first.getFullYear(), first.getMonth() + steps, first.getDate());
    if (date.getDate() !== first.getDate()) date = new Date(first.getFullYear(), first.getMonth() + steps + 1, 0);
    return date;
  }

  function done(store, id) {
    var room = store.read().rooms[id];
    return T.plainObject(room) && room.done === true;
  }

  /* One meeting's date where the page gives it a place. */
  function MeetingDate(root) {
    this.root = root;
    this.store = T.storeFor(root);
    this.t = T.strings(root);
    var self = this;
    this.store.onChange(function () { self.render(); });
    root.addEventListener("tk-schedule-changed", function () { self.render(); });
    this.render();
  }

  MeetingDate.prototype.render = function () {
    var root = this.root;
    var plan = schedule(this.store, root);
    var date = meetingDate(plan, Number(root.getAttribute("data-tk-number")));
    var isDone = done(this.store, root.getAttribute("data-tk-meeting"));
    var out = root.querySelector("[data-tk-out]") || root;
    out.textContent = "";
    if (date) {
      var when = T.formatDate(date);
      var time = T.parseTime(plan.time);
      if (time !== null) when = this.t("dateTime", { date: when, time: T.formatClock(time) });
      out.appendChild(T.el("span", { className: "tk-meeting-date__when" }, this.t("date", { date: when })));
    }
    if (isDone) out.appendChild(T.el("strong", { className: "tk-meeting-date__done" }, this.t("done")));
    root.hidden = !date && !isDone;
  };

  /* RFC 5545 text: backslash, semicolon, comma and line breaks escaped. */
  function icsText(value) {
    return String(value).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
  }

  /* A content line folded at 75 octets (UTF-8), never inside a character. */
  function fold(line) {
    var encoder = new TextEncoder(), out = [], current = "", size = 0;
    Array.from(line).forEach(function (ch) {
      var bytes = encoder.encode(ch).length;
      if (size + bytes > (out.length ? 74 : 75)) {
        out.push(current);
        current = "";
        size = 0;
      }
      current += ch;
      size += bytes;
    });
    out.push(current);
    return out.join("\r\n ");
  }

  function two(n) { return (n < 10 ? "0" : "") + n; }

  function stamp(date, withTime) {
    var day = date.getFullYear() + two(date.getMonth() + 1) + two(date.getDate());
    return withTime ? day + "T" + two(date.getHours()) + two(date.getMinutes()) + "00" : day;
  }

  function utcStamp(date) {
    return date.getUTCFullYear() + two(date.getUTCMonth() + 1) + two(date.getUTCDate()) + "T" +
      two(date.getUTCHours()) + two(date.getUTCMinutes()) + two(date.getUTCSeconds()) + "Z";
  }

  /* A short, stable name for this site in the events' UIDs. */
  function siteTag(key) {
    var hash = 5381;
    for (var i = 0; i < key.length; i += 1) hash = ((hash * 33) ^ key.charCodeAt(i)) >>> 0;
    return hash.toString(36);
  }

  /* The process page's schedule form. */
  function Schedule(root) {
    this.root = root;
    this.store = T.storeFor(root);
    this.t = T.strings(root);
    this.first = root.querySelector("[data-tk-first]");
    this.time = root.querySelector("[data-tk-time]");
    this.every = root.querySelector("[data-tk-every-input]");
    this.unit = root.querySelector("[data-tk-unit-input]");
    this.message = root.querySelector("[role=status]");
    var self = this;
    root.hidden = false;
    var plan = schedule(this.store, root);
    this.first.value = plan.first;
    this.time.value = plan.time;
    this.every.value = String(plan.every);
    this.unit.value = plan.unit;
    [this.first, this.time, this.every, this.unit].forEach(function (input) {
      input.addEventListener("change", function () { self.save(); });
    });
    root.querySelector("[data-tk-ics]").addEventListener("click", function () { self.calendar(); });
  }

  Schedule.prototype.save = function () {
    var every = Number(this.every.value);
    var values = { first: this.first.value, time: this.time.value, unit: this.unit.value,
                   every: every >= 1 && every <= 52 ? Math.floor(every) : undefined };
    this.store.update(function (record) { record.schedule = values; });
    document.querySelectorAll('[data-module="tk-meeting-date"]').forEach(function (slot) {
      slot.dispatchEvent(new CustomEvent("tk-schedule-changed"));
    });
  };

  /* The meetings the page lists: id, number, title, minutes, address. */
  Schedule.prototype.meetings = function () {
    return Array.prototype.map.call(document.querySelectorAll("[data-tk-event]"), function (item) {
      var link = item.querySelector("a[href]");
      return { id: item.getAttribute("data-tk-event"), number: Number(item.getAttribute("data-tk-number")),
               minutes: Number(item.getAttribute("data-tk-minutes")) || 60,
               title: T.plainText(item.querySelector("[data-tk-title]") || item),
               url: link ? new URL(link.getAttribute("href"), window.location.href).href : "" };
    });
  };

  Schedule.prototype.calendar = function () {
    var plan = schedule(this.store, this.root);
    if (!T.parseDate(plan.first)) {
      this.message.textContent = this.t("needDate");
      this.first.focus();
      return;
    }
    var time = T.parseTime(plan.time), now = utcStamp(new Date()), tag = siteTag(this.store.key), t = this.t;
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//toolkit-builder//meeting schedule//EN",
                 "CALSCALE:GREGORIAN", "METHOD:PUBLISH"];
    this.meetings().forEach(function (meeting) {
      var date = meetingDate(plan, meeting.number);
      lines.push("BEGIN:VEVENT", "UID:" + meeting.id + "-" + meeting.number + "@" + tag + ".toolkit-builder",
                 "DTSTAMP:" + now);
      if (time !== null) {
        var start = new Date(date.getFullYear(), date.getMonth(), date.getDate(), 0, time);
        lines.push("DTSTART:" + stamp(start, true), "DURATION:PT" + meeting.minutes + "M");
      } else {
        var next = new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1);
        lines.push("DTSTART;VALUE=DATE:" + stamp(date, false), "DTEND;VALUE=DATE:" + stamp(next, false));
      }
      lines.push("SUMMARY:" + icsText(t("summary", { number: meeting.number, title: meeting.title })));
      if (meeting.url) lines.push("URL:" + meeting.url, "DESCRIPTION:" + icsText(meeting.url));
      lines.push("END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    T.download(this.t("file") + ".ics", "text/calendar;charset=utf-8", lines.map(fold).join("\r\n") + "\r\n");
    this.message.textContent = this.t("downloaded");
  };

  window.ToolkitSchedule = { schedule: schedule, meetingDate: meetingDate, done: done };
  T.start("tk-schedule", Schedule);
  T.start("tk-meeting-date", MeetingDate);
})();
