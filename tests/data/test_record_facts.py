"""The facts of each event added for 2017–2026 (issue 12), written from the researchers' files in
/work/research/ (r1 2017–2020, r2 2021–2023 Q3, r3 2023 Q4–2024, r4 2025–2026, r5 statistics and sites):
each event's date, precision, kind and places, and each claim's stated figure, qualifier and source
publisher. A later edit that changes one of these facts fails here and has to say why.

Where the integrated data reads the researchers' rows differently, the reading is the editors' and is
noted here (the claims keep each source's own date and wording):
- 2017-03-mid-eight-held-road-check: r1 dates it 15 March (week); the sources give 12 March (Chosun
  Ilbo) and "mid-March" (HRW, Amnesty), so the event is dated March 2017 (month).
- 2019-05-25-shenyang-four-arrested: r1 dates it 25 May (day); Daily NK's VOA summary gives 24 May, so
  the event is dated the week of 20 May 2019 and both claims keep their day.
- 2020-09-qingdao-six-groups-arrested--chosun: r1 codes "at least 40" (the lead); the body's 40여 명 is
  "more than 40", the coding of every other 여 명 figure in claims.csv.
- 2024-04-28-changbai-returnees-to-kyohwaso: r3 made it part of 2024-04-26-changbai-hyesan, itself a
  part of an umbrella; an event has one level of umbrella, so it stands alone.
- r4's 2024-helong-108-workers-returned and 2024-south-china-212-women-returned are claims on r3's
  events 2024-01-helong-workers-returned and 2024-hrw-212-trafficked-women-returned (the same
  returns); r4's 2024-about-270-women-returned is the statistic hrw-2025-10-women-2024-270 (a count
  over a year with no place or date of its own), not an event.
"""

from __future__ import annotations

import pandas as pd
import pytest

from geo.dataset import load
from tests.data.common import SHIPPED


@pytest.fixture(scope="module")
def ds():
    return load(SHIPPED)


