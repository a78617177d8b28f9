"""Chinese quantity phrases: the article's wording, numerals, round trips and fuzzing."""

import math
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from wasteless import Q_, ureg, zh
from wasteless.errors import InputError
from wasteless.judgement import COMPARISONS

ARTICLE = (
    Path(__file__).resolve().parents[1].parent / "shared" / "reference" / "article-2020-01-17.txt"
)


@pytest.fixture(scope="module")
def article_text():
    if not ARTICLE.is_file():
        pytest.skip(f"article copy not found at {ARTICLE} (../shared/reference/ from the project)")
    return ARTICLE.read_text(encoding="utf-8")


# Phrases copied verbatim from the reference copy, encoding damage (pinyin) included:
# (phrase, relation, relation word, value, units, resolution)
ARTICLE_PHRASES = [
    ("累計消耗廢舊輪胎超270萬條", ">", "超", 2.7e6, "tyre", 1e4),
    ("減少二氧化碳排放超30萬噸", ">", "超", 3.0e5, "t", 1e4),
    ("達百萬平方米", ">=", "达", 1.0e6, "m**2", 1e6),
    ("城市道路運用橡膠瀝青達百萬平方米", ">=", "达", 1.0e6, "m**2", 1e6),
    ("由81微克每立方米", "==", "", 81.0, "ug/m**3", 1.0),
    ("下降到43微克每立方米", "==", "", 43.0, "ug/m**3", 1.0),
    ("累計下降47%", "==", "", 47.0, "percent", 1.0),
    ("全區(qū)32個社區(qū)", "==", "", 32.0, "dimensionless", 1.0),
    ("全區(qū)32個社區(qū)實現(xiàn)廚余垃圾源頭分類", "==", "", 32.0, "dimensionless", 1.0),
    ("污水處理率保持100%", ">=", "保持", 100.0, "percent", 1.0),
    ("高品質(zhì)再生水利用率達30%", ">=", "达", 30.0, "percent", 1.0),
    ("首批37項", "==", "", 37.0, "dimensionless", 1.0),
]


@pytest.mark.parametrize(
    ("phrase", "relation", "word", "value", "units", "resolution"), ARTICLE_PHRASES
)
def test_article_phrases(article_text, phrase, relation, word, value, units, resolution):
    assert phrase in article_text, f"{phrase!r} is not verbatim in the article copy"
    parsed = zh.parse_quantity(phrase)
    assert parsed.relation == relation
    assert parsed.relation_word == word
    assert parsed.quantity.units == ureg.Unit(units)
    assert parsed.quantity.magnitude == value
    assert parsed.resolution.units == ureg.Unit(units)
    assert parsed.resolution.magnitude == resolution
    assert parsed.text == zh.normalise(phrase)


def test_article_two_numbers_are_refused(article_text):
    phrase = "PM2.5年均濃度由81微克每立方米下降到43微克每立方米"
    assert phrase in article_text
    with pytest.raises(InputError, match=re.escape(repr(phrase))):
        zh.parse_quantity(phrase)
    with pytest.raises(InputError, match="more than one number"):
        zh.parse_quantity("由81微克每立方米下降到43微克每立方米")


def test_article_figures_match_design_table():
    # the article's tyre figure is a tyre count even without the 轮胎 in the phrase
    assert zh.parse_quantity("超270万条", context="tyre").quantity == Q_(2.7e6, "tyre")
    assert zh.parse_quantity("超270万条", context="废旧轮胎").quantity.units == ureg.tyre
    assert zh.parse_quantity("超270万条").quantity.units == ureg.dimensionless
    assert zh.parse_quantity("270万条轮胎").quantity.units == ureg.tyre


