// Adds to the post and inspector pages: a Leaflet map of the results, a click on the map to
// search from that point, and "use my location". Every page works without this script.
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

  var map = L.map(holder, { scrollWheelZoom: false });
  L.tileLayer(data.tiles, { maxZoom: 19, attribution: data.attribution }).addTo(map);
  var bounds = [];
  if (data.you) {
    L.circleMarker(data.you, { radius: 9, color: "#0b3d91", fillOpacity: 0.9 })
      .addTo(map).bindTooltip(data.youLabel);
    bounds.push(data.you);
  }
  (data.posts || []).forEach(function (p) {
    var marker = L.circleMarker([p.lat, p.lon], {
      radius: 7, color: p.future ? "#7a4b00" : "#176c2d", fillOpacity: 0.8
    }).addTo(map);
    var link = document.createElement("a");
    link.href = p.href;
    link.textContent = p.name;
    marker.bindPopup(link);
    bounds.push([p.lat, p.lon]);
  });
  (data.shapes || []).forEach(function (rings) {
    L.polygon(rings, { color: "#0b3d91", weight: 2, fillOpacity: 0.08 }).addTo(map);
    rings.forEach(function (ring) { ring.forEach(function (pt) { bounds.push(pt); }); });
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
