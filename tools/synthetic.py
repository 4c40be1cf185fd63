"""A deterministic synthetic data directory: N events over M sites, in the project's real formats.

For benchmarks and scale tests only. Every site is marked as synthetic in its notes and every
source title says "Synthetic", so the output can never be mistaken for the real record.

The same (events, sites, seed) always gives byte-identical files. The output follows
data/schema/*.json and passes geo.dataset.check with zero errors:

- sites in the three layers (crossings are border crossings with both sides named; a few are
  approximate, a few are small polygons, a few are sensitive), placed in the China–North Korea
  border region around real towns;
- events dated 1998–2024, weighted to recent years, with day/week/month/year precision written as
  the first day of the period; kinds with plausible routes (a Chinese detention site → its nearest
  crossings → the North Korean holding centres nearest those), so the number of distinct routes
  stays as small as it is in reality;
- 1–3 claims per event (claims.csv), one per source, each stating the figure its own way: exact,
  about, nearly, at least, more than, up to, fewer than, a range, or no figure. Most further claims
  agree with the first one, the others state another number of the same true range, so the data has
  agreeing, conflicting and open-ended figures alike;
- umbrella events (a mass return with no site of its own) whose 2–5 parts name it in part_of; about
  half the parts have no figure of their own (a share of the umbrella's that no source broke down);
- sources with the provenance columns (accessed, archive address, language, primary or secondary);
  every one has an address (url or archive_url), so validation reports nothing;
- a few sensitive events.
"""

from __future__ import annotations

import io
import json
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from geo.atomicfile import atomic_write
from geo.paths import CLAIMS_FILE, EVENTS_FILE, LAYERS, SITES_SUBDIR, SOURCES_FILE
from geo.schemas import columns

FIRST_YEAR, LAST_YEAR = 1998, 2024
DEFAULT_SITES = 80
DEFAULT_SEED = 20231009
SYNTHETIC_NOTE = "Synthetic site generated for benchmarks and tests; not a real place."

