"""geo.synthetic: deterministic, valid, realistic-shaped data; and aggregates that add up at 100k events.

Functional only: no timings here (those live in benchmarks/).
"""

from __future__ import annotations

import json
from datetime import date

import numpy as np
import pandas as pd
import pytest

from geo import dataset, query, synthetic
from geo.cli import main
from geo.dataset import SITE_REFS
from geo.schemas import columns


def _write(tmp_path, events, sites=synthetic.DEFAULT_SITES, seed=synthetic.DEFAULT_SEED, name="data"):
    root = tmp_path / name
    synthetic.write(synthetic.generate(events, sites, seed), root)
    return root


def _tree_bytes(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_seed_same_bytes(tmp_path):
    a = _tree_bytes(_write(tmp_path, 3000, seed=7, name="a"))
    b = _tree_bytes(_write(tmp_path, 3000, seed=7, name="b"))
    assert a == b
    assert set(a) == {"sites/crossings.geojson", "sites/china-detention.geojson", "sites/nk-facilities.geojson",
                      "events.csv", "sources.csv"}


def test_other_seed_other_data():
    a = synthetic.generate(500, seed=1).files()
    b = synthetic.generate(500, seed=2).files()
    assert a["events.csv"] != b["events.csv"]


@pytest.mark.parametrize("events,sites", [(0, 3), (1, 3), (25, 5), (3000, synthetic.DEFAULT_SITES), (5000, 200)])
def test_output_validates_without_problems(tmp_path, events, sites):
    root = _write(tmp_path, events, sites)
    report = dataset.check(root)
    assert report.problems == []
    ds = report.dataset
    assert len(ds.events) == events
    assert len(ds.sites) == sites


def test_files_follow_the_formats(tmp_path):
    root = _write(tmp_path, 4000)
    header = (root / "events.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",") == columns("events")
    assert (root / "sources.csv").read_text(encoding="utf-8").splitlines()[0].split(",") == columns("sources")
    for layer in ("crossings", "china-detention", "nk-facilities"):
        doc = json.loads((root / "sites" / f"{layer}.geojson").read_text(encoding="utf-8"))
        assert doc["type"] == "FeatureCollection" and doc["name"] == layer
        assert doc["features"]


def test_realistic_shape(tmp_path):
    ds = dataset.load(_write(tmp_path, 20000))
    ev, sites = ds.events, ds.sites
    kinds = set(synthetic.EVENT_KINDS)
    assert set(ev["kind"]) == kinds
    assert set(ev["date_precision"].astype(str)) == {"day", "week", "month", "year"}
    assert ev["date"].min() >= pd.Timestamp("1998-01-01") and ev["date_end"].max() <= pd.Timestamp("2024-12-31")
    years = ev["date"].dt.year
    assert (years >= 2015).mean() > (years < 2005).mean() * 2  # weighted to recent years
    assert (ev["people_low"] <= ev["people_high"]).all() and (ev["people_low"] >= 0).all()
    assert (ev["people_low"] < ev["people_high"]).any() and (ev["people_low"] == ev["people_high"]).any()
    n_sources = ev["sources"].map(len)
    assert n_sources.between(1, 3).all() and set(n_sources) == {1, 2, 3}
    # crossings are border crossings; origins and destinations resolve
    crossing_kinds = set(sites.loc[ev["crossing"].dropna().unique(), "kind"])
    assert crossing_kinds == {"border-crossing"}
    for col in SITE_REFS:
        assert ev[col].dropna().isin(sites.index).all()
    # umbrellas: parts name an umbrella with no site of its own, on the same date
    parts = ev[ev["part_of"].notna()]
    assert len(parts) > 0
    umbrellas = ev.loc[parts["part_of"].unique()]
    assert umbrellas["part_of"].isna().all()
    assert umbrellas[list(SITE_REFS)].isna().all().all()
    assert (parts["date"].to_numpy() == ev.loc[parts["part_of"], "date"].to_numpy()).all()
    # a few sensitive events and sites, never a crossing
    assert 0 < ev["sensitive"].sum() < len(ev) * 0.02
    assert sites["sensitive"].any() and not sites.loc[sites["kind"] == "border-crossing", "sensitive"].any()
    assert all("Synthetic" in t for t in ds.sources["title"])


def test_cli_synth_writes_a_valid_directory(tmp_path, capsys):
    out = tmp_path / "syn"
    assert main(["synth", "--out", str(out), "--events", "1500", "--sites", "30", "--seed", "3"]) == 0
    assert "1,500 events" in capsys.readouterr().err
    assert main(["validate", "--data", str(out)]) == 0
    assert _tree_bytes(out) == {k: v for k, v in synthetic.generate(1500, 30, 3).files().items()}


@pytest.mark.parametrize("argv", [["synth", "--events", "10"], ["synth", "--out", "x", "--events", "-5"],
                                  ["synth", "--out", "x", "--events", "ten"]])
def test_cli_synth_usage_errors(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2


def test_cli_synth_too_few_sites(tmp_path, capsys):
    assert main(["synth", "--out", str(tmp_path / "x"), "--events", "10", "--sites", "2"]) == 2
    assert "at least 3" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


# --------------------------------------------------------------------------- aggregates at scale


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    root = tmp_path_factory.mktemp("synthetic") / "data"
    synthetic.write(synthetic.generate(100_000), root)
    return query.public_view(dataset.load(root))


def _brute_site_totals(ds, events):
    """Per site, by plain numpy: events naming the site in any stop (once per event) and their people."""
    stops = np.stack([events[c].to_numpy(dtype=object) for c in SITE_REFS], axis=1)
    low, high = events["people_low"].to_numpy(), events["people_high"].to_numpy()
    rep = (events["kind"] == "repatriation").to_numpy()
    out = {}
    for sid in ds.sites.index:
        through = (stops == sid).any(axis=1)
        out[sid] = (int(through.sum()), int(low[through].sum()), int(high[through].sum()),
                    int(low[through & rep].sum()), int(high[through & rep].sum()))
    return out


@pytest.mark.parametrize("span", [None, (date(2015, 1, 1), date(2019, 12, 31)), (date(2023, 10, 1), date(2023, 10, 31))])
def test_site_totals_add_up_at_100k(big, span):
    f = query.Filters(date_from=span[0], date_to=span[1]) if span else query.Filters()
    events = query.filter_events(big, f)
    if span:  # the filter is the overlap of the dated period with the range, checked independently
        d, end = big.events["date"].to_numpy(), big.events["date_end"].to_numpy()
        mask = (end >= np.datetime64(span[0])) & (d <= np.datetime64(span[1]))
        assert len(events) == int(mask.sum())
    assert len(events) > 1000
    totals = query.site_totals(big, events)
    brute = _brute_site_totals(big, events)
    got = {sid: tuple(int(v) for v in row) for sid, row in
           totals[["events", "people_low", "people_high", "repatriated_low", "repatriated_high"]].iterrows()}
    assert got == brute
    # summed over sites, events through a site = the (event, site) pairs counted independently
    stops = np.stack([events[c].to_numpy(dtype=object) for c in SITE_REFS], axis=1)
    pairs = sum(len({s for s in row if pd.notna(s)}) for row in stops)
    assert int(totals["events"].sum()) == pairs


def test_route_totals_add_up_at_100k(big):
    events = query.filter_events(big, query.Filters(date_from=date(2005, 1, 1)))
    routes = query.route_totals(big, events)
    known = events[list(SITE_REFS)].notna().sum(axis=1).to_numpy()
    routed = events[known >= 2]
    assert int(routes["events"].sum()) == len(routed)
    assert int(routes["people_low"].sum()) == int(routed["people_low"].sum())
    assert int(routes["people_high"].sum()) == int(routed["people_high"].sum())
    assert not routes.duplicated(list(SITE_REFS)).any()
    assert (routes[list(SITE_REFS)].notna().sum(axis=1) >= 2).all()
    # route by route, against a plain groupby on the site names
    keys = routed[list(SITE_REFS)].astype(object).fillna("")
    brute = (pd.concat([keys, routed[["people_low", "people_high"]], routed["kind"].astype(object)], axis=1)
             .groupby(list(SITE_REFS)).agg(events=("kind", "size"), people_low=("people_low", "sum"),
                                          people_high=("people_high", "sum"), kinds=("kind", lambda k: ", ".join(sorted(set(k))))))
    got = routes.assign(**{c: routes[c].fillna("") for c in SITE_REFS}).set_index(list(SITE_REFS))
    pd.testing.assert_frame_equal(got.sort_index()[brute.columns], brute.sort_index(), check_dtype=False, check_index_type=False)
    assert (np.diff(routes["people_high"].to_numpy()) <= 0).all()  # heaviest first


def test_summary_counts_umbrellas_once_at_100k(big):
    events = query.filter_events(big, query.Filters())
    s = query.summarize(events)
    ids = set(events.index)
    part = events["part_of"].to_numpy(dtype=object)
    counted = np.array([p is None or p not in ids for p in part])
    assert s.events == len(events)
    assert s.people_low == int(events["people_low"].to_numpy()[counted].sum())
    assert s.people_high == int(events["people_high"].to_numpy()[counted].sum())
    assert sum(v[0] for v in s.by_kind.values()) == int(counted.sum())
    assert (~counted).sum() > 100  # the data really has parts whose umbrella is in the selection
    # an umbrella covers its parts: its figures are at least the sum of theirs
    parts = events[~counted]
    sums = parts.groupby("part_of")[["people_low", "people_high"]].sum()
    umb = events.loc[sums.index, ["people_low", "people_high"]]
    assert (umb["people_low"].to_numpy() == sums["people_low"].to_numpy()).all()
    assert (umb["people_high"].to_numpy() >= sums["people_high"].to_numpy()).all()
