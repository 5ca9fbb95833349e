"""``taizhang events``: add a signing event, set its exchange rates, or list the events.

Each takes ``--as NAME``: adding an event and setting rates are the bureau's (staff and
administrator); every role that works with the ledger lists the events, with the number of
projects at each that they may count.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from taizhang.access.acting import acting_user
from taizhang.access.commandline import ActingCommand, add_as_argument
from taizhang.access.refusals import who
from taizhang.access.restrict import AGGREGATE, VIEW, permits, restrict
from taizhang.i18n import join_list
from taizhang.ledger.models import Announcement, Event
from taizhang.ledger.numbers import plain_decimal
from taizhang.ledger.services.events import (
    EventError,
    EventSpec,
    create_event,
    parse_rate_argument,
    set_rates,
)


class Command(ActingCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return _("Add a signing event so a ledger can be imported into it, or list the events.")

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        add = actions.add_parser("add", help=_("add a signing event"))
        add.add_argument("--code", required=True, help=_("unique code, e.g. SCE2021"))
        add.add_argument("--name", default="", help=_("name in English"))
        add.add_argument("--name-zh", default="", help=_("name in Chinese"))
        add.add_argument("--series", required=True, help=_("series, e.g. SCE"))
        add.add_argument("--edition", required=True, type=int, help=_("edition (year), e.g. 2021"))
        add.add_argument("--date", required=True, help=_("date of the ceremony, YYYY-MM-DD"))
        add.add_argument(
            "--host", required=True, help=_("host region: code or name, e.g. 500000 or 重庆市")
        )
        add.add_argument("--venue", default="", help=_("venue in English"))
        add.add_argument("--venue-zh", default="", help=_("venue in Chinese"))
        add.add_argument(
            "--rate",
            action="append",
            default=[],
            metavar="CUR=R",
            help=_("exchange rate in yuan per unit, e.g. USD=6.4768 (repeatable)"),
        )
        add.add_argument("--usd-rate", metavar="R", help=_("short for --rate USD=R"))
        add.add_argument(
            "--sectors",
            metavar="SCHEME",
            help=_("share an existing sector classification (its code) instead of a new one"),
        )
        add_as_argument(add, subcommand=True)
        rate = actions.add_parser(
            "rate", help=_("set exchange rates of an existing event (yuan per unit)")
        )
        rate.add_argument("code", help=_("the event's code, e.g. SCE2021"))
        rate.add_argument("rates", nargs="+", metavar="CUR=R", help=_("e.g. USD=6.4768"))
        add_as_argument(rate, subcommand=True)
        listing = actions.add_parser("list", help=_("list the signing events"))
        listing.add_argument("--format", choices=["text", "json"], default="text")
        add_as_argument(listing, subcommand=True)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "add":
            self.add(options)
        elif options["action"] == "rate":
            self.rate(options["code"], options["rates"])
        else:
            self.list(options["format"])

    def add(self, options: dict[str, Any]) -> None:
        try:
            rates = dict(parse_rate_argument(text) for text in options["rate"])
            if options["usd_rate"]:
                rates["USD"] = options["usd_rate"]
            event = create_event(
                EventSpec(
                    code=options["code"],
                    name_en=options["name"],
                    name_zh=options["name_zh"],
                    series=options["series"],
                    edition=options["edition"],
                    date=options["date"],
                    host=options["host"],
                    venue_en=options["venue"],
                    venue_zh=options["venue_zh"],
                    rates=rates,
                    sector_scheme=options["sectors"],
                )
            )
        except EventError as error:
            lines = [_("The event was not added:")]
            lines.extend(f"  - {problem}" for problem in error.problems)
            raise CommandError("\n".join(lines)) from None
        self.stdout.write(
            _("Added %(code)s: %(name)s, %(date)s, hosted by %(host)s.")
            % {"code": event.code, "name": event.name, "date": event.date, "host": event.host.name}
        )

    def rate(self, code: str, texts: list[str]) -> None:
        try:
            event = set_rates(code, dict(parse_rate_argument(text) for text in texts))
        except EventError as error:
            lines = [_("No rate was changed:")]
            lines.extend(f"  - {problem}" for problem in error.problems)
            raise CommandError("\n".join(lines)) from None
        rates = join_list(
            f"{rate.currency}={plain_decimal(rate.yuan_per_unit)}"
            for rate in event.exchange_rates.all()
        )
        self.stdout.write(
            _("%(code)s now converts at %(rates)s.") % {"code": event.code, "rates": rates}
        )

    def list(self, output_format: str) -> None:
        user = acting_user()
        if not permits(user, Event, VIEW):
            raise CommandError(
                _(
                    "%(name)s (%(role)s) may not list the signing events: the role works with "
                    "no ledger data."
                )
                % who(user)
            )
        events = (
            restrict(Event.objects.all(), user, VIEW)
            .select_related("host")
            .prefetch_related("exchange_rates")
            .order_by("date", "code")
        )
        # The projects at each event that the user may count: all of them for the bureau and
        # the viewer, those in their scopes for a district officer, park head or chain chief.
        counts = dict(
            restrict(Announcement.objects.all(), user, AGGREGATE)
            .order_by()
            .values("event_id")
            .annotate(count=Count("pk"))
            .values_list("event_id", "count")
        )
        rows = [
            {
                "code": event.code,
                "name": event.name,
                "series": event.series,
                "edition": event.edition,
                "date": event.date.isoformat(),
                "host": {"code": event.host.code, "name": event.host.name},
                "rates": {
                    rate.currency: plain_decimal(rate.yuan_per_unit)
                    for rate in event.exchange_rates.all()
                },
                "projects": counts.get(event.pk, 0),
            }
            for event in events
        ]
        if output_format == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        if not rows:
            self.stdout.write(_("No signing events yet; add one with “taizhang events add”."))
            return
        for row in rows:
            rates = join_list(f"{cur}={rate}" for cur, rate in row["rates"].items())
            self.stdout.write(
                f"{row['code']:<12} {row['date']}  {row['name']}  "
                + ngettext(
                    "host %(host)s, %(count)d project",
                    "host %(host)s, %(count)d projects",
                    row["projects"],
                )
                % {"host": row["host"]["name"], "count": row["projects"]}
                + (f"  [{rates}]" if rates else "")
            )