# (en, ko, zh, lon, lat): towns the sites are scattered around (approximate, for plausibility only).
CN_TOWNS = [
    ("Dandong", "단둥", "丹东", 124.38, 40.13),
    ("Tumen", "투먼", "图们", 129.84, 42.96),
    ("Yanji", "옌지", "延吉", 129.51, 42.89),
    ("Hunchun", "훈춘", "珲春", 130.36, 42.86),
    ("Longjing", "룽징", "龙井", 129.42, 42.77),
    ("Helong", "허룽", "和龙", 129.01, 42.55),
    ("Changbai", "창바이", "长白", 128.20, 41.42),
    ("Ji'an", "지안", "集安", 126.19, 41.12),
    ("Linjiang", "린장", "临江", 126.92, 41.81),
    ("Tonghua", "퉁화", "通化", 125.94, 41.73),
    ("Shenyang", "선양", "沈阳", 123.43, 41.80),
    ("Changchun", "창춘", "长春", 125.32, 43.82),
    ("Mudanjiang", "무단장", "牡丹江", 129.63, 44.55),
    ("Baishan", "바이산", "白山", 126.42, 41.94),
    ("Kuandian", "콴뎬", "宽甸", 124.78, 40.73),
    ("Antu", "안투", "安图", 128.90, 43.11),
]
KP_TOWNS = [
    ("Sinuiju", "신의주", "新义州", 124.42, 40.10),
    ("Onsong", "온성", "稳城", 129.99, 42.96),
    ("Hoeryong", "회령", "会宁", 129.75, 42.44),
    ("Musan", "무산", "茂山", 129.20, 42.23),
    ("Hyesan", "혜산", "惠山", 128.18, 41.40),
    ("Manpo", "만포", "满浦", 126.29, 41.15),
    ("Chongjin", "청진", "清津", 129.78, 41.79),
    ("Namyang", "남양", "南阳", 129.85, 42.94),
    ("Saebyol", "새별", "塞别", 130.10, 42.70),
    ("Kanggye", "강계", "江界", 126.60, 40.97),
    ("Hamhung", "함흥", "咸兴", 127.54, 39.92),
    ("Kaechon", "개천", "价川", 125.90, 39.70),
    ("Yodok", "요덕", "耀德", 127.00, 39.75),
    ("Chongori", "전거리", "全巨里", 129.70, 42.10),
]
# (cn side, kp side, ko of both, zh, lon, lat): crossings along the Yalu and Tumen rivers.
CROSSINGS = [
    ("Dandong", "Sinuiju", "단둥–신의주", "丹东—新义州", 124.39, 40.12),
    ("Changdian", "Chongsong", "창뎬–청성", "长甸—清城", 124.87, 40.45),
    ("Ji'an", "Manpo", "지안–만포", "集安—满浦", 126.20, 41.13),
    ("Linjiang", "Chunggang", "린장–중강", "临江—中江", 126.92, 41.79),
    ("Changbai", "Hyesan", "창바이–혜산", "长白—惠山", 128.18, 41.41),
    ("Nanping", "Musan", "난핑–무산", "南坪—茂山", 129.23, 42.24),
    ("Sanhe", "Hoeryong", "싼허–회령", "三合—会宁", 129.72, 42.45),
    ("Kaishantun", "Sambong", "카이산툰–삼봉", "开山屯—三峰", 129.74, 42.70),
    ("Tumen", "Namyang", "투먼–남양", "图们—南阳", 129.85, 42.95),
    ("Quanhe", "Wonjong", "취안허–원정", "圈河—元汀", 130.60, 42.43),
    ("Shatuozi", "Saebyol", "사퉈쯔–새별", "沙坨子—赛别尔", 130.28, 42.86),
]
CN_KINDS = ["detention-centre"]
KP_KINDS = ["holding-centre", "detention-centre", "reeducation-camp", "political-prison-camp"]
KP_KIND_P = [0.45, 0.25, 0.2, 0.1]
KP_KIND_WORDS = {
    "holding-centre": ("MSS holding centre", "보위부 집결소"),
    "detention-centre": ("police detention centre", "안전부 구류장"),
    "reeducation-camp": ("re-education camp", "교화소"),
    "political-prison-camp": ("political prison camp", "관리소"),
}
PUBLISHERS = [
    "Radio Free Asia",
    "Daily NK",
    "NK News",
    "Human Rights Watch",
    "Transitional Justice Working Group",
    "Korea Future",
    "Yonhap",
    "The Korea Herald",
    "Citizens' Alliance for North Korean Human Rights",
    "Committee for Human Rights in North Korea",
    "Amnesty International",
    "Open North Korea",
]
AUTHORS = [
    "Kim Min-jun",
    "Lee Seo-yeon",
    "Park Ji-ho",
    "Choi Yu-na",
    "Jung Hyun-woo",
    "Wang Fang",
    "Zhang Wei",
    "Sarah Miller",
    "James O'Brien",
    "Anna Schmidt",
]
LANGUAGES = ["en", "ko", "zh"]

EVENT_KINDS = ["repatriation", "arrest", "detention", "transfer", "death-in-custody"]
EVENT_KIND_P = [0.45, 0.25, 0.14, 0.11, 0.05]
PRECISIONS = ["day", "week", "month", "year"]
PRECISION_P = [0.72, 0.06, 0.14, 0.08]
CONFIDENCE = ["corroborated", "single-source", "unverified"]
CONFIDENCE_P = [0.3, 0.45, 0.25]
UMBRELLA_SHARE = 0.01  # of events; each has 2–5 parts
SENSITIVE_EVENT_SHARE = 0.005
SENSITIVE_SITE_SHARE = 0.03
ACCESSED = "2025-01-15"  # the day every synthetic source was "read" (fixed: same seed, same bytes)
# how claims state a figure (probabilities sum to 1); "range" needs a true range, else it is "exact"
QUALIFIER_MIX = {
    "exact": 0.33,
    "about": 0.2,
    "nearly": 0.04,
    "range": 0.14,
    "at-least": 0.06,
    "more-than": 0.05,
    "up-to": 0.05,
    "fewer-than": 0.02,
    "not-given": 0.11,
}
AGREE_SHARE = 0.6  # a further claim about an event states the same figure as its first claim
UNREPORTED_PART_SHARE = 0.5  # parts of an umbrella whose sources give no figure of their own
SAID_BY_SHARE = 0.08  # claims the source attributes to someone else
UNDATED_CLAIM_SHARE = 0.05  # claims whose source states no date
KIND_KO = {
    "repatriation": "북송",
    "arrest": "중국 내 체포",
    "detention": "구금",
    "transfer": "구금 장소 간 이송",
    "death-in-custody": "구금 중 사망",
}


