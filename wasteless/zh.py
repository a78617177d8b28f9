r"""Chinese quantity phrases (超/达/约, 万/萬/亿/億, 条/吨/平方米 ...) -> (relation, Quantity).

A city report states its figures in phrases such as 累计消耗废旧轮胎超270万条 ("more
than 2.7 million waste tyres consumed"), 达百万平方米 ("reached a million square
metres") or 累计下降47%. :func:`parse_quantity` reads one such phrase into a
:class:`ParsedQuantity`: the relation the text asserts (``">"``, ``">="``, ``"~"`` ...),
the value as a pint Quantity in the wasteless registry, and the *resolution* of the
stated figure (the place value of its last digit), which is what a claim check needs
to decide whether a computed value is "the same" as the stated one.
:func:`to_chinese` writes a Quantity back as such a phrase.

The numeral parser is written here rather than taken from ``cn2an``: that library
rejects 百万 (an implicit 一 before a leading 百), which the article uses in
达百万平方米, and it has no notion of the resolution of a figure.

**Normalisation** (:func:`normalise`, applied to every input, in this order):

1. Full-width forms become ASCII: digits ０-９, ``％``, ``．``, ``，``, ``／``,
   brackets ``（）``; the ideographic space becomes a space.
2. All whitespace is removed.
3. Bracketed pinyin after a Han character is removed: ``(…)`` whose content is only
   Latin letters, with or without tone marks (ā á ǎ à … ü ǖ ǘ ǚ ǜ ê ń ň ǹ ḿ), e.g.
   ``萬(wàn)`` -> ``萬``, ``質(zhì)`` -> ``質`` (the encoding damage of the reference copy
   of the article). Brackets holding anything else, e.g. ``(臺湖)``, stay.
4. Thousands separators are removed from Arabic numbers written in groups of three:
   ``1,000`` and ``1，000`` -> ``1000`` (``12,34`` is not a grouped number and stays,
   to fail later).
5. Traditional characters that matter for numbers, units, relations and the tyre
   context become simplified ones (萬->万, 億->亿, 兩->两, 噸->吨, 條->条, 達->达,
   約->约, 過->过, 餘->余, 個->个, 標->标, 準->准, 輪->轮 ... see ``_TRADITIONAL``).

**The phrase.** After normalisation a phrase is read as ::

    [prefix] [relation word [linker]] number [unit] [以上|以下|以内] [counted noun]

* **prefix** -- any run of Han characters before the relation word or number, skipped:
  leading verbs and prepositions such as 累计, 共, 总计, 合计, 下降, 减少, 由, 到,
  下降到, 为, 是, and a descriptive noun phrase such as 消耗废旧轮胎 or 污水处理率.
  It may not contain digits, Latin letters or punctuation (so ``PM2.5年均浓度由81…`` is
  refused: pass ``由81微克每立方米``), nor a second quantity (a Chinese numeral followed
  by a unit word, as in 三十万吨超30万吨), and it may not end inside a run of numeral
  characters (十二万三千米 is not 十二万 + 三千米) or with 百分之. When several readings
  are possible the shortest prefix wins, so 达百万平方米 reads 达 as the relation word.
* **relation word** (:data:`RELATION_WORDS`), longest match first, immediately before
  the number, optionally followed by one linker 为/是/在/有 (约为, 保持在):

  - ``">"``: 超过, 超, 逾, 多于, 高于, 大于; and 余/多 written after the number (30余万,
    三十多万), "and more";
  - ``">="``: 达到, 达, 多达, 至少, 不少于, 不低于, 不小于; 以上 as a suffix after the unit
    (100万吨以上); 保持 ("kept at", as for a rate that must stay at 100 %);
  - ``"~"``: 约, 大约, 近, 将近, 接近 -- 近 "nearly" is read as "about", not as "<",
    because Chinese reports use it for figures rounded from either side;
  - ``"<"``: 不足, 不到, 少于, 低于, 小于;
  - ``"<="``: 不超过, 不超, 不高于, 不大于, 不多于, 最多; 以下 and 以内 as suffixes;
  - none: ``"=="``.

  Two relation words must agree: 达…以上 is ``">="``, 超…以上 and 超…余 are ``">"`` (the
  strict word wins over 以上), the same for ``"<"``/以下; anything else (约…以上) is
  refused.
* **number** -- see :func:`parse_number`: an Arabic number with optional decimals,
  optionally followed by 万, 亿 or 万亿 (270万, 30.7万, 1.2亿), or a Chinese numeral
  (三十万, 二百七十万, 百万, 一百零五, 两百万, 十二万三千, 一点二亿). Numbers are >= 0.
* **unit** (:data:`UNIT_WORDS`), longest match first; 百分之 is written *before* the
  number (百分之四十七 = 47 %). No unit gives a dimensionless number. 万吨 is 万 + 吨.
  条 is the classifier of tyres *and* of roads, rivers, lines ...: it gives ``tyre``
  when the phrase or ``context`` mentions tyres (contains 胎, as in 轮胎 or 废旧轮胎, or
  ``context`` is ``"tyre"``), otherwise a dimensionless count. 个, 辆, 项, 家 and 座 are
  dimensionless counts.
* **counted noun** -- after a classifier (条, 个, 辆, 项, 家, 座) only, a run of Han
  characters naming what is counted, skipped (32个社区, 270万条轮胎; it also counts for
  the tyre rule). It may not contain a second quantity.

Anything else -- an empty phrase, no number, two numbers, text after the unit that is
not one of the above, a non-string -- raises :class:`~wasteless.errors.InputError`
quoting the phrase. No other exception escapes.

**Resolution.** The place value of the last stated digit, in the quantity's units:

* Arabic numbers: the place value of the last digit times the multiplier:
  270万 -> 1万 = 1e4, 30.7万 -> 0.1万 = 1e3, 1.2亿 -> 1e7, 81 -> 1, 100 -> 1.
* Chinese numerals: the place value of the last non-zero term: 三十万 -> 1e5,
  二百七十万 -> 1e5 (七十万), 百万 -> 1e6, 一百零五 -> 1, 十二万三千 -> 1e3,
  三十点七 -> 0.1; zero (零) -> 1.

A colloquial abbreviated numeral (一万五 = 15 000, 三百五 = 350: a digit right after a
unit, without 零, counts in the next lower unit) is accepted only at the end of a
numeral, never when more numeral characters follow.

This module is long (about 630 lines of code) because it is one topic: Chinese
quantity phrases, read and written with the same tables of words and numerals.

Examples
--------
>>> from wasteless import Q_, zh
>>> p = zh.parse_quantity("累计消耗废旧轮胎超270万条")
>>> p.relation, p.quantity, p.resolution
('>', <Quantity(2700000.0, 'tyre')>, <Quantity(10000.0, 'tyre')>)
>>> zh.parse_quantity("達百萬(wàn)平方米").quantity
<Quantity(1000000.0, 'meter ** 2')>
>>> zh.to_chinese(Q_(2.7e6, "tyre"), ">")
'超270万条'
"""

