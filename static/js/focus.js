// Moves the keyboard and screen-reader focus to what the page is about, once the browser has
// scrolled: a form's error summary (GOV.UK's pattern), or, after a search, the answer (the
// form's action ends in #answer, which without JavaScript scrolls there too), or the field a
// "Change" button leads back to.
(function () {
  "use strict";
  function focusAnswer() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) { summary.focus(); return; }
    // "Change" on the check page leads to a field (#body): the cursor goes there too.
    var field = location.hash.length > 1 && document.getElementById(location.hash.slice(1));
    if (field && /^(INPUT|SELECT|TEXTAREA)$/.test(field.tagName)) { field.focus(); return; }
    var answer = document.querySelector("[data-answer]");
    if (!answer || location.hash !== "#" + answer.id) { return; }
    var heading = answer.querySelector("h2");
    if (heading) { heading.focus({ preventScroll: true }); }
  }
  if (document.readyState === "complete") { focusAnswer(); }
  else { window.addEventListener("load", focusAnswer); }
})();