@dataclass(frozen=True)
class Synthetic:
    """The generated content: the site layers as GeoJSON documents and the three tables as frames."""

    layers: dict  # layer name -> FeatureCollection dict
    events: pd.DataFrame  # all-string columns, file order
    sources: pd.DataFrame
    claims: pd.DataFrame  # all-string columns, file order (events' order, then source order)

    def files(self) -> dict[str, bytes]:
        """Relative path → file bytes, exactly what write() puts on disk."""
        out = {}
        for layer in LAYERS:
            text = json.dumps(self.layers[layer], ensure_ascii=False, indent=2) + "\n"
            out[f"{SITES_SUBDIR}/{layer}.geojson"] = text.encode("utf-8")
        for name, frame in ((EVENTS_FILE, self.events), (SOURCES_FILE, self.sources), (CLAIMS_FILE, self.claims)):
            buf = io.StringIO()
            frame.to_csv(buf, index=False, lineterminator="\n")
            out[name] = buf.getvalue().encode("utf-8")
        return out


# --------------------------------------------------------------------------- sites


def _split_sites(m: int) -> tuple[int, int, int]:
    """How many crossings, Chinese sites and North Korean sites make up M (each at least 1)."""
    if m < 3:
        raise ValueError("at least 3 sites are needed (one per layer)")
    n_cross = max(1, min(len(CROSSINGS) * 3, round(m * 0.15)))
    n_cn = max(1, round((m - n_cross) * 0.45))
    n_kp = m - n_cross - n_cn
    if n_kp < 1:
        n_cn -= 1
        n_kp = 1
    return n_cross, n_cn, n_kp


def _jitter(rng, n, scale):
    return rng.uniform(-scale, scale, size=(n, 2))


def _uncertainty(rng, n) -> tuple[list[str], np.ndarray]:
    precision = rng.choice(["facility", "town", "region"], size=n, p=[0.45, 0.4, 0.15])
    unc = np.where(
        precision == "facility",
        0,
        np.where(precision == "town", rng.integers(1, 16, size=n) * 1000, rng.integers(20, 81, size=n) * 1000),
    )
    return list(precision), unc


def _feature(fid, lon, lat, props, polygon_km=0.0) -> dict:
    lon, lat = round(float(lon), 5), round(float(lat), 5)
    if polygon_km:
        d = round(polygon_km / 111.0, 5)
        ring = [
            [round(lon - d, 5), round(lat - d, 5)],
            [round(lon + d, 5), round(lat - d, 5)],
            [round(lon + d, 5), round(lat + d, 5)],
            [round(lon - d, 5), round(lat + d, 5)],
            [round(lon - d, 5), round(lat - d, 5)],
        ]
        geometry = {"type": "Polygon", "coordinates": [ring]}
    else:
        geometry = {"type": "Point", "coordinates": [lon, lat]}
    return {"type": "Feature", "id": fid, "geometry": geometry, "properties": props}


