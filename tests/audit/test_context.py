"""Who is acting: the command-line user by default, the request's user on the web."""

from __future__ import annotations

import threading

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpResponse
from django.test import RequestFactory

from taizhang.audit.context import AuditContext, acting_as, current, os_user
from taizhang.audit.middleware import AuditContextMiddleware
from taizhang.audit.models import Source


def test_the_command_line_user_acts_when_nobody_else_does() -> None:
    assert current() == AuditContext(actor=f"cli:{os_user()}", source="cli")


def test_acting_as_lasts_as_long_as_its_block_and_nests() -> None:
    with acting_as("li.na", Source.WEB, "r1"):
        with acting_as("cli:ops", Source.CLI):
            assert current().actor == "cli:ops"
        assert current() == AuditContext("li.na", "web", "r1")
    assert current().actor.startswith("cli:")


def test_another_thread_does_not_see_this_thread_s_actor() -> None:
    seen: list[str] = []
    with acting_as("li.na", Source.WEB):
        worker = threading.Thread(target=lambda: seen.append(current().actor))
        worker.start()
        worker.join()
    assert seen == [f"cli:{os_user()}"]


def test_a_user_without_a_name_in_the_system_is_unknown(monkeypatch) -> None:
    def no_name() -> str:
        raise KeyError("getpwuid(): uid not found: 1234")

    monkeypatch.setattr("taizhang.audit.context.getpass.getuser", no_name)
    assert current().actor == "cli:unknown"


def run_request(path: str, user=None, **headers: str) -> tuple[AuditContext, HttpResponse]:
    seen: list[AuditContext] = []

    def view(request):
        seen.append(current())
        return HttpResponse("ok")

    request = RequestFactory().get(path, headers=headers)
    request.user = user or AnonymousUser()
    response = AuditContextMiddleware(view)(request)
    return seen[0], response


@pytest.mark.django_db
def test_a_web_request_acts_as_its_signed_in_user() -> None:
    user = User(username="zhang.wei")
    context, response = run_request("/projects/", user)
    assert (context.actor, context.source) == ("zhang.wei", "web")
    assert response["X-Request-ID"] == context.request_id
    assert len(context.request_id) == 32


def test_an_anonymous_request_is_recorded_as_anonymous() -> None:
    context, _response = run_request("/")
    assert context.actor == "anonymous"


def test_the_admin_site_and_the_api_are_sources_of_their_own() -> None:
    assert run_request("/admin/ledger/project/")[0].source == "admin"
    assert run_request("/api/projects")[0].source == "api"


def test_the_proxy_s_request_id_is_kept_when_it_is_plain_text() -> None:
    context, response = run_request("/", **{"X-Request-ID": "edge-1234"})
    assert context.request_id == response["X-Request-ID"] == "edge-1234"
    context, _response = run_request("/", **{"X-Request-ID": "a b<script>" * 10})
    assert context.request_id != "a b<script>" * 10


def test_the_context_ends_with_the_request() -> None:
    run_request("/", User(username="zhang.wei"))
    assert current().actor.startswith("cli:")
