/* The published map in the browser. Every row, figure and word comes precomputed from geo.publish
 * (data.js): this file filters rows by date and kind, sizes markers from one kind's stated figures,
 * and puts the precomputed, already-escaped fragments in place. Interface words go in as text. */
(function () {
  "use strict";
  var D = window.GEO_PUBLISHED, B = window.GEO_BASEMAP, M = D.meta;
  var KINDS = D.kinds.map(function (k) { return k.id; });
  var $ = function (id) { return document.getElementById(id); };
  var state = {from: M.from, to: M.to, kinds: KINDS.slice(), lang: "en", site: null};

  // ---- the URL: ?site=, from=, to=, kind=, lang= (a shared link restores the view) ----
  function readUrl() {
    var q = new URLSearchParams(window.location.search);
    var iso = /^\d{4}-\d{2}-\d{2}$/;
    if (iso.test(q.get("from") || "")) { state.from = clampDate(q.get("from")); }
    if (iso.test(q.get("to") || "")) { state.to = clampDate(q.get("to")); }
    if (state.from > state.to) { state.from = M.from; state.to = M.to; }
    if (q.has("kind")) { state.kinds = q.get("kind").split(",").filter(function (k) { return KINDS.indexOf(k) >= 0; }); }
    if (q.get("lang") === "ko" || q.get("lang") === "en") { state.lang = q.get("lang"); }
    var site = q.get("site");
    state.site = D.sites.some(function (s) { return s.id === site; }) ? site : null;
  }
  function clampDate(d) { return d < M.from ? M.from : (d > M.to ? M.to : d); }
  function writeUrl() {
    var q = new URLSearchParams();
    if (state.from !== M.from) { q.set("from", state.from); }
    if (state.to !== M.to) { q.set("to", state.to); }
    if (state.kinds.length !== KINDS.length) { q.set("kind", state.kinds.join(",")); }  // empty stays empty
    if (state.lang !== "en") { q.set("lang", state.lang); }
    if (state.site) { q.set("site", state.site); }
    var s = q.toString();
    try {  // a sandboxed iframe or a file:// page may refuse: the view still works, only the link does not follow
      window.history.replaceState(null, "", window.location.pathname + (s ? "?" + s : "") + window.location.hash);
    } catch (e) { /* ignore */ }
  }

  function words() { return D.ui[state.lang]; }
  function fmt(template, n) { return template.replace("{n}", n.toLocaleString("en-US")); }
  function eventsWord(n) { return n === 1 ? words().event_1 : fmt(words().events_n, n); }
  function kindLabel(id) { var k = D.kinds.filter(function (x) { return x.id === id; })[0]; return k ? k.label[state.lang] : id; }

  // ---- the map: vendored Leaflet, the shipped basemap, no tiles, nothing from outside ----
  var map = L.map("map", {minZoom: 3, maxZoom: 12, zoomSnap: 0.5, attributionControl: true});
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Natural Earth");
  Object.keys(B.layers).forEach(function (name, i) {
    var pane = map.createPane("basemap-" + name);
    pane.style.zIndex = 350 + i;
    L.geoJSON(B.layers[name], {pane: "basemap-" + name, interactive: false, style: function (f) {
      var s = Object.assign({}, B.styles[name]);
      if (f.properties && B.fills[f.properties.iso_a2]) { s.fillColor = B.fills[f.properties.iso_a2]; }
      return s;
    }}).addTo(map);
  });
  // town, province and river names in the reader's language, decluttered (geo/web/placelabels.js, as in the app)
  var placeLabels = window.GeoPlaceLabels(map, B.places, state.lang);
  map.fitBounds(M.view);
  var routeLayer = L.featureGroup().addTo(map);
  var siteLayer = L.featureGroup().addTo(map);

  function scaled(value, largest, lo, hi) { return (largest <= 0 || value <= 0) ? lo : lo + (hi - lo) * Math.sqrt(value / largest); }

  function selection() {
    var kinds = {};
    state.kinds.forEach(function (k) { kinds[k] = true; });
    return D.events.filter(function (e) { return e.d1 >= state.from && e.d0 <= state.to && kinds[e.kind]; });
  }

  function draw(events) {
    var siteSize = D.sites.map(function () { return 0; }), siteCount = D.sites.map(function () { return 0; });
    var routes = {};
    events.forEach(function (e) {
      e.sites.forEach(function (i) { siteCount[i] += 1; });
      e.sized.forEach(function (i) { siteSize[i] += e.size; });
      if (e.route) {
        var r = routes[e.route] || (routes[e.route] = {size: 0, kinds: {}});
        r.size += e.size;
        r.kinds[e.kind] = (r.kinds[e.kind] || 0) + 1;
      }
    });
    routeLayer.clearLayers();
    siteLayer.clearLayers();
    Object.keys(routes).forEach(function (key) {
      var stops = key.split("-").map(Number), r = routes[key];
      var pts = stops.map(function (i) { return [D.sites[i].lat, D.sites[i].lon]; });
      var tip = "<b>" + stops.map(function (i) { return D.sites[i].name[state.lang]; }).join(" \u2192 ") + "</b>";
      Object.keys(r.kinds).forEach(function (k) { tip += "<br>" + escapeText(kindLabel(k) + ": " + eventsWord(r.kinds[k])); });
      L.polyline(pts, {color: M.route_colour, opacity: r.size ? 0.55 : 0.35, className: "route-line",
                       weight: r.size ? scaled(r.size, M.route_max, M.width[0], M.width[1]) : M.width[0]})
        .bindTooltip(tip, {sticky: true}).addTo(routeLayer);
    });
    D.sites.forEach(function (s, i) {
      var on = siteCount[i] > 0, chosen = s.id === state.site;
      if (s.radius_m && on) {
        L.circle([s.lat, s.lon], {radius: s.radius_m, color: s.fill, weight: 1, dashArray: M.approx_dash, fillOpacity: 0.06,
                                  interactive: false, className: "uncertainty-circle"}).addTo(siteLayer);
      }
      var marker = (L.shapeMarker || L.circleMarker)([s.lat, s.lon], {shape: s.shape,
        radius: on ? scaled(siteSize[i], M.size_max, M.radius[0], M.radius[1]) : M.radius[0],
        color: chosen ? "#000" : s.stroke, weight: chosen ? 4 : 2, dashArray: s.dash, fillColor: s.fill,
        fillOpacity: on ? 0.85 : 0.3, opacity: on ? 1 : 0.5, className: "site-marker site-" + i + " shape-" + s.shape + (chosen ? " selected" : "")});
      marker.bindTooltip(s.tip[state.lang] + "<br>" + escapeText(eventsWord(siteCount[i])), {sticky: true});
      marker.on("click", function () { select(s.id); });
      marker.addTo(siteLayer);
    });
  }

  function escapeText(t) { var d = document.createElement("div"); d.textContent = t; return d.innerHTML; }

  function renderCounts(events) {
    var box = $("counts"), w = words();
    box.textContent = "";
    var total = document.createElement("div");
    total.className = "total";
    total.textContent = eventsWord(events.length);
    box.appendChild(total);
    if (!events.length) {
      var empty = document.createElement("div");
      empty.className = "empty";
      empty.textContent = w.no_match;
      box.appendChild(empty);
      return;
    }
    var per = {};
    events.forEach(function (e) { per[e.kind] = (per[e.kind] || 0) + 1; });
    KINDS.filter(function (k) { return per[k]; }).forEach(function (k) {
      var row = document.createElement("div");
      row.className = "kind-count";
      row.dataset.kind = k;
      row.textContent = kindLabel(k) + ": " + eventsWord(per[k]);
      box.appendChild(row);
    });
  }

  function renderPanel(events) {
    var panel = $("panel"), layout = document.querySelector(".layout");
    if (!state.site) { panel.hidden = true; layout.classList.remove("with-panel"); return; }
    var i = -1;
    D.sites.forEach(function (s, k) { if (s.id === state.site) { i = k; } });
    var s = D.sites[i], w = words();
    var here = events.filter(function (e) { return e.sites.indexOf(i) >= 0; }).reverse();
    panel.textContent = "";
    var close = document.createElement("button");
    close.type = "button"; close.className = "close"; close.textContent = w.close;
    close.addEventListener("click", function () { select(null); });
    panel.appendChild(close);
    var head = document.createElement("div");
    head.className = "site-head";
    head.innerHTML = s.head[state.lang];  // built and escaped by geo.publish
    panel.appendChild(head);
    var h = document.createElement("h3");
    h.textContent = fmt(w.site_events, here.length);
    panel.appendChild(h);
    var list = document.createElement("ol");
    list.className = "events";
    list.innerHTML = here.slice(0, 200).map(function (e) { return e.html[state.lang]; }).join("");  // geo.export.html.event_item
    panel.appendChild(list);
    if (here.length > 200) {
      var more = document.createElement("p"); more.className = "muted"; more.textContent = fmt(w.more_events, here.length - 200);
      panel.appendChild(more);
    }
    var sh = document.createElement("h3");
    sh.textContent = w.site_sources;
    panel.appendChild(sh);
    var src = document.createElement("ul");
    src.className = "site-sources";
    src.innerHTML = s.sources[state.lang];
    panel.appendChild(src);
    panel.hidden = false;
    layout.classList.add("with-panel");
    map.invalidateSize({pan: false});
    if (!map.getBounds().contains([s.lat, s.lon])) { map.panTo([s.lat, s.lon]); }
  }

  function renderStatic() {
    var w = words();
    document.documentElement.lang = state.lang;
    document.title = w.title;
    $("title").textContent = w.title;
    $("lead").textContent = w.lead;
    $("l-from").textContent = w.from;
    $("l-to").textContent = w.to;
    $("l-kinds").textContent = w.kinds;
    $("reset").textContent = w.reset;
    $("hint").textContent = w.click_hint;
    $("size-note").textContent = w.size_note.replace("{kind}", kindLabel(M.size_kind)) + " " + w.kinds_note;
    $("l-downloads").textContent = w.downloads;
    $("dl-csv").textContent = w.dl_events_csv;
    $("dl-geojson").textContent = w.dl_events_geojson;
    $("dl-sources").textContent = w.dl_sources_csv;
    $("embed-link").textContent = w.embed;
    $("credit").textContent = w.title + " · " + M.credit[state.lang] + " · " + M.licence + " · Natural Earth · GeoNames (CC BY 4.0)";
    document.querySelectorAll(".langs button").forEach(function (b) { b.setAttribute("aria-pressed", String(b.dataset.lang === state.lang)); });
    var kinds = $("kinds");
    kinds.textContent = "";
    D.kinds.forEach(function (k) {
      var label = document.createElement("label"), box = document.createElement("input"), sw = document.createElement("span");
      box.type = "checkbox"; box.value = k.id; box.checked = state.kinds.indexOf(k.id) >= 0;
      box.addEventListener("change", function () {
        state.kinds = KINDS.filter(function (id) { return id === k.id ? box.checked : state.kinds.indexOf(id) >= 0; });
        update();
      });
      sw.className = "swatch"; sw.style.background = k.colour;
      label.appendChild(box); label.appendChild(sw); label.appendChild(document.createTextNode(k.label[state.lang]));
      kinds.appendChild(label);
    });
    var legend = $("legend");
    legend.textContent = "";
    var lh = document.createElement("b"); lh.textContent = w.site_layers; legend.appendChild(lh);
    D.site_kinds.forEach(function (k) {
      var row = document.createElement("div"), dot = document.createElement("span");
      dot.innerHTML = k.icon;  // the kind's marker shape: built by the publisher from its own constants, never data
      row.appendChild(dot); row.appendChild(document.createTextNode(k.label[state.lang]));
      legend.appendChild(row);
    });
    var ap = document.createElement("div"); ap.className = "muted"; ap.textContent = w.approx; legend.appendChild(ap);
    if (play) { play.setLang(state.lang); }
    placeLabels.setLang(state.lang);
  }

  function update() {
    $("from").value = state.from;
    $("to").value = state.to;
    var events = selection();
    draw(events);
    renderCounts(events);
    renderPanel(events);
    writeUrl();
    window.GEO_VIEW = {from: state.from, to: state.to, kinds: state.kinds.slice(), lang: state.lang, site: state.site,
                       events: events.length, zoom: map.getZoom()};
  }

  function select(id) { state.site = id; update(); }

  ["from", "to"].forEach(function (id) {
    $(id).min = M.from; $(id).max = M.to;
    $(id).addEventListener("change", function () {
      var v = $(id).value;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) { return; }
      state[id] = clampDate(v);
      if (state.from > state.to) { if (id === "from") { state.to = state.from; } else { state.from = state.to; } }
      if (play) { play.stop(); }
      update();
    });
  });
  $("reset").addEventListener("click", function () {
    state.from = M.from; state.to = M.to; state.kinds = KINDS.slice();
    if (play) { play.stop(); }
    renderStatic(); update();
  });
  document.querySelectorAll(".langs button").forEach(function (b) {
    b.addEventListener("click", function () { state.lang = b.dataset.lang; renderStatic(); update(); });
  });

  var play = null;
  readUrl();
  var playWords = {};
  Object.keys(D.ui).forEach(function (lang) {
    var u = D.ui[lang];
    playWords[lang] = {play: u.play, pause: u.pause, unit: u.unit, speed: u.speed, units: u.units, speeds: u.speeds};
  });
  play = window.GeoPlay.attach(map, {windows: D.windows, words: playWords, speeds: D.speeds, unit: "quarter",
                                     lang: state.lang, onStep: function (from, to) { state.from = from; state.to = to; update(); }});
  renderStatic();
  update();
  if (state.site) {
    var s = D.sites.filter(function (x) { return x.id === state.site; })[0];
    if (s) { map.setView([s.lat, s.lon], Math.max(map.getZoom(), 7)); }
  }
  document.body.classList.add("ready");
})();
