/* toolkit-builder: a meeting's handouts in a projector view (opened from its room with
   ?view=projector): large type and nothing else on the screen; a link leaves it. */
(function () {
  "use strict";

  var T = window.ToolkitTools;

  function Projector(root) {
    if (!/(^|[?&])view=projector(&|$)/.test(window.location.search.slice(1))) return;
    document.documentElement.classList.add("tk-projector");
    root.hidden = false;
    var leave = root.querySelector("a");
    if (leave) {
      var url = new URL(window.location.href);
      url.search = "";
      leave.setAttribute("href", url.href);
    }
  }

  T.start("tk-projector", Projector);
})();
