/* L.ShapeMarker: a circle marker drawn as the shape of its site kind (data/schema/site.schema.json,
   x-shapes), so kinds differ by shape as well as colour. It is a CircleMarker in every other way
   (radius in pixels, tooltip, popup, class names, hit-testing), with the same area as the circle of its
   radius, so sizes stay area-true across shapes. SVG renderer only; on another renderer it stays a circle.
   geo/styles.py draws the same shapes for the legends (shape_points: keep the two in step). */
(function () {
  if (typeof L === "undefined" || L.ShapeMarker) { return; }
  var ROOT3 = Math.sqrt(3);
  // each shape's outline for a radius r, as offsets from the centre (y down), scaled to the circle's area
  var SHAPES = {
    square: function (r) { var a = r * Math.sqrt(Math.PI) / 2; return [[-a, -a], [a, -a], [a, a], [-a, a]]; },
    diamond: function (r) { var d = r * Math.sqrt(Math.PI / 2); return [[0, -d], [d, 0], [0, d], [-d, 0]]; },
    triangle: function (r) {
      var c = r * Math.sqrt(4 * Math.PI / (3 * ROOT3));  // circumradius of the equilateral triangle
      return [[0, -c], [c * ROOT3 / 2, c / 2], [-c * ROOT3 / 2, c / 2]];
    },
    "triangle-down": function (r) {
      var c = r * Math.sqrt(4 * Math.PI / (3 * ROOT3));
      return [[0, c], [-c * ROOT3 / 2, -c / 2], [c * ROOT3 / 2, -c / 2]];
    },
    hexagon: function (r) {
      var c = r * Math.sqrt(2 * Math.PI / (3 * ROOT3)), out = [];
      for (var i = 0; i < 6; i++) { out.push([c * Math.cos(i * Math.PI / 3), c * Math.sin(i * Math.PI / 3)]); }
      return out;
    }
  };
  L.ShapeMarker = L.CircleMarker.extend({
    options: {shape: "circle"},
    _updatePath: function () {
      var outline = SHAPES[this.options.shape];
      if (!outline || !(this._renderer instanceof L.SVG)) { return L.CircleMarker.prototype._updatePath.call(this); }
      if (this._empty()) { this._renderer._setPath(this, "M0 0"); return; }
      var p = this._point, d = "";
      outline(this._radius).forEach(function (o, i) {
        d += (i ? "L" : "M") + (p.x + o[0]).toFixed(1) + " " + (p.y + o[1]).toFixed(1);
      });
      this._renderer._setPath(this, d + "z");
    }
  });
  L.shapeMarker = function (latlng, options) { return new L.ShapeMarker(latlng, options); };
})();
