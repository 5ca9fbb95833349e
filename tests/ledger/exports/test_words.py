"""Every word an export writes is one the importer reads back as the same value."""

from __future__ import annotations

import pytest

from taizhang.ledger.exporting import words
from taizhang.ledger.exporting.rows import KEYS, RegionNames, headers
from taizhang.ledger.importing.headers import match_header
from taizhang.ledger.importing.units import EXPORT_UNITS
from taizhang.ledger.importing.vocabularies import (
    parse_investor_type,
    parse_project_type,
    parse_signing_mode,
    parse_strategic_emerging,
)
from taizhang.ledger.models import InvestorType, ProjectType, Region, SigningMode
from taizhang.ledger.reference.csvfile import parse_region_csv
from taizhang.ledger.reference.industries import strategic_emerging_categories
from taizhang.ledger.reference.loader import load_regions
from taizhang.ledger.regions import RegionLookup

LANGUAGES = pytest.mark.parametrize("language", ["en", "zh"])


@LANGUAGES
def test_investor_types_signing_modes_and_project_types_read_back_as_themselves(language: str):
    for code in InvestorType.values:
        assert parse_investor_type(words.investor_type_word(code, language)) == code
    for code in SigningMode.values:
        assert parse_signing_mode(words.signing_mode_word(code, language)) == code
    for code in ProjectType.values:
        assert parse_project_type(words.project_type_word(code, language)) == code


def test_chinese_files_write_the_words_chinese_ledgers_use():
    assert words.investor_types("zh") == ["国有", "民营", "外资", "其他"]
    assert words.signing_modes("zh") == ["线下签约", "线上签约", "场外签约"]
    assert words.project_types("zh") == ["新建", "扩建", "总部", "研发", "基金", "其他"]


@LANGUAGES
def test_strategic_emerging_choices_read_back_as_yes_no_and_each_category(language: str):
    choices = words.strategic_emerging_choices(language)
    categories = [row.code for row in strategic_emerging_categories()]
    assert [parse_strategic_emerging(choice) for choice in choices] == [
        (True, None),
        (False, None),
        *[(True, code) for code in categories],
    ]


@LANGUAGES
@pytest.mark.parametrize("unit", list(EXPORT_UNITS))
def test_every_header_reads_back_as_its_column_and_the_value_header_as_its_unit(
    language: str, unit: str
):
    for key, header in zip(KEYS, headers(language, unit), strict=True):
        match = match_header(header)
        assert match.key == key
        if key == "value":
            assert match.unit is not None
            assert match.unit.multiplier == EXPORT_UNITS[unit].multiplier


@pytest.mark.django_db
@LANGUAGES
def test_every_shipped_region_is_written_by_a_name_that_means_it_alone(language: str):
    lookup = RegionLookup.from_database()
    names = RegionNames(lookup, language)
    for region in Region.objects.all():
        cell = names.cell(region)
        assert cell == (region.name_zh if language == "zh" else region.name_en)
        assert lookup.resolve(cell) == region


@pytest.mark.django_db
def test_a_region_whose_name_another_shares_is_written_by_its_code():
    # Ningbo has a 江北区 too: once its list is loaded, the name alone means neither.
    load_regions(
        parse_region_csv(
            "code,name_zh,name_en,level,parent_code,aliases\n"
            "330200,宁波市,Ningbo,prefecture,330000,宁波\n"
            "330205,江北区,Jiangbei District,district,330200,\n"
        )
    )
    names = RegionNames(RegionLookup.from_database(), "zh")
    chongqing_jiangbei = Region.objects.get(code="500105")
    assert names.cell(chongqing_jiangbei) == "500105"
    assert names.cell(Region.objects.get(code="500112")) == "渝北区"
