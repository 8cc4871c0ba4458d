/* toolkit-builder: Escape hides the expansion of the abbreviation under the focus or the
   pointer (WCAG 1.4.13, content on hover or focus is dismissible). Everything else works
   without this script; it only adds the Escape key. */
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
