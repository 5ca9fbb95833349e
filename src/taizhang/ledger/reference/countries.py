"""The world's countries as region rows, from pycountry's ISO 3166-1 list and its Chinese names.

pycountry ships the ISO list and the iso-codes project's translations (gettext domain
``iso3166-1``), so this works offline. Two things are curated by hand here, and documented in
docs/reference-data.md:

* Hong Kong, Macao and Taiwan are provinces of China in this system, never countries: they are
  left out here and shipped in ``data/china.csv`` as province-level divisions (with their ISO
  codes as aliases, so an investor origin written ``HK`` still resolves). China itself is shipped
  there too.
* A few Chinese names in the translation are typos, Taiwan usage, or long formal names where a
  Chinese government document uses the short one (韩国, not 大韩民国). They are corrected to the
  names the Ministry of Foreign Affairs uses; the translation's own name stays as an alias.
"""

from __future__ import annotations

import gettext

import pycountry

from taizhang.ledger.reference.rows import RegionRow

#: ISO codes never loaded as countries: China is shipped in china.csv, the rest are its provinces.
NOT_COUNTRIES = frozenset({"CN", "HK", "MO", "TW"})

#: Chinese names corrected by hand: code → the name a Chinese government user expects.
CHINESE_NAMES = {
    "BD": "孟加拉国",
    "BO": "玻利维亚",
    "BV": "布维岛",
    "CD": "刚果（金）",
    "CG": "刚果（布）",
    "CC": "科科斯（基林）群岛",
    "FK": "马尔维纳斯群岛（福克兰群岛）",
    "FM": "密克罗尼西亚联邦",
    "GS": "南乔治亚岛和南桑威奇群岛",
    "GT": "危地马拉",
    "IM": "马恩岛",
    "IR": "伊朗",
    "KG": "吉尔吉斯斯坦",
    "KH": "柬埔寨",
    "KP": "朝鲜",
    "KR": "韩国",
    "LA": "老挝",
    "MD": "摩尔多瓦",
    "MN": "蒙古国",
    "PF": "法属波利尼西亚",
    "PN": "皮特凯恩群岛",
    "SY": "叙利亚",
    "TF": "法属南部领地",
    "VE": "委内瑞拉",
}

#: English names where ISO's "Name, Qualifier" form reads oddly in a list or a bulletin.
ENGLISH_NAMES = {
    "BN": "Brunei",
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "FK": "Malvinas Islands (Falkland Islands)",
    "FM": "Micronesia",
    "PS": "Palestine",
    "RU": "Russia",
    "VA": "Vatican City",
    "VG": "British Virgin Islands",
    "VI": "United States Virgin Islands",
}

#: Further names ledgers use for a country; the translation's names are added on their own.
EXTRA_ALIASES = {
    "AE": ("阿拉伯联合酋长国", "UAE"),
    "CD": ("刚果金", "DR Congo", "DRC"),
    "CG": ("刚果布",),
    "CZ": ("捷克共和国", "Czech Republic"),
    "FK": ("马尔维纳斯群岛", "福克兰群岛", "Falkland Islands", "Malvinas"),
    "GB": ("UK", "Great Britain", "Britain"),
    "KR": ("South Korea",),
    "NL": ("Holland",),
    "TR": ("Turkey",),
    "US": ("USA", "United States of America", "美利坚合众国"),
}

#: Typos in the translation that also appear in its longer names (柬埔塞王国).
_TYPOS = {"柬埔塞": "柬埔寨", "瓜地马拉": "危地马拉"}


def chinese_catalogue() -> gettext.NullTranslations:
    """pycountry's bundled zh_CN translation of ISO 3166-1 (a no-op if it is ever missing)."""
    return gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"], fallback=True
    )


def country_rows() -> list[RegionRow]:
    """Every ISO 3166-1 country except China and its provinces, as top-level region rows."""
    catalogue = chinese_catalogue()
    rows = []
    for country in sorted(pycountry.countries, key=lambda country: country.alpha_2):
        code = country.alpha_2
        if code in NOT_COUNTRIES:
            continue
        iso_name = country.name
        common_name = getattr(country, "common_name", None)
        official_name = getattr(country, "official_name", None)
        translated = _fix_typos(catalogue.gettext(iso_name))
        name_zh = CHINESE_NAMES.get(code, translated)
        name_en = ENGLISH_NAMES.get(code, common_name or iso_name)
        candidates = [translated, iso_name, common_name, official_name]
        if official_name:
            candidates.append(_fix_typos(catalogue.gettext(official_name)))
        candidates.extend(EXTRA_ALIASES.get(code, ()))
        candidates.append(country.alpha_3)
        aliases: list[str] = []
        for alias in candidates:
            if alias and alias not in (name_zh, name_en) and alias not in aliases:
                aliases.append(alias)
        rows.append(
            RegionRow(
                code=code,
                name_zh=name_zh,
                name_en=name_en,
                level="country",
                parent_code="",
                aliases=tuple(aliases),
                source="pycountry",
            )
        )
    return rows


def _fix_typos(name: str) -> str:
    for wrong, right in _TYPOS.items():
        name = name.replace(wrong, right)
    return name
