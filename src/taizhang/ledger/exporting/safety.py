"""Text that a spreadsheet would run as a formula, and how an export keeps it text.

A project named ``=HYPERLINK("http://…","点击")`` or an investor cell starting with ``+`` or
``@`` would be run by Excel or WPS when the file is opened (CSV injection, OWASP). An export
writes such text so that it is shown and never run:

- in .xlsx every text cell is a string cell (``write_string``, never a formula), and a
  formula-like one also carries the "quote prefix" style, so that editing the cell in Excel
  keeps it text;
- in .csv, which has no cell types, a formula-like cell is written with a single quote before
  it: ``'=HYPERLINK(…)``. ``taizhang import-ledger`` removes that quote again
  (:func:`unquote_csv_text`), so an exported file imports back unchanged.
"""

from __future__ import annotations

#: First characters that make a spreadsheet read a cell as a formula (OWASP: = + - @, and tab
#: and carriage return, which some spreadsheets skip before looking for one of the others).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
#: What a CSV export puts before a formula-like cell.
CSV_QUOTE = "'"


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet could read ``text`` as a formula."""
    return text.startswith(FORMULA_TRIGGERS)


def _quoted_formula(text: str) -> bool:
    # Quotes already in front of formula-like text are quoted once more, so that removing one
    # quote on import gives back exactly the text, whatever it began with.
    return is_formula_like(text.lstrip(CSV_QUOTE))


def csv_text(text: str) -> str:
    """``text`` as a CSV export writes it: a formula-like cell gets a leading ``'``.

    Text that already begins with quotes before something formula-like (``'=x``) gets one
    more, so that :func:`unquote_csv_text` gives it back unchanged.
    """
    return CSV_QUOTE + text if _quoted_formula(text) else text


def unquote_csv_text(text: str) -> str:
    """The inverse of :func:`csv_text`, for the importer of CSV files.

    Removes one leading ``'`` when what follows the quotes is formula-like: ``'=1+1`` reads as
    ``=1+1`` and ``''=x`` as ``'=x``, while ``'s-Hertogenbosch`` is left as it is.
    """
    if text.startswith(CSV_QUOTE) and _quoted_formula(text):
        return text[1:]
    return text
