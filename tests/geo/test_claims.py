"""The rules that turn claims into figures (geo/claims.py): every qualifier, agreement, conflict,
sums that keep their terms' meaning, unreported shares, and no number that no source gave."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from geo import claims as rules

PUBS = {"hrw": "Human Rights Watch", "rfa": "Radio Free Asia", "nw": "Newsweek", "wiki": "Wikinews"}


def claims(*rows) -> pd.DataFrame:
    """Rows of (event, source, said_by, qualifier, people, people_to)."""
    frame = pd.DataFrame(rows, columns=["event", "source", "said_by", "qualifier", "people", "people_to"])
    frame["people"] = pd.array(frame["people"], dtype="Int64")
    frame["people_to"] = pd.array(frame["people_to"], dtype="Int64")
    return frame


@pytest.mark.parametrize(
    "qualifier, people, to, text",
    [
        ("exact", 80, None, "80"),
        ("about", 50, None, "about 50"),
        ("nearly", 50, None, "nearly 50"),
        ("at-least", 1170, None, "at least 1,170"),
        ("more-than", 500, None, "more than 500"),
        ("up-to", 200, None, "up to 200"),
        ("fewer-than", 10, None, "fewer than 10"),
        ("range", 50, 60, "50–60"),
        ("not-given", None, None, "not given"),
    ],
)
def test_every_qualifier_is_worded_as_stated(qualifier, people, to, text):
    assert rules.stated_text(qualifier, people, to) == text


def test_every_qualifier_has_english_and_korean_wording():
    for q in rules.QUALIFIERS:
        assert rules.stated_text(q, 7, 9, "en")
        assert rules.stated_text(q, 7, 9, "ko") != rules.stated_text(q, 7, 9, "en")


def test_one_claim_about_50_reads_about_50_with_its_source():
    c = claims(("e", "rfa", None, "about", 50, None))
    assert rules.event_figure_text(c, PUBS) == "about 50 (Radio Free Asia)"


def test_agreeing_claims_show_once_with_every_source():
    c = claims(
        ("e", "rfa", None, "about", 50, None),
        ("e", "wiki", "Radio Free Asia", "about", 50, None),
        ("e", "hrw", None, "about", 50, None),
    )
    assert rules.event_figure_text(c, PUBS) == "about 50 (Radio Free Asia, Human Rights Watch)"


def test_conflicting_claims_show_each_end_attributed_never_merged():
    c = claims(("e", "hrw", None, "more-than", 500, None), ("e", "nw", "TJWG", "about", 600, None))
    assert rules.event_figure_text(c, PUBS) == "more than 500 (Human Rights Watch) – about 600 (TJWG)"
    assert "500–600" not in rules.event_figure_text(c, PUBS)


def test_claims_with_the_same_number_but_other_words_are_listed_side_by_side():
    c = claims(("e", "rfa", None, "about", 50, None), ("e", "hrw", None, "nearly", 50, None))
    assert rules.event_figure_text(c, PUBS) == "about 50 (Radio Free Asia); nearly 50 (Human Rights Watch)"


def test_no_figure_is_not_reported_and_a_share_names_its_umbrella():
    c = claims(("e", "nw", "TJWG", "not-given", None, None))
    assert rules.event_figure_text(c, PUBS) == "not reported"
    assert rules.event_figure_text(c, PUBS, share_of="500–600") == "share of 500–600 not reported"


def derived(c: pd.DataFrame, events=("e",)) -> pd.DataFrame:
    return rules.derive(pd.Index(list(events)), c)


def test_derived_numbers_are_the_stated_figures_never_widened():
    d = derived(claims(("e", "rfa", None, "about", 50, None))).loc["e"]
    assert (d["people_low"], d["people_high"], d["approx"], d["agree"]) == (50, 50, True, True)
    d = derived(claims(("e", "hrw", None, "more-than", 500, None), ("e", "nw", "TJWG", "about", 600, None))).loc["e"]
    assert (d["people_low"], d["people_high"], d["agree"], d["high_open"], d["low_open"]) == (
        500,
        600,
        False,
        False,
        False,
    )
    d = derived(claims(("e", "hrw", None, "at-least", 1170, None))).loc["e"]
    assert (d["people_low"], d["people_high"], d["high_open"]) == (1170, 1170, True)
    d = derived(claims(("e", "nw", None, "up-to", 200, None))).loc["e"]
    assert (d["people_low"], d["people_high"], d["low_open"]) == (200, 200, True)
    d = derived(claims(("e", "nw", None, "range", 50, 60))).loc["e"]
    assert (d["people_low"], d["people_high"]) == (50, 60)


def test_events_without_claims_or_figures_have_no_figure_and_list_their_sources():
    d = derived(claims(("e", "nw", "TJWG", "not-given", None, None)), events=("e", "lonely"))
    assert not d.loc["e", "has_figure"] and not d.loc["lonely", "has_figure"]
    assert d.loc["e", "sources"] == ("nw",) and d.loc["lonely", "sources"] == ()


def sum_of(*event_claims) -> dict:
    """The sum over events, each given as a list of claim tuples (source, qualifier, people, people_to)."""
    rows = [(f"e{i}", s, None, q, p, t) for i, cl in enumerate(event_claims) for s, q, p, t in cl]
    ids = [f"e{i}" for i in range(len(event_claims))]
    d = derived(claims(*rows), events=ids)
    return rules.sums(np.zeros(len(ids), dtype=np.int64), 1, d).iloc[0].to_dict()


def test_exact_sum_is_plain_and_labelled_as_computed():
    total = sum_of([("hrw", "exact", 80, None)], [("hrw", "exact", 40, None)])
    assert rules.sum_text(total) == "120 (computed: sum of 2 events)"
    assert rules.sum_text(total, labelled=False) == "120"


def test_sum_with_an_about_term_is_about():
    total = sum_of([("hrw", "exact", 80, None)], [("rfa", "about", 50, None)])
    assert rules.sum_text(total, labelled=False) == "about 130"


def test_sum_with_an_at_least_term_is_at_least():
    total = sum_of([("hrw", "at-least", 1170, None)], [("rfa", "exact", 50, None)])
    assert rules.sum_text(total, labelled=False) == "at least 1,220"
    total = sum_of([("hrw", "at-least", 1170, None)], [("rfa", "about", 50, None)])
    assert rules.sum_text(total, labelled=False) == "at least about 1,220"


def test_sum_with_an_up_to_term_has_no_floor_from_it():
    assert rules.sum_text(sum_of([("nw", "up-to", 200, None)]), labelled=False) == "up to 200"
    total = sum_of([("hrw", "exact", 80, None)], [("nw", "up-to", 200, None)])
    assert rules.sum_text(total, labelled=False) == "80–280"


def test_sum_of_a_conflict_keeps_both_ends():
    total = sum_of([("hrw", "more-than", 500, None), ("nw", "about", 600, None)], [("hrw", "exact", 80, None)])
    assert rules.sum_text(total, labelled=False) == "about 580–680"


def test_sum_counts_events_without_a_figure_and_never_guesses_them():
    total = sum_of([("hrw", "exact", 80, None)], [("nw", "not-given", None, None)])
    assert rules.sum_text(total) == "80 (computed: sum of 2 events; no figure for 1 of them)"
    assert rules.sum_text(sum_of([("nw", "not-given", None, None)])) == "not reported (one event)"


def test_korean_sum_wording():
    total = sum_of([("hrw", "at-least", 1170, None)], [("rfa", "exact", 50, None)])
    assert rules.sum_text(total, "ko") == "최소 1,220 (계산값: 사건 2건의 합)"


def test_short_form_keeps_the_meaning_in_symbols():
    total = sum_of([("hrw", "at-least", 1170, None)], [("rfa", "about", 50, None)])
    assert rules.sum_text(total, labelled=False, short=True) == "≥ ~1,220"
    assert rules.sum_text(sum_of([("nw", "up-to", 200, None)]), labelled=False, short=True) == "≤ 200"
    assert rules.sum_text(sum_of([("rfa", "about", 50, None)]), labelled=False, short=True) == "~50"
