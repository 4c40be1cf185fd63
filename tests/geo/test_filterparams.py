"""geo.filterparams: the one Filters ↔ query-string conversion (app URL, export cache key, CLI --view)."""

from __future__ import annotations

from datetime import date

import pytest

from geo.errors import UsageError
from geo.filterparams import PARAMS, from_params, parse_query, to_params
from geo.query import Filters

ALLOWED = {
    "kind": ("arrest", "detention", "repatriation"),
    "confidence": ("confirmed", "reported"),
    "layers": ("crossings", "china-detention", "nk-facilities"),
}
BOUNDS = (date(2000, 1, 1), date(2024, 12, 31))


def test_full_selection_writes_nothing_and_reads_back_as_no_restriction():
    full = Filters(
        date_from=BOUNDS[0],
        date_to=BOUNDS[1],
        kinds=ALLOWED["kind"],
        confidence=ALLOWED["confidence"],
        layers=ALLOWED["layers"],
    )
    assert to_params(full, allowed=ALLOWED, bounds=BOUNDS) == {}
    assert from_params({}, allowed=ALLOWED, bounds=BOUNDS) == Filters()


def test_round_trip_of_a_restricted_selection_in_a_fixed_order():
    f = Filters(
        date_from=date(2023, 1, 1),
        date_to=date(2023, 12, 31),
        kinds={"repatriation", "arrest"},
        confidence=frozenset(),
        layers={"crossings"},
        site="tumen-detention",
    )
    params = to_params(f, allowed=ALLOWED, bounds=BOUNDS)
    assert params == {
        "from": "2023-01-01",
        "to": "2023-12-31",
        "kind": "arrest,repatriation",
        "confidence": "none",
        "layers": "crossings",
        "site": "tumen-detention",
    }
    assert list(params) == [p for p in PARAMS if p in params]
    assert from_params(params, allowed=ALLOWED, bounds=BOUNDS, sites=["tumen-detention"]) == f
    assert from_params(params) == f  # without the allowed values too (the export's cache key)
    assert from_params({"confidence": ""}) == Filters(confidence=frozenset())  # an empty value reads as none too


def test_lenient_reading_of_an_old_or_edited_link():
    f = from_params(
        {
            "from": "1990-05-01",
            "to": "not a date",
            "kind": "arrest,teleport",
            "confidence": "gone",
            "site": "demolished",
            "utm_source": "x",
        },
        allowed=ALLOWED,
        bounds=BOUNDS,
        sites=["a"],
    )
    assert f == Filters(date_from=BOUNDS[0], kinds={"arrest"})  # clamped; bad date ignored; unknowns dropped
    assert from_params({"from": "2020-01-01", "to": "2019-01-01"}, bounds=BOUNDS) == Filters()  # reversed: dropped


@pytest.mark.parametrize(
    "params, message",
    [
        ({"from": "2023-13-01"}, "is not a date"),
        ({"from": "2023-02-01", "to": "2023-01-01"}, "reversed"),
        ({"kind": "arrest,teleport"}, "unknown kind 'teleport'"),
        ({"layers": "prisons"}, "unknown layers 'prisons'"),
        ({"site": "nowhere"}, "unknown site id 'nowhere'"),
    ],
)
def test_strict_reading_names_the_problem(params, message):
    with pytest.raises(UsageError, match=message):
        from_params(params, allowed=ALLOWED, bounds=BOUNDS, sites=["a"], strict=True)


def test_parse_query_takes_a_whole_link_or_a_query_string():
    link = "http://localhost:8501/sites?from=2023-01-01&kind=arrest%2Crepatriation&kind=arrest&x=1&confidence="
    assert parse_query(link) == {"from": "2023-01-01", "kind": "arrest", "confidence": ""}
    assert parse_query("?site=a&to=2020-01-01") == {"site": "a", "to": "2020-01-01"}
    assert parse_query("site=a") == {"site": "a"}
