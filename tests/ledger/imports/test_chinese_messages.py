"""An import's messages read in Chinese as Chinese writes them, through the real catalogue.

A project a message names is one whole phrase per variant (with or without its code, made by an
earlier row of the file or not), so Chinese can put the row first and the code and event in
brackets; lists take 、 and a region's code full-width brackets.
"""

from __future__ import annotations

import pytest
from django.utils import translation

from taizhang.ledger.models import Park, Region

from .conftest import CHINESE, messages, project, run, write_xlsx

pytestmark = pytest.mark.django_db

WITH_CODE = [*CHINESE, "项目代码"]
WITH_EVENT = [*CHINESE, "签约活动", "项目代码"]


def test_a_project_already_in_the_ledger_is_named_with_its_code_and_event_in_brackets(
    tmp_path, sce2021
):
    path = write_xlsx(
        tmp_path / "ledger.xlsx",
        [WITH_CODE, [*project("甲项目"), "CODE-1"], [*project("乙项目", "重庆某某公司"), None]],
    )
    assert run(path, event="SCE2021").ok

    with translation.override("zh-hans"):
        again = messages(run(path, event="SCE2021"))

    assert again == [
        "该项目已在 SCE2021 的台账中：“甲项目”（项目代码 CODE-1，属于 SCE2021）。"
        "如需更新，请使用 --update 导入；否则请删除本行。",
        "该项目已在 SCE2021 的台账中：“乙项目”（属于 SCE2021）。"
        "如需更新，请使用 --update 导入；否则请删除本行。",
    ]


@pytest.mark.parametrize(
    ("code", "named"),
    [
        (None, "本文件第2行的“两江智能停车平台”（属于 LJ2021）"),
        ("LJ-001", "本文件第2行的“两江智能停车平台”（项目代码 LJ-001，属于 LJ2021）"),
    ],
)
def test_a_project_an_earlier_row_made_is_named_by_that_row_first(
    tmp_path, sce2021, lj2021, code, named
):
    path = write_xlsx(
        tmp_path / "suspect.xlsx",
        [
            WITH_EVENT,
            [*project("两江智能停车平台", "泊车科技", region="两江新区"), "LJ2021", code],
            [*project("两江智能停车平台项目", "泊车科技"), "SCE2021", None],
        ],
    )

    with translation.override("zh-hans"):
        refused = messages(run(path))

    assert refused == [
        f"本行疑似{named}：牵头投资方相同，项目名称几乎相同。如是同一项目，请使用 "
        "--duplicates link 导入；如是不同项目，请使用 --duplicates new 导入。"
    ]


def test_the_same_project_in_english_keeps_its_english_word_order(tmp_path, sce2021, lj2021):
    path = write_xlsx(
        tmp_path / "suspect.xlsx",
        [
            WITH_EVENT,
            [*project("两江智能停车平台", "泊车科技", region="两江新区"), "LJ2021", "LJ-001"],
            [*project("两江智能停车平台项目", "泊车科技"), "SCE2021", None],
        ],
    )

    refused = messages(run(path))

    assert refused[0].startswith(
        "This row looks like “两江智能停车平台” code LJ-001 of LJ2021 (row 2 of this file): "
    )


def test_a_region_s_code_takes_full_width_brackets_in_a_chinese_sentence(tmp_path, sce2021):
    Park.objects.create(region=Region.objects.get(code="CQ-LJ"), name_zh="两江数字经济产业园")
    path = write_xlsx(
        tmp_path / "park.xlsx",
        [[*CHINESE, "所在园区"], [*project("甲项目", region="江津区"), "两江数字经济产业园"]],
    )

    with translation.override("zh-hans"):
        (refused,) = messages(run(path, event="SCE2021"))

    assert "而本行填写的项目落地地点是江津区（500116）：" in refused
    assert "两江新区（CQ-LJ）" in refused  # the park's own region, in the same brackets
    assert " (" not in refused


def test_the_known_event_codes_are_listed_with_the_chinese_list_separator(
    tmp_path, sce2021, lj2021
):
    path = write_xlsx(
        tmp_path / "unknown.xlsx", [WITH_EVENT, [*project("甲项目"), "SCE2099", None]]
    )

    with translation.override("zh-hans"):
        (in_a_row,) = messages(run(path))
        (for_the_file,) = messages(run(path, event="SCE2099"))

    assert in_a_row.startswith("“SCE2099”不是签约活动代码（现有：LJ2021、SCE2021）：")
    assert for_the_file.startswith("没有代码为 SCE2099 的签约活动（现有：LJ2021、SCE2021）：")


def test_a_region_suggested_for_a_misspelt_one_takes_full_width_brackets(tmp_path, sce2021):
    path = write_xlsx(tmp_path / "typo.xlsx", [CHINESE, project("甲项目", region="渝北去")])

    with translation.override("zh-hans"):
        (refused,) = messages(run(path, event="SCE2021"))

    assert refused.startswith("“渝北去”不是已知地区；您要找的是否为渝北区（500112）？")
