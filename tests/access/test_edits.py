"""Changing projects: only within one's rights, and never over someone else's newer change."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from taizhang.access.acting import OPERATOR, act_as
from taizhang.audit.models import AuditEntry
from taizhang.ledger.models import Project
from taizhang.ledger.services.projects import (
    OutsideScope,
    ProjectNotFound,
    StaleEdit,
    update_project,
)
from tests.access.scope_ledger import ScopeLedger
from tests.support.accounts import sign_in


def change_page(client: Client, project: Project) -> str:
    return reverse("admin:ledger_project_change", args=[project.pk])


def form_data(client: Client, project: Project, **changes: Any) -> dict[str, Any]:
    """What the admin's form posts back for ``project`` as it was shown, with ``changes``."""
    form = client.get(change_page(client, project)).context["adminform"].form
    shown = {name: form[name].value() for name in form.fields}
    data = {name: value for name, value in shown.items() if value is not None}
    data.update(
        {
            "investor_links-TOTAL_FORMS": 0,
            "investor_links-INITIAL_FORMS": 0,
            "announcements-TOTAL_FORMS": 0,
            "announcements-INITIAL_FORMS": 0,
        }
    )
    data.update(changes)
    return data


# --- stale edits ------------------------------------------------------------------------------


def test_an_edit_based_on_an_old_version_is_refused_saying_who_changed_what(
    scope_ledger: ScopeLedger,
) -> None:
    project = scope_ledger.projects["yubei_park"]
    client = sign_in(Client(), scope_ledger.users["bureau_admin"])
    mine = form_data(client, project, description="我的修改")  # opened at version 1
    # Meanwhile the district officer changes the value.
    update_project(
        project.pk,
        {"value": Decimal("150000000.00")},
        based_on_version=1,
        user=scope_ledger.users["district_yubei"],
    )
    response = client.post(change_page(client, project), mine)
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.non_field_errors())
    assert "was changed after you opened it (you edited version 1; it is now at version 2)" in (
        errors
    )
    assert "district_yubei changed contract value (yuan)" in errors
    assert "Nothing was saved" in errors
    project.refresh_from_db()
    assert (project.description, project.value, project.version) == (
        "",
        Decimal("150000000.00"),
        2,
    )


def test_an_edit_based_on_the_current_version_is_saved_and_recorded(
    scope_ledger: ScopeLedger,
) -> None:
    project = scope_ledger.projects["yubei_park"]
    client = sign_in(Client(), scope_ledger.users["bureau_admin"])
    response = client.post(
        change_page(client, project), form_data(client, project, description="用地已落实")
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.description, project.version) == ("用地已落实", 2)
    entry = AuditEntry.objects.get(action="project.update", object_id=str(project.pk))
    assert (entry.actor, entry.source) == ("bureau_admin", "admin")
    assert entry.before == {"description": "", "version": 1}
    assert entry.after == {"description": "用地已落实", "version": 2}


def test_the_service_refuses_a_stale_edit_too(scope_ledger: ScopeLedger) -> None:
    project = scope_ledger.projects["lj_park"]
    staff = scope_ledger.users["bureau_staff"]
    update_project(
        project.pk, {"responsible_unit": "两江新区招商局"}, based_on_version=1, user=staff
    )
    with pytest.raises(StaleEdit, match="bureau_staff changed responsible unit"):
        update_project(project.pk, {"responsible_person": "王五"}, based_on_version=1, user=staff)
    project.refresh_from_db()
    assert (project.responsible_person, project.version) == ("", 2)


