"""``taizhang users``: add, list, change, disable and enable users; reset a second factor;
unlock an account. Each change is recorded in the audit record."""

from __future__ import annotations

import getpass
import json
import sys
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from taizhang.access import services
from taizhang.access.commandline import ActingCommand, add_as_argument
from taizhang.access.lockout import locked
from taizhang.access.models import Membership
from taizhang.access.roles import Role, role_label
from taizhang.i18n import join_list


def _scope_arguments(parser: CommandParser) -> None:
    parser.add_argument(
        "--region",
        action="append",
        default=[],
        metavar="CODE",
        help=_("a region the user answers for (code or name; repeat for more)"),
    )
    parser.add_argument(
        "--park",
        action="append",
        default=[],
        metavar="NAME",
        help=_("a park the user answers for (NAME, or NAME@REGIONCODE when names repeat)"),
    )
    parser.add_argument(
        "--chain",
        action="append",
        default=[],
        metavar="NAME",
        help=_("an industry chain the user answers for (code or name; repeat for more)"),
    )
    parser.add_argument(
        "--investor",
        metavar="NAME",
        help=_("the investor whose projects a project owner sees (name or credit code)"),
    )


def _scopes(options: dict[str, Any]) -> services.ScopeNames:
    return services.ScopeNames(
        regions=options["region"],
        parks=options["park"],
        chains=options["chain"],
        investor=options["investor"],
    )


class Command(ActingCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return _(
            "Manage who may sign in: add a user with one role and its scopes, list users, "
            "change a role or scopes, disable or enable a user, reset a second factor, "
            "unlock an account. See docs/access.md."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        roles = join_list(Role.values)
        commands = parser.add_subparsers(dest="action", required=True, metavar="ACTION")

        add = commands.add_parser("add", help=_("add a user"))
        add.add_argument("name", metavar="NAME", help=_("the user name to sign in with"))
        add.add_argument(
            "--role", required=True, metavar="ROLE", help=_("one of: %(roles)s") % {"roles": roles}
        )
        _scope_arguments(add)
        add.add_argument(
            "--password-stdin",
            action="store_true",
            help=_("read the password from the first line of standard input"),
        )
        add_as_argument(add, subcommand=True)

        listing = commands.add_parser("list", help=_("list users, their roles and scopes"))
        listing.add_argument("--format", choices=["text", "json"], default="text")
        add_as_argument(listing, subcommand=True)

        change = commands.add_parser(
            "change", help=_("give a user another role or other scopes (scopes given replace)")
        )
        change.add_argument("name", metavar="NAME")
        change.add_argument(
            "--role", metavar="ROLE", help=_("one of: %(roles)s") % {"roles": roles}
        )
        _scope_arguments(change)
        add_as_argument(change, subcommand=True)

        for verb, text in (
            ("disable", _("disable a user: they can no longer sign in")),
            ("enable", _("enable a disabled user")),
            ("reset-2fa", _("remove a user's authenticator: they set one up at next sign-in")),
            ("unlock", _("end a lockout of a user name now")),
        ):
            sub = commands.add_parser(verb, help=text)
            sub.add_argument("name", metavar="NAME")
            add_as_argument(sub, subcommand=True)

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        try:
            if action == "add":
                self._add(options)
            elif action == "list":
                self._list(options["format"])
            elif action == "change":
                if not options["role"] and not _scopes(options):
                    raise CommandError(_("Say what to change: --role, or scopes to set."))
                user = services.change_role(options["name"], options["role"], _scopes(options))
                self.stdout.write(_("Changed %(name)s.") % {"name": user.get_username()})
                self._show(user.get_username())
            elif action in ("disable", "enable"):
                user = services.set_active(options["name"], action == "enable")
                message = _("Enabled %(name)s.") if user.is_active else _("Disabled %(name)s.")
                self.stdout.write(message % {"name": user.get_username()})
            elif action == "reset-2fa":
                removed = services.reset_two_factor(options["name"])
                self.stdout.write(
                    ngettext(
                        "Removed %(count)d authenticator of %(name)s: they set one up at "
                        "their next sign-in.",
                        "Removed %(count)d authenticators of %(name)s: they set one up at "
                        "their next sign-in.",
                        removed,
                    )
                    % {"count": removed, "name": options["name"]}
                )
            elif action == "unlock":
                ended = services.unlock(options["name"])
                self.stdout.write(
                    _("Unlocked %(name)s.") % {"name": options["name"]}
                    if ended
                    else _("%(name)s was not locked.") % {"name": options["name"]}
                )
        except services.AccessError as error:
            raise CommandError("\n".join(error.problems)) from None

    def _add(self, options: dict[str, Any]) -> None:
        password = self._password(options["password_stdin"])
        user = services.create_user(options["name"], options["role"], _scopes(options), password)
        self.stdout.write(
            _("Added %(name)s, %(role)s.")
            % {"name": user.get_username(), "role": role_label(options["role"])}
        )

    def _password(self, from_stdin: bool) -> str:
        if from_stdin:
            line = sys.stdin.readline().rstrip("\r\n")
            if not line:
                raise CommandError(_("--password-stdin: standard input held no password."))
            return line
        if not sys.stdin.isatty():
            raise CommandError(
                _("Give the password on standard input with --password-stdin (not a terminal).")
            )
        first = getpass.getpass(_("Password: "))
        if first != getpass.getpass(_("Password (again): ")):
            raise CommandError(_("The two passwords differ; nothing was changed."))
        return first

    def _rows(self) -> list[dict[str, Any]]:
        users = services.visible_users()
        memberships = {
            m.user_id: m
            for m in Membership.objects.filter(user__in=users)
            .select_related("investor")
            .prefetch_related("regions", "parks", "chains")
        }
        with_device = set(
            TOTPDevice.objects.filter(user__in=users, confirmed=True).values_list(
                "user_id", flat=True
            )
        )
        rows = []
        for user in users:
            membership = memberships.get(user.pk)
            lock = locked(user.get_username(), "")
            rows.append(
                {
                    "name": user.get_username(),
                    "role": membership.role if membership else None,
                    "scopes": services.describe(membership) if membership else None,
                    "scopes_text": services.describe_scopes(membership) if membership else "—",
                    "active": user.is_active,
                    "two_factor": user.pk in with_device,
                    "locked_until": lock.until if lock else None,
                    "last_sign_in": user.last_login.isoformat() if user.last_login else None,
                }
            )
        return rows

    def _list(self, file_format: str) -> None:
        rows = self._rows()
        if file_format == "json":
            for row in rows:
                row.pop("scopes_text")
                if row["locked_until"] is not None:
                    row["locked_until"] = row["locked_until"].isoformat()
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        if not rows:
            self.stdout.write(_("No users."))
            return
        for row in rows:
            flags = []
            if not row["active"]:
                flags.append(_("disabled"))
            if row["two_factor"]:
                flags.append(_("two-factor"))
            if row["locked_until"]:
                until = timezone.localtime(row["locked_until"])
                flags.append(_("locked until %(time)s") % {"time": f"{until:%H:%M}"})
            self.stdout.write(
                f"{row['name']}\t{role_label(row['role'] or '') or '—'}\t{row['scopes_text']}"
                + (f"\t[{', '.join(flags)}]" if flags else "")
            )

    def _show(self, name: str) -> None:
        for row in self._rows():
            if row["name"] == name:
                self.stdout.write(f"  {role_label(row['role'] or '') or '—'}: {row['scopes_text']}")
