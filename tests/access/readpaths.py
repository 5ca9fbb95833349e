"""Every read path that shows ledger data, declared once, for the matrix of who sees what.

A read path is a way a user gets at projects: a command run ``--as`` them, the admin's lists,
a statistic. Each declares what it shows at most (``universe``: e.g. current projects only),
whether it shows rows (``view``) or figures (``aggregate``), who it lets in at all, and a
function that returns the projects the user actually got. The matrix (test_matrix.py) runs
every path for every user and compares with :mod:`tests.access.expected`.

A read path built later — pages, the API, search, form drop-downs — joins the matrix by
declaring itself here with ``@read_path(...)``.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from io import StringIO
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from taizhang.access.acting import act_as
from taizhang.access.restrict import AGGREGATE, VIEW
from taizhang.bulletin import statistics as stats
from taizhang.bulletin.selection import Selection
from tests.access.scope_ledger import ALL, AT_SCE, CURRENT, SCE, ScopeLedger, decode
from tests.support.accounts import sign_in

#: What a path gives back: the keys of the projects the user got.
Seen = frozenset[str]


@dataclass(frozen=True)
class ReadPath:
    """One way of reading the ledger, and what it can show."""

    name: str
    action: str  # VIEW: rows of projects; AGGREGATE: figures over projects
    universe: frozenset[str]
    see: Callable[[ScopeLedger, Any, Path], Seen]
    admits: frozenset[str] | None = None  # user names it lets in; None: by their rights


READ_PATHS: list[ReadPath] = []


def read_path(
    name: str, *, action: str, universe: frozenset[str], admits: frozenset[str] | None = None
) -> Callable[[Callable[[ScopeLedger, Any, Path], Seen]], Callable[[ScopeLedger, Any, Path], Seen]]:
    """Declare a read path (a decorator of the function that reads through it)."""

    def register(function: Callable[[ScopeLedger, Any, Path], Seen]) -> Callable:
        READ_PATHS.append(ReadPath(name, action, universe, function, admits))
        return function

    return register


# --- the command line, --as the user ----------------------------------------------------------


def _exported(ledger: ScopeLedger, user: Any, folder: Path, *event: str) -> Seen:
    target = folder / f"{user.get_username()}.csv"
    try:
        call_command(
            "export_ledger",
            *event,
            "--as",
            user.get_username(),
            "-o",
            str(target),
            stdout=StringIO(),
        )
    except CommandError:
        return frozenset()  # refused: the tests of refusals check the message
    with target.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    codes = {row["Project code"] for row in rows}
    return frozenset(key for key, p in ledger.projects.items() if p.project_code in codes)


@read_path("export-ledger --as", action=VIEW, universe=CURRENT)
def export_everything(ledger: ScopeLedger, user: Any, folder: Path) -> Seen:
    return _exported(ledger, user, folder)


@read_path("export-ledger --event --as", action=VIEW, universe=CURRENT & AT_SCE)
def export_event(ledger: ScopeLedger, user: Any, folder: Path) -> Seen:
    return _exported(ledger, user, folder, "--event", SCE)


@read_path("bulletin --event --as", action=AGGREGATE, universe=CURRENT & AT_SCE)
def bulletin(ledger: ScopeLedger, user: Any, folder: Path) -> Seen:
    out = StringIO()
    try:
        call_command(
            "bulletin", "--event", SCE, "--format", "json", "--as", user.get_username(), stdout=out
        )
    except CommandError:
        return frozenset()
    figures = json.loads(out.getvalue())
    total = Decimal(figures["totals"]["value"]) + Decimal(figures["outside_host"]["value"])
    return decode(total)


@read_path("bulletin --series --as", action=AGGREGATE, universe=(CURRENT & AT_SCE) - {"sichuan"})
def bulletin_series(ledger: ScopeLedger, user: Any, folder: Path) -> Seen:
    """The series' one edition: announced at SCE, landing within its host (Chongqing)."""
    out = StringIO()
    try:
        call_command(
            "bulletin", "--series", "T-SCE", "--format", "json", "--as", user.get_username(),
            stdout=out,
        )  # fmt: skip
    except CommandError:
        return frozenset()
    (edition,) = json.loads(out.getvalue())["editions"]
    return decode(Decimal(edition["value"]))


# --- statistics, as the acting user -----------------------------------------------------------


@read_path("statistics over every event", action=AGGREGATE, universe=CURRENT)
def statistics(ledger: ScopeLedger, user: Any, folder: Path) -> Seen:
    with act_as(user):
        total, _bands = stats.sizes(Selection.of_events(list(ledger.events.values())).projects())
    return decode(total.value) if total.projects else frozenset()


# --- the admin ----------------------------------------------------------------------------------

_CHANGE_LINK = re.compile(r'href="/admin/ledger/project/(\d+)/change/')


@read_path("admin project list", action=VIEW, universe=ALL, admits=frozenset({"bureau_admin"}))
def admin_projects(ledger: ScopeLedger, user: Any, folder: Path) -> Seen:
    client = sign_in(Client(), user)
    response = client.get(reverse("admin:ledger_project_changelist"))
    if response.status_code != 200:
        return frozenset()
    return ledger.keys_of(int(pk) for pk in _CHANGE_LINK.findall(response.content.decode()))


@read_path(
    "admin project autocomplete", action=VIEW, universe=ALL, admits=frozenset({"bureau_admin"})
)
def admin_autocomplete(ledger: ScopeLedger, user: Any, folder: Path) -> Seen:
    client = sign_in(Client(), user)
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "ledger", "model_name": "announcement", "field_name": "project", "term": ""},
    )
    if response.status_code != 200:
        return frozenset()
    return ledger.keys_of(int(row["id"]) for row in response.json()["results"])
