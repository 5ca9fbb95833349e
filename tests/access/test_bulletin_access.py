"""Bulletins as a user: figures over what they may count, publications for the whole ledger's
roles, publishing for the bureau, and a viewer who gets figures but never rows."""

from __future__ import annotations

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from taizhang.access.acting import act_as
from taizhang.bulletin.publishing import publish
from taizhang.ledger.models import Project
from tests.access.scope_ledger import SCE, ScopeLedger, decode


def bulletin(name: str, *arguments: str) -> dict:
    out = StringIO()
    call_command(
        "bulletin", "--event", SCE, "--format", "json", *arguments, "--as", name, stdout=out
    )
    return json.loads(out.getvalue())


def counted(figures: dict) -> frozenset[str]:
    return decode(Decimal(figures["totals"]["value"]) + Decimal(figures["outside_host"]["value"]))


@pytest.fixture
def published(scope_ledger: ScopeLedger) -> ScopeLedger:
    """SCE's bulletin published by bureau staff, then one project amended since."""
    with act_as(scope_ledger.users["bureau_staff"]):
        publish(scope_ledger.events[SCE], published_by="bureau_staff")
    Project.objects.filter(pk=scope_ledger.projects["yuzhong"].pk).update(version=2)
    return scope_ledger


def test_a_viewer_gets_the_published_figures_without_naming_a_project(
    published: ScopeLedger,
) -> None:
    figures = bulletin("viewer")
    assert figures["published"] is not None
    assert counted(figures) == {"yubei_park", "yubei_owner", "lj_park", "yuzhong", "sichuan"}
    assert figures["published"]["differences"]["amended"] == []


def test_the_bureau_sees_what_changed_since_publication(published: ScopeLedger) -> None:
    figures = bulletin("bureau_staff")
    amended = figures["published"]["differences"]["amended"]
    assert [item["name"] for item in amended] == ["yuzhong 项目"]


def test_a_district_officers_bulletin_counts_their_district_only(published: ScopeLedger) -> None:
    figures = bulletin("district_yubei")
    assert figures["published"] is None  # the whole event's publication is not theirs
    assert "latest_publication" not in figures
    assert counted(figures) == {"yubei_park", "yubei_owner"}


@pytest.mark.parametrize("name", ["district_yubei", "inspector", "viewer", "owner"])
def test_only_the_bureau_publishes(scope_ledger: ScopeLedger, name: str) -> None:
    with pytest.raises(CommandError, match="may not publish a bulletin"):
        bulletin(name, "--publish")


def test_a_publication_names_who_published_it(scope_ledger: ScopeLedger) -> None:
    out = StringIO()
    call_command("bulletin", "--event", SCE, "--publish", "--as", "bureau_staff",
                 stdout=out, stderr=out)  # fmt: skip
    assert "as bureau_staff" in out.getvalue()


@pytest.mark.parametrize("name", ["security_admin", "auditor"])
def test_who_reads_no_ledger_gets_no_bulletin(scope_ledger: ScopeLedger, name: str) -> None:
    with pytest.raises(CommandError, match="may not read the ledger's figures"):
        bulletin(name)


def test_a_viewers_project_level_export_is_refused_with_a_clear_message(
    scope_ledger: ScopeLedger,
) -> None:
    with pytest.raises(CommandError) as refused:
        call_command("export_ledger", "--as", "viewer", "-o", "-", stdout=StringIO())
    assert str(refused.value) == (
        "viewer (viewer) sees aggregate figures only, never a project-level export. "
        "taizhang bulletin --event CODE states the figures."
    )


def test_who_reads_no_ledger_may_not_export(scope_ledger: ScopeLedger) -> None:
    with pytest.raises(CommandError, match="may not export projects"):
        call_command("export_ledger", "--event", SCE, "--as", "auditor", "-o", "-")