def _sites(rng, m: int, n_sources: int) -> tuple[dict, dict]:
    """The three layers, and per layer the site table used to draw events (ids, kinds, lon, lat, weight)."""
    n_cross, n_cn, n_kp = _split_sites(m)
    layers, tables = {}, {}
    src_ids = _source_ids(n_sources)

    def site_sources(k):
        return [src_ids[i] for i in sorted(rng.choice(n_sources, size=min(k, n_sources), replace=False))]

    # crossings: cycle through the real crossing points, then offset along the river
    feats, rows = [], []
    for i in range(n_cross):
        cn, kp, ko, zh, lon, lat = CROSSINGS[i % len(CROSSINGS)]
        rnd = i // len(CROSSINGS)
        dlon, dlat = _jitter(rng, 1, 0.08)[0] if rnd else (0.0, 0.0)
        sid = f"syn-x-{cn.lower().replace(chr(39), '')}-{kp.lower()}" + (f"-{rnd + 1}" if rnd else "")
        precision = "facility" if rnd == 0 or rng.random() < 0.5 else "town"
        unc = 0 if precision == "facility" else int(rng.integers(1, 6)) * 1000
        props = {
            "name_en": f"{cn}–{kp} crossing" + (f" {rnd + 1}" if rnd else ""),
            "name_ko": f"{ko} 통로" + (f" {rnd + 1}" if rnd else ""),
            "name_zh": f"{zh}口岸" + (f"{rnd + 1}" if rnd else "") if rng.random() < 0.9 else None,
            "kind": "border-crossing",
            "country": "CN-KP",
            "precision": precision,
            "uncertainty_m": unc,
            "sides": {"cn": cn, "kp": kp},
            "sources": site_sources(int(rng.integers(1, 3))),
            "notes": SYNTHETIC_NOTE,
            "sensitive": False,
        }
        feats.append(_feature(sid, lon + dlon, lat + dlat, props))
        rows.append((sid, "border-crossing", lon + dlon, lat + dlat))
    layers["crossings"] = feats
    tables["crossings"] = rows

    def place_layer(n, towns, kinds, kind_p, country, prefix, words):
        feats, rows = [], []
        town_idx = rng.integers(0, len(towns), size=n)
        jit = _jitter(rng, n, 0.15)
        precision, unc = _uncertainty(rng, n)
        kind = rng.choice(kinds, size=n, p=kind_p)
        polygon = rng.random(n) < 0.05
        counts: dict = {}
        for j in range(n):
            en, ko, zh, lon, lat = towns[town_idx[j]]
            k = str(kind[j])
            counts[(en, k)] = counts.get((en, k), 0) + 1
            nth = counts[(en, k)]
            w_en, w_ko = words(k)
            slug = en.lower().replace("'", "")
            sid = f"syn-{prefix}-{slug}-{k.split('-')[0]}-{nth}"
            sfx = f" {nth}" if nth > 1 else ""
            prec = precision[j]
            props = {
                "name_en": f"{en} {w_en}{sfx}",
                "name_ko": f"{ko} {w_ko}{sfx}",
                "name_zh": f"{zh}{sfx.strip()}" if rng.random() < 0.8 else None,
                "kind": k,
                "country": country,
                "precision": prec,
                "uncertainty_m": int(unc[j]),
                "sources": site_sources(int(rng.integers(1, 4))),
                "notes": SYNTHETIC_NOTE,
                "sensitive": False,
            }
            x, y = lon + jit[j, 0], lat + jit[j, 1]
            poly_km = float(rng.uniform(1.0, 4.0)) if polygon[j] and prec == "region" else 0.0
            feats.append(_feature(sid, x, y, props, poly_km))
            rows.append((sid, k, round(x, 5), round(y, 5)))
        return feats, rows

    layers["china-detention"], tables["china-detention"] = place_layer(
        n_cn, CN_TOWNS, CN_KINDS, [1.0], "CN", "cn", lambda k: ("border-defence detention centre", "변방구류심사소")
    )
    layers["nk-facilities"], tables["nk-facilities"] = place_layer(
        n_kp, KP_TOWNS, KP_KINDS, KP_KIND_P, "KP", "kp", lambda k: KP_KIND_WORDS[k]
    )

    # a few sensitive sites (never a crossing, never the only site of its layer)
    every = [
        (layer, i)
        for layer in ("china-detention", "nk-facilities")
        for i in range(len(layers[layer]))
        if len(layers[layer]) > 2
    ]
    n_sensitive = min(len(every), int(round(m * SENSITIVE_SITE_SHARE)))
    for pick in rng.choice(len(every), size=n_sensitive, replace=False) if n_sensitive else []:
        layer, i = every[int(pick)]
        layers[layer][i]["properties"]["sensitive"] = True

    docs = {
        layer: {"type": "FeatureCollection", "name": layer, "title": f"{layer} (synthetic)", "features": feats}
        for layer, feats in layers.items()
    }
    site_tables = {}
    for layer, rows in tables.items():
        ids, kinds, lon, lat = zip(*rows)
        # popularity: a few sites see most events (Zipf-like, in random order)
        weight = 1.0 / np.arange(1, len(ids) + 1) ** 0.8
        weight = rng.permutation(weight)
        site_tables[layer] = {
            "id": np.array(ids, dtype=object),
            "kind": np.array(kinds, dtype=object),
            "lon": np.array(lon),
            "lat": np.array(lat),
            "w": weight / weight.sum(),
        }
    return docs, site_tables


def _nearest(src: dict, dst: dict, k: int, mask=None) -> np.ndarray:
    """For each site in src, the indices of its k nearest sites in dst (restricted by mask)."""
    cand = np.flatnonzero(mask) if mask is not None and mask.any() else np.arange(len(dst["id"]))
    d = (src["lon"][:, None] - dst["lon"][cand][None, :]) ** 2 + (src["lat"][:, None] - dst["lat"][cand][None, :]) ** 2
    order = np.argsort(d, axis=1, kind="stable")[:, :k]
    if order.shape[1] < k:  # fewer candidates than k: repeat the nearest
        order = np.concatenate([order, np.repeat(order[:, :1], k - order.shape[1], axis=1)], axis=1)
    return cand[order]