# ---------------------------------------------------------------- normalisation


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("萬(wàn)", "万"),
        ("高品質(zhì)再生水", "高品质再生水"),
        ("萬(wan)(wàn)條", "万条"),
        ("全區(qū)32個社區(qū)", "全区32个社区"),
        ("綠(lǜ)色", "綠色"),  # 綠 is not in the table: only the pinyin goes
        ("臺(臺湖)", "臺(臺湖)"),  # brackets holding Han characters stay
        ("30(t)", "30(t)"),  # pinyin is only stripped after a Han character
        ("２７０萬", "270万"),
        ("４７％", "47%"),
        ("３０．７萬噸", "30.7万吨"),
        ("1,000立方米", "1000立方米"),
        ("1，000，000平方米", "1000000平方米"),
        ("12,34吨", "12,34吨"),
        (" 超 270 万\u3000条 \n", "超270万条"),
        ("兩百萬", "两百万"),
        ("達到", "达到"),
    ],
)
def test_normalise(raw, normal):
    assert zh.normalise(raw) == normal


# ------------------------------------------------------------------- numerals


@pytest.mark.parametrize(
    ("text", "value", "resolution"),
    [
        ("270万", 2.7e6, 1e4),
        ("30.7万", 3.07e5, 1e3),
        ("81", 81.0, 1.0),
        ("47", 47.0, 1.0),
        ("100", 100.0, 1.0),
        ("1.2亿", 1.2e8, 1e7),
        ("3万亿", 3e12, 1e12),
        ("0.5", 0.5, 0.1),
        ("三十万", 3e5, 1e5),
        ("二百七十万", 2.7e6, 1e5),
        ("百万", 1e6, 1e6),
        ("十万", 1e5, 1e5),
        ("十", 10.0, 10.0),
        ("十五", 15.0, 1.0),
        ("一百零五", 105.0, 1.0),
        ("一千零五十", 1050.0, 10.0),
        ("两百万", 2e6, 1e6),
        ("兩百萬", 2e6, 1e6),
        ("十二万三千", 123000.0, 1e3),
        ("十万零五百", 100500.0, 100.0),
        ("一亿零五万", 100050000.0, 1e4),
        ("两万亿", 2e12, 1e12),
        ("一万五", 15000.0, 1e3),
        ("三百五", 350.0, 10.0),
        ("零", 0.0, 1.0),
        ("〇", 0.0, 1.0),
        ("零点五", 0.5, 0.1),
        ("三十点七", 30.7, 0.1),
        ("一点二亿", 1.2e8, 1e7),
        ("１２０", 120.0, 1.0),
    ],
)
def test_parse_number(text, value, resolution):
    assert zh.parse_number(text) == (value, resolution)


@pytest.mark.parametrize(
    "text",
    ["", "万", "亿", "二三", "二〇二〇", "一百零", "零五", "三十百", "一百十", "一万万", "一亿亿",
     "一百零万", "270万多", "超270", "百分之四十七", "27 0万x", "1.", ".5", "点五", "三点两"],
)  # fmt: skip
def test_parse_number_refuses(text):
    with pytest.raises(InputError, match=re.escape(repr(text))):
        zh.parse_number(text)


@pytest.mark.parametrize(
    ("simplified", "traditional"),
    [
        ("累计消耗废旧轮胎超270万条", "累計消耗廢舊輪胎超270萬條"),
        ("减少二氧化碳排放超30万吨", "減少二氧化碳排放超30萬噸"),
        ("达百万平方米", "達百萬平方米"),
        ("两百万", "兩百萬"),
        ("约1.2亿", "約1.2億"),
        ("超过30余万吨", "超過30餘萬噸"),
        ("全区32个社区", "全區32個社區"),
        ("累计12.3万吨标准煤", "累計12.3萬噸標準煤"),
        ("达到三十辆车", "達到三十輛車"),
        ("不超过5吨/日", "不超過5噸/日"),
        ("多于100个", "多於100個"),
    ],
)
def test_simplified_traditional_equivalence(simplified, traditional):
    a, b = zh.parse_quantity(simplified), zh.parse_quantity(traditional)
    assert (a.relation, a.quantity, a.resolution, a.relation_word, a.text) == (
        b.relation,
        b.quantity,
        b.resolution,
        b.relation_word,
        b.text,
    )


