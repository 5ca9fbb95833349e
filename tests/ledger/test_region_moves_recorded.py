"""A region moved to another parent moves every region under it: each of them is recorded in
the audit record, one entry per region, whether the move is made in the admin or by a
``regions load``."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from taizhang.access.roles import Role
from taizhang.audit.models import AuditEntry
from taizhang.ledger.models import Region
from taizhang.ledger.reference.loader import load_regions
from taizhang.ledger.reference.rows import RegionRow
from tests.support.accounts import make_user, sign_in

pytestmark = pytest.mark.django_db

#: A test area under Chongqing, two parts of it and a part of a part: code → (parent, level).
TREE = {
    "T-AREA": ("500000", Region.Level.FUNCTIONAL_AREA),
    "T-WEST": ("T-AREA", Region.Level.FUNCTIONAL_AREA),
    "T-EAST": ("T-AREA", Region.Level.FUNCTIONAL_AREA),
    "T-PORT": ("T-EAST", Region.Level.FUNCTIONAL_AREA),
}
UNDER = ("T-EAST", "T-PORT", "T-WEST")


@pytest.fixture
def area() -> Region:
    """The test area and the regions under it, written directly (not recorded)."""
    for code, (parent, level) in TREE.items():
        Region.objects.create(
            code=code, name_zh=f"{code}区", level=level, parent=Region.objects.get(code=parent)
        )
    return Region.objects.get(code="T-AREA")


def path_entries() -> dict[str, tuple[str, str]]:
    """Each region's recorded path change (old, new), by code."""
    found = {}
    for entry in AuditEntry.objects.filter(action="region.update").order_by("id"):
        if "path" in entry.before and entry.before["code"] in UNDER:
            assert entry.before["code"] not in found, "one entry per region"
            assert entry.object_id == str(Region.objects.get(code=entry.before["code"]).pk)
            found[entry.before["code"]] = (entry.before["path"], entry.after["path"])
    return found


def moved_paths() -> dict[str, tuple[str, str]]:
    return {
        "T-WEST": ("/CN/500000/T-AREA/T-WEST/", "/CN/510000/T-AREA/T-WEST/"),
        "T-EAST": ("/CN/500000/T-AREA/T-EAST/", "/CN/510000/T-AREA/T-EAST/"),
        "T-PORT": ("/CN/500000/T-AREA/T-EAST/T-PORT/", "/CN/510000/T-AREA/T-EAST/T-PORT/"),
    }


def assert_verifies() -> None:
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert "intact" in out.getvalue()


def test_a_region_moved_in_the_admin_records_each_region_under_it(area: Region) -> None:
    client = sign_in(Client(), make_user("admin1", Role.BUREAU_ADMIN))
    url = reverse("admin:ledger_region_change", args=[area.pk])
    response = client.post(
        url,
        {
            "code": "T-AREA",
            "name_zh": "T-AREA区",
            "name_en": "",
            "level": Region.Level.FUNCTIONAL_AREA,
            "parent": Region.objects.get(code="510000").pk,  # to Sichuan
            "aliases": "[]",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors

    assert Region.objects.get(code="T-PORT").path == "/CN/510000/T-AREA/T-EAST/T-PORT/"
    assert path_entries() == moved_paths()
    for entry in AuditEntry.objects.filter(action="region.update"):
        assert (entry.actor, entry.source) == ("admin1", "admin")
    (own,) = AuditEntry.objects.filter(action="region.update", object_id=str(area.pk))
    assert own.after["path"] == "/CN/510000/T-AREA/"
    assert_verifies()


def test_a_region_changed_in_the_admin_without_moving_records_nothing_under_it(
    area: Region,
) -> None:
    client = sign_in(Client(), make_user("admin1", Role.BUREAU_ADMIN))
    url = reverse("admin:ledger_region_change", args=[area.pk])
    data = {
        "code": "T-AREA",
        "name_zh": "测试功能区",
        "name_en": "Test Area",
        "level": Region.Level.FUNCTIONAL_AREA,
        "parent": Region.objects.get(code="500000").pk,
        "aliases": "[]",
        "is_active": "on",
    }
    assert client.post(url, data).status_code == 302
    (entry,) = AuditEntry.objects.filter(action="region.update")
    assert entry.object_id == str(area.pk)
    assert path_entries() == {}


def test_a_region_moved_by_a_load_records_each_region_under_it(area: Region) -> None:
    load_regions(
        [RegionRow("T-AREA", "T-AREA区", "", Region.Level.FUNCTIONAL_AREA, "510000", row=2)]
    )
    assert path_entries() == moved_paths()
    assert_verifies()
