"""Writing the ledger out: ``taizhang export-ledger`` and the blank template.

- :mod:`.export` — :func:`export_ledger`, the one function every export goes through
- :mod:`.rows` — the projects to export, read in chunks, as rows of typed values
- :mod:`.xlsx`, :mod:`.csvfile` — the two file formats, both streamed row by row
- :mod:`.template` — the blank workbook with drop-down lists, an example row and instructions
- :mod:`.words`, :mod:`.numbers`, :mod:`.safety` — vocabularies in English or Chinese, amounts
  as exact doubles, and text that must never run as a formula
- :mod:`.files` — a file that appears complete or not at all
"""

from taizhang.ledger.exporting.errors import ExportError
from taizhang.ledger.exporting.export import FORMATS, ExportSummary, export_ledger

__all__ = ["FORMATS", "ExportError", "ExportSummary", "export_ledger"]