# (event id, date, date precision, kind, origin, crossing, destination)  # researcher's file
EVENTS = [
    ('2017-03-china-laos-border-three-arrested', '2017-03-01', 'month', 'arrest', '', '', ''),  # r1
    ('2017-03-mid-eight-held-road-check', '2017-03-01', 'month', 'arrest', '', '', ''),  # r1
    ('2017-03-tianjin-four-arrested', '2017-03-01', 'month', 'arrest', '', '', ''),  # r1
    ('2017-07-yunnan-to-shenyang-transfer', '2017-07-20', 'week', 'transfer', '', '', 'shenyang-detention'),  # r1
    ('2017-07-kunming-twelve-held', '2017-07-22', 'week', 'detention', 'kunming-detention', '', ''),  # r1
    ('2017-08-02-jilin-station-seven-arrested', '2017-08-02', 'day', 'arrest', '', '', ''),  # r1
    ('2017-08-14-qinhuangdao-five-arrested', '2017-08-14', 'day', 'arrest', '', '', ''),  # r1
    ('2017-09-dandong-workers-sent-home', '2017-09-01', 'month', 'repatriation', '', '', ''),  # r1
    ('2017-10-28-baishan-five-arrested', '2017-10-28', 'day', 'arrest', '', '', ''),  # r1
    ('2017-11-baishan-five-returned', '2017-11-01', 'month', 'repatriation', '', '', ''),  # r1
    ('2018-03-24-arrests-before-kim-xi-meeting', '2018-03-24', 'day', 'arrest', '', '', ''),  # r1
    ('2018-03-kim-visit-about-30-arrested', '2018-03-26', 'week', 'arrest', '', '', ''),  # r1
    ('2018-11-dandong-swimmer-returned', '2018-11-01', 'month', 'repatriation', '', 'dandong-sinuiju', ''),  # r1
    ('2018-11-dandong-two-workers-returned', '2018-11-01', 'month', 'repatriation', '', 'dandong-sinuiju', ''),  # r1
    ('2019-04-vietnam-three-returned-to-nk', '2019-04-01', 'month', 'repatriation', '', '', ''),  # r1
    ('2019-04-03-vietnam-three-handed-to-china', '2019-04-03', 'day', 'transfer', '', '', ''),  # r1
    ('2019-05-safe-house-raid-five', '2019-05-01', 'month', 'arrest', '', '', ''),  # r1
    ('2019-05-15-shenyang-two-arrested', '2019-05-15', 'day', 'arrest', '', '', ''),  # r1
    ('2019-05-25-shenyang-four-arrested', '2019-05-20', 'week', 'arrest', '', '', ''),  # r1
    ('2019-05-21-nanning-four-arrested', '2019-05-21', 'day', 'arrest', '', '', ''),  # r1
    ('2019-05-21-shenyang-two-arrested', '2019-05-21', 'day', 'arrest', '', '', ''),  # r1
    ('2019-05-21-tonghua-two-arrested', '2019-05-21', 'day', 'arrest', '', '', ''),  # r1
    ('2019-05-29-three-arrested', '2019-05-29', 'day', 'arrest', '', '', ''),  # r1
    ('2019-07-liaoning-held', '2019-07-01', 'month', 'detention', '', '', ''),  # r1
    ('2019-07-liaoning-returns-begun', '2019-07-01', 'month', 'repatriation', '', '', ''),  # r1
    ('2019-12-shenyang-pregnant-woman-arrested', '2019-12-01', 'month', 'arrest', '', '', ''),  # r1
    ('2019-12-woman-returned', '2019-12-01', 'month', 'repatriation', '', '', ''),  # r1
    ('2020-02-dandong-over-20-held', '2020-02-28', 'week', 'detention', 'dandong-detention', '', ''),  # r1
    ('2020-09-qingdao-six-groups-arrested', '2020-09-01', 'month', 'arrest', '', '', 'qingdao-detention'),  # r1
    ('2020-09-13-huangdao-five-arrested', '2020-09-13', 'day', 'arrest', '', '', 'qingdao-detention'),  # r1
    ('2020-10-dandong-about-20-women-held', '2020-10-01', 'month', 'detention', 'dandong-detention', '', ''),  # r1
    ('2020-10-jilin-about-200-held', '2020-10-01', 'month', 'detention', 'tumen-border-defence-detention-centre', '', ''),  # r1
    ('2021-06-un-letter-woman-arrested', '2021-06-01', 'month', 'arrest', '', '', ''),  # r2
    ('2021-10-qingdao-about-30-arrested', '2021-10-11', 'week', 'arrest', '', '', ''),  # r2
    ('2021-11-28-jilin-prison-escapee-recaptured', '2021-11-28', 'day', 'arrest', '', '', ''),  # r2
    ('2022-01-un-letter-seven-detained', '2022-01-01', 'month', 'detention', '', '', ''),  # r2
    ('2022-05-18-dandong-crossers-arrested', '2022-05-18', 'week', 'arrest', '', '', ''),  # r2
    ('2023-02-08-qingdao-group-arrested', '2023-02-08', 'day', 'arrest', '', '', ''),  # r2
    ('2023-08-28-dandong-workers-returned', '2023-08-28', 'day', 'repatriation', '', 'dandong-sinuiju', ''),  # r2
    ('2023-09-02-dandong-weekend-return-claim', '2023-09-02', 'week', 'repatriation', 'dandong-detention', 'dandong-sinuiju', ''),  # r2
    ('2023-10-09-sanhe-hoeryong', '2023-10-09', 'day', 'repatriation', '', 'sanhe-hoeryong', ''),  # r3
    ('2023-10-transfer-to-hyesan-holding-centre', '2023-10-09', 'week', 'transfer', '', 'changbai-hyesan', 'hyesan-mss-holding-centre'),  # r3
    ('2023-10-23-unnamed-facility-170-held', '2023-10-23', 'day', 'detention', '', '', ''),  # r3
    ('2024-01-helong-workers-returned', '2024-01-01', 'month', 'repatriation', '', '', ''),  # r3
    ('2024-01-oct-returnees-to-kyohwaso', '2024-01-01', 'month', 'transfer', '', '', ''),  # r3
    ('2024-01-ten-oct-returnees-to-kwanliso', '2024-01-01', 'month', 'transfer', '', '', ''),  # r3
    ('2024-hrw-212-trafficked-women-returned', '2024-01-01', 'year', 'repatriation', '', '', ''),  # r3
    ('2024-nkinsider-oct-returnees-life-sentences', '2024-01-01', 'year', 'trial', '', '', ''),  # r3
    ('2024-nktimes-dandong-thirty-returned', '2024-01-01', 'year', 'repatriation', 'dandong-detention', '', ''),  # r3
    ('2024-02-dandong-immigration-detention-held', '2024-02-01', 'month', 'detention', 'dandong-detention', '', ''),  # r3
    ('2024-03-tumen-namyang-40', '2024-03-01', 'month', 'repatriation', '', 'tumen-namyang', ''),  # r3
    ('2024-04-dandong-returnees-to-kaechon', '2024-04-01', 'month', 'transfer', '', '', 'kyohwaso-1-kaechon'),  # r3
    ('2024-04-mid-dandong-sinuiju', '2024-04-01', 'month', 'repatriation', 'dandong-detention', 'dandong-sinuiju', ''),  # r3
    ('2024-04-26-changbai-hyesan', '2024-04-26', 'day', 'repatriation', '', 'changbai-hyesan', ''),  # r3
    ('2024-04-26-dandong-sinuiju', '2024-04-26', 'day', 'repatriation', '', 'dandong-sinuiju', ''),  # r3
    ('2024-04-28-changbai-returnees-to-kyohwaso', '2024-04-28', 'day', 'transfer', '', '', ''),  # r3
    ('2024-05-jm-sixty-arrested', '2024-05-01', 'month', 'arrest', '', '', ''),  # r3
    ('2024-08-kunming-fifteen-to-jilin', '2024-08-19', 'week', 'transfer', '', '', ''),  # r3
    ('2024-08-21-kunming-fifteen-arrested', '2024-08-21', 'day', 'arrest', '', '', ''),  # r3
    ('2024-08-31-chongjin-execution', '2024-08-31', 'day', 'execution', '', '', ''),  # r3
    ('2024-08-31-chongjin-public-trial', '2024-08-31', 'day', 'trial', '', '', ''),  # r3
    ('2025-01-myanmar-border-woman-arrested', '2025-01-01', 'month', 'arrest', '', '', ''),  # r4
    ('2025-09-women-returned-before-kim-visit', '2025-09-01', 'month', 'repatriation', '', '', ''),  # r4
    ('2026-03-woman-held-in-jilin-facing-return', '2026-03-01', 'month', 'detention', '', '', ''),  # r4
]

