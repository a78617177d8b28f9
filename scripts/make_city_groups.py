#!/usr/bin/env python
"""Build wasteless/data/city_groups/: the official city sets and the station list's names.

Input, by default in ``../shared`` beside the project root:

* ``data/china-divisions/{prefectures-2019,key168-2019,regions-2019}.csv``: the 337
  prefecture-level-and-above cities of 2019, the 168 key cities (a third-party
  reconstruction) and the three regions of the 2018-2020 plans; copied byte for byte
  (their sources are in ``wasteless/data/city_groups.toml``);
* ``data/cnemc/sites.csv``: the national network's station list, whose 城市 (city)
  column names each station's city, and whose 地级行政区 column (added by the
  third-party repository ``liujun2024/TrajRF``) names a prefecture.

Output: the three copies and ``station_city_names.csv``, one line per 城市 value of the
station list: the prefecture of the 337 it belongs to (empty when it belongs to none),
the kind of name and the basis of the decision. Every decision is made here, in the
open:

* a 城市 value that is an official name, or one with its 市/地区/盟 suffix left off,
  is that prefecture (``name``);
* any other value takes the station list's 地级行政区 when that is one of the 337, and
  the kind says why the names differ: a short form of an autonomous prefecture's
  name (``spelling``), the name a prefecture had before it became a 市 (``former
  name``), or a county-level city or district inside the prefecture (``county-level``,
  each checked against its code in the National Bureau of Statistics' 2019 codes,
  :data:`COUNTY_LEVEL`);
* :data:`NOT_IN_A_PREFECTURE` and :data:`NEW_AREAS` are left unmapped, with the reason:
  the station list's 地级行政区 is contradicted by the 2019 codes (石河子, 五家渠), or
  no source says which city a new area's stations count for.

Run from the project root::

    python scripts/make_city_groups.py [SHARED_DIR]
"""

from __future__ import annotations

import csv
import io
import shutil
import sys
from pathlib import Path

from wasteless.air.groups import _short_forms  # the one rule of short names

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "wasteless" / "data" / "city_groups"
COPIED = {
    "prefectures-2019.csv": "prefectures_2019.csv",
    "key168-2019.csv": "key_cities_168.csv",
    "regions-2019.csv": "regions_2019.csv",
}

# County-level units of the station list's 城市 column, with their code in the National
# Bureau of Statistics' 统计用区划代码 (data as of 2019-10-31), as packaged in the GitHub
# repository modood/Administrative-divisions-of-China, dist/areas.csv at commit 2824502:
# 城市 value -> (code, name in the codes); the first four digits are the prefecture's.
COUNTY_LEVEL = {
    "瓦房店": ("210281", "瓦房店市"),
    "江阴": ("320281", "江阴市"),
    "宜兴": ("320282", "宜兴市"),
    "金坛": ("320413", "金坛区"),
    "溧阳": ("320481", "溧阳市"),
    "吴江": ("320509", "吴江区"),
    "常熟": ("320581", "常熟市"),
    "张家港": ("320582", "张家港市"),
    "昆山": ("320583", "昆山市"),
    "太仓": ("320585", "太仓市"),
    "海门": ("320684", "海门市"),
    "句容": ("321183", "句容市"),
    "富阳": ("330111", "富阳区"),
    "临安": ("330112", "临安区"),
    "诸暨": ("330681", "诸暨市"),
    "义乌": ("330782", "义乌市"),
    "章丘": ("370114", "章丘区"),
    "即墨": ("370215", "即墨区"),
    "胶州": ("370281", "胶州市"),
    "平度": ("370283", "平度市"),
    "莱西": ("370285", "莱西市"),
    "莱州": ("370683", "莱州市"),
    "蓬莱": ("370684", "蓬莱市"),
    "招远": ("370685", "招远市"),
    "寿光": ("370783", "寿光市"),
    "文登": ("371003", "文登区"),
    "荣成": ("371082", "荣成市"),
    "乳山": ("371083", "乳山市"),
}
# Not in the 2019 codes at all: the station list's 地级行政区 is the only basis.
ONLY_STATION_LIST = {"胶南"}
# In the 2019 codes, under no prefecture (6590 自治区直辖县级行政区划, Xinjiang).
NOT_IN_A_PREFECTURE = {"石河子": ("659001", "石河子市"), "五家渠": ("659004", "五家渠市")}
# New areas (新区): not prefecture-level units, and no source read says which city's
# assessment their stations count for (reference sheet city-groups.md §2a, §2b, §3).
NEW_AREAS = {
    "雄安新区": "no source read says whether its stations count toward 保定",
    "西咸新区": "MEE's 汾渭平原 2018-2019 plan (as reposted) scopes the region as "
    "'西安（含西咸新区）'; no source read says whether the city assessment counts its "
    "stations for 西安",
    "兰州新区": "no source read says which city its stations count for",
    "赣江新区": "no source read says which city its stations count for",
}


