"""The look for formula cells that runs beside python-calamine's load of the sheet."""

from __future__ import annotations

import zipfile
from decimal import Decimal

import xlsxwriter

from taizhang.ledger.importing.formulas import FormulaScan, formula_cells

_SHEET = "xl/worksheets/sheet1.xml"
_WORKBOOK = (
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_RELATIONS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="worksheets/sheet1.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>'
    "</Relationships>"
)


def _package(path, sheet_xml: str):
    """A minimal .xlsx package whose one sheet, 台账, is ``sheet_xml``."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _RELATIONS)
        archive.writestr(_SHEET, sheet_xml)
    return path


def _workbook(path, *, formula: bool):
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("台账")
    sheet.write_row(0, 0, ["项目名称", "合同投资额"])
    for row in range(1, 3000):  # more than one read chunk of XML
        sheet.write_row(row, 0, [f"项目{row}", Decimal("1.5")])
    if formula:
        sheet.write_formula(2999, 1, "=B2+B3", None, Decimal("3"))
    book.close()
    return path


def test_a_formula_at_the_end_of_a_large_sheet_is_found(tmp_path):
    path = _workbook(tmp_path / "formula.xlsx", formula=True)

    scan = FormulaScan(path, "台账")

    assert scan.has_formula()
    assert formula_cells(path, "台账", [1], scan=scan) == {1: (1, ["B3000"])}


def test_a_sheet_without_formulas_has_none(tmp_path):
    path = _workbook(tmp_path / "plain.xlsx", formula=False)

    scan = FormulaScan(path, "台账")

    assert not scan.has_formula()
    assert formula_cells(path, "台账", [0, 1], scan=scan) == {}


def test_a_formula_element_with_a_namespace_prefix_is_found(tmp_path):
    sheet = (
        '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<x:sheetData><x:row r="1"><x:c r="A1"><x:f>1+1</x:f><x:v>2</x:v></x:c></x:row>'
        "</x:sheetData></x:worksheet>"
    )
    path = _package(tmp_path / "prefixed.xlsx", sheet)

    assert FormulaScan(path, "台账").has_formula()


def test_elements_that_merely_start_with_f_are_not_formulas(tmp_path):
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>fx: no formula</t></is></c>'
        '</row></sheetData><autoFilter ref="A1"><filterColumn colId="0"/></autoFilter>'
        "<headerFooter><firstHeader>f</firstHeader></headerFooter></worksheet>"
    )
    path = _package(tmp_path / "lookalikes.xlsx", sheet)

    assert not FormulaScan(path, "台账").has_formula()


def test_a_file_that_is_no_zip_has_no_formulas_to_warn_of(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"not a zip at all")

    scan = FormulaScan(path, "台账")

    assert not scan.has_formula()
    assert formula_cells(path, "台账", [0], scan=scan) == {}
