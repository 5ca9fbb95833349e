"""``taizhang regions``: load another host city's region list, or list the regions known.

Both take ``--as NAME``: the region list is kept by the bureau administrator, who alone may
load it; every role that works with the ledger may list it.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from taizhang.access.acting import acting_user
from taizhang.access.commandline import ActingCommand, add_as_argument
from taizhang.access.refusals import who
from taizhang.access.restrict import ADD, CHANGE, VIEW, permits, restrict
from taizhang.ledger.models import Region
from taizhang.ledger.reference.csvfile import read_region_file
from taizhang.ledger.reference.loader import load_regions
from taizhang.ledger.reference.rows import ReferenceDataError
from taizhang.ledger.regions import RegionLookup, RegionLookupError


class Command(ActingCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        # A property so that argparse, which wants a plain str, gets it in the active language.
        return _(
            "Load a region file (code,name_zh,name_en,level,parent_code,aliases), "
            "or list the regions known. See docs/reference-data.md."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        load = actions.add_parser(
            "load",
            help=_("add or update regions from a CSV file, e.g. another host city's districts"),
        )
        load.add_argument("file", help=_("the region file (CSV, UTF-8 or GB18030)"))
        load.add_argument(
            "--dry-run",
            action="store_true",
            help=_("check the file and say what would change, without writing anything"),
        )
        add_as_argument(load, subcommand=True)
        listing = actions.add_parser("list", help=_("list regions in tree order"))
        listing.add_argument(
            "--within",
            metavar="CODE",
            help=_("only this region and the regions under it (a code or a name)"),
        )
        listing.add_argument(
            "--level",
            choices=Region.Level.values,
            help=_("only regions of this level"),
        )
        add_as_argument(listing, subcommand=True)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "load":
            self.load(options["file"], dry_run=options["dry_run"])
        else:
            self.list(options["within"], options["level"])

    def load(self, path: str, *, dry_run: bool) -> None:
        user = acting_user()
        if not (permits(user, Region, ADD) and permits(user, Region, CHANGE)):
            raise CommandError(
                _(
                    "%(name)s (%(role)s) may not load regions: the bureau administrator keeps "
                    "the region list. Nothing was read."
                )
                % who(user)
            )
        try:
            result = load_regions(read_region_file(path), dry_run=dry_run)
        except ReferenceDataError as error:
            count = len(error.problems)
            lines = [
                ngettext(
                    "%(file)s has %(count)d problem; nothing was loaded:",
                    "%(file)s has %(count)d problems; nothing was loaded:",
                    count,
                )
                % {"file": path, "count": count}
            ]
            lines.extend(f"  - {problem}" for problem in error.problems)
            raise CommandError("\n".join(lines)) from None
        summary = ngettext(
            "%(created)d region created, %(updated)d updated, %(unchanged)d unchanged.",
            "%(created)d regions created, %(updated)d updated, %(unchanged)d unchanged.",
            result.created,
        ) % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged}
        if result.moved:
            summary += " " + ngettext(
                "%(moved)d region under a moved region got a new path.",
                "%(moved)d regions under a moved region got a new path.",
                result.moved,
            ) % {"moved": result.moved}
        if dry_run:
            summary = _("Dry run, nothing written: %(summary)s") % {"summary": summary}
        self.stdout.write(summary)

    def list(self, within: str | None, level: str | None) -> None:
        user = acting_user()
        if not permits(user, Region, VIEW):
            raise CommandError(
                _(
                    "%(name)s (%(role)s) may not list the regions: the role works with no "
                    "ledger data."
                )
                % who(user)
            )
        regions = restrict(Region.objects.all(), user, VIEW)
        if within:
            try:
                root = RegionLookup.from_database().resolve(within)
            except RegionLookupError as error:
                raise CommandError(
                    _("--within: %(message)s") % {"message": error.message}
                ) from None
            regions = regions.within(root)
        if level:
            regions = regions.filter(level=level)
        labels = {value: str(label) for value, label in Region.Level.choices}
        label_width = max(_width(label) for label in labels.values())
        count = 0
        for region in regions:
            count += 1
            self.stdout.write(
                "  ".join(
                    (
                        _pad(region.code, 8),
                        _pad(labels.get(region.level, region.level), label_width),
                        _pad(region.name_zh, 24),
                        region.name_en,
                    )
                ).rstrip()
            )
        self.stdout.write(
            ngettext("%(count)d region.", "%(count)d regions.", count) % {"count": count}
        )


def _pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal columns; a Chinese character takes two."""
    return text + " " * max(width - _width(text), 0)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
