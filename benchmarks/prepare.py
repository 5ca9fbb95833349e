"""Preparing a benchmark database in one process: migrate it, then add the benchmark's event.

``DJANGO_SETTINGS_MODULE=benchmarks.settings python -m benchmarks.prepare CODE ARGS...`` runs
``migrate`` (taizhang's tables and the baseline's) and ``events add ARGS`` — the same commands
an operator runs, in one process so that Django starts once.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("events", *argv)


if __name__ == "__main__":
    main(sys.argv[1:])
