"""Reading a ledger file's cells: the first layer of ``taizhang import-ledger``.

Pure, cheap functions, one per kind of cell, that turn what a header or cell says into a typed
value, or raise :class:`CellError` whose :class:`Problem` says in plain words what is wrong.
No database access: the row validator resolves regions, sectors and events, and places each
problem at its row and column (:meth:`Problem.at`, :meth:`HeaderMap.place`).

- :mod:`.headers` — header cells to column keys and units; the canonical headers export writes
- :mod:`.amounts` — contract values, exact to 0.01, and their conversion to yuan
- :mod:`.units`, :mod:`.currencies` — the words for scales (万, 亿, million) and currencies
- :mod:`.dates` — Excel dates, serial numbers and dates written as text
- :mod:`.vocabularies` — investor type, signing mode, project type, strategic emerging
  industry, the investor list
- :mod:`.problems`, :mod:`.cells` — problems and column letters; what every parser shares
"""

from taizhang.ledger.importing.amounts import Amount, in_unit, parse_amount, to_yuan
from taizhang.ledger.importing.cells import cell_text, is_blank
from taizhang.ledger.importing.currencies import parse_currency
from taizhang.ledger.importing.dates import parse_date
from taizhang.ledger.importing.headers import (
    COLUMNS,
    COLUMNS_BY_KEY,
    REQUIRED_KEYS,
    Column,
    HeaderMap,
    HeaderMatch,
    header_for,
    map_header_row,
    match_header,
)
from taizhang.ledger.importing.problems import CellError, Problem, Severity, column_letter
from taizhang.ledger.importing.units import EXPORT_UNITS, Unit, parse_unit
from taizhang.ledger.importing.vocabularies import (
    parse_investor_type,
    parse_project_type,
    parse_signing_mode,
    parse_strategic_emerging,
    split_investors,
)

__all__ = [
    "COLUMNS",
    "COLUMNS_BY_KEY",
    "EXPORT_UNITS",
    "REQUIRED_KEYS",
    "Amount",
    "CellError",
    "Column",
    "HeaderMap",
    "HeaderMatch",
    "Problem",
    "Severity",
    "Unit",
    "cell_text",
    "column_letter",
    "header_for",
    "in_unit",
    "is_blank",
    "map_header_row",
    "match_header",
    "parse_amount",
    "parse_currency",
    "parse_date",
    "parse_investor_type",
    "parse_project_type",
    "parse_signing_mode",
    "parse_strategic_emerging",
    "parse_unit",
    "split_investors",
    "to_yuan",
]
