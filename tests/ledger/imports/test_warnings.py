"""What imports with a warning: unknown columns, formula cells, a number that may lack its unit."""

from __future__ import annotations

from decimal import Decimal

import pytest

from taizhang.ledger.models import Project

from .conftest import CHINESE, ENGLISH, Formula, project, run, warnings, write_csv, write_xlsx

pytestmark = pytest.mark.django_db


def test_columns_districts_add_are_ignored_with_a_warning_naming_them(tmp_path, sce2021):
    path = write_xlsx(
        tmp_path / "extra.xlsx",
        [["序号", *CHINESE, "备注"], [1, *project("甲项目"), "已开工"]],
    )

    report = run(path, event="SCE2021")

    assert report.ok, report.as_text()
    assert report.created == 1
    assert [(p.row, p.column, p.header) for p in report.warnings] == [
        (1, "A", "序号"),
        (1, "J", "备注"),
    ]
    assert "is not a ledger column and is ignored" in warnings(report)[0]


def test_a_formula_cell_is_read_by_its_cached_value_with_a_warning_naming_it(tmp_path, sce2021):
    headers = [*CHINESE[:3], "合同投资额（亿元）", *CHINESE[4:]]
    path = write_xlsx(
        tmp_path / "formula.xlsx",
        [
            ["序号", *headers],
            [Formula("=ROW()-1", 1), *project("甲项目", value=Formula("=1.2*2", Decimal("2.4")))],
            [Formula("=ROW()-1", 2), *project("乙项目", value=Decimal("3"))],
        ],
    )

    report = run(path, event="SCE2021")

    assert report.ok, report.as_text()
    assert Project.objects.get(name="甲项目").value == Decimal("240000000.00")
    formula_warnings = [p for p in report.warnings if "formula" in str(p.message)]
    # The 序号 column is ignored, so its formulas do not matter; the amount's do.
    assert [(p.column, p.field, p.value) for p in formula_warnings] == [("E", "value", "E2")]
    assert "last calculated" in str(formula_warnings[0].message)


def test_a_bare_small_number_imports_with_a_warning_that_the_unit_may_be_missing(tmp_path, sce2021):
    path = write_csv(tmp_path / "small.csv", [ENGLISH, project("Small project", value="1.2")])

    report = run(path, event="SCE2021")

    assert report.ok, report.as_text()
    assert Project.objects.get().value == Decimal("1.20")
    (warning,) = report.warnings
    assert (warning.row, warning.column, warning.field) == (2, "D", "value")
    assert "万元 or 亿元" in str(warning.message)


def test_sheet_is_ignored_for_a_csv_with_a_warning(tmp_path, sce2021):
    path = write_csv(tmp_path / "ledger.csv", [CHINESE, project("甲项目")])

    report = run(path, event="SCE2021", sheet="台账")

    assert report.ok, report.as_text()
    assert any("--sheet 台账 is ignored" in text for text in warnings(report))


def test_a_csv_cell_that_export_quoted_is_read_back_without_its_quote(tmp_path, sce2021):
    path = write_csv(tmp_path / "quoted.csv", [CHINESE, project("'=HYPERLINK(1)")])

    report = run(path, event="SCE2021")

    assert report.ok, report.as_text()
    assert Project.objects.get().name == "=HYPERLINK(1)"
