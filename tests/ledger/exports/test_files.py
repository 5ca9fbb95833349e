"""An export appears complete or not at all: a failure leaves the previous file as it was."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from taizhang.ledger.exporting import ExportError, export_ledger
from taizhang.ledger.exporting import xlsx as xlsx_module
from tests.ledger.exports.conftest import Ledger, read_xlsx

pytestmark = pytest.mark.django_db


def test_more_projects_than_a_worksheet_holds_is_an_error_that_suggests_csv(
    ledger: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    path = tmp_path / "ledger.xlsx"
    export_ledger(ledger.liangjiang, path)  # yesterday's good export
    before = path.read_bytes()
    monkeypatch.setattr(xlsx_module, "MAX_ROWS", 3)  # a header and two projects
    with pytest.raises(ExportError, match=r"more than an \.xlsx worksheet holds: export as CSV"):
        export_ledger(ledger.sce, path)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["ledger.xlsx"]


def test_a_text_longer_than_a_cell_holds_is_an_error_naming_row_and_column(
    ledger: Ledger, tmp_path: Path
):
    ledger.dollar_contract.description = "长" * 40_000
    ledger.dollar_contract.save()
    with pytest.raises(
        ExportError,
        match=r"Row 3 \(Semiconductor packaging and test base\), column “Description”, is longer",
    ):
        export_ledger(ledger.sce, tmp_path / "ledger.xlsx", language="en")
    assert os.listdir(tmp_path) == []
    export_ledger(ledger.sce, tmp_path / "ledger.csv", file_format="csv")  # CSV has no limit


def test_an_export_replaces_the_file_it_is_given(ledger: Ledger, tmp_path: Path):
    path = tmp_path / "ledger.xlsx"
    path.write_bytes(b"an old export")
    export_ledger(ledger.liangjiang, path)
    assert len(read_xlsx(path)) == 2


def test_the_file_gets_the_permissions_of_any_new_file(ledger: Ledger, tmp_path: Path):
    mask = os.umask(0o022)
    try:
        path = tmp_path / "ledger.csv"
        export_ledger(ledger.liangjiang, path, file_format="csv")
    finally:
        os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o644
