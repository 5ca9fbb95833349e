"""The matrix: every user against every kind of object and every read path, exactly.

Each cell compares what the code gives a user with the hand-written expectation of
:mod:`tests.access.expected`. A read path added later joins by declaring itself in
:mod:`tests.access.readpaths`; a kind of object by a row in :data:`KINDS` below.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice

from taizhang.access.models import Membership
from taizhang.access.restrict import ACTIONS, ADD, AGGREGATE, CHANGE, VIEW, restrict
from taizhang.audit.models import AuditEntry
from taizhang.bulletin.models import PublishedBulletin
from taizhang.ledger.models import (
    Announcement,
    Category,
    ChainOwner,
    ClassificationScheme,
    Event,
    ExchangeRate,
    IndustryChain,
    Investor,
    Park,
    Project,
    ProjectInvestor,
    Region,
)
from tests.access import expected
from tests.access.readpaths import READ_PATHS, ReadPath
from tests.access.scope_ledger import USERS, ScopeLedger

USER_NAMES = list(USERS)


# --- every kind of object, through restrict() ---------------------------------------------------


def _all(model: type) -> Callable[[ScopeLedger, str], frozenset]:
    """Expect every row of ``model`` for the users who read it, none for the others."""

    def rows(ledger: ScopeLedger, readers: frozenset[str], name: str) -> frozenset:
        everything = frozenset(model.objects.values_list("pk", flat=True))
        return everything if name in readers else frozenset()

    return rows


def _of_visible_projects(model: type) -> Callable:
    def rows(ledger: ScopeLedger, readers: Any, name: str) -> frozenset:
        visible = [ledger.projects[key].pk for key in expected.VIEW_PROJECTS[name]]
        return frozenset(model.objects.filter(project_id__in=visible).values_list("pk", flat=True))

    return rows


def _own(field: str) -> Callable:
    def rows(ledger: ScopeLedger, readers: frozenset[str], name: str) -> frozenset:
        model = {"user": get_user_model(), "membership": Membership, "device": TOTPDevice}[field]
        if name in readers:
            return frozenset(model.objects.values_list("pk", flat=True))
        if USERS[name][0] is None:
            return frozenset()  # without a role, not even one's own account
        user = ledger.users[name]
        mine = (
            model.objects.filter(pk=user.pk) if field == "user" else model.objects.filter(user=user)
        )
        return frozenset(mine.values_list("pk", flat=True))

    return rows


def _projects(ledger: ScopeLedger, readers: Any, name: str) -> frozenset:
    return frozenset(ledger.projects[key].pk for key in expected.VIEW_PROJECTS[name])


def _investors(ledger: ScopeLedger, readers: Any, name: str) -> frozenset:
    return frozenset(ledger.investors[key].pk for key in expected.VIEW_INVESTORS[name])


#: Each kind of object: its model, who reads every row (where that is the rule), and the rows
#: each user is expected to see.
KINDS: list[tuple[type, frozenset[str], Callable]] = [
    (Project, frozenset(), _projects),
    (Investor, frozenset(), _investors),
    (ProjectInvestor, frozenset(), _of_visible_projects(ProjectInvestor)),
    (Announcement, frozenset(), _of_visible_projects(Announcement)),
    *(
        (model, expected.LEDGER_USERS, _all(model))
        for model in (
            Region,
            Event,
            ExchangeRate,
            ClassificationScheme,
            Category,
            Park,
            IndustryChain,
            ChainOwner,
        )
    ),
    (PublishedBulletin, expected.BULLETIN_READERS, _all(PublishedBulletin)),
    (AuditEntry, expected.AUDIT_READERS, _all(AuditEntry)),
    (get_user_model(), expected.ACCOUNT_READERS, _own("user")),
    (Membership, expected.ACCOUNT_READERS, _own("membership")),
    (TOTPDevice, expected.ACCOUNT_READERS, _own("device")),
]


@pytest.fixture
def full_ledger(scope_ledger: ScopeLedger) -> ScopeLedger:
    """The scope ledger with a published bulletin, audit entries and two devices, so that no
    kind of object is empty."""
    from taizhang.access.services import ScopeNames, create_user

    PublishedBulletin.objects.create(
        event=scope_ledger.events["T-SCE2021"],
        figures_json="{}",
        published_at="2021-08-24T00:00:00Z",
        published_by="bureau_staff",
        ledger_hash="0" * 64,
    )
    create_user("recorded", "viewer", ScopeNames(), "A-long-password-77")  # an audit entry
    for name in ("bureau_admin", "district_yubei"):
        TOTPDevice.objects.create(user=scope_ledger.users[name], name="app", confirmed=True)
    return scope_ledger


@pytest.mark.parametrize("name", USER_NAMES)
@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind[0].__name__)
def test_each_user_sees_exactly_their_objects_of_each_kind(
    full_ledger: ScopeLedger, kind: tuple, name: str
) -> None:
    model, readers, rows = kind
    seen = frozenset(
        restrict(model.objects.all(), full_ledger.users[name], VIEW).values_list("pk", flat=True)
    )
    assert seen == rows(full_ledger, readers, name)


@pytest.mark.parametrize("name", USER_NAMES)
@pytest.mark.parametrize("action", [AGGREGATE, CHANGE, ADD])
def test_each_user_counts_changes_and_adds_exactly_their_projects(
    scope_ledger: ScopeLedger, action: str, name: str
) -> None:
    seen = restrict(Project.objects.all(), scope_ledger.users[name], action)
    assert (
        scope_ledger.keys_of(seen.values_list("pk", flat=True)) == (expected.PROJECTS[action][name])
    )


@pytest.mark.parametrize("name", USER_NAMES)
def test_nobody_deletes_a_project(scope_ledger: ScopeLedger, name: str) -> None:
    assert not restrict(Project.objects.all(), scope_ledger.users[name], "delete").exists()


def test_every_action_is_in_the_matrix() -> None:
    assert set(ACTIONS) == {VIEW, AGGREGATE, CHANGE, ADD, "delete"}


# --- every read path ------------------------------------------------------------------------


def expected_through(path: ReadPath, name: str) -> frozenset[str]:
    """What ``name`` should get through ``path``: their rights within what it shows."""
    if path.admits is not None and name not in path.admits:
        return frozenset()
    return expected.PROJECTS[path.action][name] & path.universe


@pytest.mark.parametrize("name", USER_NAMES)
@pytest.mark.parametrize("path", READ_PATHS, ids=lambda path: path.name)
def test_each_user_gets_exactly_their_projects_through_each_read_path(
    scope_ledger: ScopeLedger, path: ReadPath, name: str, tmp_path: Path
) -> None:
    assert path.see(scope_ledger, scope_ledger.users[name], tmp_path) == expected_through(
        path, name
    )


def test_the_matrix_covers_the_read_paths_that_exist() -> None:
    names = {path.name for path in READ_PATHS}
    assert {
        "export-ledger --as",
        "export-ledger --event --as",
        "bulletin --event --as",
        "bulletin --series --as",
        "statistics over every event",
        "admin project list",
    } <= names
