"""The note ``taizhang bulletin`` adds under a published bulletin's text when the ledger has
changed since: whole sentences, with each language's separators between names and changes."""

from __future__ import annotations

from typing import Any

import pytest

from taizhang.bulletin.management.commands.bulletin import _changes_note


def published(**differences: list[dict[str, Any]]) -> dict[str, Any]:
    found = {"withdrawn": [], "amended": [], "added": [], "removed": []}
    found.update(differences)
    return {"changed_since": True, "differences": found}


CHANGES = published(
    withdrawn=[{"id": 7, "name": "智能终端产业园项目"}],
    amended=[{"id": 8, "name": "数据中心项目"}, {"id": 9, "name": None}],
)


def test_the_note_lists_each_kind_of_change_with_its_projects_in_english() -> None:
    assert _changes_note(CHANGES, "en").startswith(
        "Since it was published, the ledger has changed: 1 project withdrawn "
        "(智能终端产业园项目), 2 projects amended (数据中心项目; 9). These figures are as "
        "published;"
    )


def test_the_note_reads_as_chinese_with_chinese_separators() -> None:
    assert _changes_note(CHANGES, "zh").startswith(
        "通报发布后，台账已有变化：撤销项目1个（智能终端产业园项目），"
        "修改项目2个（数据中心项目；9）。以上为已发布的数据；"
    )


@pytest.mark.parametrize(
    ("language", "ending"),
    [("en", "项目10 and 2 more)"), ("zh", "项目10，另有2个）")],
)
def test_past_ten_projects_the_note_counts_the_rest(language: str, ending: str) -> None:
    many = published(added=[{"id": n, "name": f"项目{n}"} for n in range(1, 13)])
    assert ending in _changes_note(many, language)


def test_there_is_no_note_when_nothing_changed() -> None:
    assert _changes_note({"changed_since": False, "differences": {}}, "zh") == ""
    assert _changes_note(None, "en") == ""
