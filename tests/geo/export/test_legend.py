"""geo.export.legend: sections only for what the map shows; round numbers for the size key."""

from geo.export import legend
from geo.export.style import Style


def test_nice_steps():
    assert legend.nice_steps(736) == [736, 200, 50]
    assert legend.nice_steps(40) == [40, 10, 2]
    assert legend.nice_steps(3) == [3]
    assert legend.nice_steps(0) == []


def test_sections_follow_the_scene(scene):
    secs = legend.sections(scene, Style(10), "en", False, 300)
    titles = [s.title for s in secs]
    assert titles == [
        "Sites",
        "Marker area: Returned to North Korea\nlargest stated figures, summed per site",
        "Routes",
        "Location",
    ]
    assert secs[2].labels == ["Width: Returned to North Korea\nPale = largest, dark = smallest stated figure"]
    kinds = secs[0].labels
    assert kinds == ["Border crossing", "Detention centre", "Holding centre"]  # only kinds shown
    ko = legend.sections(scene, Style(10), "ko", False, 300)
    assert ko[0].title == "장소" and "구금시설" in ko[0].labels
    assert ko[1].title.startswith("표시 크기: 북송")


def test_size_title_names_the_kind():
    assert legend.size_title("arrest", "en").startswith("Marker area: Arrested in China")
    both = legend.size_title("repatriation", "en+ko").splitlines()
    assert both[:2] == ["Marker area: Returned to North Korea", "표시 크기: 북송"]
