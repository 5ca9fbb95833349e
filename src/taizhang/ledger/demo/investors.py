"""Fictional investors for the demo, made and reused deterministically."""

from __future__ import annotations

import random
from collections.abc import Sequence

from taizhang.ledger.credit_code import check_character
from taizhang.ledger.demo import vocabulary as words
from taizhang.ledger.demo.specs import InvestorSpec

#: GB 11714 weights of the eight body characters of an organisation code.
_ORGANISATION_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def organisation_code(body: str) -> str:
    """The nine-character organisation code (GB 11714) for eight digits: body plus check."""
    weighted = sum(
        int(char) * weight for char, weight in zip(body, _ORGANISATION_WEIGHTS, strict=True)
    )
    remainder = (11 - weighted) % 11
    check = "X" if remainder == 10 else str(remainder)
    return body + check


def credit_code(authority_and_kind: str, area: str, organisation_body: str) -> str:
    """A valid GB 32100 unified social credit code from its parts."""
    first17 = authority_and_kind + area + organisation_code(organisation_body)
    return first17 + check_character(first17)


class InvestorPool:
    """Makes fictional investors on demand and sometimes reuses one, as ceremonies do.

    Every choice comes from the one random generator it is given, so the same calls in the
    same order give the same investors.
    """

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self.investors: list[InvestorSpec] = []
        self._codes: set[str] = set()
        self._not_reusable: set[str] = set()
        brands = [
            (head + tail, head_pinyin + tail_pinyin)
            for head, head_pinyin in words.BRAND_HEADS
            for tail, tail_pinyin in words.BRAND_TAILS
            if head != tail and head + tail not in words.BRAND_EXCLUDED
        ]
        rng.shuffle(brands)
        self._brands = brands

    def add(self, investor: InvestorSpec, *, reusable: bool = True) -> InvestorSpec:
        """Take an investor into the pool; one not ``reusable`` is never picked again.

        The real company the sources name is added not reusable: the demo gives it only the
        project the sources report.
        """
        self.investors.append(investor)
        if not reusable:
            self._not_reusable.add(investor.key)
        return investor

    def lead(self, investor_type: str, theme: str, *, reuse: float = 0.15) -> InvestorSpec:
        """An investor of ``investor_type`` for a project of ``theme``: an earlier one or new."""
        if investor_type == "foreign":
            return self.foreign((theme,))
        earlier = [
            investor
            for investor in self.investors
            if investor.type == investor_type
            and investor.theme == theme
            and investor.key not in self._not_reusable
        ]
        if earlier and self._rng.random() < reuse:
            return self._rng.choice(earlier)
        return self._new_domestic(investor_type, theme)

    def foreign(self, themes: Sequence[str]) -> InvestorSpec:
        """A company from abroad or from Hong Kong, Macao or Taiwan, preferring ``themes``."""
        known = {investor.key for investor in self.investors}
        candidates = [
            index
            for index, company in enumerate(words.FOREIGN_COMPANIES)
            if company.theme in themes
        ] or list(range(len(words.FOREIGN_COMPANIES)))
        unused = [index for index in candidates if self._foreign_key(index) not in known]
        return self._foreign(self._rng.choice(unused or candidates))

    def foreign_named(self, name_zh: str) -> InvestorSpec:
        """The foreign company called ``name_zh``."""
        for index, company in enumerate(words.FOREIGN_COMPANIES):
            if company.zh == name_zh:
                return self._foreign(index)
        raise KeyError(name_zh)

    @staticmethod
    def _foreign_key(index: int) -> str:
        return f"foreign-{index:02d}"

    def _foreign(self, index: int) -> InvestorSpec:
        key = self._foreign_key(index)
        for investor in self.investors:
            if investor.key == key:
                return investor
        company = words.FOREIGN_COMPANIES[index]
        return self.add(
            InvestorSpec(
                key=key,
                name_zh=company.zh,
                name_en=company.en,
                type="foreign",
                origin=company.origin,
                theme=company.theme,
                brand=company.brand,
                fortune_global_500=company.fortune_global_500,
            )
        )

    def partner(self, lead: InvestorSpec) -> InvestorSpec:
        """A co-investor for ``lead``'s project: a state platform or an investment fund."""
        investor_type = self._rng.choice(("state", "other"))
        earlier = [
            investor
            for investor in self.investors
            if investor.type == investor_type
            and investor.theme == "fund"
            and investor != lead
            and investor.key not in self._not_reusable
        ]
        if earlier and self._rng.random() < 0.5:
            return self._rng.choice(earlier)
        return self._new_domestic(investor_type, "fund")

    def _new_domestic(self, investor_type: str, theme: str) -> InvestorSpec:
        rng = self._rng
        brand, pinyin = self._brands.pop()
        key = f"investor-{len(self.investors) + 1:03d}"
        trade = rng.choice(words.TRADES[theme])
        fortune = top500 = False
        kind = "91"  # registered by market regulation (9), an enterprise (1)
        if investor_type == "state":
            if rng.random() < 0.35:
                name_zh, name_en = f"中国{brand}{trade.zh}集团有限公司", f"China {pinyin} "
                name_en += f"{trade.en} Group Co., Ltd."
                origin, area = "110000", "110000"
                top500, fortune = True, rng.random() < 0.5
            else:
                name_zh = f"重庆{brand}{trade.zh}集团有限公司"
                name_en = f"Chongqing {pinyin} {trade.en} Group Co., Ltd."
                origin, area = "500000", "500000"
                top500 = rng.random() < 0.3
        elif investor_type == "other":
            draw = rng.random()
            if theme != "fund" and draw < 0.4:
                name_zh = f"重庆{brand}产业技术研究院"
                name_en = f"Chongqing {pinyin} Industrial Technology Research Institute"
                kind = "12"  # registered by the staffing authority (1), a public institution (2)
            elif theme != "fund":
                # A collective or mixed-ownership company: "other" by its ownership.
                name_zh = f"重庆{brand}{trade.zh}有限公司"
                name_en = f"Chongqing {pinyin} {trade.en} Co., Ltd."
            else:
                fund = words.TRADES["fund"][rng.randrange(len(words.TRADES["fund"]))]
                name_zh = f"重庆{brand}{fund.zh}基金合伙企业（有限合伙）"
                name_en = f"Chongqing {pinyin} {fund.en} Fund Partnership (Limited Partnership)"
            origin, area = "500000", rng.choice(("500112", "500105", "500103", "500106"))
        else:
            city, city_en, origin, area = rng.choice(words.HOME_CITIES)
            suffix, suffix_en = rng.choice(
                (("有限公司", "Co., Ltd."), ("有限公司", "Co., Ltd."), ("股份有限公司", "Inc."))
            )
            if theme == "fund":
                name_zh = f"{city}{brand}{trade.zh}基金管理{suffix}"
                name_en = f"{city_en} {pinyin} {trade.en} Fund Management {suffix_en}"
            else:
                name_zh = f"{city}{brand}{trade.zh}{suffix}"
                name_en = f"{city_en} {pinyin} {trade.en} {suffix_en}"
            top500 = rng.random() < 0.08
        code = self._credit_code(kind, area) if rng.random() < 0.9 else None
        return self.add(
            InvestorSpec(
                key=key,
                name_zh=name_zh,
                name_en=name_en,
                type=investor_type,
                origin=origin,
                theme=theme,
                brand=brand,
                credit_code=code,
                fortune_global_500=fortune,
                china_top_500=top500,
            )
        )

    def _credit_code(self, kind: str, area: str) -> str:
        while True:
            body = f"{self._rng.randrange(10**8):08d}"
            code = credit_code(kind, area, body)
            if code not in self._codes:
                self._codes.add(code)
                return code