from __future__ import annotations

import functools
import math
import numbers
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Context, Decimal, localcontext
from types import MappingProxyType
from typing import Any, NamedTuple

import numpy as np
import pint

from wasteless import _deprecate
from wasteless.errors import InputError
from wasteless.judgement import COMPARISONS
from wasteless.judgement import RELATION_WORDS as _RELATION_WORDS
from wasteless.judgement import RELATIONS as _RELATIONS
from wasteless.units import Q_, magnitude_in, ureg

__all__ = [
    "RELATION_WORDS",
    "UNIT_WORDS",
    "ParsedQuantity",
    "normalise",
    "parse_number",
    "parse_quantity",
    "to_chinese",
]


__getattr__ = _deprecate.module_getattr(
    __name__,
    {
        "RELATIONS": (
            "the relation symbols a ParsedQuantity can carry are wasteless.judgement.COMPARISONS",
            lambda: COMPARISONS,
        )
    },
)


# --------------------------------------------------------------------------- words


def _words_at(where: str) -> dict[str, str]:
    return {word: symbol for word, (symbol, at) in _RELATION_WORDS.items() if at == where}


# The relation words come from the one table, wasteless.judgement.RELATION_WORDS.
_PREFIX_RELATIONS: dict[str, str] = _words_at("before")
_SUFFIX_RELATIONS: dict[str, str] = _words_at("after")
_INFIX_RELATIONS: dict[str, str] = _words_at("after-number")
_LINKERS: tuple[str, ...] = ("为", "是", "在", "有")

RELATION_WORDS: Mapping[str, str] = MappingProxyType(
    {**_PREFIX_RELATIONS, **_SUFFIX_RELATIONS, **_INFIX_RELATIONS}
)
"""Relation word (simplified) -> relation symbol.

Prefix words stand before the number; 以上/以下/以内 after the unit; 余/多 after the
number ("and more"). See the module docstring for how two words combine.
"""

_CLASSIFIERS: tuple[str, ...] = ("条", "个", "辆", "项", "家", "座")
_UG_M3 = "ug/m**3"
_MG_M3 = "mg/m**3"

UNIT_WORDS: Mapping[str, str] = MappingProxyType(
    {
        "吨标准煤": "tce",
        "吨标煤": "tce",
        "千克标准煤": "kgce",
        "千克标煤": "kgce",
        "公斤标准煤": "kgce",
        "公斤标煤": "kgce",
        "吨/日": "t/d",
        "吨每日": "t/d",
        "吨/天": "t/d",
        "吨每天": "t/d",
        "吨": "t",
        "千克": "kg",
        "公斤": "kg",
        "平方公里": "km**2",
        "平方千米": "km**2",
        "平方米": "m**2",
        "平米": "m**2",
        "立方米/日": "m**3/d",
        "立方米每日": "m**3/d",
        "立方米/天": "m**3/d",
        "立方米每天": "m**3/d",
        "立方米": "m**3",
        "微克每立方米": _UG_M3,
        "微克/立方米": _UG_M3,
        "μg/m3": _UG_M3,
        "µg/m3": _UG_M3,
        "ug/m3": _UG_M3,
        "μg/m³": _UG_M3,
        "µg/m³": _UG_M3,
        "ug/m³": _UG_M3,
        "毫克每立方米": _MG_M3,
        "毫克/立方米": _MG_M3,
        "mg/m3": _MG_M3,
        "mg/m³": _MG_M3,
        "%": "percent",
        "百分之": "percent",
        "公里": "km",
        "千米": "km",
        "条": "dimensionless",
        "个": "dimensionless",
        "辆": "dimensionless",
        "项": "dimensionless",
        "家": "dimensionless",
        "座": "dimensionless",
    }
)
"""Unit word (simplified) -> pint unit string.

条 is ``"tyre"`` instead when the phrase or its context mentions tyres (胎); 百分之 is
written before the number. No unit word means a dimensionless number.
"""

_TYRE_CONTEXTS = frozenset({"tyre", "tyres", "tire", "tires"})
_TYRE_MARK = "胎"

# Unit words that follow the number, longest first (百分之 precedes it instead).
_SUFFIX_UNITS: tuple[str, ...] = tuple(
    sorted((w for w in UNIT_WORDS if w != "百分之"), key=len, reverse=True)
)
_HAN_UNITS: tuple[str, ...] = tuple(w for w in _SUFFIX_UNITS if w[0] >= "\u3400")


def _index(words: Mapping[str, str] | tuple[str, ...]) -> Mapping[str, tuple[str, ...]]:
    """``words`` by their first character, longest first (ties in their given order)."""
    by_first: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        by_first.setdefault(word[0], []).append(word)
    return MappingProxyType({first: tuple(found) for first, found in by_first.items()})


