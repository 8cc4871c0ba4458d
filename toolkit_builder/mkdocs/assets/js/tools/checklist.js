/* toolkit-builder: checklists with real boxes (a meeting's preparation, handouts, materials).
   The boxes work on their own; this keeps their ticks in the browser, per meeting and list,
   shared by the pages that show the same list (meeting page, facilitator guide, room). */
(function () {
  "use strict";

  var T = window.ToolkitTools;

  function Checklist(root) {
    this.root = root;
    this.store = T.storeFor(root);
    this.list = root.getAttribute("data-tk-list") || "";
    this.boxes = Array.prototype.slice.call(root.querySelectorAll("input[type=checkbox][data-tk-item]"));
    var self = this;
    this.boxes.forEach(function (box) {
      box.addEventListener("change", function () { self.save(box); });
    });
    this.store.onChange(function () { self.render(); });
    this.render();
  }

  Checklist.prototype.ticks = function () {
    var ticks = this.store.read().checks[this.list];
    return T.plainObject(ticks) ? ticks : {};
  };

  Checklist.prototype.render = function () {
    var ticks = this.ticks();
    this.boxes.forEach(function (box) { box.checked = ticks[box.getAttribute("data-tk-item")] === true; });
  };

  Checklist.prototype.save = function (box) {
    var list = this.list;
    this.store.update(function (record) {
      var ticks = T.plainObject(record.checks[list]) ? record.checks[list] : (record.checks[list] = {});
      if (box.checked) ticks[box.getAttribute("data-tk-item")] = true;
      else delete ticks[box.getAttribute("data-tk-item")];
    });
  };

  T.start("tk-checklist", Checklist);
})();
