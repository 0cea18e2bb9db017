// The partnership atlas: a coarse world outline we ship ourselves, an optional tile layer,
// partner organisations as dots and a line between the partners of each partnership.
// Everything is also listed in the table below the map (text alternative).
(function () {
  "use strict";

  // Same colours as .kind-* in network-data.css.
  var KIND_COLOURS = {
    twinning: "#1d4f91",
    cooperation: "#b3261e",
    friendship: "#1b7a3d",
    memorandum: "#8a4f00"
  };
  var OTHER_COLOUR = "#6b6b6b";
  // Above this many lines, draw one multi-line per kind: fast, but without popups.
  var MAX_INTERACTIVE_LINES = 3000;

  function colour(kind) {
    return KIND_COLOURS[kind] || OTHER_COLOUR;
  }

  // Every string from the data reaches the DOM through textContent, never innerHTML:
  // Leaflet treats string tooltips and popups as HTML.
  function textNode(tag, text, className) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    node.textContent = text;
    return node;
  }

  function paragraph(className, text) {
    return textNode("p", text, className);
  }

  function setStatus(text) {
    var status = document.getElementById("atlas-status");
    if (status) {
      status.textContent = text;
    }
  }

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status + " " + response.statusText);
        }
        return response.json();
      });
  }

  function drawData(map, el, data) {
    var orgs = {};
    var canvas = L.canvas({ padding: 0.5 });
    var dots = L.layerGroup();
    data.organisations.forEach(function (o) {
      // o = [id, name, lat, lon, country]
      orgs[o[0]] = o;
      var marker = L.circleMarker([o[2], o[3]], {
        renderer: canvas,
        radius: 4,
        weight: 1,
        color: "#0f2d57",
        fillColor: "#ffffff",
        fillOpacity: 1
      });
      // A DOM node, never an HTML string: names come from users and imports.
      marker.bindTooltip(textNode("span", o[1] + " (" + o[4] + ")"));
      dots.addLayer(marker);
    });

    var lines = L.layerGroup();
    var interactive = data.partnerships.length <= MAX_INTERACTIVE_LINES;
    var byKind = {};
    data.partnerships.forEach(function (p) {
      // p = [id, title, kind, status, signed year, [organisation ids]]
      var points = p[5].map(function (id) { return orgs[id]; }).filter(Boolean);
      if (points.length < 2) {
        return;
      }
      var segments = [];
      for (var i = 0; i < points.length; i++) {
        for (var j = i + 1; j < points.length; j++) {
          segments.push([[points[i][2], points[i][3]], [points[j][2], points[j][3]]]);
        }
      }
      if (!interactive) {
        (byKind[p[2]] = byKind[p[2]] || []).push.apply(byKind[p[2]], segments);
        return;
      }
      var line = L.polyline(segments, {
        renderer: canvas,
        color: colour(p[2]),
        weight: 2,
        opacity: p[3] === "active" ? 0.8 : 0.35
      });
      var popup = document.createElement("div");
      popup.appendChild(paragraph("atlas-popup-title", p[1]));
      var meta = (data.kinds[p[2]] || p[2]) + " · " + (data.statuses[p[3]] || p[3]);
      if (p[4]) {
        meta += " · " + el.dataset.labelSigned + " " + p[4];
      }
      popup.appendChild(paragraph("atlas-popup-meta", meta));
      popup.appendChild(paragraph("atlas-popup-meta", el.dataset.labelPartners + ": " +
        points.map(function (o) { return o[1]; }).join(", ")));
      line.bindPopup(popup);
      lines.addLayer(line);
    });
    Object.keys(byKind).forEach(function (kind) {
      lines.addLayer(L.polyline(byKind[kind], {
        renderer: canvas, color: colour(kind), weight: 1, opacity: 0.5, interactive: false
      }));
    });
    lines.addTo(map);
    dots.addTo(map);
  }

  function init() {
    var el = document.getElementById("atlas-map");
    if (!el || !window.L || !window.fetch) {
      return;
    }
    var map = L.map(el, { worldCopyJump: true, minZoom: 1, maxZoom: 12 }).setView([35, 0], 2);
    map.attributionControl.setPrefix(false);
    if (el.dataset.tiles) {
      L.tileLayer(el.dataset.tiles, { maxZoom: 18 }).addTo(map);
    }
    // The land outline sits in its own pane, under the lines and the dots.
    map.createPane("land");
    map.getPane("land").style.zIndex = 250;
    setStatus(el.dataset.labelLoading);
    getJSON(el.dataset.world)
      .then(function (world) {
        if (!el.dataset.tiles) {
          L.geoJSON(world, {
            pane: "land",
            interactive: false,
            style: { color: "#9aa9bb", weight: 1, fillColor: "#f4f1ea", fillOpacity: 1 }
          }).addTo(map);
        }
      })
      .catch(function () { /* the map still works without the outline */ })
      .then(function () { return getJSON(el.dataset.url); })
      .then(function (data) {
        drawData(map, el, data);
        setStatus(el.dataset.labelLoaded);
      })
      .catch(function () {
        setStatus(el.dataset.labelError);
      });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