# --------------------------------------------------------------------------- sources


def _source_ids(n: int) -> list[str]:
    width = len(str(n))
    return [f"syn-src-{i:0{width}d}" for i in range(1, n + 1)]


def _sources(rng, n: int) -> pd.DataFrame:
    ids = _source_ids(n)
    year = rng.integers(FIRST_YEAR, LAST_YEAR + 1, size=n)
    month = rng.integers(1, 13, size=n)
    day = rng.integers(1, 29, size=n)
    shape = rng.choice(3, size=n, p=[0.1, 0.2, 0.7])
    published = [
        f"{y}" if s == 0 else f"{y}-{mo:02d}" if s == 1 else f"{y}-{mo:02d}-{d:02d}"
        for y, mo, d, s in zip(year, month, day, shape)
    ]
    pub = rng.integers(0, len(PUBLISHERS), size=n)
    auth = rng.integers(-len(AUTHORS) // 2, len(AUTHORS), size=n)  # negative: no author
    has_url = rng.random(n) < 0.7
    has_archive = ~has_url | (rng.random(n) < 0.2)  # every source has an address of some kind
    lang = rng.choice(LANGUAGES, size=n, p=[0.6, 0.3, 0.1])
    secondary = rng.random(n) < 0.25
    cited = rng.integers(0, len(PUBLISHERS), size=n)
    return pd.DataFrame(
        {
            "id": ids,
            "publisher": [PUBLISHERS[p] for p in pub],
            "title": [f"Synthetic report {i + 1}: forced returns, {published[i][:4]}" for i in range(n)],
            "author": [AUTHORS[a] if a >= 0 else "" for a in auth],
            "published": published,
            "url": [f"https://example.org/synthetic/{ids[i]}" if has_url[i] else "" for i in range(n)],
            "archive_url": [
                f"https://archive.example.org/synthetic/{ids[i]}" if has_archive[i] else "" for i in range(n)
            ],
            "accessed": ACCESSED,
            "language": list(lang),
            "role": np.where(secondary, "secondary", "primary"),
            "cites": [f"{PUBLISHERS[c]} (synthetic)" if sec else "" for c, sec in zip(cited, secondary)],
        },
        columns=columns("sources"),
    )


# --------------------------------------------------------------------------- events


def _dates(rng, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Dates (datetime64[D], first day of the period) and their precision, weighted to recent years."""
    years = np.arange(FIRST_YEAR, LAST_YEAR + 1)
    w = np.exp((years - FIRST_YEAR) / 9.0)
    w[years == 2020] *= 0.3  # border closed
    w[years == 2021] *= 0.4
    w[years == 2023] *= 2.5  # the mass returns after the border reopened
    year = rng.choice(years, size=n, p=w / w.sum())
    start = (year - 1970).astype("datetime64[Y]").astype("datetime64[D]")
    length = ((year + 1 - 1970).astype("datetime64[Y]").astype("datetime64[D]") - start).astype(np.int64)
    day = start + (rng.random(n) * length).astype(np.int64)
    precision = rng.choice(PRECISIONS, size=n, p=PRECISION_P)
    month_start = day.astype("datetime64[M]").astype("datetime64[D]")
    weekday = (day.astype(np.int64) + 3) % 7  # 0 = Monday (1970-01-01 was a Thursday)
    week_start = day - weekday
    week_start = np.where(week_start < start, week_start + 7, week_start)  # the whole week in the same year
    week_start = np.where(week_start + 6 >= start + length, week_start - 7, week_start)
    day = np.where(
        precision == "month",
        month_start,
        np.where(precision == "year", start, np.where(precision == "week", week_start, day)),
    )
    return day.astype("datetime64[D]"), precision


def _people(rng, kinds: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    n = len(kinds)
    low = np.maximum(1, np.round(rng.lognormal(mean=1.2, sigma=1.1, size=n))).astype(np.int64)
    low = np.where(kinds == "repatriation", np.maximum(1, np.round(low * rng.uniform(1, 4, size=n))), low)
    low = np.where(kinds == "death-in-custody", rng.integers(1, 3, size=n), low)
    low = np.minimum(low, 5000).astype(np.int64)
    exact = rng.random(n) < 0.55
    high = np.where(exact, low, low + np.ceil(low * rng.uniform(0.05, 1.5, size=n))).astype(np.int64)
    return low, high


def _draw(rng, table: dict, n: int) -> np.ndarray:
    return rng.choice(len(table["id"]), size=n, p=table["w"])


def _routes(rng, kinds: np.ndarray, sites: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """origin, crossing, destination ids ('' for none) per event, following geography."""
    n = len(kinds)
    cross, cn, kp = sites["crossings"], sites["china-detention"], sites["nk-facilities"]
    origin = np.full(n, "", dtype=object)
    crossing = np.full(n, "", dtype=object)
    dest = np.full(n, "", dtype=object)
    holding = kp["kind"] == "holding-centre"
    camp = kp["kind"] != "holding-centre"
    cn_to_x = _nearest(cn, cross, 2)
    x_to_kp = _nearest(cross, kp, 2, holding)
    kp_to_camp = _nearest(kp, kp, 3, camp)
    second = rng.random(n) < 0.25

    # repatriation: Chinese site → its nearest crossing(s) → a holding centre near that crossing
    rep = kinds == "repatriation"
    has_o = rep & (rng.random(n) < 0.75)
    has_x = rep & (rng.random(n) < 0.9)
    has_d = rep & (rng.random(n) < 0.8)
    o = _draw(rng, cn, n)
    x = np.where(has_o, cn_to_x[o, second.astype(int)], _draw(rng, cross, n))
    d = x_to_kp[x, (rng.random(n) < 0.3).astype(int)]  # near the (named or notional) crossing
    origin[has_o] = cn["id"][o[has_o]]
    crossing[has_x] = cross["id"][x[has_x]]
    dest[has_d] = kp["id"][d[has_d]]

    # arrest: where people were caught and held in China
    arrest = kinds == "arrest"
    a = arrest & (rng.random(n) < 0.95)
    origin[a] = cn["id"][_draw(rng, cn, n)[a]]

    # detention: held in China or in North Korea
    det = kinds == "detention"
    in_cn = det & (rng.random(n) < 0.6)
    origin[in_cn] = cn["id"][_draw(rng, cn, n)[in_cn]]
    in_kp = det & ~in_cn
    origin[in_kp] = kp["id"][_draw(rng, kp, n)[in_kp]]

    # transfer: holding centre → a camp nearby, or between two sites in China
    tr = kinds == "transfer"
    src = _draw(rng, kp, n)
    pick = rng.integers(0, 3, size=n)
    tgt = kp_to_camp[src, pick]
    kp_tr = tr & (rng.random(n) < 0.7) & (tgt != src)
    origin[kp_tr] = kp["id"][src[kp_tr]]
    dest[kp_tr] = kp["id"][tgt[kp_tr]]
    a_cn = _draw(rng, cn, n)
    b_cn = _nearest(cn, cn, 3)[a_cn, rng.integers(1, 3, size=n)]  # to one of its two nearest neighbours
    cn_tr = tr & ~kp_tr & (a_cn != b_cn)
    origin[cn_tr] = cn["id"][a_cn[cn_tr]]
    dest[cn_tr] = cn["id"][b_cn[cn_tr]]
    alone = tr & ~kp_tr & ~cn_tr
    origin[alone] = kp["id"][src[alone]]

    # death in custody: a North Korean facility
    death = kinds == "death-in-custody"
    origin[death] = kp["id"][_draw(rng, kp, n)[death]]
    return origin, crossing, dest


SUMMARY = {
    "repatriation": "Synthetic: {people} people returned to North Korea{route}.",
    "arrest": "Synthetic: {people} people arrested in China{route}.",
    "detention": "Synthetic: {people} people held{route}.",
    "transfer": "Synthetic: {people} people transferred{route}.",
    "death-in-custody": "Synthetic: {people} death(s) in custody{route}.",
}


def _summaries(kinds, low, high, origin, crossing, dest, names: dict, umbrella_parts: np.ndarray) -> list[str]:
    out = []
    for k, lo, hi, o, x, d, parts in zip(kinds, low, high, origin, crossing, dest, umbrella_parts):
        people = f"{lo:,}" if lo == hi else f"{lo:,}–{hi:,}"  # commas: exercises CSV quoting
        if parts:
            out.append(f'Synthetic: mass return of {people} people in {parts} groups, "same day".')
            continue
        route = "".join(f" {word} {names[s]}" for word, s in (("from", o), ("through", x), ("to", d)) if s)
        out.append(SUMMARY[k].format(people=people, route=route))
    return out


def generate(
    events: int, sites: int = DEFAULT_SITES, seed: int = DEFAULT_SEED, sources: int | None = None
) -> Synthetic:
    """N events over M sites; deterministic for a given (events, sites, seed, sources)."""
    if events < 0:
        raise ValueError("the number of events cannot be negative")
    rng = np.random.default_rng(seed)
    n = int(events)
    n_sources = sources or max(5, min(5000, n // 20 + 5))
    layers, site_tables = _sites(rng, sites, n_sources)
    src = _sources(rng, n_sources)

    # roles: umbrellas first, then their parts, then standalone events
    n_umb = int(n * UMBRELLA_SHARE) if n >= 20 else 0
    parts_per = rng.integers(2, 6, size=n_umb)
    while n_umb and n_umb + parts_per.sum() > n:
        n_umb -= 1
        parts_per = parts_per[:n_umb]
    n_parts = int(parts_per.sum())
    owner = np.repeat(np.arange(n_umb), parts_per)  # umbrella index of each part

    kinds = rng.choice(EVENT_KINDS, size=n, p=EVENT_KIND_P).astype(object)
    kinds[: n_umb + n_parts] = "repatriation"
    dates, precision = _dates(rng, n)
    dates[n_umb : n_umb + n_parts] = dates[owner]
    precision[n_umb : n_umb + n_parts] = precision[owner]
    low, high = _people(rng, kinds)
    origin, crossing, dest = _routes(rng, kinds, site_tables)
    if n_umb:
        # an umbrella has no site of its own; its figures cover its parts
        origin[:n_umb] = crossing[:n_umb] = dest[:n_umb] = ""
        low[:n_umb] = np.bincount(owner, weights=low[n_umb : n_umb + n_parts], minlength=n_umb).astype(np.int64)
        high[:n_umb] = np.bincount(owner, weights=high[n_umb : n_umb + n_parts], minlength=n_umb).astype(
            np.int64
        ) + rng.integers(0, 50, size=n_umb)
        # parts are returns through a crossing
        no_x = np.flatnonzero(crossing[n_umb : n_umb + n_parts] == "") + n_umb
        crossing[no_x] = site_tables["crossings"]["id"][_draw(rng, site_tables["crossings"], len(no_x))]

    confidence = rng.choice(CONFIDENCE, size=n, p=CONFIDENCE_P)
    n_src = rng.choice([1, 2, 3], size=n, p=[0.55, 0.3, 0.15])
    picks = rng.integers(0, n_sources, size=(n, 3))
    sensitive = np.zeros(n, dtype=bool)
    standalone = np.arange(n_umb + n_parts, n)
    if len(standalone):
        sensitive[standalone] = rng.random(len(standalone)) < SENSITIVE_EVENT_SHARE

    # file order: by date, then a random tie-break; ids follow file order
    order = np.lexsort((rng.random(n), dates))
    position = np.empty(n, dtype=np.int64)
    position[order] = np.arange(n)
    width = max(6, len(str(n)))
    ids = np.array([f"syn-{i:0{width}d}" for i in range(1, n + 1)], dtype=object)
    event_id = ids[position]  # id of the event generated at index i
    part_of = np.full(n, "", dtype=object)
    if n_umb:
        part_of[n_umb : n_umb + n_parts] = event_id[owner]
    umbrella_parts = np.zeros(n, dtype=np.int64)
    umbrella_parts[:n_umb] = parts_per
    role = np.zeros(n, dtype=np.int8)  # 0 standalone, 1 umbrella, 2 part of one
    role[:n_umb] = 1
    role[n_umb : n_umb + n_parts] = 2

    names = {sid: f["properties"]["name_en"] for doc in layers.values() for f in doc["features"] for sid in [f["id"]]}
    summary = _summaries(kinds, low, high, origin, crossing, dest, names, umbrella_parts)
    with_ko = rng.random(n) < 0.3
    summary_ko = [f"합성 데이터: {KIND_KO[k]}." if ko else "" for k, ko in zip(kinds, with_ko)]
    claims = _claims(
        rng,
        np.array(_source_ids(n_sources), dtype=object)[picks],
        n_src,
        low,
        high,
        role,
        event_id,
        dates,
        precision,
        (origin, crossing, dest),
        order,
    )

    frame = pd.DataFrame(
        {
            "id": event_id,
            "date": np.datetime_as_string(dates, unit="D"),
            "date_precision": precision,
            "kind": kinds,
            "origin": origin,
            "crossing": crossing,
            "destination": dest,
            "part_of": part_of,
            "confidence": confidence,
            "summary": summary,
            "summary_ko": summary_ko,
            "sensitive": np.where(sensitive, "true", "false"),
        },
        columns=columns("events"),
    )
    frame = frame.iloc[order].reset_index(drop=True)
    return Synthetic(layers, frame, src, claims)


def _claims(rng, picks, n_src, low, high, role, event_id, dates, precision, stops, order) -> pd.DataFrame:
    """One claim per (event, distinct source), in file order: each states the event's true figure its
    own way (see QUALIFIER_MIX), or agrees with the event's first claim. picks: three source ids per
    event (generation order). Vectorised over an n×3 grid of
    (event, source slot); slot k is a claim when k < the event's number of sources and its source
    repeats no earlier slot's."""
    n = len(low)
    use = np.arange(3)[None, :] < n_src[:, None]
    use[:, 1] &= picks[:, 1] != picks[:, 0]
    use[:, 2] &= (picks[:, 2] != picks[:, 0]) & (picks[:, 2] != picks[:, 1])
    names = np.array(list(QUALIFIER_MIX), dtype=object)
    q = rng.choice(names, size=(n, 3), p=list(QUALIFIER_MIX.values()))
    q[role == 1] = np.where(q[role == 1] == "not-given", "about", q[role == 1])  # an umbrella has a figure
    unreported = (role == 2) & (rng.random(n) < UNREPORTED_PART_SHARE)
    q[unreported] = "not-given"
    lo, hi = low[:, None], high[:, None]
    value = lo + np.floor(rng.random((n, 3)) * (hi - lo + 1)).astype(np.int64)
    value[:, 0] = low
    agree = rng.random((n, 3)) < AGREE_SHARE
    agree[:, 0] = False
    q = np.where(agree, q[:, :1], q)
    value = np.where(agree, value[:, :1], value)
    q = np.where((q == "range") & (hi == lo), "exact", q)
    people = np.where(np.isin(q, ["up-to", "fewer-than"]), hi, np.where(q == "range", lo, value))
    people_to = np.broadcast_to(hi, (n, 3))
    said_by = rng.random((n, 3)) < SAID_BY_SHARE
    undated = rng.random((n, 3)) < UNDATED_CLAIM_SHARE

    # flatten to claim rows in file order (events by file position, then slot)
    rows, slots = np.nonzero(use[order])
    ev = order[rows]
    q, people, people_to = q[ev, slots], people[ev, slots], people_to[ev, slots]
    source = picks[ev, slots]
    events = event_id[ev]
    places = [";".join(s for s in trio if s) for trio in zip(*stops)]
    day = np.datetime_as_string(dates, unit="D")
    dated = ~undated[ev, slots]
    no_figure = q == "not-given"
    return pd.DataFrame(
        {
            "id": [f"{e}--{s}" for e, s in zip(events, source)],
            "event": events,
            "source": source,
            "said_by": np.where(said_by[ev, slots], "a synthetic informant", ""),
            "qualifier": q,
            "people": np.where(no_figure, "", people.astype(str)),
            "people_to": np.where(q == "range", people_to.astype(str), ""),
            "date": np.where(dated, day[ev], ""),
            "date_precision": np.where(dated, precision[ev], ""),
            "sites": [places[i] for i in ev],
            "note": np.where(
                no_figure, "Synthetic: this source gives no number.", "Synthetic: the figure as this source states it."
            ),
        },
        columns=columns("claims"),
    )


def write(data: Synthetic, out: Path) -> list[Path]:
    """Write the data directory; each file appears whole or not at all (geo.atomicfile)."""
    out = Path(out)
    (out / SITES_SUBDIR).mkdir(parents=True, exist_ok=True)
    written = []
    for rel, blob in data.files().items():
        target = out / rel
        atomic_write(target, blob, mode=0o666 & ~_umask())
        written.append(target)
    return written


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
