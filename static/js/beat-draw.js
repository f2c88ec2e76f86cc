// Adds to a beat's page: the boundary on a map, and a small editor: each click on the map adds
// a corner, "Use this outline" closes the ring and writes it as GeoJSON into the boundary
// field, which is then checked and saved like a pasted one. Without this script the field
// takes pasted GeoJSON.
(function () {
  "use strict";
  var holder = document.getElementById("beat-map");
  var field = document.getElementById("boundary");
  if (!holder || !field || typeof L === "undefined") { return; }
  holder.hidden = false;
  var map = L.map(holder, { scrollWheelZoom: false, doubleClickZoom: false, keyboard: false });
  L.tileLayer(holder.getAttribute("data-tiles"), { maxZoom: 19 }).addTo(map);
  var current = null;
  try {
    var stored = JSON.parse(field.value);
    if (stored && stored.coordinates) {
      current = L.polygon(stored.coordinates.map(function (ring) {
        return ring.map(function (p) { return [p[1], p[0]]; });
      }), { color: "#0b3d91", weight: 2, fillOpacity: 0.08, interactive: false }).addTo(map);
    }
  } catch (e) { current = null; }
  if (current) { map.fitBounds(current.getBounds(), { padding: [16, 16] }); }
  else { map.setView([47.1167, 51.9], 12); }

  var corners = [];
  var line = L.polyline([], { color: "#b10e1e", weight: 3, interactive: false }).addTo(map);
  var status = document.createElement("p");
  status.className = "hint";
  status.setAttribute("aria-live", "polite");
  status.id = "draw-status";
  var use = document.createElement("button");
  use.type = "button";
  use.className = "secondary";
  use.id = "draw-use";
  use.textContent = holder.getAttribute("data-use");
  var clear = document.createElement("button");
  clear.type = "button";
  clear.className = "secondary";
  clear.id = "draw-clear";
  clear.textContent = holder.getAttribute("data-clear");
  var tools = document.createElement("p");
  tools.appendChild(use);
  tools.appendChild(document.createTextNode(" "));
  tools.appendChild(clear);
  holder.parentNode.insertBefore(status, holder.nextSibling);
  holder.parentNode.insertBefore(tools, status.nextSibling);
  function say() {
    status.textContent = holder.getAttribute("data-count").replace("%n", String(corners.length));
    use.disabled = corners.length < 3;
  }
  say();
  map.on("click", function (e) {
    corners.push([e.latlng.lng, e.latlng.lat]);
    line.setLatLngs(corners.map(function (p) { return [p[1], p[0]]; }));
    say();
  });
  use.addEventListener("click", function () {
    if (corners.length < 3) { return; }
    var ring = corners.map(function (p) { return [Number(p[0].toFixed(6)), Number(p[1].toFixed(6))]; });
    ring.push(ring[0]);
    field.value = JSON.stringify({ type: "Polygon", coordinates: [ring] });
    field.focus();
  });
  clear.addEventListener("click", function () {
    corners = [];
    line.setLatLngs([]);
    say();
  });
})();
