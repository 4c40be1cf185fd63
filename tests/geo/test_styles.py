"""geo.styles: area-true sizes shared by the web map and the exports; every site kind and event kind
of the schema has a colour and a label."""

from __future__ import annotations

import math

import pytest

from geo import schemas
from geo.styles import (EVENT_KIND_COLOURS, EVENT_KIND_LABELS, EVENT_KINDS, KIND_COLOURS, KIND_LABELS, PRECISION_LABELS,
                        SIZE_KIND, scaled)


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
