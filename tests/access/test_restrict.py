"""restrict() itself: its Python twin agrees with it, and what it refuses to guess."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from taizhang.access.acting import OPERATOR
from taizhang.access.restrict import (
    ADD,
    AGGREGATE,
    CHANGE,
    VIEW,
    admits_project,
    forget_grant,
    permits,
    restrict,
)
from taizhang.ledger.models import Project
from tests.access.scope_ledger import ALL, USERS, ScopeLedger


@pytest.mark.parametrize("action", [VIEW, AGGREGATE, CHANGE, ADD])
def test_the_rule_for_rows_not_written_yet_agrees_with_restrict(
    scope_ledger: ScopeLedger, action: str
) -> None:
    for name in USERS:
        user = scope_ledger.users[name]
        allowed = set(restrict(Project.objects.all(), user, action).values_list("pk", flat=True))
        for project in Project.objects.select_related("region"):
            admitted = admits_project(
                user,
                action,
                region_path=project.region.path,
                park_id=project.park_id,
                chain_id=project.industry_chain_id,
                investor_ids=project.investor_links.values_list("investor_id", flat=True),
            )
            assert admitted == (project.pk in allowed), (name, project.name)


def test_the_operator_sees_everything(scope_ledger: ScopeLedger) -> None:
    seen = restrict(Project.objects.all(), OPERATOR, VIEW).values_list("pk", flat=True)
    assert scope_ledger.keys_of(seen) == ALL


def test_an_anonymous_visitor_sees_nothing(scope_ledger: ScopeLedger) -> None:
    assert not restrict(Project.objects.all(), AnonymousUser(), AGGREGATE).exists()
    assert not permits(AnonymousUser(), Project, VIEW)


def test_a_disabled_user_sees_nothing(scope_ledger: ScopeLedger) -> None:
    user = scope_ledger.users["bureau_admin"]
    user.is_active = False
    assert not restrict(Project.objects.all(), user, VIEW).exists()


def test_an_unknown_action_is_a_programming_error(scope_ledger: ScopeLedger) -> None:
    with pytest.raises(ValueError, match="unknown action 'read'"):
        restrict(Project.objects.all(), scope_ledger.users["bureau_admin"], "read")


def test_a_kind_without_a_rule_is_hidden(scope_ledger: ScopeLedger) -> None:
    from django.contrib.sessions.models import Session

    assert not permits(scope_ledger.users["bureau_admin"], Session, VIEW)
    assert permits(OPERATOR, Session, VIEW)


def test_a_changed_scope_is_read_again_once_forgotten(scope_ledger: ScopeLedger) -> None:
    user = scope_ledger.users["district_lj"]
    before = restrict(Project.objects.all(), user, VIEW).count()
    user.membership.regions.add(scope_ledger.regions["500112"])
    forget_grant(user)
    assert restrict(Project.objects.all(), user, VIEW).count() == before + 3


def test_permits_makes_no_query(scope_ledger: ScopeLedger, django_assert_num_queries) -> None:
    user = scope_ledger.users["district_yubei"]
    permits(user, Project, VIEW)  # reads the grant once
    with django_assert_num_queries(0):
        assert permits(user, Project, VIEW)
        assert not permits(user, Project, "delete")