# ------------------------------------------------------------ phrases: units, words


@pytest.mark.parametrize(
    ("text", "value", "units", "resolution"),
    [
        ("270万", 2.7e6, "dimensionless", 1e4),
        ("三十万吨", 3e5, "t", 1e5),
        ("30.7万吨", 3.07e5, "t", 1e3),
        ("1.2亿立方米", 1.2e8, "m**3", 1e7),
        ("百分之四十七", 47.0, "percent", 1.0),
        ("百分之47", 47.0, "percent", 1.0),
        ("47％", 47.0, "percent", 1.0),
        ("12.3万吨标准煤", 1.23e5, "tce", 1e3),
        ("12.3万吨标煤", 1.23e5, "tce", 1e3),
        ("500千克标准煤", 500.0, "kgce", 1.0),
        ("两百万平米", 2e6, "m**2", 1e6),
        ("5平方公里", 5.0, "km**2", 1.0),
        ("10万立方米/日", 1e5, "m**3/d", 1e4),
        ("10万立方米每日", 1e5, "m**3/d", 1e4),
        ("10万立方米/天", 1e5, "m**3/d", 1e4),
        ("2万吨/日", 2e4, "t/d", 1e4),
        ("81微克/立方米", 81.0, "ug/m**3", 1.0),
        ("35μg/m3", 35.0, "ug/m**3", 1.0),
        ("35 µg/m³", 35.0, "ug/m**3", 1.0),
        ("0.8毫克每立方米", 0.8, "mg/m**3", 0.1),
        ("12公里", 12.0, "km", 1.0),
        ("三千米", 3.0, "km", 1.0),  # 三 + 千米 (米 alone is no unit): 3000 m either way
        ("五千克", 5.0, "kg", 1.0),
        ("32个", 32.0, "dimensionless", 1.0),
        ("二百七十万条", 2.7e6, "dimensionless", 1e5),
        ("二百七十万条废旧轮胎", 2.7e6, "tyre", 1e5),
        ("三十二家企业", 32.0, "dimensionless", 1.0),
    ],
)
def test_units(text, value, units, resolution):
    parsed = zh.parse_quantity(text)
    assert parsed.quantity.units == ureg.Unit(units)
    assert parsed.quantity.magnitude == value
    assert parsed.resolution == Q_(resolution, units)


@pytest.mark.parametrize(
    ("text", "relation", "word"),
    [
        ("超过30万吨", ">", "超过"),
        ("超30万吨", ">", "超"),
        ("逾30万吨", ">", "逾"),
        ("多于30个", ">", "多于"),
        ("达到30%", ">=", "达到"),
        ("达30%", ">=", "达"),
        ("100万吨以上", ">=", "以上"),
        ("约30万吨", "~", "约"),
        ("大约30万吨", "~", "大约"),
        ("近30万吨", "~", "近"),
        ("将近30万吨", "~", "将近"),
        ("接近30万吨", "~", "接近"),
        ("约为30%", "~", "约"),
        ("不足30%", "<", "不足"),
        ("不到30%", "<", "不到"),
        ("少于30%", "<", "少于"),
        ("30%以下", "<=", "以下"),
        ("不超过30%", "<=", "不超过"),  # not 不 + 超过
        ("污水处理率保持100%", ">=", "保持"),
        ("保持在100%", ">=", "保持"),
        ("30万吨", "==", ""),
        ("累计30万吨", "==", ""),
        ("共计三十个", "==", ""),
        ("总计超30万吨", ">", "超"),
        ("合计达30万吨", ">=", "达"),
        ("30余万吨", ">", "余"),
        ("三十多万吨", ">", "多"),
        ("30万余吨", ">", "余"),
        ("达100万吨以上", ">=", "达…以上"),
        ("超100万吨以上", ">", "超…以上"),
        ("不足100吨以下", "<", "不足…以下"),
        ("超30多万吨", ">", "超…多"),
        ("超百分之三十", ">", "超"),
    ],
)
def test_relations(text, relation, word):
    parsed = zh.parse_quantity(text)
    assert (parsed.relation, parsed.relation_word) == (relation, word)
    assert word == "" or all(part in zh.RELATION_WORDS for part in word.split("…"))


