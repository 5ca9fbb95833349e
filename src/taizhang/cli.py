"""The ``taizhang`` console command: Django's management commands under the project's name."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a management command: ``taizhang migrate``, ``taizhang demo``, ``taizhang serve``..."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "taizhang.settings")
    from taizhang.conf import ConfigurationError

    try:
        from django.core.management import execute_from_command_line

        execute_from_command_line(["taizhang", *(sys.argv[1:] if argv is None else argv)])
    except ConfigurationError as error:
        # A bad setting is the operator's to fix: say which variable, not a traceback.
        print(f"taizhang: configuration error: {error}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
