"""``--as NAME`` for commands: act exactly as that user.

A command built on :class:`ActingCommand` takes ``--as NAME``; it then runs as that active user:
what it reads is restricted to what they may see (:func:`taizhang.access.acting.acting_user`),
what it writes is checked against what they may change, and the audit record names them, with
the command line as the source. Without ``--as`` the command runs as the operator — whoever
runs ``taizhang`` on the server, who can read the database file anyway — and its writes are
recorded as ``cli:<operating-system user>``.

``--as`` does not sign in: it narrows what the operator's command may do to one user's rights.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError
from django.utils.translation import gettext as _

from taizhang.access.acting import OPERATOR, act_as
from taizhang.access.auditing import acting_as_user
from taizhang.access.refusals import who
from taizhang.access.restrict import grant_of

#: The source the audit record gives what a command does.
SOURCE = "cli"


def add_as_argument(parser: argparse.ArgumentParser, *, subcommand: bool = False) -> None:
    """Add ``--as NAME`` to a command's arguments (to a subcommand's too, with
    ``subcommand``, so that it may follow the subcommand's own arguments)."""
    parser.add_argument(
        "--as",
        dest="as_user",
        metavar="NAME",
        # A subcommand's default would overwrite a --as given before the subcommand.
        default=argparse.SUPPRESS if subcommand else None,
        help=_(
            "act as this user: see and change only what they may, recorded in the audit "
            "record as them (default: the operator, recorded as cli:<system user>)"
        ),
    )


def resolve_user(name: str) -> Any:
    """The active user named ``name``; a :class:`CommandError` saying why not otherwise."""
    try:
        user = get_user_model().objects.filter(username=name).first()
    except DatabaseError:
        # No accounts table: a database never migrated (or not taizhang's at all).
        raise CommandError(
            _(
                "--as %(name)s: this database has no accounts yet. Run “taizhang migrate” "
                "first, or check TAIZHANG_DATABASE_URL."
            )
            % {"name": name}
        ) from None
    if user is None:
        raise CommandError(
            _("--as %(name)s: no user has this name; taizhang users list shows them.")
            % {"name": name}
        )
    if not user.is_active:
        raise CommandError(
            _("--as %(name)s: this user is disabled; a security administrator can enable it.")
            % {"name": name}
        )
    if grant_of(user).role is None and not grant_of(user).everything:
        raise CommandError(
            _("--as %(name)s: this user has no role; a security administrator can give one.")
            % {"name": name}
        )
    return user


@contextmanager
def acting_from(name: str | None) -> Iterator[Any]:
    """Run what is inside as the user ``name`` (or as the operator when None)."""
    if not name:
        with act_as(OPERATOR):
            yield OPERATOR
        return
    user = resolve_user(name)
    with act_as(user), acting_as_user(user.get_username(), SOURCE):
        yield user


def refusal(user: Any, what: str) -> CommandError:
    """The error a command gives when ``user`` may not do ``what`` at all."""
    return CommandError(_("%(name)s (%(role)s) may not %(what)s.") % {**who(user), "what": what})


class ActingCommand(BaseCommand):
    """A management command with ``--as NAME``: it acts as that user from start to end."""

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        add_as_argument(parser)
        return parser

    def execute(self, *args: Any, **options: Any) -> Any:
        with acting_from(options.get("as_user")):
            return super().execute(*args, **options)
