"""The region loader: checks every row first, then upserts by code, idempotently."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from taizhang.ledger.models import Region
from taizhang.ledger.reference.csvfile import parse_region_csv, read_region_file
from taizhang.ledger.reference.loader import load_regions
from taizhang.ledger.reference.rows import ReferenceDataError

pytestmark = pytest.mark.django_db

HEADER = "code,name_zh,name_en,level,parent_code,aliases\n"


@pytest.fixture(autouse=True)
def _english():
    # Messages are checked in English; the catalogue may later translate them.
    with translation.override("en"):
        yield


def load(text: str, **kwargs):
    return load_regions(parse_region_csv(HEADER + text, "regions.csv"), **kwargs)


def problems_of(text: str) -> list[tuple[int | None, str, str]]:
    with pytest.raises(ReferenceDataError) as raised:
        load(text)
    return [(p.row, p.column, p.value) for p in raised.value.problems]


def test_a_child_may_come_before_its_parent_and_gets_its_path() -> None:
    result = load(
        "510104,锦江区,Jinjiang District,district,510100,锦江\n"
        "510100,成都市,Chengdu,prefecture,510000,成都\n"
    )
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    jinjiang = Region.objects.get(code="510104")
    assert jinjiang.parent.code == "510100"
    assert jinjiang.path == "/CN/510000/510100/510104/"
    assert jinjiang.aliases == ["锦江"]
    assert jinjiang.is_within(Region.objects.get(code="510000"))


def test_loading_the_same_rows_twice_changes_nothing() -> None:
    rows = "510100,成都市,Chengdu,prefecture,510000,成都\n"
    load(rows)
    before = Region.objects.values().get(code="510100")
    result = load(rows)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 1)
    assert Region.objects.values().get(code="510100") == before


def test_a_row_for_a_stored_region_updates_its_names_and_aliases() -> None:
    result = load("500112,渝北区,Yubei,district,500000,渝北|Yubei|两路\n")
    assert (result.created, result.updated) == (0, 1)
    yubei = Region.objects.get(code="500112")
    assert yubei.name_en == "Yubei"
    assert yubei.aliases == ["渝北", "Yubei", "两路"]
    assert yubei.path == "/CN/500000/500112/"


def test_moving_a_region_re_roots_the_regions_under_it() -> None:
    load(
        "510100,成都市,Chengdu,prefecture,500000,\n"  # wrong parent, corrected below
        "510104,锦江区,Jinjiang District,district,510100,\n"
    )
    chongqing = Region.objects.get(code="500000")
    assert Region.objects.within(chongqing).filter(code="510104").exists()

    result = load("510100,成都市,Chengdu,prefecture,510000,\n")
    assert (result.updated, result.moved) == (1, 1)
    assert Region.objects.get(code="510104").path == "/CN/510000/510100/510104/"
    assert not Region.objects.within(chongqing).filter(code="510104").exists()


def test_levels_may_be_written_in_chinese_or_any_case() -> None:
    load("510100,成都市,Chengdu,地级市,510000,\n510181,都江堰市,Dujiangyan,县级市,510100,\n")
    load("510104,锦江区,Jinjiang District,District,510100,\n")
    assert dict(Region.objects.filter(code__startswith="5101").values_list("code", "level")) == {
        "510100": "prefecture",
        "510181": "county",
        "510104": "district",
    }


def test_every_problem_is_listed_with_its_row_and_column_and_nothing_is_written() -> None:
    count = Region.objects.count()
    problems = problems_of(
        "510100,成都市,Chengdu,prefecture,510000,\n"  # row 2: fine
        "510104,锦江区,Jinjiang,district,510199,\n"  # row 3: unknown parent
        "510100,成都,Chengdu,prefecture,510000,\n"  # row 4: duplicate code
        "510105,青羊区,Qingyang,distrct,510100,\n"  # row 5: unknown level
        "510106,,Jinniu,district,510100,\n"  # row 6: no Chinese name
        ",金牛区,Jinniu,district,510100,\n"  # row 7: no code
        "XX,某国,Somewhere,country,CN,\n"  # row 8: a country with a parent
        "510107,武侯区,Wuhou,district,,\n"  # row 9: no parent
    )
    assert problems == [
        (3, "parent_code", "510199"),
        (4, "code", "510100"),
        (5, "level", "distrct"),
        (6, "name_zh", ""),
        (7, "code", ""),
        (8, "parent_code", "CN"),
        (9, "parent_code", ""),
    ]
    assert Region.objects.count() == count


def test_problems_say_what_is_wrong_in_plain_words() -> None:
    with pytest.raises(ReferenceDataError) as raised:
        load(
            "510104,锦江区,Jinjiang,district,510199,\n"
            "510104,锦江区,Jinjiang,district,510000,\n"
            "510105,青羊区,Qingyang,distrct,510000,\n"
        )
    text = str(raised.value).splitlines()
    assert text[0].startswith("regions.csv, row 2, column parent_code: the parent 510199 is")
    assert "neither in the file nor in the database" in text[0]
    assert "the code 510104 appears again (first at row 2)" in text[1]
    assert "“distrct” is not a level; use one of country, province" in text[2]


def test_parents_that_go_round_in_a_circle_are_refused() -> None:
    problems = problems_of("T1,甲区,A,district,T2,\nT2,乙区,B,district,T1,\n")
    assert problems == [(2, "parent_code", "T2"), (3, "parent_code", "T1")]
    assert not Region.objects.filter(code__in=["T1", "T2"]).exists()


def test_a_code_with_spaces_or_symbols_inside_is_refused() -> None:
    assert problems_of("51 01,成都市,Chengdu,prefecture,510000,\n") == [(2, "code", "51 01")]


def test_a_dry_run_counts_but_writes_nothing() -> None:
    result = load("510100,成都市,Chengdu,prefecture,510000,\n", dry_run=True)
    assert result.created == 1
    assert not Region.objects.filter(code="510100").exists()


def test_the_loader_works_with_a_migration_s_historical_model() -> None:
    state = MigrationExecutor(connection).loader.project_state(("ledger", "0002_reference_data"))
    historical_region = state.apps.get_model("ledger", "Region")
    assert not hasattr(historical_region, "compute_path")  # no custom save() to lean on

    load_regions(
        parse_region_csv(HEADER + "510100,成都市,Chengdu,prefecture,510000,\n"),
        historical_region,
    )
    assert Region.objects.get(code="510100").path == "/CN/510000/510100/"


def test_a_header_with_unknown_or_missing_columns_is_refused_whole() -> None:
    with pytest.raises(ReferenceDataError) as raised:
        parse_region_csv("code,name,level,parent\n510100,成都市,prefecture,510000\n", "x.csv")
    problems = [(p.row, p.column, p.value) for p in raised.value.problems]
    assert problems == [
        (1, "B", "name"),
        (1, "D", "parent"),
        (1, "", ""),  # no name_zh
        (1, "", ""),  # no parent_code
    ]


def test_a_row_with_more_cells_than_the_header_is_refused() -> None:
    with pytest.raises(ReferenceDataError) as raised:
        parse_region_csv(HEADER + "510100,成都市,Chengdu,prefecture,510000,成都,蓉城\n")
    assert [(p.row, p.column) for p in raised.value.problems] == [(2, "")]


def test_aliases_are_split_on_bars_and_blank_lines_are_skipped() -> None:
    row = "510100,成都市,Chengdu,prefecture,510000, 成都 ｜蓉城||成都\n"
    rows = parse_region_csv(HEADER + "\n" + row)
    assert [(row.row, row.aliases) for row in rows] == [(3, ("成都", "蓉城"))]


def test_full_width_codes_are_folded() -> None:
    rows = parse_region_csv(HEADER + "５１０１００,成都市,Chengdu,prefecture,５１００００,\n")
    assert (rows[0].code, rows[0].parent_code) == ("510100", "510000")


def test_a_file_saved_by_excel_as_gb18030_or_with_a_bom_is_read(tmp_path: Path) -> None:
    text = HEADER + "510100,成都市,Chengdu,prefecture,510000,成都\n"
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes(text.encode("gb18030"))
    bom = tmp_path / "bom.csv"
    bom.write_bytes(text.encode("utf-8-sig"))
    for path in (gbk, bom):
        [row] = read_region_file(path)
        assert (row.code, row.name_zh, row.aliases, row.source) == (
            "510100",
            "成都市",
            ("成都",),
            path.name,
        )


def test_a_missing_file_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    with pytest.raises(ReferenceDataError) as raised:
        read_region_file(tmp_path / "missing.csv")
    assert "cannot be read" in str(raised.value)
