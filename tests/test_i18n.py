"""Lists inside messages are joined as each language writes them, through the real catalogue."""

from __future__ import annotations

import pytest
from django.utils import translation

from taizhang.i18n import join_alternatives, join_clauses, join_list


@pytest.mark.parametrize(
    ("language", "expected"),
    [("zh-hans", "渝北区、江北区、两江新区"), ("en", "渝北区, 江北区, 两江新区")],
)
def test_a_list_is_joined_with_the_list_separator_of_the_active_language(
    language: str, expected: str
) -> None:
    with translation.override(language):
        assert join_list(["渝北区", "江北区", "两江新区"]) == expected


def test_a_list_takes_any_items_and_an_empty_list_is_empty() -> None:
    with translation.override("en"):
        assert join_list(iter([2021, 2023])) == "2021, 2023"
        assert join_list([]) == ""


@pytest.mark.parametrize(
    ("language", "expected"),
    [("zh-hans", "地区甲、地区乙；园区丙"), ("en", "地区甲, 地区乙; 园区丙")],
)
def test_clauses_that_hold_lists_are_set_apart_by_the_clause_separator(
    language: str, expected: str
) -> None:
    with translation.override(language):
        assert join_clauses([join_list(["地区甲", "地区乙"]), "园区丙"]) == expected


@pytest.mark.parametrize(
    ("language", "items", "expected"),
    [
        ("en", ["json"], "json"),
        ("en", ["json", "xlsx"], "json or xlsx"),
        ("en", ["text", "json", "docx"], "text, json or docx"),
        ("zh-hans", ["text", "json", "docx"], "text、json或docx"),
        ("en", [], ""),
    ],
)
def test_alternatives_end_with_or(language: str, items: list[str], expected: str) -> None:
    with translation.override(language):
        assert join_alternatives(items) == expected
