"""geo.styles: area-true sizes shared by the web map and the exports; every site kind and event kind
of the schema has a colour and a label."""

from __future__ import annotations

import json
import math

import pytest

from geo import schemas
from geo.styles import (
    EVENT_KIND_COLOURS,
    EVENT_KIND_LABELS,
    EVENT_KINDS,
    KIND_COLOURS,
    KIND_LABELS,
    PRECISION_LABELS,
    SIZE_KIND,
    scaled,
)


def test_scaling_is_area_true_and_bounded():
    assert scaled(100, 400, 0, 10) == pytest.approx(5.0)  # a quarter of the people: half the radius
    assert scaled(400, 400, 2, 10) == 10
    assert scaled(0, 400, 2, 10) == 2 and scaled(5, 0, 2, 10) == 2  # nothing, or nothing to compare with
    widths = [scaled(v, 1000, 1.5, 14) for v in (1, 10, 100, 1000)]
    assert widths == sorted(widths) and all(1.5 <= w <= 14 for w in widths)
    assert (scaled(400, 400, 0, 1) / scaled(100, 400, 0, 1)) == pytest.approx(math.sqrt(4))


def test_every_event_kind_has_a_colour_and_a_label_and_sizes_default_to_returns():
    assert EVENT_KINDS == tuple(schemas.enum("events", "kind"))
    assert set(EVENT_KINDS) <= set(EVENT_KIND_COLOURS) and set(EVENT_KINDS) <= set(EVENT_KIND_LABELS)
    assert SIZE_KIND in EVENT_KINDS
    assert all(c.startswith("#") for c in EVENT_KIND_COLOURS.values())


def test_every_kind_and_precision_of_the_schema_is_styled():
    props = schemas.schema("site")["properties"]["properties"]["properties"]
    kinds = set(props["kind"]["enum"])
    assert kinds and kinds <= set(KIND_COLOURS) and kinds <= set(KIND_LABELS)
    assert set(props["precision"]["enum"]) <= set(PRECISION_LABELS)


def _area(points):
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1]))) / 2


def test_every_site_kind_has_its_own_shape_from_the_schema():
    """Kinds differ by shape as well as colour (WCAG 1.4.1): one shape per kind, each one the code can draw."""
    from geo.styles import KIND_SHAPES

    spec = schemas.schema("site")["properties"]["properties"]["properties"]["kind"]
    assert KIND_SHAPES == spec["x-shapes"] and set(KIND_SHAPES) == set(spec["enum"])
    assert len(set(KIND_SHAPES.values())) == len(KIND_SHAPES)
    assert set(KIND_SHAPES.values()) <= set(schemas.SHAPES)


@pytest.mark.parametrize("shape", [s for s in schemas.SHAPES if s != "circle"])
def test_each_shape_has_the_area_of_its_circle(shape):
    """Sizes stay area-true across shapes: a shape of radius r covers pi r squared, centred on the site."""
    from geo.styles import shape_points

    points = shape_points(shape, 10.0)
    assert _area(points) == pytest.approx(math.pi * 100, rel=1e-9)
    assert abs(sum(x for x, _ in points) / len(points)) < 1e-9 and abs(sum(y for _, y in points) / len(points)) < 1e-9
    assert shape_points("circle", 10.0) is None


def test_the_legend_shape_is_inline_svg_of_constants():
    from geo.styles import shape_svg

    svg = shape_svg("triangle", "#332288")
    assert svg.startswith('<svg class="legend-shape shape-triangle"') and 'aria-hidden="true"' in svg
    assert svg.count("<polygon") == 1 and 'fill="#332288"' in svg
    assert "<circle" in shape_svg("circle", "#332288")


def test_every_event_kind_has_its_own_line_pattern_from_the_schema():
    from geo.styles import EVENT_KIND_DASHES

    spec = schemas.schema("events")["properties"]["kind"]
    assert EVENT_KIND_DASHES == spec["x-line-dashes"] and set(EVENT_KIND_DASHES) == set(spec["enum"])
    assert len(set(EVENT_KIND_DASHES.values())) == len(EVENT_KIND_DASHES)


def test_a_missing_bad_or_shared_line_pattern_is_reported():
    sch = json.loads(json.dumps(schemas.schema("events")))
    kind = sch["properties"]["kind"]
    del kind["x-line-dashes"]["arrest"]
    kind["x-line-dashes"]["trial"] = "4 x"
    kind["x-line-dashes"]["execution"] = kind["x-line-dashes"]["transfer"]
    found = schemas.missing_vocabulary(lambda name: sch if name == "events" else schemas.schema(name))
    assert any("'arrest' has no line pattern" in f for f in found)
    assert any("'trial' has no line pattern" in f for f in found)
    assert any("two values share a line pattern" in f for f in found)
    assert schemas.missing_vocabulary() == []


def test_a_missing_or_shared_shape_is_reported():
    sch = json.loads(json.dumps(schemas.schema("site")))
    kind = sch["properties"]["properties"]["properties"]["kind"]
    del kind["x-shapes"]["border-crossing"]
    kind["x-shapes"]["holding-centre"] = kind["x-shapes"]["detention-centre"]
    found = schemas.missing_vocabulary(lambda name: sch if name == "site" else schemas.schema(name))
    assert any("'border-crossing' has no marker shape" in f for f in found)
    assert any("two values share a marker shape" in f for f in found)
