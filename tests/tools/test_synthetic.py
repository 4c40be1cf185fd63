"""tools.synthetic: deterministic, valid, realistic-shaped data; and aggregates that add up at 100k events.

Functional only: no timings here (those live in benchmarks/).
"""

from __future__ import annotations

import json
from datetime import date

import numpy as np
import pandas as pd
import pytest

from geo import dataset, query
from tools import synthetic
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
    assert set(a) == {
        "sites/crossings.geojson",
        "sites/china-detention.geojson",
        "sites/nk-facilities.geojson",
        "events.csv",
        "sources.csv",
        "claims.csv",
    }


def test_other_seed_other_data():
    a = synthetic.generate(500, seed=1).files()
    b = synthetic.generate(500, seed=2).files()
    assert a["events.csv"] != b["events.csv"]
    assert a["claims.csv"] != b["claims.csv"]


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
    assert (root / "claims.csv").read_text(encoding="utf-8").splitlines()[0].split(",") == columns("claims")
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
    # 1–3 claims per event, one per source, stating figures in every way the schema knows
    claims = ds.claims
    per_event = claims.groupby("event").size()
    assert per_event.between(1, 3).all() and set(per_event) == {1, 2, 3} and len(per_event) == len(ev)
    assert not claims.duplicated(["event", "source"]).any()
    n_sources = ev["sources"].map(len)
    assert n_sources.between(1, 3).all() and set(n_sources) == {1, 2, 3}
    assert set(claims["qualifier"]) == set(synthetic.QUALIFIER_MIX)
    has = ev["has_figure"]
    several = n_sources > 1
    assert (several & ev["agree"] & has).any() and (several & ~ev["agree"]).any()  # agreeing and conflicting
    assert ev["approx"].any() and ev["low_open"].any() and ev["high_open"].any() and (~has).any()
    assert claims["said_by"].notna().any() and claims["date"].isna().any()
    # sources: every one has an address; secondary ones name what they cite
    src = ds.sources
    assert (src["url"].notna() | src["archive_url"].notna()).all()
    assert set(src["role"]) == {"primary", "secondary"}
    assert (
        src.loc[src["role"] == "secondary", "cites"].notna().all()
        and src.loc[src["role"] == "primary", "cites"].isna().all()
    )
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
    # an umbrella states a figure; some parts do not (a share no source broke down), some do
    assert umbrellas["has_figure"].all()
    assert (~parts["has_figure"]).any() and parts["has_figure"].any()
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


@pytest.mark.parametrize(
    "argv",
    [
        ["synth", "--events", "10"],
        ["synth", "--out", "x", "--events", "-5"],
        ["synth", "--out", "x", "--events", "ten"],
    ],
)
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


def _terms(events):
    """Each event's terms of a sum, by plain numpy (claims.sums' rules): the smallest stated figure
    unless it is an 'up to' (no floor), the largest stated figure, and whether it has none."""
    has = events["has_figure"].to_numpy()
    low = np.where(has & ~events["low_open"].to_numpy(), events["people_low"].to_numpy(), 0)
    high = np.where(has, events["people_high"].to_numpy(), 0)
    return low, high, ~has


def _brute_site_totals(ds, events):
    """Per (site, kind), by plain numpy: events naming the site in any stop (once per event), the sums
    of their figures, and how many have none."""
    stops = np.stack([events[c].to_numpy(dtype=object) for c in SITE_REFS], axis=1)
    low, high, unreported = _terms(events)
    kinds = events["kind"].to_numpy(dtype=object)
    out = {}
    for sid in ds.sites.index:
        through = (stops == sid).any(axis=1)
        for kind in sorted(set(kinds[through])):
            m = through & (kinds == kind)
            out[(sid, kind)] = (int(m.sum()), int(low[m].sum()), int(high[m].sum()), int(unreported[m].sum()))
    return out


@pytest.mark.parametrize(
    "span", [None, (date(2015, 1, 1), date(2019, 12, 31)), (date(2023, 10, 1), date(2023, 10, 31))]
)
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
    got = {key: tuple(int(v) for v in row) for key, row in totals[["events", "low", "high", "unreported"]].iterrows()}
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
    low, high, unreported = _terms(routed)
    assert int(routes["events"].sum()) == len(routed)
    assert int(routes["low"].sum()) == int(low.sum()) and int(routes["high"].sum()) == int(high.sum())
    keys = [*SITE_REFS, "kind"]
    assert not routes.duplicated(keys).any()
    assert (routes[list(SITE_REFS)].notna().sum(axis=1) >= 2).all()
    # route by route and kind, against a plain groupby on the site names: kinds are never added together
    named = routed[list(SITE_REFS)].astype(object).fillna("").assign(kind=routed["kind"].astype(object))
    brute = (
        named.assign(low=low, high=high, unreported=unreported.astype(np.int64))
        .groupby(keys)
        .agg(events=("low", "size"), low=("low", "sum"), high=("high", "sum"), unreported=("unreported", "sum"))
    )
    got = routes.assign(**{c: routes[c].fillna("") for c in SITE_REFS}).set_index(keys)
    pd.testing.assert_frame_equal(
        got.sort_index()[brute.columns], brute.sort_index(), check_dtype=False, check_index_type=False
    )
    assert (np.diff(routes["high"].to_numpy()) <= 0).all()  # heaviest first


def test_summary_counts_umbrellas_once_and_never_adds_kinds_at_100k(big):
    events = query.filter_events(big, query.Filters())
    s = query.summarize(events)
    ids = set(events.index)
    part = events["part_of"].to_numpy(dtype=object)
    counted = np.array([p is None or p not in ids for p in part])
    assert s.events == len(events)
    assert not hasattr(s, "people_low") and not hasattr(s, "people_high")  # no total across kinds
    assert int(s.by_kind["events"].sum()) == int(counted.sum())
    assert (~counted).sum() > 100  # the data really has parts whose umbrella is in the selection
    low, high, unreported = _terms(events)
    kinds = events["kind"].to_numpy(dtype=object)
    for kind, row in s.by_kind.iterrows():
        m = counted & (kinds == kind)
        assert (int(row["events"]), int(row["low"]), int(row["high"]), int(row["unreported"])) == (
            int(m.sum()),
            int(low[m].sum()),
            int(high[m].sum()),
            int(unreported[m].sum()),
        )