def test_a_stale_edit_names_an_import_that_changed_the_project(scope_ledger: ScopeLedger) -> None:
    from django.db import transaction

    from taizhang.audit.recorder import record

    project = scope_ledger.projects["yuzhong"]
    with transaction.atomic():  # what an import --update writes and records
        Project.objects.filter(pk=project.pk).update(version=2, responsible_person="赵六")
        record(
            "project.update", "project", project.pk,
            {"responsible_person": ""}, {"responsible_person": "赵六"},
            actor="li.na", source="import",
        )  # fmt: skip
    with pytest.raises(StaleEdit, match=r"li\.na changed responsible person .* \(import\)"):
        update_project(project.pk, {"description": "x"}, based_on_version=1, user=OPERATOR)


# --- writes outside one's rights -------------------------------------------------------------


def test_a_project_outside_ones_scope_cannot_be_changed(scope_ledger: ScopeLedger) -> None:
    with pytest.raises(ProjectNotFound, match="No project has the id"):
        update_project(
            scope_ledger.projects["yuzhong"].pk,
            {"description": "x"},
            based_on_version=1,
            user=scope_ledger.users["district_yubei"],
        )
    assert Project.objects.get(pk=scope_ledger.projects["yuzhong"].pk).version == 1


@pytest.mark.parametrize("name", ["inspector", "viewer", "security_admin", "auditor"])
def test_roles_that_change_no_project_change_none(scope_ledger: ScopeLedger, name: str) -> None:
    with pytest.raises(ProjectNotFound):
        update_project(
            scope_ledger.projects["yubei_park"].pk,
            {"description": "x"},
            based_on_version=1,
            user=scope_ledger.users[name],
        )


def test_a_project_cannot_be_moved_out_of_ones_scope(scope_ledger: ScopeLedger) -> None:
    project = scope_ledger.projects["yubei_owner"]
    with pytest.raises(OutsideScope, match="outside what you may change"):
        update_project(
            project.pk,
            {"region": scope_ledger.regions["500103"]},
            based_on_version=1,
            user=scope_ledger.users["district_yubei"],
        )
    project.refresh_from_db()
    assert (project.region.code, project.version) == ("500112", 1)
    assert not AuditEntry.objects.filter(action="project.update").exists()


def test_a_district_officer_changes_a_project_of_their_district(scope_ledger: ScopeLedger) -> None:
    project = update_project(
        scope_ledger.projects["yubei_owner"].pk,
        {"responsible_person": "张三"},
        based_on_version=1,
        user=scope_ledger.users["district_yubei"],
    )
    assert (project.responsible_person, project.version) == ("张三", 2)


def test_the_admin_answers_404_for_what_is_outside_ones_rights(scope_ledger: ScopeLedger) -> None:
    client = sign_in(Client(), scope_ledger.users["bureau_admin"])
    other = scope_ledger.users["district_yubei"]
    assert client.get(reverse("admin:auth_user_change", args=[other.pk])).status_code == 404
    own = scope_ledger.users["bureau_admin"]
    assert client.get(reverse("admin:auth_user_change", args=[own.pk])).status_code == 200


def test_the_admin_answers_404_for_a_project_that_is_not_there(scope_ledger: ScopeLedger) -> None:
    client = sign_in(Client(), scope_ledger.users["bureau_admin"])
    response = client.get(reverse("admin:ledger_project_change", args=[999999]))
    assert response.status_code == 404


def test_nobody_deletes_a_project_in_the_admin(scope_ledger: ScopeLedger) -> None:
    client = sign_in(Client(), scope_ledger.users["bureau_admin"])
    project = scope_ledger.projects["yubei_park"]
    response = client.post(
        reverse("admin:ledger_project_delete", args=[project.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Project.objects.filter(pk=project.pk).exists()


def test_act_as_restricts_what_code_reads(scope_ledger: ScopeLedger) -> None:
    from taizhang.access.acting import acting_user
    from taizhang.access.restrict import VIEW, restrict

    with act_as(scope_ledger.users["district_lj"]):
        seen = restrict(Project.objects.all(), acting_user(), VIEW)
        assert scope_ledger.keys_of(seen.values_list("pk", flat=True)) == {"lj_park", "lj_co_owner"}
