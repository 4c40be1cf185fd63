"""geo.export.options: format from suffix, languages, and the cache key of the filters."""

from datetime import date

import pytest

from geo.errors import UsageError
from geo.export.options import ExportOptions, filters_from_key, filters_key, format_for
from geo.query import Filters


@pytest.mark.parametrize("name, fmt", [("a.png", "png"), ("b.SVG", "svg"), ("dir.x/c.pdf", "pdf"), ("d.html", "html")])
def test_format_follows_suffix(name, fmt):
    assert format_for(name) == fmt


@pytest.mark.parametrize("name", ["map.jpg", "map", "map.png.txt", "x.htm"])
def test_unknown_suffix_is_a_usage_error(name):
    with pytest.raises(UsageError, match="unknown output format"):
        format_for(name)


def test_languages_and_blank_title():
    assert ExportOptions(lang="en+ko").korean and ExportOptions(lang="en+ko").english
    assert not ExportOptions(lang="ko").english
    assert ExportOptions(title="   ").title is None
    with pytest.raises(UsageError, match="unknown language 'fr'"):
        ExportOptions(lang="fr")
    with pytest.raises(UsageError):
        ExportOptions(preset="poster")


def test_filters_key_round_trip_and_never_sensitive():
    f = Filters(
        date_from=date(2021, 1, 1),
        date_to=date(2023, 12, 31),
        kinds=frozenset({"repatriation", "arrest"}),
        layers=frozenset({"crossings"}),
        include_sensitive=True,
    )
    key = filters_key(f)
    assert key == filters_key(
        Filters(
            date_from=date(2021, 1, 1),
            date_to=date(2023, 12, 31),
            kinds=frozenset({"arrest", "repatriation"}),
            layers=frozenset({"crossings"}),
        )
    )
    back = filters_from_key(key)
    assert back.kinds == f.kinds and back.layers == f.layers and back.date_to == f.date_to
    assert back.include_sensitive is False
    hash(key)


def test_size_kind_defaults_to_returns_and_is_checked():
    from geo.errors import UsageError
    from geo.export.options import ExportOptions

    assert ExportOptions().size_kind == "repatriation"
    assert ExportOptions(size_kind="arrest").size_kind == "arrest"
    with pytest.raises(UsageError, match="event kind"):
        ExportOptions(size_kind="people")
