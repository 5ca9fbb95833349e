"""``taizhang demo``: load the demo ledger into an empty database, with a demo administrator.

Takes ``--as NAME``: the demo adds signing events, parks, industry chains and classifications
(reference data the bureau administrator keeps) and projects anywhere, so only the bureau
administrator may load it. Acting as them it loads the demo's ledger only: the demo
administrator (an account) and the demo's relaxation of two-factor sign-in are the security
administrator's to allow, and are made by the operator's ``taizhang demo`` alone. ``--reset``
deletes the audit record with everything else, which no role may do: the operator's alone.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from taizhang import conf
from taizhang.access.acting import Operator, acting_user
from taizhang.access.commandline import ActingCommand
from taizhang.access.demo import mark_demo_database
from taizhang.access.refusals import who
from taizhang.access.restrict import ADD, ALL, permits, project_rule
from taizhang.audit.recorder import record
from taizhang.bulletin.amounts import usd_en, usd_zh, yuan_en, yuan_zh
from taizhang.db_reset import recreate_database
from taizhang.i18n import join_list
from taizhang.ledger.demo import (
    DemoError,
    DemoFiguresError,
    DemoSummary,
    EventSummary,
    build_demo_ledger,
)
from taizhang.ledger.models import (
    Category,
    ChainOwner,
    ClassificationScheme,
    Event,
    ExchangeRate,
    IndustryChain,
    Investor,
    Park,
    Project,
)

ADMIN_USERNAME = "admin"
# The demo's published password, for a machine set up to try taizhang; never a real account's.
DEFAULT_PASSWORD = "taizhang-demo"  # noqa: S105
PASSWORD_VARIABLE = "TAIZHANG_DEMO_PASSWORD"  # noqa: S105 (the variable's name)
SIGN_IN_URL = "http://127.0.0.1:8000/admin/"
BILLION = Decimal(1_000_000_000)
#: What the demo adds besides projects (which it adds anywhere): whoever loads it must be
#: allowed to add every one of these.
DEMO_KINDS = (
    Event,
    ExchangeRate,
    ClassificationScheme,
    Category,
    Park,
    IndustryChain,
    ChainOwner,
    Investor,
)


def yuan(amount: Decimal) -> str:
    """An amount as the bureau writes it: ``¥252.4 billion`` in English, ``2524亿元`` in Chinese."""
    return yuan_en(amount) if _english() else yuan_zh(amount)


def dollars(usd_billions: Decimal) -> str:
    """A US$ amount given in billions: ``US$38.97 billion`` / ``389.7亿美元``."""
    amount = usd_billions * BILLION
    return usd_en(amount) if _english() else usd_zh(amount)


def _english() -> bool:
    return (get_language() or "").startswith("en")


def projects(count: int) -> str:
    """ "1 project", "92 projects"."""
    return ngettext("%(count)d project", "%(count)d projects", count) % {"count": count}


def may_load_demo(user: Any) -> bool:
    """Whether ``user`` may add everything the demo adds: projects anywhere, and its events,
    parks, chains, classifications and investors (the bureau administrator, and the operator)."""
    return project_rule(user, ADD) == ALL and all(permits(user, kind, ADD) for kind in DEMO_KINDS)


def may_make_demo_administrator(user: Any) -> bool:
    """Whether ``user`` may create the demo's administrator, an account, and with it turn
    two-factor sign-in off for the database: whoever may add accounts (the operator)."""
    return permits(user, get_user_model(), ADD)


class Command(ActingCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        # A property so that argparse, which wants a plain str, gets it in the active language.
        return _(
            "Load the demo ledger (every published signing figure, reproduced by individual "
            "projects) into an empty database, and create the demo administrator. "
            "See docs/demo.md."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset",
            action="store_true",
            help=_(
                "delete everything in the database (every table is dropped and the migrations "
                "run again), then load the demo"
            ),
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help=_("load the demo only when the ledger is empty; otherwise do nothing"),
        )
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help=_("do not ask before --reset deletes the database"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["reset"] and options["if_empty"]:
            raise CommandError(_("Use --reset or --if-empty, not both."))
        user = acting_user()
        self._refuse_unless_allowed(user, reset=options["reset"])
        if options["reset"]:
            self._confirm_reset(options["interactive"])
            recreate_database()
            _record_reset()
            self.stdout.write(_("The database was recreated: every table dropped and migrated."))
        else:
            call_command("migrate", interactive=False, verbosity=0)
        contents = self._ledger_contents()
        if contents:
            if options["if_empty"]:
                self.stdout.write(
                    _("The ledger already holds %(contents)s: the demo was not loaded.")
                    % {"contents": contents}
                )
                return
            raise CommandError(
                _(
                    "The database is not empty: it holds %(contents)s. The demo loads only into "
                    "an empty database. Run `taizhang demo --reset` to delete everything in it "
                    "and load the demo, or set TAIZHANG_DATABASE_URL to an empty database."
                )
                % {"contents": contents},
                returncode=1,
            )
        try:
            summary = build_demo_ledger()
        except (DemoError, DemoFiguresError) as error:
            raise CommandError(
                _("The demo was not loaded, nothing was written: %(error)s") % {"error": error}
            ) from error
        if not may_make_demo_administrator(user):
            self._report_ledger_only(summary, user)
            return
        password = conf.env_str(PASSWORD_VARIABLE, DEFAULT_PASSWORD)
        created = self._create_administrator(password)
        # What makes "two-factor sign-in is off in the demo" true: this database only.
        mark_demo_database()
        self._report(summary, password, created)

    def _refuse_unless_allowed(self, user: Any, *, reset: bool) -> None:
        """Refuse, before anything is written, what the acting user may not do."""
        if reset and not isinstance(user, Operator):
            raise CommandError(
                _(
                    "%(name)s (%(role)s) may not reset the database: `taizhang demo --reset` "
                    "deletes everything in it, the audit record and every account included, "
                    "which no role may do. The operator runs it, without --as. Nothing was "
                    "changed."
                )
                % who(user)
            )
        if not may_load_demo(user):
            raise CommandError(
                _(
                    "%(name)s (%(role)s) may not load the demo: it adds signing events, parks, "
                    "industry chains and classifications, which the bureau administrator keeps, "
                    "and projects in every region. Nothing was written."
                )
                % who(user)
            )

    def _confirm_reset(self, interactive: bool) -> None:
        if not interactive or not sys.stdin.isatty():
            return
        name = connections[DEFAULT_DB_ALIAS].settings_dict["NAME"]
        answer = input(
            _(
                "This deletes everything in the database %(name)s and loads the demo. "
                "Type 'yes' to continue: "
            )
            % {"name": name}
        )
        if answer.strip().lower() != "yes":
            raise CommandError(_("Nothing was changed."))

    def _ledger_contents(self) -> str:
        """What ledger data the database holds, in words; empty when it holds none."""
        events = Event.objects.count()
        project_count = Project.objects.count()
        investors = Investor.objects.count()
        contents = []
        if events:
            contents.append(
                ngettext("%(count)d signing event", "%(count)d signing events", events)
                % {"count": events}
            )
        if project_count:
            contents.append(projects(project_count))
        if investors:
            contents.append(
                ngettext("%(count)d investor", "%(count)d investors", investors)
                % {"count": investors}
            )
        return join_list(contents)

    def _create_administrator(self, password: str) -> bool:
        """Create the demo administrator; False when a user of that name already exists."""
        users = get_user_model()
        if users.objects.filter(username=ADMIN_USERNAME).exists():
            return False
        with transaction.atomic():
            # The only superuser taizhang ever creates: the demo's, on a machine set up to try it.
            users.objects.create_superuser(username=ADMIN_USERNAME, email="", password=password)
            record(
                "user.create",
                "user",
                ADMIN_USERNAME,
                None,
                {"is_superuser": True, "is_active": True, "created_by": "taizhang demo"},
            )
        return True

    def _report(self, summary: DemoSummary, password: str, created: bool) -> None:
        write = self.stdout.write
        self._report_ledger(summary)
        write(
            _("Start the application with `taizhang serve`, then sign in at %(url)s")
            % {"url": SIGN_IN_URL}
        )
        if created:
            write(_("  user: %(user)s") % {"user": ADMIN_USERNAME})
            write(_("  password: %(password)s") % {"password": password})
        else:
            write(
                _("  user: %(user)s (it already existed: its password was not changed)")
                % {"user": ADMIN_USERNAME}
            )
        write(_("Two-factor sign-in is off in the demo."))

    def _report_ledger_only(self, summary: DemoSummary, user: Any) -> None:
        """What a demo loaded ``--as`` a bureau administrator holds, and how to sign in."""
        write = self.stdout.write
        self._report_ledger(summary)
        write(
            _("Start the application with `taizhang serve`, then sign in at %(url)s as %(user)s.")
            % {"url": SIGN_IN_URL, "user": user.get_username()}
        )
        write(
            _(
                "Only the demo's ledger was loaded: no demo administrator was created and "
                "two-factor sign-in is as it was, since accounts and sign-in rules are the "
                "security administrator's. The operator's `taizhang demo`, without --as, makes "
                "both."
            )
        )

    def _report_ledger(self, summary: DemoSummary) -> None:
        """The loaded demo's events and totals."""
        write = self.stdout.write
        write(self.style.SUCCESS(_("The demo ledger is loaded.")))
        for event in summary.events:
            write(_event_line(event))
        write(
            _(
                "In all: %(projects)s worth %(value)s (a project announced at "
                "two events counted once), from %(investors)d investors."
            )
            % {
                "projects": projects(summary.projects),
                "value": yuan(summary.value),
                "investors": summary.investors,
            }
        )
        write("")


