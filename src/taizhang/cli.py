"""The ``taizhang`` console command: Django's management commands under the project's name."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a management command: ``taizhang migrate``, ``taizhang demo``, ``taizhang serve``..."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "taizhang.settings")
    from taizhang.conf import ConfigurationError

    args = sys.argv[1:] if argv is None else argv
    try:
        from django.core.management import execute_from_command_line

        execute_from_command_line(["taizhang", *with_command_name(args)])
    except ConfigurationError as error:
        # A bad setting is the operator's to fix: say which variable, not a traceback.
        print(f"taizhang: configuration error: {error}", file=sys.stderr)
        sys.exit(2)


def with_command_name(args: list[str]) -> list[str]:
    """``import-ledger …`` → ``import_ledger …``: commands are documented with hyphens.

    Django names a command after its module, which cannot hold a hyphen; the hyphenated
    spelling is what users type and what the documentation writes.
    """
    if not args or args[0].startswith("-") or "-" not in args[0]:
        return args
    import django
    from django.core.management import get_commands

    django.setup()
    commands = get_commands()
    candidate = args[0].replace("-", "_")
    if args[0] not in commands and candidate in commands:
        return [candidate, *args[1:]]
    return args


if __name__ == "__main__":
    main()
