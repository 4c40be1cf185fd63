"""The key facts of each source report are in the shipped data, written from the reports themselves
(../shared/sources: the five .txt reports, README.md and research.md).

Each test names its report. The data assertions always run; `in_report` also checks that the phrase
the fact was taken from is in the report, when the reports are available (set GEO_SOURCES_DIR to
point elsewhere). The copying and privacy checks at the end need the report texts.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from geo.dataset import load
from tests.data.common import (REPORT_FILES, REPORTS_DIR, SHIPPED, free_texts, normalise, report_text,
                               reports_available, shingles)

RFA = "2021-07-20_rfa_fifty-escapees-sent-home.txt"
WIKINEWS = "2021-07-26_wikinews_china-resumes-deportation.txt"
EPOCH = "2019-05_epochtimes_hrw-calls-on-china.txt"
WSJ = "2023-10-13_mint-wsj_china-appears-to-have-repatriated.txt"
NEWSWEEK = "2023-12_newsweek_mass-deportation.txt"
RESEARCH = "research.md"
SOURCES_README = "README.md"

SOURCE_ID = {
    RFA: "rfa-2021-07-20-fifty-escapees",
    WIKINEWS: "wikinews-2021-07-26-china-resumes-deportation",
    EPOCH: "epochtimes-2019-05-hrw-calls-on-china",
    WSJ: "wsj-mint-2023-10-13-china-appears-to-have-repatriated",
    NEWSWEEK: "newsweek-2023-12-mass-deportation",
}


@pytest.fixture(scope="module")
def ds():
    return load(SHIPPED)


@pytest.fixture(scope="module")
def ev(ds):
    return ds.events


@pytest.fixture(scope="module")
def stats(ds):
    return ds.statistics


def in_report(name: str, *phrases: str) -> None:
    """Each phrase occurs in the report (case and quote style ignored), when the reports are here."""
    path = REPORTS_DIR / name
    if not path.is_file():
        return
    text = normalise(path.read_text(encoding="utf-8"))
    for phrase in phrases:
        assert normalise(phrase) in text, f"{phrase!r} is not in {name}"


def one(frame: pd.DataFrame, **where) -> pd.Series:
    """The single row matching every column=value condition."""
    mask = pd.Series(True, index=frame.index)
    for col, value in where.items():
        mask &= frame[col].eq(pd.Timestamp(value) if col in ("date", "period_start", "period_end") else value)
    rows = frame[mask.to_numpy()]
    assert len(rows) == 1, f"expected one row with {where}, found {list(rows.index)}"
    return rows.iloc[0]


_DS = None


def claims_of(event_id: str) -> pd.DataFrame:
    global _DS
    _DS = _DS or load(SHIPPED)
    return _DS.claims[_DS.claims["event"].eq(event_id).to_numpy()]


def cites(row: pd.Series, report: str) -> bool:
    return SOURCE_ID[report] in row["sources"]


def covers(row: pd.Series, n: int, low="people_low", high="people_high") -> bool:
    return row[low] <= n <= row[high]


def stat(stats: pd.DataFrame, measure: str, estimator_word: str) -> pd.Series:
    rows = stats[stats["measure"].eq(measure).to_numpy() & stats["estimator"].str.contains(estimator_word).to_numpy()]
    assert len(rows) == 1, f"expected one {measure} figure by {estimator_word}, found {list(rows.index)}"
    return rows.iloc[0]


def test_the_reports_are_available():
    if not reports_available():
        pytest.skip(f"source reports not found in {REPORTS_DIR}: phrase, copying and name checks against them are skipped")
    assert sorted(p.name for p in REPORTS_DIR.glob("*.txt")) == sorted(REPORT_FILES)


# --- Radio Free Asia, 2021-07-20 -------------------------------------------------------------------

def test_rfa_about_50_returned_via_dandong_sinuiju_on_2021_07_14(ev):
    in_report(RFA, "took place on July 14", "about 50 North Korean escapees back to North Korea on two buses",
              "prison about 400 kilometers (250 miles) away in Shenyang", "Dandong customs office was opened just for today")
    row = one(ev, date="2021-07-14", kind="repatriation")
    assert row["date_precision"] == "day"
    assert row["crossing"] == "dandong-sinuiju" and row["origin"] == "shenyang-detention"
    assert covers(row, 50)
    assert cites(row, RFA)


def test_rfa_state_department_nearly_50_is_inside_the_range(ev):
    in_report(RFA, "nearly 50 North Koreans were forcibly repatriated")
    row = one(ev, date="2021-07-14", kind="repatriation")
    assert row["people_low"] == row["people_high"] == 50 and row["approx"]  # 'nearly 50' and 'about 50', as stated
    claims = claims_of(row.name)
    assert {"nearly", "about"} <= set(claims["qualifier"])


@pytest.mark.parametrize("label,value", [("2019", 1047), ("2020", 229), ("2020 Q1", 135), ("2020 Q2", 12),
                                         ("2020 Q3", 48), ("2020 Q4", 34), ("2021 Q1", 31), ("2021 Q2", 2)])
def test_rfa_ministry_of_unification_arrivals(stats, label, value):
    in_report(RFA, "from 1,047 in 2019 to only 229 in 2020", "135 escapees reached South Korea",
              "only 12 arrived in the second quarter", "increased to 48, then decreased to 34, then 31",
              "only two escapees entered South Korea", "Ministry of Unification statistics")
    row = one(stats, measure="arrivals-south-korea", period_label=label, value=value)
    assert row["qualifier"] == "exact" and pd.isna(row["value_to"])
    assert "Ministry of Unification" in row["estimator"]
    assert cites(row, RFA)


# --- Wikinews, 2021-07-26 --------------------------------------------------------------------------

def test_wikinews_return_of_around_50_is_cited(ev):
    in_report(WIKINEWS, "around 50 North Korean defectors", "first of its kind since January 2020")
    row = one(ev, date="2021-07-14", kind="repatriation")
    assert covers(row, 50) and cites(row, WIKINEWS)


def test_wikinews_hrw_at_least_1170_held_in_jilin_and_liaoning(ev, stats):
    in_report(WIKINEWS, "at least 1170 North Korean people are held in various prisons in China's Jilin and Liaoning")
    figure = stats.loc["hrw-2021-07-held-jilin-liaoning"]
    assert figure["qualifier"] == "at-least" and figure["value"] == 1170
    assert cites(figure, WIKINEWS) and "hrw-2021-07-22-china-to-forcibly-return-refugees" in figure["sources"]
    event = ev.loc["2021-07-hrw-at-least-1170-held"]
    assert event["kind"] == "detention" and event["people_high"] == 1170 and cites(event, WIKINEWS)
    hrw = claims_of(event.name)
    assert ((hrw["qualifier"] == "at-least") & (hrw["people"] == 1170)).any()  # Wikinews's lead rounds it to 'over 1100'
    parts = ev[ev["part_of"].eq("2021-07-hrw-at-least-1170-held").to_numpy()]
    assert parts["people_low"].sum() == 1170  # 47 + 450 + 180 + 104 + 64 + 325


def test_wikinews_two_arrivals_in_2021_q2(stats):
    in_report(WIKINEWS, "only two defectors from the North reached South Korea between April and June")
    row = one(stats, measure="arrivals-south-korea", period_label="2021 Q2", value=2)
    assert cites(row, WIKINEWS)
    # the first announcement, later revised to 5 by the ministry (January 2022): kept, and superseded
    revised = stats.loc[row["superseded_by"]]
    assert revised["value"] == 5 and revised["superseded_by"] is None and revised["stated"] == "2022-01-20"


# --- The Epoch Times, May 2019 (its year is not printed: see the sources README) --------------------

def test_epoch_times_seven_arrested_near_shenyang_on_2019_04_28(ev):
    in_report(EPOCH, "Seven North Koreans were recently caught", "Liaoning Province on April 28",
              "outside of the Liaoning capital of Shenyang")
    in_report(SOURCES_README, "happened in 2019")
    row = one(ev, date="2019-04-28", kind="arrest")
    assert row["date"].year == 2019 and row["date_precision"] == "day"
    assert row["people_low"] == row["people_high"] == 7
    assert pd.isna(row["origin"])  # arrested at a hideout: never mapped
    assert cites(row, EPOCH)


def test_epoch_times_2017_yunnan_group_taken_to_shenyang(ev):
    in_report(EPOCH, "In July 2017", "about 10 other North Korean defectors", "Yunnan Province", "taken north to Shenyang")
    row = ev.loc["2017-07-yunnan-group-arrested"]
    # RFA's own sources date it 15 July 2017 (Kunming); The Epoch Times says July 2017
    assert row["date"] == pd.Timestamp("2017-07-15") and row["date_precision"] == "day"
    assert row["destination"] == "shenyang-detention" and "Kunming" in row["summary"]
    assert {10, 15, 17} <= set(claims_of(row.name)["people"].dropna().astype(int))
    assert cites(row, EPOCH)


def test_epoch_times_2017_deaths_of_the_official_and_family_in_shenyang(ev):
    in_report(EPOCH, "the official, his wife, and his three children committed suicide")
    row = one(ev, date="2017-07-01", kind="death-in-custody")
    assert row["summary"].startswith("Reported in July 2017")
    assert row["origin"] == "shenyang-detention" and row["people_low"] == row["people_high"] == 5
    assert cites(row, EPOCH)


def test_epoch_times_2017_scientist_died_in_a_sinuiju_state_security_cell(ev):
    in_report(EPOCH, "nuclear scientist", "detained in Shenyang a month earlier",
              "confined at a state security cell in the North Korean city of Sinuiju")
    # dates from RFA's own report of 28 December 2017: seized 4 November, returned 17 November
    held = one(ev, date="2017-11-04", kind="detention")
    assert held["origin"] == "shenyang-detention" and cites(held, EPOCH)
    assert "rfa-2017-12-28-nuclear-scientist" in held["sources"] and held["people_low"] == 10 and held["people_high"] == 11
    returned = one(ev, date="2017-11-17", kind="repatriation")
    assert returned["origin"] == "shenyang-detention" and returned["destination"] == "sinuiju-mss-holding-centre"
    death = one(ev, date="2017-11-01", kind="death-in-custody")
    assert death["summary"].startswith("Reported in December 2017")
    assert death["origin"] == "sinuiju-mss-holding-centre" and death["people_low"] == death["people_high"] == 1
    assert cites(death, EPOCH)


# --- The Wall Street Journal (Mint), 2023-10-13 -------------------------------------------------------

def test_wsj_roughly_500_to_600_returned_on_2023_10_09(ev):
    in_report(WSJ, "roughly 500 to 600 imprisoned North Koreans were forcibly sent back",
              "more than 500 North Koreans who were mostly women")
    row = ev.loc["2023-10-09-mass-repatriation"]
    assert row["date"] == pd.Timestamp("2023-10-09") and row["date_precision"] == "day"
    assert (row["people_low"], row["people_high"]) == (500, 600)
    assert row["part_of"] is None and pd.isna(row["crossing"])
    assert cites(row, WSJ)


def test_wsj_dandong_and_tumen_are_parts_of_the_mass_return(ev):
    in_report(WSJ, "including Dandong and Tumen")
    parts = ev[ev["part_of"].eq("2023-10-09-mass-repatriation").to_numpy()]
    assert {"dandong-sinuiju", "tumen-namyang"} <= set(parts["crossing"].dropna())


def test_wsj_around_120_returned_in_august_and_september_2023(ev):
    in_report(WSJ, "Around 120 North Koreans had been repatriated in August and September")
    aug = one(ev, date="2023-08-29", kind="repatriation")
    sep = one(ev, date="2023-09-18", kind="repatriation")
    assert (aug["people_low"], sep["people_low"]) == (80, 40) and aug["people_low"] + sep["people_low"] == 120
    assert cites(aug, WSJ) and cites(sep, WSJ)


def test_wsj_population_figures(stats):
    in_report(WSJ, "Roughly 10,000 North Koreans might be hiding in China, according to South Korean government estimates",
              "Some 1,500 of them are believed to be imprisoned", "the U.N. says",
              "More than 8,000 North Koreans have been repatriated in the past, with 98% of the cases sent from China",
              "Database Center for North Korean Human Rights")
    un = stats.loc["un-2023-10-imprisoned"]
    assert un["value"] == 1500 and un["qualifier"] == "about" and cites(un, WSJ)
    hiding = stat(stats, "hiding-in-china", "South Korean government")
    assert hiding["value"] == 10000 and hiding["qualifier"] == "about" and cites(hiding, WSJ)
    nkdb = stats.loc["nkdb-2023-10-repatriated-total"]
    assert nkdb["value"] == 8000 and nkdb["qualifier"] == "more-than" and "98%" in nkdb["notes"]
    assert cites(nkdb, WSJ)


# --- Newsweek, December 2023 ------------------------------------------------------------------------

def test_newsweek_as_many_as_600_on_october_9(ev):
    in_report(NEWSWEEK, "as many as 600 North Korean refugees", "took place on October 9")
    row = ev.loc["2023-10-09-mass-repatriation"]
    assert row["people_high"] >= 600 and cites(row, NEWSWEEK)


def test_newsweek_kim_cheol_ok_arrested_in_jilin_and_returned_on_2023_10_09(ev):
    in_report(NEWSWEEK, "Kim Cheol Ok", "She was arrested on April 5", "a local man in Jilin",
              "One of the few refugees known by name among those deported in October")
    arrest = one(ev, date="2023-04-05", kind="arrest")
    assert "Kim Cheol Ok" in arrest["summary"] and "Jilin" in arrest["summary"]
    assert arrest["date_precision"] == "day" and arrest["people_low"] == arrest["people_high"] == 1
    assert cites(arrest, NEWSWEEK)
    returned = ev.loc["2023-10-09-kim-cheol-ok-returned"]
    assert returned["date"] == pd.Timestamp("2023-10-09") and returned["part_of"] == "2023-10-09-mass-repatriation"
    assert cites(returned, NEWSWEEK)
    # the name was published by named outlets at the family's wish: reviewed, not sensitive
    assert not arrest["sensitive"] and not returned["sensitive"]


def test_newsweek_dandong_sinuiju_by_tour_bus(ev):
    in_report(NEWSWEEK, "transported in tour buses under armed guard")
    row = one(ev, date="2023-10-09", crossing="dandong-sinuiju", kind="repatriation")
    assert row["part_of"] == "2023-10-09-mass-repatriation" and "tour bus" in row["summary"]
    assert cites(row, NEWSWEEK)


def test_newsweek_tjwg_1100_still_held_and_state_department_2000(stats):
    in_report(NEWSWEEK, "The TJWG estimates an additional 1,100 refugees from North Korea are still being held",
              "In September, the U.S. State Department said", "some 2,000 North Koreans detained in China")
    tjwg = stat(stats, "detained-in-china", "TJWG")
    assert tjwg["value"] == 1100 and tjwg["stated"].startswith("2023-12")
    assert cites(tjwg, NEWSWEEK)
    usa = stat(stats, "detained-in-china", "State Department")
    assert usa["value"] == 2000 and usa["stated"] == "2023-09" and cites(usa, NEWSWEEK)


# --- research.md (facts from other public reports) ------------------------------------------------

def test_research_about_60_returned_on_2024_04_26(ev):
    in_report(RESEARCH, "| 2024-04-26 | about 60 |")
    row = ev.loc["2024-04-26-repatriation"]
    assert row["date"] == pd.Timestamp("2024-04-26") and covers(row, 60) and "hrw-2024-china-forcibly-returns-60" in row["sources"]


def test_research_five_handover_points_of_2023_10_09(ev):
    in_report(RESEARCH, "TJWG located five handover points")
    parts = ev[ev["part_of"].eq("2023-10-09-mass-repatriation").to_numpy()]
    # TJWG's five, plus Hoeryong named by NK Times's North Hamgyong source
    assert set(parts["crossing"].dropna()) == {"dandong-sinuiju", "changbai-hyesan", "nanping-musan",
                                               "tumen-namyang", "hunchun-kyongwon", "sanhe-hoeryong"}
    tumen = ev.loc["2023-10-09-tumen-namyang"]
    assert (tumen["people_low"], tumen["people_high"]) == (300, 300) and tumen["approx"]  # TJWG's 'about 300', as stated
    # "up to 200" (One Korea Network) and "200 to 300" (Daily NK's source in China), each as stated
    assert ev.loc["2023-10-09-dandong-sinuiju", "people_high"] == 300


def test_research_daily_nk_about_200_taken_to_sinuiju_and_onsong(ev):
    in_report(RESEARCH, "about 200 people returned through Dandong and")
    row = ev.loc["2023-10-dailynk-transfer-to-holding-centres"]
    assert covers(row, 200) and row["kind"] == "transfer"
    parts = ev[ev["part_of"].eq(row.name).to_numpy()]
    assert set(parts["destination"]) == {"sinuiju-mss-holding-centre", "onsong-mss-holding-centre"}


def test_research_hrw_more_than_670_returned_since_2020(stats):
    in_report(RESEARCH, "more than 670 people returned between 2020 and April 2024")
    row = stats.loc["hrw-2024-returned-since-2020"]
    assert row["value"] == 670 and row["qualifier"] == "more-than"
    assert row["period_start"] == pd.Timestamp("2020-01-01") and row["period_end"].year == 2024


# --- Copying and privacy -----------------------------------------------------------------------------

COPY_RUN = 12


def test_no_text_copies_a_run_of_12_words_from_a_report():
    if not reports_available():
        pytest.skip("source reports not available")
    report_runs = set()
    for name in REPORT_FILES:
        report_runs |= shingles(report_text(name), COPY_RUN)
    copied = [(where, " ".join(sorted(shingles(text, COPY_RUN) & report_runs)[0]))
              for where, text in free_texts() if shingles(text, COPY_RUN) & report_runs]
    assert not copied, f"copied from a report: {copied}"


def test_the_copy_check_catches_a_copied_sentence_but_not_a_paraphrase():
    if not reports_available():
        pytest.skip("source reports not available")
    rfa = shingles(report_text(RFA), COPY_RUN)
    copied = ("As we read: the group of escapees sent back to North Korea last week had been awaiting their "
              "fate at a prison.")
    own = "People held in Shenyang, some for up to two years, were taken on two buses through Dandong customs."
    assert shingles(copied, COPY_RUN) & rfa
    assert not shingles(own, COPY_RUN) & rfa


# Names of private people may appear only where a named outlet published them (report: where).
PRIVATE_ALLOWED = {"Kim Cheol Ok": NEWSWEEK, "Choi": EPOCH, "Kang": EPOCH}
# People acting in public roles (officials, heads of organisations, researchers, journalists).
PUBLIC_PEOPLE = {"Kim Jong Un", "Kim Jong Il", "Kim Il Sung", "Yoon Suk Yeol", "Peter Jung", "Phil Robertson",
                 "Michael Kirby", "Elizabeth Salmon", "Lina Yoon", "Hanna Song", "Ethan Hee-Seok Shin", "David Hawk",
                 "Yang Moo-jin", "Hwang Ji-hwan", "Lee Jong Joo", "Cheong Gwang-il", "Catriona Murdoch",
                 "Jang Se-yul", "Julie Turner", "Kim Hee-tae", "Kim Seung-eun", "Chung Ui-hwa", "Kim Seung-jae",
                 "Song Doo-hwan", "Kang Chol-ho", "Kwon Na-hyun", "Yoon Yeo-sang",
                 "Ha Tinh"}  # the last is a Vietnamese province the name finder mistakes for a name
SURNAMES = ("Kim Lee Yi Park Pak Choi Choe Jung Jeong Chung Kang Cho Jo Yoon Yun Jang Chang Lim Im Han Shin Seo "
            "Kwon Hwang Ahn Song Jeon Hong Ko Moon Mun Yang Son Bae Baek Heo Nam Noh Ha Kwak Sung Cha Joo Ju Woo "
            "Koo Ku Min Ryu Yu Jin Chae Won Chun Bang Gong Hyun Ham Byun Yeom Chu Seok Seol Gil Pyo Ban Wang "
            "Geum Maeng Tak Eun Ri Rhee Kyu").split()
FULL_NAME = re.compile(r"\b(?:%s)(?:[ -][A-Z][a-z]+(?:-[a-z]+)?)+" % "|".join(SURNAMES))
SURNAMED = re.compile(r"\bsurnamed\s+([A-Z][a-z]+)")


def names_in(text: str) -> set[str]:
    return {m.group(0) for m in FULL_NAME.finditer(text)} | set(SURNAMED.findall(text))


def test_the_name_finder_finds_korean_names():
    assert names_in("her sister Kim Kyu-li, and a girl surnamed Choi") == {"Kim Kyu-li", "Choi"}
    assert names_in("Kyu Li said") == {"Kyu Li"}
    assert names_in("Ji'an–Manpo railway bridge; Kyo-hwa-so No. 12") == set()


def test_only_published_or_public_names_appear():
    allowed = set(PRIVATE_ALLOWED) | PUBLIC_PEOPLE
    found = {(where, name) for where, text in free_texts() for name in names_in(text)}
    assert {(w, n) for w, n in found if n not in allowed} == set()


def test_relatives_are_not_named():
    # Newsweek and Metro name Kim Cheol Ok's sister; the data must not add relatives' names.
    for where, text in free_texts():
        assert not re.search(r"\bKyu\b|Kyu[- ]?[Ll]i", text), where


def test_each_allowed_private_name_is_in_the_report_that_published_it():
    if not reports_available():
        pytest.skip("source reports not available")
    for name, report in PRIVATE_ALLOWED.items():
        assert name in report_text(report), f"{name} is not in {report}"
