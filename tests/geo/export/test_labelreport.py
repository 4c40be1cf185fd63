"""geo.export.labelreport: the labels an export left out, named in the reader's language."""

from __future__ import annotations

import pytest

from geo import dataset
from geo.export.labelreport import label_notes, site_name
from geo.export.static import RenderInfo
from tests.common import FIXTURE_DATA


@pytest.fixture(scope="module")
def ds():
    return dataset.check(FIXTURE_DATA).dataset


def info_for(ds, placed=1, dropped=1, unlabelled=1) -> RenderInfo:
    ids = list(ds.sites.index)
    return RenderInfo(
        placed={s: None for s in ids[:placed]},
        dropped=ids[placed : placed + dropped],
        unlabelled=ids[placed + dropped : placed + dropped + unlabelled],
    )


def test_nothing_to_say_when_every_label_fits(ds):
    assert label_notes(info_for(ds, 3, 0, 0), ds, "repatriation", "en") == []


def test_dropped_and_unlabelled_are_named_in_english(ds):
    info = info_for(ds, 2, 1, 2)
    dropped, unlabelled = label_notes(info, ds, "repatriation", "en")
    assert dropped.startswith("No room for 1 label(s)") and ds.sites.at[info.dropped[0], "name_en"] in dropped
    assert "names only the 3 sites" in unlabelled and "2 smaller site(s)" in unlabelled
    assert all(ds.sites.at[s, "name_en"] in unlabelled for s in info.unlabelled)
    assert "Returned to North Korea" in unlabelled  # the kind that sizes the markers, by its label


def test_korean_names_in_korean(ds):
    info = info_for(ds, 1, 1, 1)
    dropped, unlabelled = label_notes(info, ds, "repatriation", "ko")
    assert "이름표 1개" in dropped and ds.sites.at[info.dropped[0], "name_ko"] in dropped
    assert ds.sites.at[info.unlabelled[0], "name_ko"] in unlabelled and "No room" not in dropped


def test_both_languages_report_in_english_and_an_unknown_id_is_shown_as_is(ds):
    assert label_notes(info_for(ds, 1, 1, 0), ds, "repatriation", "en+ko")[0].startswith("No room for")
    assert site_name(ds, "no-such-site", "ko") == "no-such-site"
