"""An idle session's end is recorded as part of the request that found it: from the web (or
the admin), with that request's id — the one its response and its other entries carry."""

from __future__ import annotations

import time

import pytest
from django.test import Client

from taizhang.access.middleware import LAST_SEEN
from taizhang.access.roles import Role
from taizhang.audit.models import AuditEntry
from tests.support.accounts import PASSWORD, make_user, sign_in


@pytest.fixture(autouse=True)
def _thirty_idle_minutes(settings) -> None:
    settings.SESSION_IDLE_MINUTES = 30


def go_idle(client: Client, minutes: float) -> None:
    """Make the session's last request ``minutes`` old, as the server stored it."""
    session = client.session
    session[LAST_SEEN] = time.time() - minutes * 60
    session.save()


def expiries() -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action="auth.session_expired").order_by("id"))


def test_a_session_found_idle_on_a_page_is_recorded_from_the_web_with_the_requests_id(
    db, client: Client
) -> None:
    make_user("zhang.wei", Role.DISTRICT_OFFICER)
    signed_in = client.post("/signin/", {"username": "zhang.wei", "password": PASSWORD})
    assert signed_in.status_code == 302
    assert client.get("/account/two-factor/").status_code == 200  # stamps the session
    go_idle(client, 31)

    response = client.get("/account/two-factor/", HTTP_X_REQUEST_ID="req-idle-42")

    assert response.status_code == 302  # signed out: back to the sign-in page
    (entry,) = expiries()
    assert (entry.actor, entry.source, entry.request_id) == ("zhang.wei", "web", "req-idle-42")
    assert entry.after == {"idle_minutes": 30}
    assert response["X-Request-ID"] == "req-idle-42"


def test_without_a_proxys_id_the_entry_and_the_response_share_the_one_made_for_the_request(
    db, client: Client
) -> None:
    sign_in(client, make_user("admin1", Role.BUREAU_ADMIN))
    assert client.get("/admin/").status_code == 200
    go_idle(client, 45)

    response = client.get("/admin/")

    (entry,) = expiries()
    assert (entry.actor, entry.source) == ("admin1", "admin")
    assert entry.request_id and entry.request_id == response["X-Request-ID"]
    # The next request is another one, with an id of its own.
    assert client.get("/admin/")["X-Request-ID"] != entry.request_id