def _matches(text: str, pos: int, index: Mapping[str, tuple[str, ...]]) -> list[str]:
    """Every indexed word that ``text`` has at ``pos``, longest first."""
    return [word for word in index.get(text[pos : pos + 1], ()) if text.startswith(word, pos)]


def _longest(text: str, pos: int, index: Mapping[str, tuple[str, ...]]) -> str:
    """Return the longest indexed word that ``text`` has at ``pos``, or ``""``."""
    for word in index.get(text[pos : pos + 1], ()):
        if text.startswith(word, pos):
            return word
    return ""


_PREFIX_INDEX = _index(_PREFIX_RELATIONS)
_LINKER_INDEX = _index(_LINKERS)
_SUFFIX_INDEX = _index(_SUFFIX_RELATIONS)
_UNIT_INDEX = _index(_SUFFIX_UNITS)
_HAN_UNIT_INDEX = _index(_HAN_UNITS)


# ------------------------------------------------------------------- normalisation

_FULL_WIDTH = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        "％": "%",
        "．": ".",
        "，": ",",
        "／": "/",
        "（": "(",
        "）": ")",
        "\u3000": " ",
    }
)
_HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN_RUN = re.compile(f"[{_HAN_RANGES}]*")
_HAN_CHAR = re.compile(f"[{_HAN_RANGES}]")
_PINYIN_LETTERS = "A-Za-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜêếềḿńňǹĀÁǍÀĒÉĚÈĪÍǏÌŌÓǑÒŪÚǓÙÜǕǗǙǛÊẾỀḾŃŇǸ"
_PINYIN = re.compile(f"(?<=[{_HAN_RANGES}])(?:\\([{_PINYIN_LETTERS}]+\\))+")
_WHITESPACE = re.compile(r"\s+")
_GROUPED = re.compile(r"(?<![0-9.,])[0-9]{1,3}(?:,[0-9]{3})+(?![0-9,])")

_TRADITIONAL = str.maketrans(
    {
        "萬": "万",
        "億": "亿",
        "兩": "两",
        "點": "点",
        "噸": "吨",
        "條": "条",
        "個": "个",
        "輛": "辆",
        "項": "项",
        "達": "达",
        "約": "约",
        "過": "过",
        "餘": "余",
        "於": "于",
        "將": "将",
        "準": "准",
        "標": "标",
        "積": "积",
        "濃": "浓",
        "車": "车",
        "輪": "轮",
        "裡": "里",
        "裏": "里",
        "內": "内",
        "為": "为",
        "計": "计",
        "總": "总",
        "減": "减",
        "處": "处",
        "質": "质",
        "廢": "废",
        "舊": "旧",
        "區": "区",
        "現": "现",
        "實": "实",
        "級": "级",
        "數": "数",
        "當": "当",
        "氣": "气",
    }
)


def normalise(text: str) -> str:
    """Return ``text`` normalised for parsing (the five steps of the module docstring).

    Full-width forms to ASCII, whitespace removed, bracketed pinyin after a Han
    character removed, thousands separators removed, traditional characters that
    matter here made simplified.

    Parameters
    ----------
    text
        A phrase, in simplified or traditional characters.

    Returns
    -------
    str
        The normalised phrase.

    Raises
    ------
    InputError
        If ``text`` is not a string.

    Examples
    --------
    >>> normalise("累計消耗廢舊輪胎超２７０萬(wàn)條")
    '累计消耗废旧轮胎超270万条'
    >>> normalise("高品質(zhì)再生水 1，000 立方米")
    '高品质再生水1000立方米'
    """
    if not isinstance(text, str):
        raise InputError(f"a Chinese quantity phrase must be a str; got {text!r}")
    text = text.translate(_FULL_WIDTH)
    text = _WHITESPACE.sub("", text)
    text = _PINYIN.sub("", text)
    text = _GROUPED.sub(lambda m: m.group().replace(",", ""), text)
    return text.translate(_TRADITIONAL)


# ------------------------------------------------------------------------ numerals

_DIGITS: dict[str, int] = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_ZEROS = frozenset("零〇")
_SMALL_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS: dict[str, int] = {"万": 10**4, "亿": 10**8}
_NUMERAL_CHARS = frozenset(_DIGITS) | frozenset(_SMALL_UNITS) | frozenset(_BIG_UNITS) | {"点"}
_MULTIPLIERS: tuple[tuple[str, int], ...] = (("万亿", 10**12), ("万", 10**4), ("亿", 10**8))
_ARABIC = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_FRACTION = re.compile(r"([零〇一二三四五六七八九]+)(万亿|万|亿)?")
_DIGIT_WORDS = "零一二三四五六七八九"


class _Numeral(NamedTuple):
    value: int
    place: int  # place value of the last non-zero term (1 for zero)
    has_big: bool  # contains 万 or 亿
    abbreviated: bool  # ends in a colloquial digit (一万五)


# Parsing is linear in the length of the text: a numeral is read in one pass, and each
# longer fraction after 点 adds one digit to the value before (64 significant digits).
_FRACTION_DIGITS = frozenset("零〇一二三四五六七八九")


