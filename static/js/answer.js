// After a search the page opens at its answer (the form's action ends in #answer, which works
// without JavaScript); this moves the keyboard and screen-reader focus there too, once the
// browser has scrolled to it.
(function () {
  "use strict";
  function focusAnswer() {
    var answer = document.querySelector("[data-answer]");
    if (!answer || location.hash !== "#" + answer.id) { return; }
    var heading = answer.querySelector("h2");
    if (heading) { heading.focus({ preventScroll: true }); }
  }
  if (document.readyState === "complete") { focusAnswer(); }
  else { window.addEventListener("load", focusAnswer); }
})();
