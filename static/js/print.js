// Shows a "print" button on the receipt; without JavaScript the browser's own print works.
(function () {
  "use strict";
  var button = document.getElementById("print");
  if (!button) { return; }
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
})();