class _IntegerReader:
    """Reads a Chinese integer numeral one character at a time.

    :meth:`feed` refuses a character with which no numeral can go on (then no longer
    text is a numeral either: every refusal depends only on what was read), and
    :meth:`numeral` is the numeral read so far, or None if it is incomplete.
    """

    __slots__ = (
        "after_zero",
        "digit",
        "high",
        "index",
        "last_big",
        "last_small",
        "place",
        "seen_wan",
        "seen_yi",
        "small",
        "wan",
    )

    def __init__(self) -> None:
        self.high = self.wan = self.small = 0  # the 亿 part, the 万 part, the part below 10^4
        self.digit: int | None = None
        self.place = 0
        self.last_small: int | None = None  # last of 十/百/千 in this section
        self.last_big: int | None = None  # the big unit right before the pending digit
        self.after_zero = self.seen_wan = self.seen_yi = False
        self.index = 0

    def feed(self, ch: str) -> bool:
        index = self.index
        self.index += 1
        if ch in _ZEROS:
            if index == 0 or self.digit is not None or self.after_zero:
                return False  # a leading zero is the numeral 零 alone (read by the caller)
            self.after_zero, self.last_big = True, None
        elif ch in _DIGITS:
            if self.digit is not None:
                return False
            self.digit = _DIGITS[ch]
        elif ch in _SMALL_UNITS:
            unit = _SMALL_UNITS[ch]
            if self.last_small is not None and unit >= self.last_small:
                return False
            if self.digit is None:
                if index != 0 and not self.after_zero:
                    return False  # implicit 一 only at the start or after 零
                self.digit = 1
            self.small += self.digit * unit
            self.place, self.last_small, self.last_big = unit, unit, None
            self.digit, self.after_zero = None, False
        elif ch in _BIG_UNITS:
            return self._big(ch)
        else:
            return False
        return True

    def _big(self, ch: str) -> bool:
        if self.after_zero and self.digit is None:
            return False
        if self.digit is not None:
            step = self.last_small // 10 if self.last_small and not self.after_zero else 1
            self.small += self.digit * step
            self.place = step
        if ch == "万":
            if self.seen_wan or self.small == 0:
                return False
            self.wan, self.small, self.seen_wan = self.small * 10**4, 0, True
            self.place *= 10**4
        else:
            if self.seen_yi or self.wan + self.small == 0:
                return False
            self.high = (self.wan + self.small) * 10**8
            self.wan, self.small, self.seen_wan, self.seen_yi = 0, 0, False, True
            self.place *= 10**8
        self.digit, self.after_zero, self.last_small = None, False, None
        self.last_big = _BIG_UNITS[ch]
        return True

    def numeral(self) -> _Numeral | None:
        if self.index == 0 or (self.after_zero and self.digit is None):
            return None
        small, place, abbreviated = self.small, self.place, False
        if self.digit is not None:
            if self.after_zero:
                step = 1
            elif self.last_small is not None:
                step, abbreviated = self.last_small // 10, self.last_small > 10
            elif self.last_big is not None:
                step, abbreviated = self.last_big // 10, True
            else:
                step = 1
            small += self.digit * step
            place = step
        has_big = self.seen_wan or self.seen_yi
        return _Numeral(self.high + self.wan + small, place, has_big, abbreviated)


def _chinese_numerals(text: str, pos: int) -> list[tuple[int, Decimal, Decimal, _Numeral]]:
    """Every Chinese numeral ``text[pos:end]`` as (end, value, resolution), longest first.

    Integers, and an integer followed by 点 and fraction digits (and 万/亿/万亿), read in
    one pass: the work is proportional to the longest numeral, not to the text.
    """
    integers: list[tuple[int, _Numeral]] = []
    stop = len(text)
    if text[pos] in _ZEROS:
        integers.append((pos + 1, _Numeral(0, 1, False, False)))
        point = pos + 1
    else:
        reader = _IntegerReader()
        point = pos
        while point < stop and reader.feed(text[point]):
            point += 1
            numeral = reader.numeral()
            if numeral is not None:
                integers.append((point, numeral))
    found = [(end, Decimal(n.value), Decimal(n.place), n) for end, n in integers]
    # 点 right after the longest integer: whole 点 fraction-digits [万|亿|万亿]
    if point < stop and text[point] == "点" and integers and integers[-1][0] == point:
        whole = integers[-1][1]
        if not whole.abbreviated:
            found += _fractions(text, point + 1, whole)
    found.sort(key=lambda reading: reading[0], reverse=True)
    return found


def _fractions(
    text: str, first: int, whole: _Numeral
) -> list[tuple[int, Decimal, Decimal, _Numeral]]:
    """The readings ``whole`` 点 digits [multiplier] with the digits from ``first`` on."""
    found = []
    value, last = Decimal(whole.value), first
    while last < len(text) and text[last] in _FRACTION_DIGITS:
        place = Decimal(1).scaleb(first - last - 1)
        value += _DIGITS[text[last]] * place  # rounded to the context's 64 digits
        last += 1
        found.append((last, value, place, whole))
    if found and not whole.has_big:
        resolution = found[-1][2]
        big = _Numeral(whole.value, whole.place, True, False)
        for word, multiplier in _MULTIPLIERS:
            if text.startswith(word, last):
                found.append((last + len(word), value * multiplier, resolution * multiplier, big))
    return found


class _Number(NamedTuple):
    end: int
    value: Decimal
    resolution: Decimal
    source: str  # the phrase: text is sliced only when asked for
    start: int = 0
    approx: str = ""  # 余/多 or ""

    @property
    def text(self) -> str:
        return self.source[self.start : self.end]


def _numbers_at(text: str, pos: int) -> list[_Number]:
    """Every reading of a number starting at ``pos``, longest first."""
    found: list[_Number] = []
    arabic = _ARABIC.match(text, pos)
    if arabic is not None:
        digits = arabic.group()
        base = Decimal(digits)
        step = Decimal(1).scaleb(-len(digits.partition(".")[2]))
        found.extend(_with_multipliers(text, pos, arabic.end(), base, step, arabic=True))
    elif pos < len(text) and text[pos] in _NUMERAL_CHARS:
        for end, value, resolution, numeral in _chinese_numerals(text, pos):
            if numeral.abbreviated and end < len(text) and text[end] in _NUMERAL_CHARS:
                continue  # 一万五|千克: an abbreviation is never followed by a numeral
            if numeral.has_big:
                found.append(_Number(end, value, resolution, text, pos))
            else:
                found.extend(_with_multipliers(text, pos, end, value, resolution, arabic=False))
    found.sort(key=lambda number: number.end, reverse=True)
    return found