def main() -> int:
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared"
    divisions = shared / "data" / "china-divisions"
    OUT.mkdir(parents=True, exist_ok=True)
    for source, target in COPIED.items():
        shutil.copyfile(divisions / source, OUT / target)
    with (divisions / "prefectures-2019.csv").open(encoding="utf-8", newline="") as handle:
        prefectures = {row["name"]: row for row in csv.DictReader(handle)}
    by_form = {form: name for name in prefectures for form in _short_forms(name)}
    by_code = {row["code"]: name for name, row in prefectures.items()}
    with (shared / "data" / "cnemc" / "sites.csv").open(encoding="utf-8", newline="") as handle:
        pairs = {(row["城市"], row["地级行政区"]) for row in csv.DictReader(handle)}
    listed: dict[str, set[str]] = {}
    for city, prefecture in pairs:
        listed.setdefault(city, set()).add(prefecture)
    rows = []
    for city in sorted(listed):
        (given,) = listed[city]  # one 地级行政区 per 城市 value (checked by the unpacking)
        rows.append((city, *decide(city, given, by_form, by_code, prefectures)))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["station_city", "prefecture", "kind", "basis"])
    writer.writerows(rows)
    (OUT / "station_city_names.csv").write_text(buffer.getvalue(), "utf-8")
    mapped = sum(1 for row in rows if row[1])
    print(f"{len(rows)} 城市 values: {mapped} mapped, {len(rows) - mapped} unmapped -> {OUT}")
    return 0


def decide(
    city: str,
    given: str,
    by_form: dict[str, str],
    by_code: dict[str, str],
    prefectures: dict[str, dict[str, str]],
) -> tuple[str, str, str]:
    """(prefecture or "", kind, basis) of one 城市 value whose 地级行政区 is ``given``."""
    if city in by_form:
        name = by_form[city]
        if given != name:
            raise SystemExit(f"{city}: 地级行政区 {given} differs from the name's {name}")
        return name, "name", "the official name, or it without its 市/地区/盟 suffix"
    if city in NOT_IN_A_PREFECTURE:
        code, coded = NOT_IN_A_PREFECTURE[city]
        return (
            "",
            "not in a prefecture",
            f"2019 code {code} {coded} is under 6590 (自治区直辖县级行政区划), no prefecture; "
            f"the station list's 地级行政区 ({given}) contradicts the codes",
        )
    if city in NEW_AREAS:
        return "", "new area", f"a new area, not a prefecture-level unit; {NEW_AREAS[city]}"
    if given not in prefectures:
        raise SystemExit(f"{city}: 地级行政区 {given} is not one of the 337 and has no decision")
    if city in COUNTY_LEVEL:
        code, coded = COUNTY_LEVEL[city]
        if by_code[code[:4]] != given:
            raise SystemExit(f"{city}: code {code} is not in {given}")
        return (
            given,
            "county-level",
            f"2019 code {code} {coded} is in {code[:4]} {given}; the station list's "
            "地级行政区 agrees",
        )
    if city in ONLY_STATION_LIST:
        return (
            given,
            "county-level",
            f"not in the 2019 codes (a former county-level city); the station list's "
            f"地级行政区 gives {given}",
        )
    if city.endswith("地区") and given == city[: -len("地区")] + "市":
        return (
            given,
            "former name",
            f"the name before the 地区 became {given}; the station list's 地级行政区 gives it",
        )
    if city.endswith("州") and given.endswith("自治州") and city[:2] == given[:2]:
        return (
            given,
            "spelling",
            f"a short form of {given}; the station list's 地级行政区 gives it",
        )
    raise SystemExit(f"{city} ({given}): no rule decides it")


if __name__ == "__main__":
    sys.exit(main())
