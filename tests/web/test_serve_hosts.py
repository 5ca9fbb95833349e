"""Which ``--host`` values ``taizhang serve`` accepts, given TAIZHANG_ALLOWED_HOSTS."""

from __future__ import annotations

import pytest

from taizhang.web.management.commands.serve import host_header, unreachable_host_problem

LOCAL_ONLY = ["localhost", "127.0.0.1", "[::1]"]


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
def test_loopback_hosts_are_always_accepted(settings, host: str) -> None:
    settings.ALLOWED_HOSTS = ["taizhang.example.gov.cn"]  # a reverse proxy names the public host
    assert unreachable_host_problem(host) is None


@pytest.mark.parametrize("host", ["0.0.0.0", "::"])  # noqa: S104
def test_every_address_needs_a_host_besides_this_machine(settings, host: str) -> None:
    settings.ALLOWED_HOSTS = LOCAL_ONLY
    problem = unreachable_host_problem(host)
    assert problem is not None
    assert "TAIZHANG_ALLOWED_HOSTS=" in problem
    settings.ALLOWED_HOSTS = [*LOCAL_ONLY, "taizhang.example.gov.cn"]
    assert unreachable_host_problem(host) is None


def test_an_address_must_be_allowed_itself(settings) -> None:
    settings.ALLOWED_HOSTS = ["taizhang.example.gov.cn"]
    problem = unreachable_host_problem("10.0.0.5")
    assert problem is not None
    assert "10.0.0.5" in problem
    settings.ALLOWED_HOSTS = ["taizhang.example.gov.cn", "10.0.0.5"]
    assert unreachable_host_problem("10.0.0.5") is None


def test_a_name_may_be_allowed_by_its_domain(settings) -> None:
    settings.ALLOWED_HOSTS = [".example.gov.cn"]
    assert unreachable_host_problem("taizhang.example.gov.cn") is None
    assert unreachable_host_problem("taizhang.example.com") is not None


def test_a_star_allows_anything(settings) -> None:
    settings.ALLOWED_HOSTS = ["*"]
    assert unreachable_host_problem("0.0.0.0") is None  # noqa: S104
    assert unreachable_host_problem("10.0.0.5") is None


def test_an_ipv6_address_is_checked_in_brackets(settings) -> None:
    settings.ALLOWED_HOSTS = ["[fd00::5]"]
    assert host_header("fd00::5") == "[fd00::5]"
    assert unreachable_host_problem("fd00::5") is None