def _with_multipliers(
    text: str, start: int, end: int, value: Decimal, resolution: Decimal, *, arabic: bool
) -> list[_Number]:
    """Readings of a numeral followed by optional 余/多 and 万/亿/万亿.

    After an Arabic number a multiplier may follow directly (270万), after 余/多
    (270余万) or before them (270万余); after a Chinese numeral without 万/亿 only
    after 余/多 (三十多万), since 三十万 is itself a numeral.
    """
    readings = [_Number(end, value, resolution, text, start)]
    for approx in ("", *(word for word in _INFIX_RELATIONS if text.startswith(word, end))):
        after = end + len(approx)
        if approx:
            readings.append(_Number(after, value, resolution, text, start, approx))
        elif not arabic:
            continue
        for word, multiplier in _MULTIPLIERS:
            if not text.startswith(word, after):
                continue
            stop = after + len(word)
            scaled, step = value * multiplier, resolution * multiplier
            readings.append(_Number(stop, scaled, step, text, start, approx))
            for tail in () if approx else _INFIX_RELATIONS:
                if text.startswith(tail, stop):
                    readings.append(_Number(stop + 1, scaled, step, text, start, tail))
    return readings


# Decimal arithmetic without traps: an absurdly long numeral overflows to Infinity and is
# then refused as "too large" instead of raising decimal.Overflow.
_DECIMAL = Context(prec=64, traps=[])


def parse_number(text: str) -> tuple[float, float]:
    """Read a numeral as ``(value, resolution)``.

    Arabic numbers with optional decimals and an optional 万/亿/万亿 multiplier, or
    Chinese numerals (零〇一二两三四五六七八九十百千万亿, 点 for decimals; an implicit
    一 before a leading 十/百/千). Traditional characters and full-width digits are
    accepted (the text is normalised first). The resolution is the place value of the
    last stated digit (Arabic, times the multiplier) or of the last non-zero term
    (Chinese); see the module docstring.

    Parameters
    ----------
    text
        The numeral alone, e.g. ``"270万"``, ``"二百七十万"``, ``"1.2億"``.

    Returns
    -------
    tuple of float
        ``(value, resolution)``.

    Raises
    ------
    InputError
        If ``text`` is not a str or not a numeral (units, relation words, 百分之 and
        余/多 are refused here; use :func:`parse_quantity`).

    Examples
    --------
    >>> parse_number("270万")
    (2700000.0, 10000.0)
    >>> parse_number("30.7万")
    (307000.0, 1000.0)
    >>> parse_number("二百七十万")
    (2700000.0, 100000.0)
    >>> parse_number("百萬")
    (1000000.0, 1000000.0)
    >>> parse_number("一百零五")
    (105.0, 1.0)
    >>> parse_number("1.2亿")
    (120000000.0, 10000000.0)
    """
    normal = normalise(text)
    with localcontext(_DECIMAL):
        for number in _numbers_at(normal, 0):
            if number.end == len(normal) and not number.approx:
                return _finite(number.value, text), _resolution(number.resolution, text)
    raise InputError(f"cannot read {text!r} as a number (an Arabic or Chinese numeral)")


def _finite(value: Decimal, text: str) -> float:
    result = float(value)
    if not math.isfinite(result):
        raise InputError(f"cannot parse {text!r}: its number is too large for a float")
    return result


def _resolution(value: Decimal, text: str) -> float:
    result = float(value)
    if not 0.0 < result < math.inf:
        raise InputError(f"cannot parse {text!r}: its number has too many digits")
    return result


# ------------------------------------------------------------------------ phrases


@dataclass(frozen=True)
class ParsedQuantity:
    """A Chinese quantity phrase, read.

    Attributes
    ----------
    relation : str
        One of :data:`wasteless.judgement.COMPARISONS`: ``">"``, ``">="``, ``"<"``,
        ``"<="``, ``"~"``, ``"=="``.
    quantity : pint.Quantity
        The stated value in registry units (``tyre``, ``t``, ``m**2``, ``ug/m**3``,
        ``percent``, ``dimensionless`` ...).
    resolution : pint.Quantity
        The place value of the last stated digit, in the same units.
    relation_word : str
        The relation word(s) found, e.g. ``"超"``, ``"达…以上"``; ``""`` if none.
    text : str
        The normalised phrase that was parsed.

    Examples
    --------
    >>> p = parse_quantity("累计下降47%")
    >>> p.relation, p.quantity, p.resolution.magnitude, p.relation_word
    ('==', <Quantity(47.0, 'percent')>, 1.0, '')
    """

    relation: str
    quantity: pint.Quantity[Any]
    resolution: pint.Quantity[Any]
    relation_word: str
    text: str


@dataclass(frozen=True)
class _Reading:
    prefix: str
    relation_words: tuple[tuple[str, str], ...]
    number: _Number
    unit_word: str
    noun: str


class _Failure:
    """The most informative reason a phrase did not parse (the one that got furthest).

    A reason may be a function that writes it: only the one kept is ever written, so a
    long phrase is not quoted once per position tried.
    """

    def __init__(self) -> None:
        self.progress = -1
        self._reason: str | Callable[[], str] = "no number found"

    def note(self, progress: int, reason: str | Callable[[], str]) -> None:
        if progress > self.progress:
            self.progress, self._reason = progress, reason

    @property
    def reason(self) -> str:
        return self._reason() if callable(self._reason) else self._reason


def _quantity_at(text: str, start: int) -> str:
    """A Chinese numeral and a unit word (or 百分之 and a numeral) at ``start``, or ``""``."""
    ch = text[start]
    if ch == "百" and text.startswith("百分之", start):
        rest = start + 3
        if rest < len(text) and text[rest] in _NUMERAL_CHARS:
            return text[start:]
    if ch not in _NUMERAL_CHARS or ch == "点":
        return ""
    for number in _numbers_at(text, start):
        unit = _longest(text, number.end, _HAN_UNIT_INDEX)
        if unit:
            return text[start : number.end + len(unit)]
    return ""


