#!/usr/bin/env python
"""Build wasteless/data/what_a_waste_sample/ from the What a Waste 2.0 city table.

Input: ``city_level_data_0_0.csv.gz`` (World Bank, *What a Waste 2.0*, CC BY 4.0; the
copy stored in RMI/SWEET_python), by default in ``../shared/data/what-a-waste`` beside
the project root.

Output: ``city_level_data_sample.csv``, the rows of the cities below and only the columns
that ``wasteless.io.read_what_a_waste`` reads, every cell as published (parsed and
written back with Python's csv module, minimal quoting, LF line ends). The cities are
chosen for what they test: Beijing (the tutorial's city), a name with a thousands
separator in its MSW figure (Blantyre), names whose UTF-8 was decoded as Windows-1252
(Kraków, Sanaá), shares that do not sum to 100 % (Bamako, Osaka, Kraków), treatment
shares that are no route (Pune, Washington Dc, Sanaá, South Tarawa), no MSW figure
(Hamburg) and no composition (Prague). Run from the project root::

    python scripts/make_what_a_waste_sample.py [DATA_DIR]
"""

from __future__ import annotations

import csv
import gzip
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from wasteless.io.what_a_waste import _REQUIRED  # noqa: E402  (the columns the reader needs)

OUT = ROOT / "wasteless" / "data" / "what_a_waste_sample" / "city_level_data_sample.csv"
CITIES = (
    "Beijing",
    "Hamburg",
    "Osaka",
    "Blantyre",
    "KrakÃ³w",
    "Bamako",
    "Pune",
    "Prague",
    "Washington Dc",
    "SanaÃ¡",
    "South Tarawa",
)


def main() -> int:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared/data/what-a-waste"
    text = gzip.decompress((source / "city_level_data_0_0.csv.gz").read_bytes()).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0]
    keep = [j for j, name in enumerate(header) if name in _REQUIRED]
    city = header.index("city_name")
    by_city = {row[city]: row for row in rows[1:]}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([header[j] for j in keep])
    for name in CITIES:
        writer.writerow([by_city[name][j] for j in keep])
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(out.getvalue(), "utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(CITIES)} cities, {len(keep)} columns")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
