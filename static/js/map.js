// Adds to the post and inspector pages: a Leaflet map of the results (its posts are links),
// a click on the map to search from that point, and "use my location". Every page works
// without this script.
(function () {
  "use strict";

  function go(lat, lon) {
    var params = new URLSearchParams(window.location.search);
    ["q", "place", "page"].forEach(function (k) { params.delete(k); });
    params.set("lat", lat.toFixed(5));
    params.set("lon", lon.toFixed(5));
    var form = document.querySelector("form.search");
    // The form's action keeps its #answer, so the new page opens at the answer too.
    var url = new URL(form ? form.action : window.location.href, window.location.href);
    url.search = params.toString();
    window.location.assign(url.toString());
  }

  var locate = document.getElementById("locate");
  if (locate && "geolocation" in navigator) {
    locate.hidden = false;
    locate.addEventListener("click", function () {
      locate.disabled = true;
      navigator.geolocation.getCurrentPosition(
        function (pos) { go(pos.coords.latitude, pos.coords.longitude); },
        function () {
          locate.disabled = false;
          var note = document.createElement("p");
          note.className = "error-message";
          note.setAttribute("role", "alert");
          note.textContent = locate.getAttribute("data-error");
          locate.parentNode.appendChild(note);
        },
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
      );
    });
  }

  var holder = document.querySelector("[data-map]");
  var dataNode = document.getElementById("map-data");
  if (!holder || !dataNode || typeof L === "undefined") { return; }
  var data;
  try { data = JSON.parse(dataNode.textContent); } catch (e) { return; }
  var figure = document.getElementById("map-figure");
  if (figure) { figure.hidden = false; }

  // Not a tab stop of its own: its points are links, its zoom buttons are named in the
  // page's language, and the list next to it has everything it shows.
  var map = L.map(holder, { scrollWheelZoom: false, keyboard: false, zoomControl: false });
  L.control.zoom({ zoomInTitle: data.zoomIn, zoomOutTitle: data.zoomOut }).addTo(map);
  var tiles = L.tileLayer(data.tiles, { maxZoom: 19, attribution: data.attribution }).addTo(map);
  // No tile server (no internet, a blocked server): say so, once, instead of a grey box.
  tiles.once("tileerror", function () {
    holder.classList.add("map-no-tiles");
    var notice = document.getElementById("map-notice");
    if (notice) { notice.hidden = false; }
  });
  var drawn = {};
  var bounds = [];
  if (data.you) {
    L.circleMarker(data.you, { radius: 9, color: "#0b3d91", fillOpacity: 0.9, interactive: false })
      .addTo(map);
    drawn.you = true;
    bounds.push(data.you);
  }
  (data.posts || []).forEach(function (p) {
    var kind = p.future ? "future" : "post";
    var link = document.createElement("a");
    link.href = p.href;
    link.className = "map-pin map-pin-" + kind;
    link.title = p.name;
    var name = document.createElement("span");
    name.className = "visually-hidden";
    name.textContent = p.name;
    link.appendChild(name);
    var icon = L.divIcon({ html: link, className: "map-pin-holder", iconSize: [22, 22] });
    L.marker([p.lat, p.lon], { icon: icon, keyboard: false }).addTo(map);
    drawn[kind] = true;
    bounds.push([p.lat, p.lon]);
  });
  (data.shapes || []).forEach(function (rings) {
    L.polygon(rings, { color: "#0b3d91", weight: 2, fillOpacity: 0.08, interactive: false }).addTo(map);
    drawn.beat = true;
    rings.forEach(function (ring) { ring.forEach(function (pt) { bounds.push(pt); }); });
  });
  // The legend names only what this map shows.
  Array.prototype.forEach.call(document.querySelectorAll("#map-legend [data-key]"), function (item) {
    item.hidden = !drawn[item.getAttribute("data-key")];
  });
  if (bounds.length > 1) {
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 });
  } else if (bounds.length === 1) {
    map.setView(bounds[0], 16);
  } else {
    map.setView([47.1167, 51.9], 12);
  }
  if (document.querySelector("form.search")) {
    map.on("click", function (e) { go(e.latlng.lat, e.latlng.lng); });
  }
})();
