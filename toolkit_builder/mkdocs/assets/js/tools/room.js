/* toolkit-builder: the meeting room. The start time turns the agenda's times into clock times;
   the current item is shown large (aria-current="step"), with a countdown, how far ahead of or
   behind the plan the meeting is, and notes per item; Next / Previous and the arrow keys move
   through the agenda. Screen readers hear item changes and "one minute left", never each second.
   What the team produced goes into the action plan; the meeting can be marked done. */
(function () {
  "use strict";

  var T = window.ToolkitTools;

  function Room(root) {
    this.root = root;
    this.id = root.getAttribute("data-tk-meeting");
    this.store = T.storeFor(root);
    this.t = T.strings(root);
    this.items = Array.prototype.slice.call(root.querySelectorAll("[data-tk-agenda-item]"));
    if (!this.items.length) return;
    this.minutes = this.items.map(function (item) { return Number(item.getAttribute("data-tk-minutes")) || 0; });
    this.offsets = [];
    var total = 0, self = this;
    this.minutes.forEach(function (m) { self.offsets.push(total); total += m; });
    this.total = total;
    this.get = function (name) { return root.querySelector("[data-tk-" + name + "]"); };
    root.querySelector(".tk-room-live").hidden = false;
    root.querySelector(".tk-room-end-fields").hidden = false;
    root.classList.add("tk-room--live");
    this.wire();
    this.store.onChange(function () { self.render(true); });
    this.render(false);
    this.timer = window.setInterval(function () { self.tick(); }, 1000);
  }

  /* The room's kept state, every value checked (storage is not trusted either). */
  Room.prototype.state = function () {
    var record = this.store.read(), room = record.rooms[this.id];
    room = T.plainObject(room) ? room : {};
    var clock = T.plainObject(room.clock) ? room.clock : {};
    var current = Number(room.current);
    var schedule = record.schedule || {};
    return {
      start: T.parseTime(room.start) !== null ? room.start : (T.parseTime(schedule.time) !== null ? schedule.time : ""),
      current: current >= 0 && current < this.items.length && Math.floor(current) === current ? current : 0,
      notes: T.plainObject(room.notes) ? room.notes : {},
      done: room.done === true,
      produced: T.plainObject(record.plan[this.id]) && typeof record.plan[this.id].produced === "string" ?
        record.plan[this.id].produced : "",
      running: clock.running === true && isFinite(clock.since),
      since: Number(clock.since) || 0,
      item: Math.max(0, Number(clock.item) || 0),
      meeting: Math.max(0, Number(clock.meeting) || 0),
      started: clock.started === true
    };
  };

  Room.prototype.save = function (change) {
    var id = this.id;
    this.store.update(function (record) {
      var room = T.plainObject(record.rooms[id]) ? record.rooms[id] : (record.rooms[id] = {});
      if (!T.plainObject(room.clock)) room.clock = {};
      if (!T.plainObject(room.notes)) room.notes = {};
      change(room, record);
    });
  };

  /* Milliseconds spent on the current item and in the whole meeting, now. */
  Room.prototype.elapsed = function (state) {
    var running = state.running ? Math.max(0, Date.now() - state.since) : 0;
    return { item: state.item + running, meeting: state.meeting + running };
  };

  Room.prototype.wire = function () {
    var self = this;
    this.get("start-time").addEventListener("change", function (event) {
      var value = event.target.value;
      self.save(function (room) { room.start = value; });
      self.render(false);
    });
    this.get("run").addEventListener("click", function () { self.toggle(); });
    this.get("next").addEventListener("click", function () { self.move(1); });
    this.get("previous").addEventListener("click", function () { self.move(-1); });
    this.get("notes").addEventListener("input", function (event) {
      var value = event.target.value, current = self.state().current;
      self.save(function (room) { room.notes[current] = value; });
      self.render(true);
    });
    this.get("produced").addEventListener("input", function (event) {
      var value = event.target.value, id = self.id;
      self.store.update(function (record) {
        var entry = T.plainObject(record.plan[id]) ? record.plan[id] : (record.plan[id] = { produced: "", actions: [] });
        entry.produced = value;
      });
    });
    this.get("done").addEventListener("change", function (event) {
      var done = event.target.checked;
      self.save(function (room) { room.done = done; });
    });
    document.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || T.typing(event.target)) return;
      var step = { ArrowRight: 1, PageDown: 1, ArrowLeft: -1, PageUp: -1 }[event.key];
      if (!step) return;
      event.preventDefault();
      self.move(step);
    });
  };

  /* Start, pause or resume the clock. */
  Room.prototype.toggle = function () {
    var self = this, state = this.state(), now = Date.now(), spent = this.elapsed(state);
    this.save(function (room) {
      if (state.running) {
        room.clock = { running: false, item: spent.item, meeting: spent.meeting, started: true };
      } else {
        room.clock = { running: true, since: now, item: state.item, meeting: state.meeting, started: true };
      }
    });
    this.render(false);
    if (!state.running && !state.started) self.announce(this.t("start"));
  };

  Room.prototype.move = function (step) {
    var state = this.state(), target = state.current + step;
    if (target < 0 || target >= this.items.length) return;
    var now = Date.now(), spent = this.elapsed(state);
    this.save(function (room) {
      room.current = target;
      room.clock = { running: state.running, since: now, item: 0, meeting: spent.meeting, started: state.started };
    });
    this.warned = null;
    this.render(false);
    var item = this.items[target];
    this.announce(this.t("announce", { number: target + 1, total: this.items.length,
                                       title: T.plainText(item.querySelector("[data-tk-title]")) }));
  };

  Room.prototype.announce = function (text) {
    var region = this.get("announce");
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  };

  /* "12:05" for minutes and seconds, "1:02:05" past an hour. */
  function clock(ms) {
    var seconds = Math.ceil(Math.abs(ms) / 1000), h = Math.floor(seconds / 3600), m = Math.floor(seconds / 60) % 60;
    var s = seconds % 60, two = function (n) { return (n < 10 ? "0" : "") + n; };
    return (h ? h + ":" + two(m) : String(m)) + ":" + two(s);
  }

  /* A length of time in words, in the page's language ("3 minutes"). */
  function words(ms) {
    var minutes = Math.round(Math.abs(ms) / 60000);
    try {
      return new Intl.NumberFormat(T.language(), { style: "unit", unit: "minute", unitDisplay: "long" }).format(minutes);
    } catch (error) {
      return String(minutes) + " min";
    }
  }

  Room.prototype.render = function (fromElsewhere) {
    var self = this, state = this.state(), start = T.parseTime(state.start);
    var startInput = this.get("start-time");
    if (document.activeElement !== startInput) startInput.value = state.start;
    this.get("end").textContent = start === null ? "–" : T.formatClock(start + this.total);
    this.items.forEach(function (item, index) {
      var current = index === state.current;
      if (current) item.setAttribute("aria-current", "step");
      else item.removeAttribute("aria-current");
      item.classList.toggle("tk-room-item--done", index < state.current);
      var note = typeof state.notes[index] === "string" ? state.notes[index] : "", shown = item.querySelector(".tk-room-note");
      if (note && !shown) shown = item.querySelector("[data-tk-content]").appendChild(T.el("p", { className: "tk-room-note" }));
      if (shown) { shown.textContent = note; shown.hidden = !note; } // the agenda shows what was noted
      if (start !== null) {
        item.querySelector("[data-tk-clock]").textContent =
          T.formatClock(start + self.offsets[index]) + "–" + T.formatClock(start + self.offsets[index] + self.minutes[index]);
      }
    });
    var item = this.items[state.current];
    this.get("position").textContent = this.t("position", { number: state.current + 1, total: this.items.length });
    this.get("now-time").textContent = item.querySelector("[data-tk-clock]").textContent;
    var body = this.get("now");
    if (body.getAttribute("data-tk-showing") !== String(state.current)) {
      body.textContent = "";
      var shown = body.appendChild(item.querySelector("[data-tk-content]").cloneNode(true)); // the page's own nodes
      shown.querySelectorAll(".tk-room-note").forEach(function (copy) { copy.remove(); }); // the field below holds it
      var title = shown.querySelector("[data-tk-title]"), heading = T.el("h3", { className: "tk-agenda-title" });
      while (title.firstChild) heading.appendChild(title.firstChild); // the current item's title is a heading here
      title.replaceWith(heading);
      body.setAttribute("data-tk-showing", String(state.current));
    }
    var next = this.items[state.current + 1];
    this.get("coming").textContent = next ? this.t("coming", { title: T.plainText(next.querySelector("[data-tk-title]")) })
      : this.t("last");
    this.get("previous").disabled = state.current === 0;
    this.get("next").disabled = state.current === this.items.length - 1;
    var notes = this.get("notes");
    if (document.activeElement !== notes || !fromElsewhere) {
      var text = state.notes[state.current];
      if (notes.value !== (typeof text === "string" ? text : "")) notes.value = typeof text === "string" ? text : "";
    }
    var produced = this.get("produced");
    if (document.activeElement !== produced) produced.value = state.produced;
    this.get("done").checked = state.done;
    var run = this.get("run");
    run.textContent = state.running ? this.t("pause") : state.started ? this.t("resume") : this.t("start");
    run.setAttribute("aria-pressed", String(state.running));
    this.tick();
  };

  Room.prototype.tick = function () {
    var state = this.state(), spent = this.elapsed(state);
    var planned = this.minutes[state.current] * 60000, left = planned - spent.item;
    var timer = this.get("timer");
    timer.textContent = left >= 0 ? clock(left) : "−" + clock(left);
    timer.classList.toggle("tk-room-timer--over", left < 0);
    timer.classList.toggle("tk-room-timer--soon", left >= 0 && left <= 60000 && state.started);
    var pace = this.get("pace");
    if (!state.started) {
      pace.textContent = "";
    } else {
      var delta = spent.meeting - (this.offsets[state.current] * 60000 + Math.min(spent.item, planned));
      var key = Math.abs(delta) < 60000 ? "onTime" : delta > 0 ? "behind" : "ahead";
      pace.textContent = left < 0 ? this.t("over", { time: words(left) }) + " · " + this.t(key, { time: words(delta) })
        : this.t(key, { time: words(delta) });
    }
    if (!state.running) return;
    // Said once per item: one minute left, then time up.
    var mark = left <= 0 ? "up" : left <= 60000 ? "minute" : null;
    var said = this.warned || {};
    if (mark && said[state.current + mark] !== true) {
      said[state.current + "minute"] = true;
      if (mark === "up") said[state.current + "up"] = true;
      this.warned = said;
      this.announce(this.t(mark === "up" ? "timeUp" : "oneMinute"));
    }
  };

  T.start("tk-room", Room);
})();