def _event_line(event: EventSummary) -> str:
    """One event of the loaded demo: its projects and value, in US$ when it announced them so,
    and the projects landing outside the host. One whole message per variant, for translators."""
    values = {
        "code": event.code,
        "date": event.date,
        "name": event.name,
        "projects": projects(event.projects),
        "value": yuan(event.value),
    }
    if event.usd_billions is not None:
        values["usd"] = dollars(event.usd_billions)
    if event.outside_projects:
        values["outside_projects"] = projects(event.outside_projects)
        values["outside_value"] = yuan(event.outside_value)
    if event.usd_billions is not None and event.outside_projects:
        return (
            _(
                "  %(code)s %(date)s  %(name)s: %(projects)s, %(value)s (%(usd)s); and "
                "%(outside_projects)s landing outside the host, %(outside_value)s"
            )
            % values
        )
    if event.usd_billions is not None:
        return _("  %(code)s %(date)s  %(name)s: %(projects)s, %(value)s (%(usd)s)") % values
    if event.outside_projects:
        return (
            _(
                "  %(code)s %(date)s  %(name)s: %(projects)s, %(value)s; and "
                "%(outside_projects)s landing outside the host, %(outside_value)s"
            )
            % values
        )
    return _("  %(code)s %(date)s  %(name)s: %(projects)s, %(value)s") % values


def _record_reset() -> None:
    """Record the reset as the new record's first entry: the old record was dropped with the
    rest, so this is what says that the database's history starts here, and who started it."""
    connection = connections[DEFAULT_DB_ALIAS]
    with transaction.atomic():
        record(
            "database.reset",
            "database",
            str(connection.settings_dict["NAME"])[-128:] or "default",
            None,
            {
                "vendor": connection.vendor,
                "by": "taizhang demo --reset",
            },
        )
