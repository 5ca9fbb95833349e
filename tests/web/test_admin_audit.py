"""What the bureau administrator changes in the admin is in the audit record, as done by them
from the admin site, with the values before and after; a project is withdrawn, never deleted."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from taizhang.audit.models import AuditEntry
from taizhang.ledger.models import ExchangeRate, Park, Project, ProjectInvestor
from tests.web import test_admin
from tests.web.test_admin import Ledger, admin_url

pytestmark = pytest.mark.django_db

# The admin tests' small ledger, as a fixture of this module too.
ledger = test_admin.ledger


def entries(action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action).order_by("id"))


def assert_verifies() -> None:
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert "intact" in out.getvalue()


def park_form(park_region: int, name: str) -> dict[str, object]:
    return {"region": park_region, "name_zh": name, "name_en": "", "head_name": "张三"}


def test_creating_a_park_is_recorded_as_the_administrators(
    admin_client: Client, ledger: Ledger
) -> None:
    response = admin_client.post(admin_url(Park, "add"), park_form(ledger.region.pk, "空港园区"))

    assert response.status_code == 302
    park = Park.objects.get(name_zh="空港园区")
    (created,) = entries("park.create")
    assert (created.actor, created.source, created.object_id) == ("admin", "admin", str(park.pk))
    assert created.request_id
    assert created.before is None
    assert created.after["name_zh"] == "空港园区"
    assert_verifies()


def test_changing_a_park_records_its_values_before_and_after(
    admin_client: Client, ledger: Ledger
) -> None:
    url = admin_url(Park, "change", ledger.park.pk)

    response = admin_client.post(url, park_form(ledger.region.pk, "仙桃国际数据谷"))

    assert response.status_code == 302
    (changed,) = entries("park.update")
    assert (changed.before["name_zh"], changed.after["name_zh"]) == ("仙桃数据谷", "仙桃国际数据谷")
    assert changed.object_id == str(ledger.park.pk)
    assert_verifies()


def test_deleting_a_park_records_what_it_was(admin_client: Client, ledger: Ledger) -> None:
    spare = Park.objects.create(region=ledger.region, name_zh="备用园区")

    response = admin_client.post(admin_url(Park, "delete", spare.pk), {"post": "yes"})

    assert response.status_code == 302
    assert not Park.objects.filter(pk=spare.pk).exists()
    (deleted,) = entries("park.delete")
    assert (deleted.object_id, deleted.after) == (str(spare.pk), None)
    assert deleted.before["name_zh"] == "备用园区"
    assert_verifies()


def test_deleting_parks_from_the_list_records_each(admin_client: Client, ledger: Ledger) -> None:
    spares = [Park.objects.create(region=ledger.region, name_zh=f"备用园区{n}") for n in (1, 2)]

    response = admin_client.post(
        admin_url(Park, "changelist"),
        {"action": "delete_selected", "_selected_action": [p.pk for p in spares], "post": "yes"},
    )

    assert response.status_code == 302
    assert [entry.object_id for entry in entries("park.delete")] == [str(p.pk) for p in spares]
    assert_verifies()


def test_an_inline_row_changed_with_its_parent_is_recorded(
    admin_client: Client, ledger: Ledger
) -> None:
    url = admin_url(type(ledger.event), "change", ledger.event.pk)
    form = admin_client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    rate = ExchangeRate.objects.get(event=ledger.event)
    data.update(
        {
            "date": "2021-08-23",
            "host": ledger.event.host_id,
            "sector_scheme": ledger.event.sector_scheme_id,
            "exchange_rates-TOTAL_FORMS": 1,
            "exchange_rates-INITIAL_FORMS": 1,
            "exchange_rates-0-id": rate.pk,
            "exchange_rates-0-event": ledger.event.pk,
            "exchange_rates-0-currency": "USD",
            "exchange_rates-0-yuan_per_unit": "6.5000",
        }
    )

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    (changed,) = entries("exchange_rate.update")
    assert changed.object_id == str(rate.pk)
    assert changed.before["yuan_per_unit"] != changed.after["yuan_per_unit"]
    assert_verifies()


def test_a_project_cannot_be_deleted_in_the_admin(admin_client: Client, ledger: Ledger) -> None:
    response = admin_client.post(admin_url(Project, "delete", ledger.project.pk), {"post": "yes"})

    assert response.status_code == 403
    assert Project.objects.filter(pk=ledger.project.pk).exists()


def withdrawal(admin_client: Client, ledger: Ledger, reason: str) -> dict[str, object]:
    url = admin_url(Project, "change", ledger.project.pk)
    form = admin_client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        {
            "based_on_version": 1,
            "signing_date": "2021-08-23",
            "withdrawn_at_0": "2022-01-05",
            "withdrawn_at_1": "10:00:00",
            "withdrawal_reason": reason,
            "investor_links-TOTAL_FORMS": 0,
            "investor_links-INITIAL_FORMS": 0,
            "announcements-TOTAL_FORMS": 0,
            "announcements-INITIAL_FORMS": 0,
        }
    )
    return data


def test_a_project_is_withdrawn_in_the_admin_only_with_a_reason(
    admin_client: Client, ledger: Ledger
) -> None:
    url = admin_url(Project, "change", ledger.project.pk)

    refused = admin_client.post(url, withdrawal(admin_client, ledger, ""))
    done = admin_client.post(url, withdrawal(admin_client, ledger, "投资方撤回"))

    assert refused.status_code == 200
    assert "withdrawal_reason" in refused.context["adminform"].form.errors
    assert done.status_code == 302, done.context["adminform"].form.errors
    (withdrawn,) = entries("project.withdraw")
    assert (withdrawn.actor, withdrawn.source) == ("admin", "admin")
    assert withdrawn.after["withdrawal_reason"] == "投资方撤回"
    assert_verifies()


def test_a_project_added_in_the_admin_is_recorded_with_its_investors(
    admin_client: Client, ledger: Ledger
) -> None:
    response = admin_client.post(
        admin_url(Project, "add"),
        {
            "event": ledger.event.pk,
            "name": "新能源电池项目",
            "lead_investor": ledger.investor.pk,
            "value": "300000000.00",
            "currency": "CNY",
            "mode": "offline",
            "signing_date": "2021-08-23",
            "region": ledger.region.pk,
            "sector": ledger.sector.pk,
            "investor_links-TOTAL_FORMS": 1,
            "investor_links-INITIAL_FORMS": 0,
            "investor_links-0-position": 0,
            "investor_links-0-investor": ledger.investor.pk,
            "announcements-TOTAL_FORMS": 1,
            "announcements-INITIAL_FORMS": 0,
            "announcements-0-event": ledger.event.pk,
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    project = Project.objects.get(name="新能源电池项目")
    (created,) = entries("project.create")
    assert (created.object_id, created.actor, created.source) == (str(project.pk), "admin", "admin")
    assert created.after["value"] == "300000000.00"
    assert created.after["investors"] == [ledger.investor.pk]
    assert created.after["events"] == [ledger.event.pk]
    assert_verifies()


def test_an_investor_removed_from_a_project_on_its_own_page_is_an_edit_of_the_project(
    admin_client: Client, ledger: Ledger
) -> None:
    link = ProjectInvestor.objects.get(project=ledger.project, investor=ledger.partner)

    response = admin_client.post(admin_url(ProjectInvestor, "delete", link.pk), {"post": "yes"})

    assert response.status_code == 302
    ledger.project.refresh_from_db()
    assert ledger.project.version == 2
    (row,) = entries("project_investor.delete")
    assert row.before["investor_id"] == ledger.partner.pk
    (edit,) = entries("project.update")
    assert edit.object_id == str(ledger.project.pk)
    assert edit.before["investors"] == [ledger.investor.pk, ledger.partner.pk]
    assert edit.after["investors"] == [ledger.investor.pk]
    assert (edit.before["version"], edit.after["version"]) == (1, 2)
    assert_verifies()