def test_descriptive_prefix_is_skipped_and_gives_tyre_context():
    parsed = zh.parse_quantity("累计消耗废旧轮胎超270万条")
    assert parsed.quantity == Q_(2.7e6, "tyre")
    # the shortest prefix wins: 达 is the relation word, not part of the noun phrase
    assert zh.parse_quantity("城市道路运用橡胶沥青达百万平方米").relation == ">="
    # 二 in 二氧化碳 is not a number
    assert zh.parse_quantity("减少二氧化碳排放超30万吨").quantity == Q_(3e5, "t")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("超", "no number"),
        ("二氧化碳", ""),
        ("abc", "no number"),
        ("30米", "unknown text '米'"),
        ("30吨钢", "unknown text '钢'"),
        ("32社区", "unknown text"),
        ("30吨30吨", "more than one number"),
        ("三十万吨超30万吨", "more than one number"),
        ("32个社区三十个", "more than one number"),
        ("由81微克每立方米下降到43微克每立方米", "more than one number"),
        ("PM2.5年均浓度由81微克每立方米", "Han characters"),
        ("约30%以上", "disagree"),
        ("超30%以下", "disagree"),
        ("十二万三千米", "unknown text '米'"),
        ("一万五千克", "unknown text '克'"),
        ("百分之47%", "unknown text"),
        ("12,34吨", ""),
        ("-5吨", "Han characters"),
        ("9" * 400 + "万吨", "too large"),
    ],
)
def test_bad_phrases_raise_input_error_naming_the_text(text, message):
    with pytest.raises(InputError, match=re.escape(repr(text))) as info:
        zh.parse_quantity(text)
    assert message in str(info.value)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize("value", [None, 5, 2.7e6, b"\xe8\xb6\x85", ["超270万条"], Q_(1, "t")])
def test_non_strings_raise_input_error(value):
    with pytest.raises(InputError, match=re.escape(repr(value))):
        zh.parse_quantity(value)
    with pytest.raises(InputError, match=re.escape(repr(value))):
        zh.parse_number(value)


def test_bad_context_raises_input_error():
    with pytest.raises(InputError, match="context"):
        zh.parse_quantity("270万条", context=3)


# ------------------------------------------------------------------- to_chinese