def _quantity_in(text: str) -> str:
    """A Chinese numeral followed by a unit word in ``text`` (a second quantity), or ``""``."""
    return _Scan(text).quantity_from(0)


# An integer numeral is at most about 35 characters (九千九百九十九万九千九百九十九亿…, 零s
# in the gaps), 余/多 and 万亿 after it 4 more: a number that starts further than this
# before the next unit word cannot reach it, unless it has a fraction (点).
_NUMBER_REACH = 64


class _Scan:
    """What the rest of a normalised phrase is, from any position, each found in one pass.

    Reading a phrase tries many starting positions; asking "is the rest all Han?" or
    "does the rest state a quantity?" afresh at each would make parsing quadratic in the
    length of the phrase (a 3,200-character phrase took 4.7 s). Both answers depend only
    on the position, so each is computed once, from the end.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        tail = len(text)
        while tail and _HAN_CHAR.match(text, tail - 1):
            tail -= 1
        self.han_tail = tail  # text[i:] is all Han exactly when i >= han_tail
        self._first_quantity: list[int] | None = None

    def all_han(self, at: int) -> bool:
        """Whether ``text[at:]`` is Han characters only (or empty)."""
        return at >= self.han_tail

    def quantity_from(self, at: int) -> str:
        """``_quantity_in(text[at:])``: the first quantity stated from ``at`` on, or ``""``."""
        if self._first_quantity is None:
            self._first_quantity = self._quantity_starts()
        start = self._first_quantity[at]
        return "" if start < 0 else _quantity_at(self.text, start)

    def _quantity_starts(self) -> list[int]:
        """For each position, the first position from there on where a quantity starts."""
        text, n = self.text, len(self.text)
        first = [-1] * (n + 1)
        next_unit = next_point = n + 1  # the next Han unit word, the next 点, after start
        for start in range(n - 1, -1, -1):
            if start + 1 < n and _longest(text, start + 1, _HAN_UNIT_INDEX):
                next_unit = start + 1
            if text[start] == "点":
                next_point = start
            reachable = next_unit - start <= _NUMBER_REACH or next_point < next_unit
            could = text.startswith("百分之", start) or (next_unit <= n and reachable)
            found = could and bool(_quantity_at(text, start))
            first[start] = start if found else first[start + 1]
        return first


def _read_at(scan: _Scan, start: int, failure: _Failure) -> _Reading | None:
    """Read ``text[start:]`` as [relation [linker]] number [unit] [suffix] [noun]."""
    text = scan.text
    pos = start
    words: list[tuple[str, str]] = []
    relation = _longest(text, pos, _PREFIX_INDEX)
    if relation:
        words.append((relation, _PREFIX_RELATIONS[relation]))
        pos += len(relation)
        pos += len(_longest(text, pos, _LINKER_INDEX))
    percent_first = text.startswith("百分之", pos)
    if percent_first:
        pos += 3
    for number in _numbers_at(text, pos):
        infix = [(number.approx, _INFIX_RELATIONS[number.approx])] if number.approx else []
        units = ("百分之",) if percent_first else (*_matches(text, number.end, _UNIT_INDEX), "")
        for unit in units:
            at = number.end if percent_first else number.end + len(unit)
            suffix = _longest(text, at, _SUFFIX_INDEX)
            at += len(suffix)
            found = tuple(
                words + infix + ([(suffix, _SUFFIX_RELATIONS[suffix])] if suffix else [])
            )
            if at == len(text):
                return _Reading(text[:start], found, number, unit, "")
            if unit in _CLASSIFIERS and scan.all_han(at):
                second = scan.quantity_from(at)
                if not second:
                    return _Reading(text[:start], found, number, unit, text[at:])
                failure.note(at, functools.partial(_two_numbers, number, second))
                continue
            failure.note(at, functools.partial(_unknown, scan, at, number, unit + suffix))
    if not words and not percent_first:
        return None
    failure.note(pos, f"no number after {text[start:pos]!r}")
    return None


def _two_numbers(first: _Number, second: str) -> str:
    return f"it states more than one number ({_shown(first.text)}, {_shown(second)})"


def _unknown(scan: _Scan, at: int, number: _Number, tail: str) -> str:
    rest, read = scan.text[at:], number.text + tail  # sliced only for the reason kept
    if any(ch in "0123456789" for ch in rest) or scan.quantity_from(at):
        return f"it states more than one number (text {_shown(rest)} follows {_shown(read)})"
    return (
        f"unknown text {_shown(rest)} after {_shown(read)} (not a unit word of "
        "wasteless.zh.UNIT_WORDS)"
    )


def _shown(text: str) -> str:
    """``repr(text)``, cut short for a long text (a message quotes a phrase, not a book)."""
    if len(text) <= 200:
        return repr(text)
    return f"{text[:100]!r}…{text[-20:]!r} ({len(text):,} characters)"


def _combine(words: tuple[tuple[str, str], ...], text: str) -> str:
    symbols = {symbol for _, symbol in words}
    if not symbols:
        return "=="
    if len(symbols) == 1:
        return symbols.pop()
    for strict, loose in ((">", ">="), ("<", "<=")):
        if symbols == {strict, loose}:
            return strict
    shown = ", ".join(word for word, _ in words)
    raise InputError(f"cannot parse {text!r}: its relation words disagree ({shown})")


def parse_quantity(text: str, *, context: str | None = None) -> ParsedQuantity:
    """Read a Chinese quantity phrase into a relation, a Quantity and its resolution.

    The phrase is normalised (:func:`normalise`) and read as
    ``[prefix] [relation word] number [unit] [以上|以下|以内] [counted noun]``; the module
    docstring gives the words, what is skipped and the resolution rule.

    Parameters
    ----------
    text
        The phrase, e.g. ``"超270万条"``, ``"累计消耗废旧轮胎超270万条"``,
        ``"達百萬平方米"``, ``"由81微克每立方米"``, ``"百分之四十七"``.
    context
        Extra text describing what is counted, used only for 条: ``"tyre"`` (or
        ``"tire"``, ``"tyres"``, ``"tires"``) or Chinese text containing 胎 (轮胎)
        makes 条 a ``tyre``.

    Returns
    -------
    ParsedQuantity
        Relation, quantity, resolution, relation word and normalised text.

    Raises
    ------
    InputError
        If ``text`` (or ``context``) is not a str, is empty, has no number or two
        numbers, or has text that is not a unit after the number. The message quotes
        ``text``.

    Examples
    --------
    >>> p = parse_quantity("減少二氧化碳排放超30萬噸")
    >>> p.relation, p.quantity, p.resolution
    ('>', <Quantity(300000.0, 'metric_ton')>, <Quantity(10000.0, 'metric_ton')>)
    >>> parse_quantity("超270万条").quantity
    <Quantity(2700000.0, 'dimensionless')>
    >>> parse_quantity("超270万条", context="tyre").quantity
    <Quantity(2700000.0, 'tyre')>
    >>> p = parse_quantity("污水处理率保持100%")
    >>> p.relation, p.relation_word, p.quantity
    ('>=', '保持', <Quantity(100.0, 'percent')>)
    >>> parse_quantity("全区32个社区").quantity
    <Quantity(32.0, 'dimensionless')>
    >>> parse_quantity("百分之四十七").quantity
    <Quantity(47.0, 'percent')>
    >>> parse_quantity("由81微克每立方米下降到43微克每立方米")
    Traceback (most recent call last):
    ...
    wasteless.errors.InputError: cannot parse '由81微克每立方米下降到43微克每立方米' ...
    """
    normal = normalise(text)
    if context is not None and not isinstance(context, str):
        raise InputError(f"context must be a str or None; got {context!r}")
    if not normal:
        raise InputError(f"cannot parse {text!r}: the phrase is empty")
    with localcontext(_DECIMAL):
        return _parse(text, normal, context)


def _parse(text: str, normal: str, context: str | None) -> ParsedQuantity:
    failure = _Failure()
    scan = _Scan(normal)
    prefix_end = _HAN_RUN.match(normal)
    han_end = prefix_end.end() if prefix_end else 0
    reading = None
    for start in range(han_end + 1 if han_end < len(normal) else han_end):
        if start and normal[start] in _NUMERAL_CHARS and normal[start - 1] in _NUMERAL_CHARS:
            continue  # a number never starts inside a run of numeral characters
        if normal.endswith("百分之", 0, start):
            continue  # nor right after 百分之, which belongs to it
        reading = _read_at(scan, start, failure)
        if reading is not None:
            break
    if reading is None:
        if not any(ch in _NUMERAL_CHARS or ch.isdigit() for ch in normal):
            failure.note(len(normal) + 1, "it has no number")
        elif han_end < len(normal) and failure.progress < han_end:
            failure.note(
                han_end,
                f"cannot read {_shown(normal[han_end:])} (text before the relation word or "
                "number may only be Han characters)",
            )
        raise InputError(
            f"cannot parse {_shown(text)} as a Chinese quantity phrase: {failure.reason}"
        )
    second = _quantity_in(reading.prefix)
    if second:
        raise InputError(
            f"cannot parse {_shown(text)}: it states more than one number "
            f"({_shown(second)}, {reading.number.text!r})"
        )
    relation = _combine(reading.relation_words, text)
    units = UNIT_WORDS.get(reading.unit_word, "dimensionless")
    if reading.unit_word == "条" and _mentions_tyres(normal, context):
        units = "tyre"
    value = _finite(reading.number.value, text)
    return ParsedQuantity(
        relation=relation,
        quantity=Q_(value, units),
        resolution=Q_(_resolution(reading.number.resolution, text), units),
        relation_word="…".join(word for word, _ in reading.relation_words),
        text=normal,
    )


def _mentions_tyres(normal: str, context: str | None) -> bool:
    if _TYRE_MARK in normal:
        return True
    if context is None:
        return False
    return context.strip().lower() in _TYRE_CONTEXTS or _TYRE_MARK in normalise(context)


# ------------------------------------------------------------------------- writing


def _first_word(symbol: str) -> tuple[str, str]:
    """(prefix, suffix) that state a relation: the first word its wording shows."""
    words = _RELATIONS[symbol].words
    if not words:
        return "", ""
    return (words[0], "") if _RELATION_WORDS[words[0]][1] == "before" else ("", words[0])


# What to_chinese writes for each relation (e.g. 超 before, 以下 after), from the one table.
_RELATION_OUT: dict[str, tuple[str, str]] = {symbol: _first_word(symbol) for symbol in COMPARISONS}
# (pint units, word), exact matches first; then the first of the same dimension.
_OUTPUT_UNITS: tuple[tuple[str, str], ...] = (
    ("tyre", "条"),
    ("percent", "%"),
    ("dimensionless", ""),
    ("t", "吨"),
    ("kg", "千克"),
    ("tce", "吨标准煤"),
    ("kgce", "千克标准煤"),
    ("m**2", "平方米"),
    ("km**2", "平方公里"),
    ("m**3", "立方米"),
    ("m**3/d", "立方米每日"),
    ("t/d", "吨每日"),
    (_UG_M3, "微克每立方米"),
    (_MG_M3, "毫克每立方米"),
    ("km", "公里"),
)
_MAX_CHINESE = 10**16


def _unit_word(quantity: Any) -> tuple[float, str]:
    """Return (magnitude, unit word) for a Quantity or a bare real number."""
    if isinstance(quantity, (bool, np.bool_)) or not isinstance(
        quantity, numbers.Real | pint.Quantity
    ):
        raise InputError(f"quantity must be a pint Quantity or a real number; got {quantity!r}")
    if not isinstance(quantity, pint.Quantity):
        return float(quantity), ""
    # the units pathway: wasteless's registry, real and finite
    magnitude = magnitude_in(quantity, str(quantity.units), "quantity")
    if np.ndim(magnitude) != 0:
        raise InputError(f"quantity must be a scalar; got {quantity!r}")
    for units, word in _OUTPUT_UNITS:
        if quantity.units == ureg.Unit(units):
            return float(magnitude), word
    for units, word in _OUTPUT_UNITS:
        if units != "percent" and quantity.dimensionality == ureg.Unit(units).dimensionality:
            return float(quantity.to(units).magnitude), word
    raise InputError(
        f"no Chinese unit word for {quantity.units!s}; supported: "
        + ", ".join(units for units, _ in _OUTPUT_UNITS)
    )


def _decimal(value: float) -> Decimal:
    """The shortest decimal that reads back as ``value``."""
    return Decimal(repr(value))


def _plain(value: Decimal) -> str:
    """``value`` in positional notation, without trailing zeros."""
    return format(value.normalize(), "f")


def _arabic_text(value: float) -> str:
    exact = _decimal(value)
    for word, exponent in (("亿", 8), ("万", 4)):
        if value >= 10**exponent:
            return _plain(exact.scaleb(-exponent)) + word
    return _plain(exact)


def _section(number: int) -> str:
    """A Chinese numeral for 0 < number < 10**4 (一十 kept)."""
    out, zero = "", False
    for unit, place in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        digit = number // place % 10
        if digit:
            out += ("零" if zero else "") + _DIGIT_WORDS[digit] + unit
            zero = False
        elif out:
            zero = True
    return out


def _chinese_int(number: int) -> str:
    """A Chinese numeral for 0 <= number < 10**16, 一十 kept."""
    if number == 0:
        return "零"
    if number >= 10**8:
        high, low = divmod(number, 10**8)
        head = _chinese_int(high) + "亿"
        return head + (("零" if low < 10**7 else "") + _chinese_int(low) if low else "")
    if number >= 10**4:
        high, low = divmod(number, 10**4)
        head = _section(high) + "万"
        return head + (("零" if low < 1000 else "") + _section(low) if low else "")
    return _section(number)


def _chinese_text(value: float) -> str:
    exact = _decimal(value).normalize()
    whole = int(exact)
    if whole >= _MAX_CHINESE:
        raise InputError(f"{value!r} is too large for Chinese numerals here (limit 1e16)")
    text = _chinese_int(whole)
    if text.startswith("一十"):
        text = text[1:]
    fraction = exact - whole
    if fraction:
        digits = format(fraction, "f").partition(".")[2]
        text += "点" + "".join(_DIGIT_WORDS[int(d)] for d in digits)
    return text


def to_chinese(quantity: Any, relation: str = "==", *, numerals: str = "arabic") -> str:
    """Write a Quantity and a relation as a Chinese phrase (the inverse of :func:`parse_quantity`).

    Relation words: ``">"`` 超, ``">="`` 达, ``"~"`` 约, ``"<"`` 不足, ``"<="`` …以下,
    ``"=="`` none. Arabic numerals use 亿 from 1e8 and 万 from 1e4, with as many
    decimals as the value needs (2.7e6 -> 270万, 123456 -> 12.3456万); Chinese numerals
    spell the integer (二百七十万, 一百零五, 十万零五百) and 点 + digits for a fraction.
    Percent is ``%`` with Arabic numerals and 百分之 with Chinese ones. Units are written
    with the words of :data:`UNIT_WORDS` (``tyre`` -> 条, ``km`` -> 公里); a Quantity in
    another unit of a supported dimension is converted (kg -> 千克 exactly, g -> 吨).
    条 does not say "tyre" by itself: read the phrase back with
    ``parse_quantity(text, context="tyre")``.

    Parameters
    ----------
    quantity
        A scalar pint Quantity, or a bare real number (dimensionless), >= 0.
    relation
        One of :data:`wasteless.judgement.COMPARISONS`.
    numerals
        ``"arabic"`` or ``"chinese"``.

    Returns
    -------
    str
        The phrase, in simplified characters.

    Raises
    ------
    InputError
        For a negative, NaN or infinite value, an array, a unit without a Chinese
        word, an unknown relation or numeral style, or (Chinese numerals) a value of
        1e16 or more.

    Examples
    --------
    >>> to_chinese(Q_(2.7e6, "tyre"), ">")
    '超270万条'
    >>> to_chinese(Q_(2.7e6, "tyre"), ">", numerals="chinese")
    '超二百七十万条'
    >>> to_chinese(Q_(47, "percent"), numerals="chinese")
    '百分之四十七'
    >>> to_chinese(Q_(81, "ug/m**3"), "<=")
    '81微克每立方米以下'
    """
    if not isinstance(relation, str) or relation not in _RELATION_OUT:
        raise InputError(f"relation must be one of {', '.join(COMPARISONS)}; got {relation!r}")
    if not isinstance(numerals, str) or numerals not in ("arabic", "chinese"):
        raise InputError(f"numerals must be 'arabic' or 'chinese'; got {numerals!r}")
    magnitude, word = _unit_word(quantity)
    if not math.isfinite(magnitude) or magnitude < 0:
        raise InputError(f"quantity must be finite and >= 0; got {quantity!r}")
    magnitude = magnitude + 0.0  # -0.0 -> 0.0
    number = _arabic_text(magnitude) if numerals == "arabic" else _chinese_text(magnitude)
    body = "百分之" + number if word == "%" and numerals == "chinese" else number + word
    before, after = _RELATION_OUT[relation]
    return before + body + after
