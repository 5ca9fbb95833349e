"""The benchmark's generated ledgers: plausible, valid, and the same in both formats."""

from __future__ import annotations

import csv
from collections import Counter
from decimal import Decimal
from pathlib import Path

import python_calamine
from benchmarks.ledgers import HEADERS, chongqing_regions, ledger_rows, write_ledger


def read_xlsx(path: Path) -> list[list[object]]:
    sheet = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
    return [list(row) for row in sheet.iter_rows()]


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_every_project_name_is_unique_and_a_few_groups_sign_again_and_again():
    rows = list(ledger_rows(5_000))
    names = Counter(row[0] for row in rows)
    lead_investors = Counter(row[1].split("；")[0] for row in rows)

    assert len(names) == 5_000
    repeaters = [name for name, count in lead_investors.items() if count > 1]
    assert 5 <= len(repeaters) <= 20
    assert sum(lead_investors[name] for name in repeaters) < 5_000 / 10


def test_an_investor_keeps_one_type_and_origin_in_every_row():
    seen: dict[str, set[tuple[str, str]]] = {}
    for row in ledger_rows(5_000):
        seen.setdefault(row[1].split("；")[0], set()).add((row[2], row[8]))

    assert all(len(kinds) == 1 for kinds in seen.values())


def test_regions_come_from_the_shipped_chongqing_list_and_amounts_are_in_yi_yuan():
    regions = set(chongqing_regions())
    rows = list(ledger_rows(2_000))

    assert "两江新区" in regions
    assert {row[6] for row in rows} <= regions
    assert all(Decimal("0.05") <= row[3] <= Decimal(50) for row in rows)
    assert HEADERS[3] == "合同投资额（亿元）"


def test_the_same_seed_gives_the_same_ledger():
    assert list(ledger_rows(300, seed=7)) == list(ledger_rows(300, seed=7))
    assert list(ledger_rows(300, seed=7)) != list(ledger_rows(300, seed=8))


def test_the_workbook_and_the_csv_hold_the_same_ledger(tmp_path: Path):
    write_ledger(tmp_path / "l.xlsx", 150, "xlsx")
    write_ledger(tmp_path / "l.csv", 150, "csv")

    workbook, text = read_xlsx(tmp_path / "l.xlsx"), read_csv(tmp_path / "l.csv")

    assert workbook[0] == text[0] == list(HEADERS)
    assert len(workbook) == len(text) == 151
    for cells, fields in zip(workbook[1:], text[1:], strict=True):
        assert Decimal(repr(cells[3])) == Decimal(fields[3])  # the amount, exactly
        assert cells[5].isoformat() == fields[5]  # the signing date: a date cell, ISO text
        assert [cells[i] for i in (0, 1, 2, 4, 6, 7)] == [fields[i] for i in (0, 1, 2, 4, 6, 7)]