# (claim id, event id, qualifier, people, people_to, publisher of its source)
CLAIMS = [
    ('2017-03-china-laos-border-three-arrested--upi', '2017-03-china-laos-border-three-arrested', 'exact', 3, None, 'UPI'),
    ('2017-03-mid-eight-held-road-check--hrw', '2017-03-mid-eight-held-road-check', 'exact', 8, None, 'Human Rights Watch'),
    ('2017-03-mid-eight-held-road-check--amnesty', '2017-03-mid-eight-held-road-check', 'exact', 8, None, 'Amnesty International'),
    ('2017-03-mid-eight-held-road-check--chosun', '2017-03-mid-eight-held-road-check', 'exact', 6, None, 'Chosun Ilbo (copy on nk.chosun.com)'),
    ('2017-03-mid-eight-held-road-check--upi', '2017-03-mid-eight-held-road-check', 'exact', 7, None, 'UPI'),
    ('2017-03-tianjin-four-arrested--upi', '2017-03-tianjin-four-arrested', 'exact', 4, None, 'UPI'),
    ('2017-07-yunnan-to-shenyang-transfer--chosun-0724', '2017-07-yunnan-to-shenyang-transfer', 'exact', 5, None, 'Chosun Ilbo'),
    ('2017-07-kunming-twelve-held--chosun-0722', '2017-07-kunming-twelve-held', 'exact', 12, None, 'Chosun Ilbo (copy on nk.chosun.com)'),
    ('2017-07-kunming-twelve-held--news1', '2017-07-kunming-twelve-held', 'not-given', None, None, 'News1'),
    ('2017-08-02-jilin-station-seven-arrested--dailynk', '2017-08-02-jilin-station-seven-arrested', 'exact', 7, None, 'Daily NK'),
    ('2017-08-14-qinhuangdao-five-arrested--dailynk', '2017-08-14-qinhuangdao-five-arrested', 'exact', 5, None, 'Daily NK'),
    ('2017-09-dandong-workers-sent-home--factory', '2017-09-dandong-workers-sent-home', 'exact', 170, None, 'Daily NK'),
    ('2017-09-dandong-workers-sent-home--station', '2017-09-dandong-workers-sent-home', 'exact', 20, None, 'Daily NK'),
    ('2017-10-28-baishan-five-arrested--chosun', '2017-10-28-baishan-five-arrested', 'exact', 5, None, 'Chosun Ilbo'),
    ('2017-11-baishan-five-returned--chosun', '2017-11-baishan-five-returned', 'exact', 5, None, 'Chosun Ilbo'),
    ('2018-03-24-arrests-before-kim-xi-meeting--seven', '2018-03-24-arrests-before-kim-xi-meeting', 'exact', 7, None, 'ICNK news board, stopnkcrimes.org (summarising Chosun Ilbo)'),
    ('2018-03-24-arrests-before-kim-xi-meeting--three', '2018-03-24-arrests-before-kim-xi-meeting', 'exact', 3, None, 'ICNK news board, stopnkcrimes.org (summarising Chosun Ilbo)'),
    ('2018-03-kim-visit-about-30-arrested--koreaherald', '2018-03-kim-visit-about-30-arrested', 'exact', 30, None, 'The Korea Herald (Yonhap)'),
    ('2018-03-kim-visit-about-30-arrested--sbs', '2018-03-kim-visit-about-30-arrested', 'about', 30, None, 'SBS'),
    ('2018-11-dandong-swimmer-returned--dailynk', '2018-11-dandong-swimmer-returned', 'exact', 1, None, 'Daily NK'),
    ('2018-11-dandong-two-workers-returned--dailynk', '2018-11-dandong-two-workers-returned', 'exact', 2, None, 'Daily NK'),
    ('2019-04-vietnam-three-returned-to-nk--ajunews', '2019-04-vietnam-three-returned-to-nk', 'exact', 3, None, 'Aju News'),
    ('2019-04-03-vietnam-three-handed-to-china--joongang', '2019-04-03-vietnam-three-handed-to-china', 'exact', 3, None, 'Korea JoongAng Daily'),
    ('2019-05-safe-house-raid-five--reuters', '2019-05-safe-house-raid-five', 'exact', 5, None, 'Reuters (republished by Yahoo News)'),
    ('2019-05-15-shenyang-two-arrested--dailynk', '2019-05-15-shenyang-two-arrested', 'exact', 2, None, 'Daily NK'),
    ('2019-05-25-shenyang-four-arrested--dailynk', '2019-05-25-shenyang-four-arrested', 'exact', 4, None, 'Daily NK'),
    ('2019-05-25-shenyang-four-arrested--dailynk-voa', '2019-05-25-shenyang-four-arrested', 'exact', 4, None, 'Daily NK'),
    ('2019-05-25-shenyang-four-arrested--yonhap', '2019-05-25-shenyang-four-arrested', 'exact', 4, None, 'Yonhap News Agency (republished by wowtv.co.kr)'),
    ('2019-05-21-nanning-four-arrested--yonhap', '2019-05-21-nanning-four-arrested', 'exact', 4, None, 'Yonhap News Agency (republished by wowtv.co.kr)'),
    ('2019-05-21-nanning-four-arrested--dailynk', '2019-05-21-nanning-four-arrested', 'exact', 4, None, 'Daily NK'),
    ('2019-05-21-nanning-four-arrested--reuters', '2019-05-21-nanning-four-arrested', 'exact', 4, None, 'Reuters (republished by Yahoo News)'),
    ('2019-05-21-shenyang-two-arrested--dailynk', '2019-05-21-shenyang-two-arrested', 'exact', 2, None, 'Daily NK'),
    ('2019-05-21-tonghua-two-arrested--dailynk', '2019-05-21-tonghua-two-arrested', 'exact', 2, None, 'Daily NK'),
    ('2019-05-29-three-arrested--dailynk', '2019-05-29-three-arrested', 'exact', 3, None, 'Daily NK'),
    ('2019-07-liaoning-held--chosun', '2019-07-liaoning-held', 'exact', 39, None, 'Chosun Ilbo (copy on nk.chosun.com)'),
    ('2019-07-liaoning-held--rfa', '2019-07-liaoning-held', 'about', 60, None, 'Radio Free Asia (copy on the rfanews.org mailing-list archive; reprinted by American Military News 2019-08-08)'),
    ('2019-07-liaoning-returns-begun--rfa', '2019-07-liaoning-returns-begun', 'not-given', None, None, 'Radio Free Asia (copy on the rfanews.org mailing-list archive; reprinted by American Military News 2019-08-08)'),
    ('2019-12-shenyang-pregnant-woman-arrested--dailynk', '2019-12-shenyang-pregnant-woman-arrested', 'exact', 1, None, 'Daily NK (republished on stopnkcrimes.org, 2020-03-05)'),
    ('2019-12-woman-returned--rfa', '2019-12-woman-returned', 'exact', 1, None, 'Radio Free Asia'),
    ('2020-02-dandong-over-20-held--dailynk', '2020-02-dandong-over-20-held', 'more-than', 20, None, 'Daily NK (republished on stopnkcrimes.org, 2020-03-05)'),
    ('2020-09-qingdao-six-groups-arrested--chosun', '2020-09-qingdao-six-groups-arrested', 'more-than', 40, None, 'Chosun Ilbo (copy on nk.chosun.com)'),
    ('2020-09-13-huangdao-five-arrested--yonhap', '2020-09-13-huangdao-five-arrested', 'exact', 5, None, 'Yonhap News Agency'),
    ('2020-09-13-huangdao-five-arrested--upi', '2020-09-13-huangdao-five-arrested', 'exact', 5, None, 'UPI'),
    ('2020-09-13-huangdao-five-arrested--chosun', '2020-09-13-huangdao-five-arrested', 'exact', 5, None, 'Chosun Ilbo (copy on nk.chosun.com)'),
    ('2020-10-dandong-about-20-women-held--dailynk', '2020-10-dandong-about-20-women-held', 'about', 20, None, 'Daily NK'),
    ('2020-10-dandong-about-20-women-held--gpnews', '2020-10-dandong-about-20-women-held', 'about', 20, None, 'GPNews'),
    ('2020-10-jilin-about-200-held--dailynk', '2020-10-jilin-about-200-held', 'about', 200, None, 'Daily NK'),
    ('2020-10-jilin-about-200-held--gpnews', '2020-10-jilin-about-200-held', 'about', 200, None, 'GPNews'),
    ('2020-10-jilin-about-200-held--nkrefugees', '2020-10-jilin-about-200-held', 'exact', 200, None, 'northkoreanrefugees.com'),
    ('2021-06-un-letter-woman-arrested--crossingborders', '2021-06-un-letter-woman-arrested', 'exact', 1, None, 'Crossing Borders'),
    ('2021-06-un-letter-woman-arrested--christiandaily', '2021-06-un-letter-woman-arrested', 'exact', 1, None, '기독일보 (Christian Daily Korea)'),
    ('2021-10-qingdao-about-30-arrested--korean-daily', '2021-10-qingdao-about-30-arrested', 'exact', 30, None, '북한민주화위원회 (cdnk.co.kr, reposting a Korean daily)'),
    ('2021-11-28-jilin-prison-escapee-recaptured--bbcko', '2021-11-28-jilin-prison-escapee-recaptured', 'exact', 1, None, 'BBC News 코리아 (text-only mirror bbctodays.pages.dev)'),
    ('2022-01-un-letter-seven-detained--rfa-ko-2022', '2022-01-un-letter-seven-detained', 'exact', 7, None, 'Radio Free Asia (Korean service)'),
    ('2022-01-un-letter-seven-detained--christiandaily', '2022-01-un-letter-seven-detained', 'exact', 7, None, '기독일보 (Christian Daily Korea)'),
    ('2022-01-un-letter-seven-detained--rfa-ko-2023', '2022-01-un-letter-seven-detained', 'exact', 7, None, 'Radio Free Asia (Korean service)'),
    ('2022-01-un-letter-seven-detained--crossingborders', '2022-01-un-letter-seven-detained', 'exact', 7, None, 'Crossing Borders'),
    ('2022-05-18-dandong-crossers-arrested--kbs', '2022-05-18-dandong-crossers-arrested', 'exact', 3, None, 'KBS'),
    ('2022-05-18-dandong-crossers-arrested--mbc', '2022-05-18-dandong-crossers-arrested', 'exact', 3, None, 'MBC'),
    ('2022-05-18-dandong-crossers-arrested--sbs', '2022-05-18-dandong-crossers-arrested', 'exact', 3, None, 'SBS'),
    ('2022-05-18-dandong-crossers-arrested--sbs-denial', '2022-05-18-dandong-crossers-arrested', 'not-given', None, None, 'SBS'),
    ('2022-05-18-dandong-crossers-arrested--yonhap', '2022-05-18-dandong-crossers-arrested', 'exact', 5, None, 'Yonhap News Agency'),
    ('2023-02-08-qingdao-group-arrested--chosun', '2023-02-08-qingdao-group-arrested', 'exact', 16, None, 'Chosun Ilbo (seen via reposts on riu.or.kr, nk.chosun.com and cdnk.co.kr)'),
    ('2023-02-08-qingdao-group-arrested--rfa-ko', '2023-02-08-qingdao-group-arrested', 'exact', 12, None, 'Radio Free Asia (Korean service)'),
    ('2023-08-28-dandong-workers-returned--seoul', '2023-08-28-dandong-workers-returned', 'range', 300, 400, 'Seoul Shinmun'),
    ('2023-08-28-dandong-workers-returned--kbs', '2023-08-28-dandong-workers-returned', 'about', 200, None, 'KBS (seen via repost on onecorea.com dated 2023-08-30)'),
    ('2023-08-28-dandong-workers-returned--yonhap-oct', '2023-08-28-dandong-workers-returned', 'about', 2000, None, 'Yonhap News Agency (seen via repost on koreatown.com.cn)'),
    ('2023-08-28-dandong-workers-returned--rfa', '2023-08-28-dandong-workers-returned', 'about', 500, None, 'Radio Free Asia (republished by voicesagainstautocracy.org)'),
    ('2023-09-02-dandong-weekend-return-claim--freedomandlife', '2023-09-02-dandong-weekend-return-claim', 'range', 2000, 3000, '자유와삶 (thefreedomandlife.com)'),
    ('2023-10-09-sanhe-hoeryong--nktimes1011-nh', '2023-10-09-sanhe-hoeryong', 'not-given', None, None, 'NK Times (엔케이타임즈)'),
    ('2023-10-transfer-to-hyesan-holding-centre--nkinsiderlife', '2023-10-transfer-to-hyesan-holding-centre', 'not-given', None, None, 'NK Insider'),
    ('2023-10-transfer-to-hyesan-holding-centre--asiapress', '2023-10-transfer-to-hyesan-holding-centre', 'not-given', None, None, 'ASIAPRESS (Rimjin-gang English)'),
    ('2023-10-23-unnamed-facility-170-held--yonhap1023', '2023-10-23-unnamed-facility-170-held', 'at-least', 170, None, 'Yonhap News Agency'),
    ('2024-01-helong-workers-returned--yonhap2025-hrw', '2024-01-helong-workers-returned', 'exact', 108, None, 'Yonhap News Agency (republished by Newspic)'),
    ('2024-01-helong-workers-returned--segye2025-hrw', '2024-01-helong-workers-returned', 'exact', 108, None, 'Segye Ilbo'),
    ('2024-01-helong-workers-returned--joongangko-sankei', '2024-01-helong-workers-returned', 'more-than', 200, None, 'JoongAng Ilbo'),
    ('2024-01-helong-workers-returned--asiatoday', '2024-01-helong-workers-returned', 'more-than', 200, None, 'Asia Today'),
    ('2024-helong-108-workers-returned--yonhap', '2024-01-helong-workers-returned', 'exact', 108, None, 'Yonhap News Agency (republished by Newspic)'),
    ('2024-helong-108-workers-returned--yahoohk', '2024-01-helong-workers-returned', 'exact', 108, None, 'Yahoo News Hong Kong'),
    ('2024-01-oct-returnees-to-kyohwaso--pressunited', '2024-01-oct-returnees-to-kyohwaso', 'not-given', None, None, 'The Press United (republishing Daily NK)'),
    ('2024-01-oct-returnees-to-kyohwaso--nkinsiderlife', '2024-01-oct-returnees-to-kyohwaso', 'not-given', None, None, 'NK Insider'),
    ('2024-01-ten-oct-returnees-to-kwanliso--dailynkchr', '2024-01-ten-oct-returnees-to-kwanliso', 'exact', 10, None, 'Daily NK'),
    ('2024-01-ten-oct-returnees-to-kwanliso--opendoorsuk', '2024-01-ten-oct-returnees-to-kwanliso', 'at-least', 10, None, 'Open Doors UK'),
    ('2024-hrw-212-trafficked-women-returned--yonhap2025-hrw', '2024-hrw-212-trafficked-women-returned', 'exact', 212, None, 'Yonhap News Agency (republished by Newspic)'),
    ('2024-south-china-212-women-returned--yonhap', '2024-hrw-212-trafficked-women-returned', 'exact', 212, None, 'Yonhap News Agency (republished by Newspic)'),
    ('2024-south-china-212-women-returned--edaily', '2024-hrw-212-trafficked-women-returned', 'exact', 212, None, 'Edaily (republished by Newspic)'),
    ('2024-south-china-212-women-returned--yahoohk', '2024-hrw-212-trafficked-women-returned', 'exact', 212, None, 'Yahoo News Hong Kong'),
    ('2024-nkinsider-oct-returnees-life-sentences--nkinsiderlife', '2024-nkinsider-oct-returnees-life-sentences', 'about', 600, None, 'NK Insider'),
    ('2024-nktimes-dandong-thirty-returned--nktimes30', '2024-nktimes-dandong-thirty-returned', 'exact', 30, None, 'NK Times (엔케이타임즈)'),
    ('2024-02-dandong-immigration-detention-held--nktimes70', '2024-02-dandong-immigration-detention-held', 'more-than', 200, None, 'NK Times (엔케이타임즈)'),
    ('2024-03-tumen-namyang-40--nktimes40', '2024-03-tumen-namyang-40', 'more-than', 40, None, 'NK Times (엔케이타임즈)'),
    ('2024-04-dandong-returnees-to-kaechon--rfako0508', '2024-04-dandong-returnees-to-kaechon', 'not-given', None, None, 'Radio Free Asia (Korean service)'),
    ('2024-04-mid-dandong-sinuiju--nktimes70', '2024-04-mid-dandong-sinuiju', 'more-than', 70, None, 'NK Times (엔케이타임즈)'),
    ('2024-04-mid-dandong-sinuiju--rfako0508', '2024-04-mid-dandong-sinuiju', 'not-given', None, None, 'Radio Free Asia (Korean service)'),
    ('2024-04-26-changbai-hyesan--nktimes20', '2024-04-26-changbai-hyesan', 'more-than', 20, None, 'NK Times (엔케이타임즈)'),
    ('2024-04-26-changbai-hyesan--kbsw0502', '2024-04-26-changbai-hyesan', 'more-than', 200, None, 'KBS World'),
    ('2024-04-26-dandong-sinuiju--nkinsider-rfa', '2024-04-26-dandong-sinuiju', 'not-given', None, None, 'NK Insider'),
    ('2024-04-28-changbai-returnees-to-kyohwaso--nktimes2day', '2024-04-28-changbai-returnees-to-kyohwaso', 'more-than', 20, None, 'NK Times (엔케이타임즈)'),
    ('2024-05-jm-sixty-arrested--ytn0507', '2024-05-jm-sixty-arrested', 'more-than', 60, None, 'YTN (video page republished on Dailymotion)'),
    ('2024-08-kunming-fifteen-to-jilin--kbs0828', '2024-08-kunming-fifteen-to-jilin', 'exact', 15, None, 'KBS News (English)'),
    ('2024-08-kunming-fifteen-to-jilin--donga0828', '2024-08-kunming-fifteen-to-jilin', 'exact', 15, None, 'Dong-A Ilbo'),
    ('2024-08-21-kunming-fifteen-arrested--segye0828', '2024-08-21-kunming-fifteen-arrested', 'exact', 15, None, 'Segye Ilbo'),
    ('2024-08-21-kunming-fifteen-arrested--donga0828', '2024-08-21-kunming-fifteen-arrested', 'exact', 15, None, 'Dong-A Ilbo'),
    ('2024-08-21-kunming-fifteen-arrested--kbs0828', '2024-08-21-kunming-fifteen-arrested', 'exact', 15, None, 'KBS News (English)'),
    ('2024-08-31-chongjin-execution--fcs0906', '2024-08-31-chongjin-execution', 'exact', 2, None, 'Freedom Chosun (fcs.news)'),
    ('2024-08-31-chongjin-execution--rfako0912', '2024-08-31-chongjin-execution', 'exact', 2, None, 'Radio Free Asia (Korean service)'),
    ('2024-08-31-chongjin-execution--rfa0917', '2024-08-31-chongjin-execution', 'exact', 2, None, 'Radio Free Asia'),
    ('2024-08-31-chongjin-public-trial--fcs0906', '2024-08-31-chongjin-public-trial', 'exact', 11, None, 'Freedom Chosun (fcs.news)'),
    ('2024-08-31-chongjin-public-trial--rfako0912', '2024-08-31-chongjin-public-trial', 'exact', 11, None, 'Radio Free Asia (Korean service)'),
    ('2024-08-31-chongjin-public-trial--rfa0917', '2024-08-31-chongjin-public-trial', 'exact', 11, None, 'Radio Free Asia'),
    ('2025-01-myanmar-border-woman-arrested--kmib-0311', '2025-01-myanmar-border-woman-arrested', 'exact', 3, None, 'Kookmin Ilbo (국민일보)'),
    ('2025-01-myanmar-border-woman-arrested--kmib-0312', '2025-01-myanmar-border-woman-arrested', 'exact', 1, None, 'Kookmin Ilbo (국민일보)'),
    ('2025-01-myanmar-border-woman-arrested--asiatoday', '2025-01-myanmar-border-woman-arrested', 'exact', 1, None, 'Asia Today (아시아투데이)'),
    ('2025-01-myanmar-border-woman-arrested--khan', '2025-01-myanmar-border-woman-arrested', 'exact', 1, None, 'Kyunghyang Shinmun (경향신문)'),
    ('2025-01-myanmar-border-woman-arrested--hrw', '2025-01-myanmar-border-woman-arrested', 'exact', 1, None, 'Human Rights Watch'),
    ('2025-09-women-returned-before-kim-visit--segye', '2025-09-women-returned-before-kim-visit', 'at-least', 28, None, 'Segye Ilbo'),
    ('2025-09-women-returned-before-kim-visit--edaily', '2025-09-women-returned-before-kim-visit', 'at-least', 28, None, 'Edaily (republished by Newspic)'),
    ('2025-09-women-returned-before-kim-visit--yahoohk', '2025-09-women-returned-before-kim-visit', 'at-least', 28, None, 'Yahoo News Hong Kong'),
    ('2026-03-woman-held-in-jilin-facing-return--asiatoday', '2026-03-woman-held-in-jilin-facing-return', 'exact', 1, None, 'Asia Today (아시아투데이)'),
    ('2026-03-woman-held-in-jilin-facing-return--khan', '2026-03-woman-held-in-jilin-facing-return', 'exact', 1, None, 'Kyunghyang Shinmun (경향신문)'),
    ('2026-03-woman-held-in-jilin-facing-return--kmib-0311', '2026-03-woman-held-in-jilin-facing-return', 'exact', 1, None, 'Kookmin Ilbo (국민일보)'),
    ('2026-03-woman-held-in-jilin-facing-return--kmib-0312', '2026-03-woman-held-in-jilin-facing-return', 'exact', 1, None, 'Kookmin Ilbo (국민일보)'),
    ('2026-03-woman-held-in-jilin-facing-return--hrw', '2026-03-woman-held-in-jilin-facing-return', 'exact', 1, None, 'Human Rights Watch'),
]