@pytest.mark.parametrize(
    ("quantity", "relation", "numerals", "text"),
    [
        (Q_(2.7e6, "tyre"), ">", "arabic", "超270万条"),
        (Q_(2.7e6, "tyre"), ">", "chinese", "超二百七十万条"),
        (Q_(3e5, "t"), ">", "arabic", "超30万吨"),
        (Q_(1e6, "m**2"), ">=", "chinese", "达一百万平方米"),
        (Q_(1e5, "m**2"), ">=", "chinese", "达十万平方米"),
        (Q_(81, "ug/m3"), "==", "arabic", "81微克每立方米"),
        (Q_(47, "percent"), "==", "arabic", "47%"),
        (Q_(47, "percent"), "==", "chinese", "百分之四十七"),
        (Q_(30, "percent"), "<=", "chinese", "百分之三十以下"),
        (Q_(32, ""), "==", "chinese", "三十二"),
        (32, "~", "arabic", "约32"),
        (Q_(105, "km"), "<", "chinese", "不足一百零五公里"),
        (Q_(100500, "m**3/d"), "==", "chinese", "十万零五百立方米每日"),
        (Q_(100050000, "t"), "==", "chinese", "一亿零五万吨"),
        (Q_(1.2e8, "m**3"), "==", "arabic", "1.2亿立方米"),
        (Q_(30.7, "t"), "==", "chinese", "三十点七吨"),
        (Q_(0.5, "t"), "==", "chinese", "零点五吨"),
        (Q_(12345, "t"), "==", "arabic", "1.2345万吨"),
        (Q_(500, "kg"), "==", "arabic", "500千克"),
        (Q_(2500, "kg"), "==", "arabic", "2500千克"),
        (Q_(500, "m"), "==", "arabic", "0.5公里"),
        (Q_(123e3, "tce"), ">", "arabic", "超12.3万吨标准煤"),
    ],
)
def test_to_chinese(quantity, relation, numerals, text):
    assert zh.to_chinese(quantity, relation, numerals=numerals) == text


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        ((Q_(-1, "t"),), {}, ">= 0"),
        ((Q_(math.nan, "t"),), {}, "finite"),
        ((Q_(math.inf, "t"),), {}, "finite"),
        ((Q_(1, "t"), "!="), {}, "relation"),
        ((Q_(1, "t"),), {"numerals": "roman"}, "numerals"),
        ((Q_(1, "s"),), {}, "no Chinese unit word"),
        (("1",), {}, "quantity"),
        ((True,), {}, "quantity"),
        ((Q_([1.0, 2.0], "t"),), {}, "scalar"),
        ((Q_(1e16, "t"),), {"numerals": "chinese"}, "too large"),
    ],
)
def test_to_chinese_refuses(args, kwargs, message):
    with pytest.raises(InputError, match=message):
        zh.to_chinese(*args, **kwargs)


# ------------------------------------------------------------- round trip (hypothesis)

ROUND_TRIP_UNITS = [
    "tyre",
    "dimensionless",
    "percent",
    "t",
    "kg",
    "tce",
    "kgce",
    "m**2",
    "km**2",
    "m**3",
    "m**3/d",
    "t/d",
    "ug/m**3",
    "mg/m**3",
    "km",
]
values = st.one_of(
    st.integers(min_value=0, max_value=10**15),
    st.integers(min_value=0, max_value=10**12).map(lambda n: n / 10),
)


def last_digit_place(value: float) -> Decimal:
    """10 ** (position of the last non-zero digit of the shortest decimal), 1 for zero."""
    exact = Decimal(repr(float(value))).normalize()
    return Decimal(1) if exact == 0 else Decimal(1).scaleb(exact.as_tuple().exponent)


@given(
    value=values,
    units=st.sampled_from(ROUND_TRIP_UNITS),
    relation=st.sampled_from(COMPARISONS),
    numerals=st.sampled_from(["arabic", "chinese"]),
)
@example(value=2_700_000, units="tyre", relation=">", numerals="arabic")
@example(value=100_500, units="m**2", relation=">=", numerals="chinese")
@example(value=100_000_010, units="t", relation="~", numerals="chinese")
@example(value=10**15, units="percent", relation="<=", numerals="chinese")
@example(value=0, units="km", relation="<", numerals="chinese")
@example(value=30.7, units="kg", relation="==", numerals="chinese")
def test_round_trip(value, units, relation, numerals):
    quantity = Q_(value, units)
    text = zh.to_chinese(quantity, relation, numerals=numerals)
    parsed = zh.parse_quantity(text, context="tyre" if units == "tyre" else None)
    assert parsed.relation == relation, text
    assert parsed.quantity.units == quantity.units, text
    assert parsed.quantity.magnitude == float(value), text
    assert parsed.resolution.units == quantity.units
    # the resolution is a power of ten that divides the value; Chinese numerals state
    # exactly the last non-zero digit, Arabic ones may state trailing zeros (270万: 1万)
    resolution = Decimal(repr(parsed.resolution.magnitude))
    assert resolution > 0
    assert resolution == Decimal(1).scaleb(resolution.normalize().as_tuple().exponent)
    assert (Decimal(repr(float(value))) / resolution) % 1 == 0, text
    if numerals == "chinese":
        assert resolution == last_digit_place(value), text
    else:
        assert resolution <= last_digit_place(value), text


