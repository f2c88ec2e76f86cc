// Adds to the administrators' post form: a click on the map sets the coordinates, and the
// week of the typed hours is shown as they are typed. The form works without this script.
(function () {
  "use strict";
  var lat = document.getElementById("lat");
  var lon = document.getElementById("lon");

  var hours = document.getElementById("hours");
  var timer;
  if (hours && window.fetch) {
    hours.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var url = hours.getAttribute("data-preview") + "?hours=" + encodeURIComponent(hours.value);
        fetch(url, { credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.text() : null; })
          .then(function (html) {
            var old = document.getElementById("hours-preview");
            if (!html || !old) { return; }
            var holder = document.createElement("div");
            holder.innerHTML = html;
            var fresh = holder.querySelector("#hours-preview");
            // The live region stays; only what it says changes, so it is announced.
            if (fresh) { old.innerHTML = fresh.innerHTML; }
          })
          .catch(function () {});
      }, 300);
    });
  }

  var holder = document.getElementById("post-map");
  if (!holder || !lat || !lon || typeof L === "undefined") { return; }
  holder.hidden = false;
  var hint = document.createElement("p");
  hint.className = "hint";
  hint.textContent = holder.getAttribute("data-hint");
  holder.parentNode.insertBefore(hint, holder);
  var map = L.map(holder, { scrollWheelZoom: false });
  L.tileLayer(holder.getAttribute("data-tiles"), { maxZoom: 19 }).addTo(map);
  var number = function (v) { return parseFloat(String(v).replace(",", ".")); };
  var marker = null;
  function place(at) {
    if (marker) { marker.setLatLng(at); }
    else { marker = L.circleMarker(at, { radius: 9, color: "#176c2d", fillOpacity: 0.9, interactive: false }).addTo(map); }
  }
  var start = [number(lat.value), number(lon.value)];
  if (isFinite(start[0]) && isFinite(start[1])) { map.setView(start, 16); place(start); }
  else { map.setView([47.1167, 51.9], 12); }
  map.on("click", function (e) {
    lat.value = e.latlng.lat.toFixed(6);
    lon.value = e.latlng.lng.toFixed(6);
    place(e.latlng);
  });
})();
