"""Managing users and editing projects speak whole sentences in Chinese, with Chinese lists.

Each refusal to manage one's own account is its own sentence (Chinese puts the action after
the account), a count of authenticators takes ngettext, and a stale edit lists the fields
changed with 、 and the changes with ；. Through the real catalogue and the real commands.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal
from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from taizhang.access.roles import Role
from taizhang.ledger.services.projects import StaleEdit, update_project
from tests.access.scope_ledger import ScopeLedger
from tests.support.accounts import make_user, totp_device


def users(*args: str) -> str:
    """Run ``taizhang users`` in this process, with nothing on its standard input."""
    out = io.StringIO()
    with mock.patch("sys.stdin", io.StringIO("")):
        call_command("users", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def security(db):
    return make_user("security", Role.SECURITY_ADMIN)


@pytest.mark.parametrize(
    ("action", "chinese", "english"),
    [
        (
            ["change", "security", "--role", "bureau_admin"],
            "任何人都不能修改自己账号的角色：请由其他安全管理员办理。",
            "Nobody may change the role of their own account: ask another security administrator.",
        ),
        (
            ["disable", "security"],
            "任何人都不能停用自己的账号：请由其他安全管理员办理。",
            "Nobody may disable their own account: ask another security administrator.",
        ),
        (
            ["enable", "security"],
            "任何人都不能启用自己的账号：请由其他安全管理员办理。",
            "Nobody may enable their own account: ask another security administrator.",
        ),
        (
            ["reset-2fa", "security"],
            "任何人都不能重置自己账号的第二重验证：请由其他安全管理员办理。",
            "Nobody may reset the second factor of their own account: ask another security "
            "administrator.",
        ),
    ],
)
def test_each_refusal_to_manage_ones_own_account_is_one_whole_sentence(
    security, action: list[str], chinese: str, english: str
) -> None:
    for language, expected in (("zh-hans", chinese), ("en", english)):
        with translation.override(language), pytest.raises(CommandError) as refused:
            users(*action, "--as", "security")
        assert str(refused.value) == expected


@pytest.mark.parametrize(
    ("devices", "english", "chinese"),
    [
        (1, "Removed 1 authenticator of wang: ", "已删除 li 的1个身份验证器："),
        (2, "Removed 2 authenticators of wang: ", "已删除 li 的2个身份验证器："),
    ],
)
def test_the_authenticators_removed_are_counted_in_singular_or_plural(
    security, devices: int, english: str, chinese: str
) -> None:
    for language, name, expected in (("en", "wang", english), ("zh-hans", "li", chinese)):
        user = make_user(name, Role.VIEWER)
        for _ in range(devices):
            totp_device(user)
        with translation.override(language):
            said = users("reset-2fa", name, "--as", "security")
        assert said.startswith(expected), said


def test_the_roles_to_choose_from_are_listed_with_the_chinese_list_separator(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with translation.override("zh-hans"), pytest.raises(SystemExit):
        call_command("users", "add", "--help")
    help_text = capsys.readouterr().out
    assert "以下之一：bureau_admin、bureau_staff、district_officer、" in help_text


def test_a_stale_edit_lists_fields_with_the_list_separator_and_changes_with_the_clause_one(
    scope_ledger: ScopeLedger,
) -> None:
    project = scope_ledger.projects["lj_park"]
    staff = scope_ledger.users["bureau_staff"]
    update_project(
        project.pk,
        {"responsible_unit": "两江新区招商局", "responsible_person": "王五"},
        based_on_version=1,
        user=staff,
    )
    update_project(project.pk, {"value": Decimal("150000000.00")}, based_on_version=2, user=staff)

    with translation.override("zh-hans"), pytest.raises(StaleEdit) as refused:
        update_project(project.pk, {"description": "x"}, based_on_version=1, user=staff)

    # Oldest change first, each with its fields; "when" is the time of the test run.
    assert re.search(
        r"：bureau_staff 于 [\d-]+ [\d:]+ 修改了责任人、责任单位（cli）；"
        r"bureau_staff 于 [\d-]+ [\d:]+ 修改了合同投资额（元）（cli）。未保存任何内容。",
        str(refused.value),
    ), str(refused.value)
