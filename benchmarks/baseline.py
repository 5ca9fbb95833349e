"""The django-import-export baseline: import one ledger file the way the library documents.

``DJANGO_SETTINGS_MODULE=benchmarks.settings python -m benchmarks.baseline FILE`` reads the
file into a tablib Dataset with the library's own formats (``XLSX().create_dataset``, as its
admin does, or ``CSV``), and imports it with
``LedgerRowResource().import_data(dataset, dry_run=False, use_transactions=True)``. It exits
with status 1, naming the first problems, if any row failed: a baseline that imported nothing
would be fast for the wrong reason.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def import_file(path: Path) -> int:
    """Import the ledger at ``path`` into :class:`LedgerRow`; return the rows created."""
    from import_export.formats.base_formats import CSV, XLSX

    from benchmarks.baseline_app.resources import LedgerRowResource

    if path.suffix.lower() == ".csv":
        dataset = CSV(encoding="utf-8-sig").create_dataset(path.read_bytes())
    else:
        dataset = XLSX().create_dataset(path.read_bytes())
    result = LedgerRowResource().import_data(dataset, dry_run=False, use_transactions=True)
    if result.has_errors() or result.has_validation_errors():
        problems = [
            f"row {number}: {error.error}"
            for number, errors in result.row_errors()[:5]
            for error in errors
        ]
        problems += [
            f"row {invalid.number}: {invalid.error_dict}" for invalid in result.invalid_rows[:5]
        ]
        raise SystemExit("django-import-export refused the file:\n" + "\n".join(problems))
    return result.totals["new"]


def main(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")
    import django

    django.setup()
    print(f"{import_file(Path(argv[0]))} rows created")


if __name__ == "__main__":
    main(sys.argv[1:])
