"""geo.problems: one line per problem, path:place: message."""

from geo.problems import WARNING, Problem, feature_place, row_place


def test_problem_format():
    assert str(Problem("a.csv", row_place(3, "ev", "date"), "bad")) == "a.csv:row 3 (ev) column date: bad"
    assert (
        str(Problem("l.geojson", feature_place(2, "x", "geometry"), "odd", WARNING))
        == "l.geojson:feature 2 (x) geometry: warning: odd"
    )
