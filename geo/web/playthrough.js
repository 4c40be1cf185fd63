/* The time play-through control (geo/timeplay.py decides the windows; this only steps through them).
 * Core Leaflet only. GeoPlay.attach(map, options) adds a play/pause button, a step unit and a speed
 * choice, and shows the current window's date large on the map. It never remounts the map: each step
 * calls options.onStep(from, to) and the page redraws its own layers.
 *   options.windows: {unit: [[from, to, {lang: label}], ...]} (geo.timeplay.windows_json)
 *   options.words: {lang: {play, pause, unit, speed, units: {unit: name}, speeds: {speed: name}}}
 *   options.speeds: {speed: milliseconds}; options.unit, options.speed, options.lang: the start values
 * Every text is set with textContent: nothing here parses HTML. */
(function () {
  "use strict";

  function el(tag, cls, parent) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (parent) { parent.appendChild(node); }
    return node;
  }

  function attach(map, options) {
    var state = {unit: options.unit || "quarter", speed: options.speed || "normal", lang: options.lang || "en",
                 index: -1, timer: null};
    var box = el("div", "geo-play leaflet-bar");
    var button = el("button", "geo-play-button", box);
    button.type = "button";
    var unit = el("select", "geo-play-unit", box);
    var speed = el("select", "geo-play-speed", box);
    var big = el("div", "geo-play-date", map.getContainer());
    big.setAttribute("aria-live", "polite");
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableClickPropagation(big);

    var Control = L.Control.extend({options: {position: options.position || "topleft"}, onAdd: function () { return box; }});
    new Control().addTo(map);

    function words() { return options.words[state.lang] || options.words.en; }
    function windows() { return options.windows[state.unit] || []; }

    function fill(select, keys, names, value) {
      select.textContent = "";
      keys.forEach(function (k) {
        var opt = el("option", null, select);
        opt.value = k;
        opt.textContent = names[k] || k;
        opt.selected = k === value;
      });
    }

    function render() {
      var w = words();
      button.textContent = state.timer ? "\u275A\u275A " + w.pause : "\u25B6 " + w.play;
      button.setAttribute("aria-pressed", state.timer ? "true" : "false");
      unit.setAttribute("aria-label", w.unit);
      speed.setAttribute("aria-label", w.speed);
      fill(unit, Object.keys(options.windows), w.units, state.unit);
      fill(speed, Object.keys(options.speeds), w.speeds, state.speed);
      var win = windows()[state.index];
      big.textContent = state.timer && win ? (win[2][state.lang] || win[2].en) : "";
      big.style.display = big.textContent ? "" : "none";
    }

    function step() {
      var list = windows();
      if (!list.length) { stop(); return; }
      state.index += 1;
      if (state.index >= list.length) { stop(); return; }
      var win = list[state.index];
      render();
      options.onStep(win[0], win[1], state.index);
    }

    function start() {
      if (state.timer) { return; }
      if (state.index >= windows().length - 1) { state.index = -1; }
      state.timer = window.setInterval(step, options.speeds[state.speed]);
      step();
      render();
    }

    function stop() {
      if (state.timer) { window.clearInterval(state.timer); }
      state.timer = null;
      render();
      if (options.onStop) { options.onStop(); }
    }

    button.addEventListener("click", function () { if (state.timer) { stop(); } else { start(); } });
    unit.addEventListener("change", function () { state.unit = unit.value; state.index = -1; if (state.timer) { stop(); start(); } });
    speed.addEventListener("change", function () {
      state.speed = speed.value;
      if (state.timer) { window.clearInterval(state.timer); state.timer = window.setInterval(step, options.speeds[state.speed]); }
    });
    render();
    return {
      stop: stop, start: start,
      playing: function () { return !!state.timer; },
      setLang: function (lang) { state.lang = lang; render(); }
    };
  }

  window.GeoPlay = {attach: attach};
})();
