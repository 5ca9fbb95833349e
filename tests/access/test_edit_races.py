"""Someone else's change landing while an admin page is being saved: refused on the page with
who changed what, and nothing overwritten — never an error page.

The other change is made by wrapping the admin's ``begin_edit``: it is saved (by the project
service, as another user) at the last moment before the page's save locks the project, which
is what a concurrent save committing between the page's reads and its lock looks like.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from taizhang.audit.models import AuditEntry
from taizhang.ledger import admin as ledger_admin
from taizhang.ledger.models import Announcement, Project, SigningMode
from taizhang.ledger.services.projects import update_project
from tests.access.scope_ledger import LJ, SCE, ScopeLedger
from tests.access.test_edits import change_page, form_data
from tests.support.accounts import sign_in

OTHERS_VALUE = Decimal("150000000.00")


@pytest.fixture
def admin(scope_ledger: ScopeLedger) -> Client:
    # An error page would come back as a 500 response, not as an exception in the test.
    return sign_in(Client(raise_request_exception=False), scope_ledger.users["bureau_admin"])


def others_change_lands_first(
    monkeypatch: pytest.MonkeyPatch, ledger: ScopeLedger, project: Project
) -> None:
    """Before the page's save locks ``project``, bureau_staff saves a new contract value."""
    lock: Callable[..., Any] = ledger_admin.begin_edit

    def after_someone_else(project_id: Any, based_on: int, user: Any) -> Any:
        monkeypatch.setattr(ledger_admin, "begin_edit", lock)  # once
        current = Project.objects.get(pk=project.pk).version
        update_project(
            project.pk,
            {"value": OTHERS_VALUE},
            based_on_version=current,
            user=ledger.users["bureau_staff"],
        )
        return lock(project_id, based_on, user)

    monkeypatch.setattr(ledger_admin, "begin_edit", after_someone_else)


def refusal_on(response: Any) -> str:
    assert response.status_code == 200, response.status_code
    return " ".join(response.context["adminform"].form.non_field_errors())


def announcement_page(client: Client, announcement: Announcement) -> tuple[str, dict[str, Any]]:
    """The announcement's change page, and what its form posts back as shown."""
    url = reverse("admin:ledger_announcement_change", args=[announcement.pk])
    form = client.get(url).context["adminform"].form
    shown = {name: form[name].value() for name in form.fields}
    return url, {name: value for name, value in shown.items() if value is not None}


def linked_announcement(ledger: ScopeLedger) -> Announcement:
    """lj_park, the district's own project, announced again at the city's ceremony."""
    return Announcement.objects.get(project=ledger.projects["lj_park"], event__code=SCE)


def test_a_change_saved_just_before_the_project_page_locks_it_is_not_overwritten(
    scope_ledger: ScopeLedger, admin: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = scope_ledger.projects["yubei_park"]
    mine = form_data(admin, project, description="我的修改", value="300000000.00")
    others_change_lands_first(monkeypatch, scope_ledger, project)

    refused = refusal_on(admin.post(change_page(admin, project), mine))

    assert "you edited version 1; it is now at version 2" in refused
    assert "bureau_staff changed contract value (yuan)" in refused
    project.refresh_from_db()
    assert (project.value, project.description, project.version) == (OTHERS_VALUE, "", 2)


def test_a_change_saved_just_before_an_announcements_page_locks_its_project_is_refused(
    scope_ledger: ScopeLedger, admin: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    announcement = linked_announcement(scope_ledger)
    url, mine = announcement_page(admin, announcement)
    mine["mode"] = SigningMode.ONLINE
    others_change_lands_first(monkeypatch, scope_ledger, announcement.project)

    refused = refusal_on(admin.post(url, mine))

    assert "lj_park 项目 was changed after you opened it" in refused
    assert "bureau_staff changed contract value (yuan)" in refused
    assert "Nothing was saved" in refused
    announcement.refresh_from_db()
    assert announcement.mode == ""
    project = Project.objects.get(pk=announcement.project_id)
    assert (project.value, project.version) == (OTHERS_VALUE, 2)
    assert not AuditEntry.objects.filter(action="announcement.update").exists()


def test_an_announcement_page_opened_before_a_change_of_its_project_is_refused(
    scope_ledger: ScopeLedger, admin: Client
) -> None:
    announcement = linked_announcement(scope_ledger)
    url, mine = announcement_page(admin, announcement)  # the project at version 1
    update_project(
        announcement.project_id,
        {"responsible_unit": "两江新区招商局"},
        based_on_version=1,
        user=scope_ledger.users["bureau_staff"],
    )
    mine["mode"] = SigningMode.ONLINE

    refused = refusal_on(admin.post(url, mine))

    assert "bureau_staff changed responsible unit" in refused
    announcement.refresh_from_db()
    assert announcement.mode == ""


def test_an_announcement_changed_on_a_current_page_is_an_edit_of_its_project(
    scope_ledger: ScopeLedger, admin: Client
) -> None:
    announcement = linked_announcement(scope_ledger)
    url, mine = announcement_page(admin, announcement)
    mine["mode"] = SigningMode.ONLINE

    assert admin.post(url, mine).status_code == 302

    announcement.refresh_from_db()
    assert announcement.mode == SigningMode.ONLINE
    edit = AuditEntry.objects.get(action="project.update")
    assert (edit.object_id, edit.before["version"], edit.after["version"]) == (
        str(announcement.project_id),
        1,
        2,
    )
    assert AuditEntry.objects.get(action="announcement.update").after["mode"] == "online"


def test_an_announcement_moved_to_another_project_edits_both(
    scope_ledger: ScopeLedger, admin: Client
) -> None:
    announcement = Announcement.objects.get(
        project=scope_ledger.projects["lj_park"], event__code=SCE
    )
    other = scope_ledger.projects["lj_co_owner"]  # of the district's signing, not the city's
    url, mine = announcement_page(admin, announcement)
    mine["project"] = other.pk

    assert admin.post(url, mine).status_code == 302

    edits = AuditEntry.objects.filter(action="project.update").order_by("object_id")
    assert sorted((entry.object_id, entry.after["version"]) for entry in edits) == sorted(
        [(str(announcement.project_id), 2), (str(other.pk), 2)]
    )
    assert set(
        Announcement.objects.filter(project=other).values_list("event__code", flat=True)
    ) == {
        LJ,
        SCE,
    }