def text(value) -> str:
    return "" if value is None or pd.isna(value) else str(value)


@pytest.mark.parametrize("eid,date,precision,kind,origin,crossing,destination", EVENTS, ids=[e[0] for e in EVENTS])
def test_event_date_kind_and_places(ds, eid, date, precision, kind, origin, crossing, destination):
    assert eid in ds.events.index, f"{eid} is no longer in events.csv"
    row = ds.events.loc[eid]
    assert (row["date"].strftime("%Y-%m-%d"), text(row["date_precision"]), row["kind"]) == (date, precision, kind)
    assert (text(row["origin"]), text(row["crossing"]), text(row["destination"])) == (origin, crossing, destination)


@pytest.mark.parametrize("cid,eid,qualifier,people,people_to,publisher", CLAIMS, ids=[c[0] for c in CLAIMS])
def test_claim_figure_qualifier_and_publisher(ds, cid, eid, qualifier, people, people_to, publisher):
    assert cid in ds.claims.index, f"{cid} is no longer in claims.csv"
    row = ds.claims.loc[cid]
    assert (row["event"], row["qualifier"]) == (eid, qualifier)
    assert (None if pd.isna(row["people"]) else int(row["people"])) == people
    assert (None if pd.isna(row["people_to"]) else int(row["people_to"])) == people_to
    assert ds.sources.loc[row["source"], "publisher"] == publisher


def test_each_added_event_has_exactly_the_claims_listed(ds):
    """A claim added to or dropped from one of these events fails here too."""
    listed = {}
    for cid, eid, *_ in CLAIMS:
        listed.setdefault(eid, set()).add(cid)
    ours = ds.claims[ds.claims["event"].isin([e[0] for e in EVENTS])]
    found = {eid: set(group.index) for eid, group in ours.groupby("event")}
    assert found == listed
    assert set(listed) == {e[0] for e in EVENTS}  # every added event has at least one claim
    assert len(EVENTS) == 64 and len(CLAIMS) == 123
