/* toolkit-builder: the action plan the team keeps. The page's form (hidden without JavaScript,
   where the printed table is the plan) becomes live: any number of actions per milestone, kept
   in the browser as they are typed, exported as CSV or JSON, imported back, printed as a table. */
(function () {
  "use strict";

  var T = window.ToolkitTools;
  var F = window.ToolkitFiles;

  function ActionPlan(root) {
    this.root = root;
    this.store = T.storeFor(root);
    this.t = T.strings(root);
    this.form = root.querySelector(".tk-plan-form");
    this.row = root.querySelector("template[data-tk-row]");
    this.message = root.querySelector(".tk-plan-message");
    this.status = root.querySelector(".tk-plan-status");
    this.meetings = Array.prototype.slice.call(root.querySelectorAll("[data-tk-meeting]"));
    if (!this.form || !this.row || !this.meetings.length) return;
    this.labels = {};
    var self = this;
    F.STATUSES.forEach(function (code) { self.labels[code] = self.t(code); });
    this.form.hidden = false;
    root.classList.add("tk-plan--live");
    document.documentElement.classList.add("tk-print-landscape"); // the plan prints across (tools.css)
    this.meetings.forEach(function (section) { self.wire(section); });
    root.querySelector("[data-tk-export=csv]").addEventListener("click", function () { self.exportCsv(); });
    root.querySelector("[data-tk-export=json]").addEventListener("click", function () { self.exportJson(); });
    root.querySelector("[data-tk-clear]").addEventListener("click", function () { self.clear(); });
    var input = root.querySelector("input[type=file]");
    input.addEventListener("change", function () {
      self.importFile(input.files && input.files[0]);
      input.value = "";
    });
    this.store.onChange(function () { self.render(); });
    this.render();
  }

  ActionPlan.prototype.ids = function () {
    return this.meetings.map(function (section) { return section.getAttribute("data-tk-meeting"); });
  };

  ActionPlan.prototype.field = function (section, name) {
    var found = section.querySelector('[data-tk-field="' + name + '"]');
    return found ? T.plainText(found) : "";
  };

  ActionPlan.prototype.wire = function (section) {
    var self = this;
    var id = section.getAttribute("data-tk-meeting");
    section.querySelector("[data-tk-add]").addEventListener("click", function () {
      self.save(function (entry) { entry.actions.push({ action: "", who: "", due: "", status: "not-started", notes: "" }); }, id);
      self.render();
      var inputs = section.querySelectorAll('[data-tk-name="action"]');
      if (inputs.length) inputs[inputs.length - 1].focus();
    });
    section.querySelector("[data-tk-produced]").addEventListener("input", function (event) {
      self.save(function (entry) { entry.produced = event.target.value; }, id);
      self.renderPrint();
    });
  };

  /* Change one meeting's entry of the plan and keep it. */
  ActionPlan.prototype.save = function (change, id) {
    var self = this;
    var kept = this.store.update(function (record) {
      var entry = record.plan[id];
      if (!T.plainObject(entry)) entry = record.plan[id] = { produced: "", actions: [] };
      if (!Array.isArray(entry.actions)) entry.actions = [];
      change(entry);
    });
    if (!kept) this.status.textContent = self.t("full");
  };

  /* The plan as stored, every value read as text (storage is never trusted either). */
  ActionPlan.prototype.plan = function () {
    var stored = this.store.read().plan, plan = {};
    this.ids().forEach(function (id) {
      var entry = T.plainObject(stored[id]) ? stored[id] : {};
      var actions = Array.isArray(entry.actions) ? entry.actions.filter(T.plainObject) : [];
      plan[id] = {
        produced: typeof entry.produced === "string" ? entry.produced : "",
        actions: actions.map(function (a) {
          return { action: String(a.action || ""), who: String(a.who || ""), due: T.parseDate(a.due) ? a.due : "",
                   status: F.STATUSES.indexOf(a.status) >= 0 ? a.status : "not-started", notes: String(a.notes || "") };
        })
      };
    });
    return plan;
  };

  ActionPlan.prototype.render = function () {
    var self = this, plan = this.plan();
    this.meetings.forEach(function (section) {
      var id = section.getAttribute("data-tk-meeting");
      var produced = section.querySelector("[data-tk-produced]");
      if (document.activeElement !== produced) produced.value = plan[id].produced;
      var list = section.querySelector(".tk-plan-actions");
      var focused = list.contains(document.activeElement) ? document.activeElement : null;
      if (focused) return; // never rebuild the row being typed in
      list.textContent = "";
      plan[id].actions.forEach(function (action, index) { list.appendChild(self.actionRow(id, index, action)); });
    });
    this.renderPrint();
  };

  ActionPlan.prototype.actionRow = function (id, index, action) {
    var self = this;
    var item = this.row.content.firstElementChild.cloneNode(true);
    var number = index + 1;
    item.querySelector("[data-tk-legend]").textContent = this.t("legend", { number: number });
    item.querySelectorAll("[data-tk-name]").forEach(function (input) {
      var name = input.getAttribute("data-tk-name");
      var inputId = "plan-" + id + "-" + number + "-" + name;
      input.id = inputId;
      item.querySelector('[data-tk-for="' + name + '"]').setAttribute("for", inputId);
      input.value = action[name];
      input.addEventListener(input.tagName === "SELECT" ? "change" : "input", function () {
        self.save(function (entry) {
          if (T.plainObject(entry.actions[index])) entry.actions[index][name] = input.value;
        }, id);
        self.renderPrint();
      });
    });
    var remove = item.querySelector("[data-tk-remove]");
    remove.textContent = this.t("remove", { number: number });
    remove.addEventListener("click", function () {
      if (!window.confirm(self.t("confirmRemove"))) return;
      self.save(function (entry) { entry.actions.splice(index, 1); }, id);
      self.render();
      self.root.querySelector('[data-tk-meeting="' + id + '"] [data-tk-add]').focus();
    });
    return item;
  };

  /* The rows of the plan as the files hold them: one per action, or one per meeting without. */
  ActionPlan.prototype.rows = function () {
    var self = this, plan = this.plan(), rows = [];
    this.meetings.forEach(function (section) {
      var id = section.getAttribute("data-tk-meeting");
      var head = [self.field(section, "part"), self.field(section, "meeting"), self.field(section, "milestone")];
      var actions = plan[id].actions.length ? plan[id].actions : [null];
      actions.forEach(function (a) {
        rows.push(head.concat(a ? [a.action, a.who, a.due, self.labels[a.status], a.notes] : ["", "", "", "", ""]));
      });
    });
    return rows;
  };

  ActionPlan.prototype.header = function () {
    var t = this.t;
    return ["colPart", "colMeeting", "colMilestone", "colAction", "colWho", "colDue", "colStatus", "colNotes"].map(
      function (key) { return t(key); });
  };

  ActionPlan.prototype.exportCsv = function () {
    T.download(this.t("file") + ".csv", "text/csv;charset=utf-8", F.toCsv([this.header()].concat(this.rows())));
  };

  ActionPlan.prototype.exportJson = function () {
    var self = this, plan = this.plan();
    var data = {
      format: "toolkit-builder action plan", schema: T.SCHEMA, language: T.language(),
      meetings: this.meetings.map(function (section) {
        var id = section.getAttribute("data-tk-meeting");
        return { id: id, part: self.field(section, "part"), meeting: self.field(section, "meeting"),
                 milestone: self.field(section, "milestone"), produced: plan[id].produced, actions: plan[id].actions };
      })
    };
    T.download(this.t("file") + ".json", "application/json", JSON.stringify(data, null, 2) + "\n");
  };

  ActionPlan.prototype.refuse = function (reason) {
    this.status.textContent = "";
    this.message.textContent = this.t("bad", { reason: this.t(reason) });
  };

  ActionPlan.prototype.importFile = function (file) {
    var self = this;
    if (!file) return;
    var name = (file.name || "").toLowerCase();
    var kind = /\.json$/.test(name) ? "json" : /\.csv$/.test(name) ? "csv" : null;
    if (!kind) { this.refuse("type"); return; }
    F.readFile(file, function (text) {
      var plan;
      try {
        if (kind === "json") {
          plan = F.planFromJson(text, self.ids(), self.labels);
        } else {
          var numbers = {};
          self.meetings.forEach(function (s) { numbers[s.getAttribute("data-tk-number")] = s.getAttribute("data-tk-meeting"); });
          plan = F.planFromCsv(text, numbers, self.labels);
        }
      } catch (error) {
        self.refuse(/^[a-z]+$/.test(error.message) ? error.message : "shape");
        return;
      }
      var count = 0;
      Object.keys(plan).forEach(function (id) { count += plan[id].actions.length; });
      self.store.update(function (record) { record.plan = plan; });
      self.message.textContent = "";
      self.render();
      self.status.textContent = self.t("imported", { count: new Intl.NumberFormat(T.language()).format(count) });
    }, function (error) { self.refuse(error.message); });
  };

  ActionPlan.prototype.clear = function () {
    if (!window.confirm(this.t("confirmClear"))) return;
    this.store.clear();
    this.message.textContent = "";
    this.render();
    this.status.textContent = this.t("cleared");
  };

  /* What printing the page prints: the plan as a table (landscape, see print.css), as text. */
  ActionPlan.prototype.renderPrint = function () {
    var out = this.root.querySelector(".tk-plan-print");
    if (!out) return;
    var table = T.el("table");
    table.appendChild(T.el("caption", {}, this.t("printCaption")));
    var columns = table.appendChild(T.el("colgroup"));
    ["meeting", "milestone", "action", "who", "due", "status", "notes"].forEach(function (name) {
      columns.appendChild(T.el("col", { className: "tk-plan-print__" + name }));
    });
    var head = T.el("tr");
    this.header().slice(1).forEach(function (label) { head.appendChild(T.el("th", { scope: "col" }, label)); });
    table.appendChild(T.el("thead")).appendChild(head);
    var body = table.appendChild(T.el("tbody"));
    var plan = this.plan(), self = this;
    this.meetings.forEach(function (section) {
      var id = section.getAttribute("data-tk-meeting");
      var actions = plan[id].actions.length ? plan[id].actions : [null];
      actions.forEach(function (a, index) {
        var tr = body.appendChild(T.el("tr"));
        if (index === 0) {
          var span = String(actions.length);
          tr.appendChild(T.el("th", { scope: "row", rowspan: span }, self.field(section, "meeting")));
          var milestone = tr.appendChild(T.el("td", { rowspan: span }, self.field(section, "milestone")));
          if (plan[id].produced) milestone.appendChild(T.el("p", {}, self.t("colProduced") + ": " + plan[id].produced));
        }
        var status = a ? self.labels[a.status] : "";
        var due = a && T.parseDate(a.due) ? T.formatDate(T.parseDate(a.due), { dateStyle: "medium" }) : "";
        [a ? a.action : "", a ? a.who : "", due, status, a ? a.notes : ""].forEach(function (value) {
          tr.appendChild(T.el("td", { className: a ? null : "tk-write-in" }, value)); // room to write by hand
        });
      });
    });
    out.textContent = "";
    out.appendChild(table);
  };

  T.start("tk-action-plan", ActionPlan);
})();
