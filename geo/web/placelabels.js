/* Place labels on the offline basemap (data/basemap/places.geojson): towns and cities, provinces,
   the Yalu and Tumen rivers, in the interface language. Core Leaflet only.

   Decluttered by zoom and by collision: a label shows from its `minzoom` (provinces also stop at
   `maxzoom`); labels are placed in order of importance, a town's label on the first free side of
   its dot (right, left, above, below), never over a label already placed, on the side that covers
   the least of the site markers. Labels draw above the markers (with a white halo) and never take
   a click. The app, its HTML export and the published map all use it. */
(function () {
  "use strict";
  var KIND_ORDER = {capital: 0, city: 1, river: 2, town: 3, province: 4};
  var PAD = 2;

  function nameOf(p, lang) { return p["name_" + lang] || p.name_en; }

  function GeoPlaceLabels(map, collection, lang) {
    var paneName = "place-labels";
    var pane = map.getPane(paneName) || map.createPane(paneName);
    pane.style.zIndex = 450;  // above the basemap and the site markers (overlays, 400): read, never clicked
    pane.style.pointerEvents = "none";
    var items = (collection && collection.features || []).map(function (f) {
      var p = f.properties, el = document.createElement("div"), dot = null;
      el.className = "place-label place-" + p.kind;
      el.setAttribute("data-place", p.id);
      el.setAttribute("aria-hidden", "true");  // the text alternative beside the map names the places that matter
      el.style.visibility = "hidden";
      pane.appendChild(el);
      if (p.kind !== "province" && p.kind !== "river") {
        dot = document.createElement("div");
        dot.className = "place-dot place-dot-" + p.kind;
        dot.style.visibility = "hidden";
        pane.appendChild(dot);
      }
      return {p: p, el: el, dot: dot, ll: L.latLng(f.geometry.coordinates[1], f.geometry.coordinates[0]), w: 0, h: 0};
    });
    items.sort(function (a, b) {
      return (KIND_ORDER[a.p.kind] - KIND_ORDER[b.p.kind]) || (a.p.minzoom - b.p.minzoom) ||
             ((b.p.population || 0) - (a.p.population || 0));
    });

    function setLang(next) {
      lang = next || "en";
      items.forEach(function (it) {
        it.el.textContent = nameOf(it.p, lang);
        it.el.lang = lang;
        it.w = 0;  // measure again
      });
      layout();
    }

    function overlaps(box, boxes) {
      for (var i = 0; i < boxes.length; i++) {
        var o = boxes[i];
        if (box[0] < o[2] && box[2] > o[0] && box[1] < o[3] && box[3] > o[1]) { return true; }
      }
      return false;
    }

    function coverage(box, boxes) {  // pixels of `boxes` that `box` covers
      var sum = 0;
      for (var i = 0; i < boxes.length; i++) {
        var o = boxes[i], w = Math.min(box[2], o[2]) - Math.max(box[0], o[0]), h = Math.min(box[3], o[3]) - Math.max(box[1], o[1]);
        if (w > 0 && h > 0) { sum += w * h; }
      }
      return sum;
    }

    function markerBoxes() {  // the site markers shown now, as boxes in layer pixels
      var out = [];
      map.eachLayer(function (layer) {
        if (layer instanceof L.CircleMarker && !(layer instanceof L.Circle) && layer._point) {
          var r = (layer._radius || 4) + 1;
          out.push([layer._point.x - r, layer._point.y - r, layer._point.x + r, layer._point.y + r]);
        }
      });
      return out;
    }

    function layout() {
      if (!map._loaded) { return; }
      var z = map.getZoom(), placed = [], markers = markerBoxes();
      items.forEach(function (it) {
        var p = it.p, el = it.el;
        var hide = function () {
          el.style.visibility = "hidden"; el.classList.remove("placed");
          if (it.dot) { it.dot.style.visibility = "hidden"; }
        };
        if (z < p.minzoom || (p.maxzoom && z > p.maxzoom)) { hide(); return; }
        if (!it.w) {  // measure once per language
          el.style.transform = "";
          it.w = el.offsetWidth; it.h = el.offsetHeight;
        }
        var pt = map.latLngToLayerPoint(it.ll), w = it.w, h = it.h, candidates, dotBox = null;
        if (p.kind === "province" || p.kind === "river") {
          // centred on its anchor; a river's text turns along the river (its box is kept upright and generous)
          var a = Math.abs((p.angle || 0) * Math.PI / 180);
          var bw = w * Math.cos(a) + h * Math.sin(a), bh = w * Math.sin(a) + h * Math.cos(a);
          candidates = [[pt.x - w / 2, pt.y - h / 2, [pt.x - bw / 2, pt.y - bh / 2, pt.x + bw / 2, pt.y + bh / 2]]];
        } else {
          var g = 5;  // gap between the dot's centre and the text
          dotBox = [pt.x - 3, pt.y - 3, pt.x + 3, pt.y + 3];
          if (overlaps(dotBox, placed)) { hide(); return; }
          candidates = [
            [pt.x + g, pt.y - h / 2],          // right of the dot
            [pt.x - g - w, pt.y - h / 2],      // left of it
            [pt.x - w / 2, pt.y - g + 1 - h],  // above
            [pt.x - w / 2, pt.y + g - 1]       // below
          ].map(function (c) { return [c[0], c[1], [c[0] - PAD, c[1] - PAD, c[0] + w + PAD, c[1] + h + PAD]]; });
        }
        var free = candidates.filter(function (c) { return !overlaps(c[2], placed); });
        // the side that covers the least of the site markers (first in order among equals)
        var best = null, bestCost = Infinity;
        free.forEach(function (c) {
          var cost = coverage(c[2], markers);
          if (cost < bestCost - 0.5) { best = c; bestCost = cost; }
        });
        if (!best) { hide(); return; }
        placed.push(best[2]);
        if (dotBox) {
          placed.push(dotBox);
          L.DomUtil.setPosition(it.dot, L.point(Math.round(pt.x), Math.round(pt.y)));
          it.dot.style.visibility = "visible";
        }
        var rotate = p.kind === "river" && p.angle ? " rotate(" + p.angle + "deg)" : "";
        el.style.transform = "translate3d(" + Math.round(best[0]) + "px," + Math.round(best[1]) + "px,0)" + rotate;
        el.style.visibility = "visible";
        el.classList.add("placed");
      });
    }

    var pending = null;
    function later() {  // the app swaps its site layer after the base: lay out again once it is in
      if (pending) { clearTimeout(pending); }
      pending = setTimeout(function () { pending = null; layout(); }, 30);
    }
    map.on("zoomstart", function () { pane.style.display = "none"; });
    map.on("zoomend viewreset", function () { pane.style.display = ""; layout(); });
    map.on("layeradd layerremove", later);
    if (map.attributionControl) { map.attributionControl.addAttribution("Places: GeoNames (CC BY 4.0)"); }
    map.whenReady(function () { setLang(lang); });
    return {setLang: setLang, layout: layout, items: items};
  }

  window.GeoPlaceLabels = GeoPlaceLabels;
})();