@given(value=st.integers(min_value=0, max_value=10**15))
def test_chinese_and_arabic_agree(value):
    arabic = zh.parse_number(zh.to_chinese(value))
    chinese = zh.parse_number(zh.to_chinese(value, numerals="chinese"))
    assert arabic[0] == chinese[0] == float(value)


@given(value=st.integers(min_value=0, max_value=10**15))
def test_traditional_round_trip(value):
    text = zh.to_chinese(Q_(value, "t"), ">=", numerals="chinese")
    traditional = text.translate(str.maketrans("万亿吨达两", "萬億噸達兩"))
    assert zh.parse_quantity(traditional) == zh.parse_quantity(text)


# ---------------------------------------------------------------- fuzzing (hypothesis)

TOKENS = [
    *"0123456789.,%％０１２３４５６７８９．，",
    *"零〇一二两兩三四五六七八九十百千万萬亿億点點",
    "超过", "超過", "超", "逾", "多于", "多於", "达到", "達", "达", "约", "約", "大约", "近",
    "将近", "接近", "不足", "不到", "少于", "以上", "以下", "以内", "保持", "在", "为",
    "不超过", "余", "餘", "多",
    "条", "條", "个", "個", "吨", "噸", "吨标准煤", "吨标煤", "平方米", "平米", "立方米",
    "立方米/日", "立方米每日", "微克每立方米", "微克/立方米", "毫克每立方米", "百分之",
    "公里", "千米", "千克", "μg/m3", "/", "每", "日", "天", "米", "克",
    "累计", "累計", "共", "总计", "合计", "下降", "下降到", "减少", "由", "到", "是",
    "轮胎", "輪胎", "胎", "社区", "PM2.5", "二氧化碳",
    "(", ")", "（", "）", "(wàn)", "(zhì)", "(qū)", "(lǜ)", "(", "wan", "ǖ", " ", "\u3000",
    "\n", "?", "·", "、", "-", "e", "E", "+", "∞", "٣", "²",
]  # fmt: skip
phrases = st.lists(st.sampled_from(TOKENS), max_size=14).map("".join)


def check_parsed(parsed):
    assert parsed.relation in COMPARISONS
    assert math.isfinite(parsed.quantity.magnitude)
    assert parsed.quantity.magnitude >= 0
    assert 0 < parsed.resolution.magnitude < math.inf
    assert parsed.resolution.units == parsed.quantity.units


@given(text=st.one_of(st.text(), phrases), context=st.one_of(st.none(), st.text(), phrases))
@example(text="萬(wàn)", context=None)
@example(text="超270萬(wàn)條", context="(wàn)胎")
@example(text="9" * 500 + "万亿", context=None)
@example(text="一点" + "五" * 200 + "亿", context=None)
def test_fuzz_parse_quantity_raises_only_input_error(text, context):
    try:
        parsed = zh.parse_quantity(text, context=context)
    except InputError as err:
        message = str(err)
    else:
        check_parsed(parsed)
        return
    # the phrase is quoted (a long one cut short: zh._shown)
    assert zh._shown(text) in message or repr(text) in message or "context" in message


@given(text=st.one_of(st.text(), phrases))
def test_fuzz_parse_number_raises_only_input_error(text):
    try:
        value, resolution = zh.parse_number(text)
    except InputError as err:
        message = str(err)
    else:
        assert math.isfinite(value)
        assert value >= 0
        assert resolution > 0
        return
    assert repr(text) in message


@given(text=st.one_of(st.text(), phrases))
def test_fuzz_normalise_is_idempotent(text):
    once = zh.normalise(text)
    assert zh.normalise(once) == once
