#!/usr/bin/env python
"""Build wasteless/data/cnemc_sample/ from the CNEMC daily files of January 2019.

Input: ``2019-01-complete/china_sites_2019010[1-3].csv.gz`` and ``sites.csv`` of the
national network's data (China National Environmental Monitoring Centre, real-time
release; archived in the GitHub repositories ``Feryt/IntroML-Final-Project`` and
``liujun2024/TrajRF``), by default in ``../shared/data/cnemc`` beside the project root.

Output: the same three files cut to the columns of the stations of Beijing, Shanghai
and Guangzhou that they hold (33 stations), every row and cell otherwise byte for byte
as released (CRLF line ends, no final line end), gzip-compressed with a fixed
timestamp so that the output is reproducible; and ``sites.csv``, the lines of the
station list for those stations. Run from the project root::

    python scripts/make_cnemc_sample.py [DATA_DIR]
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "wasteless" / "data" / "cnemc_sample"
DAYS = ("20190101", "20190102", "20190103")
CITIES = ("北京", "上海", "广州")


def main() -> int:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared/data/cnemc"
    site_lines = (source / "sites.csv").read_text("utf-8").splitlines()
    header = site_lines[0].split(",")
    code_at, city_at = header.index("监测点编码"), header.index("城市")
    in_cities = {
        line.split(",")[code_at]: line
        for line in site_lines[1:]
        if line.split(",")[city_at] in CITIES
    }
    OUT.mkdir(parents=True, exist_ok=True)
    kept: set[str] = set()
    for day in DAYS:
        raw = gzip.decompress((source / f"2019-01-complete/china_sites_{day}.csv.gz").read_bytes())
        lines = raw.split(b"\r\n")
        codes = lines[0].split(b",")
        columns = [0, 1, 2] + [j for j, c in enumerate(codes) if c.decode() in in_cities]
        kept |= {codes[j].decode() for j in columns[3:]}
        cut = [b",".join(line.split(b",")[j] for j in columns) for line in lines if line]
        text = b"\r\n".join(cut) + (b"\r\n" if raw.endswith(b"\r\n") else b"")
        (OUT / f"china_sites_{day}.csv.gz").write_bytes(gzip.compress(text, 9, mtime=0))
    sites = [site_lines[0]] + [in_cities[code] for code in sorted(kept)]
    (OUT / "sites.csv").write_text("\n".join(sites) + "\n", "utf-8")
    print(f"{len(kept)} stations, {len(DAYS)} days -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
