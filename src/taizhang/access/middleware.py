"""Request middleware: idle sessions end, and each request acts for its signed-in user."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

from taizhang.access.acting import act_as
from taizhang.access.auditing import in_request, record_entry

#: The session key holding the time (seconds since the epoch) of the session's last request.
LAST_SEEN = "taizhang_last_seen"


class IdleSessionMiddleware:
    """Sign out a session that has made no request for TAIZHANG_SESSION_IDLE_MINUTES.

    Each request of a signed-in user stamps the session, which also moves its expiry (the
    cookie and the stored session last as long as the idle limit). A request after the limit
    finds the user signed out, as if they had never signed in, and the audit record says why.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            last = request.session.get(LAST_SEEN)
            if last is not None and now - float(last) > settings.SESSION_IDLE_MINUTES * 60:
                name = user.get_username()
                logout(request)
                # The request's own audit context is set after this middleware (so that the
                # request it signed out is not recorded under the user); record in it anyway.
                with in_request(request, name):
                    record_entry(
                        "auth.session_expired",
                        "user",
                        name,
                        after={"idle_minutes": settings.SESSION_IDLE_MINUTES},
                    )
            else:
                request.session[LAST_SEEN] = now
        return self.get_response(request)


class ActingUserMiddleware:
    """Restrict what the request's view reads and writes to the signed-in user's rights.

    Without it a view would act as the operator, for whom nothing is hidden; an anonymous
    request acts as the anonymous user, who may see nothing.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with act_as(request.user):
            return self.get_response(request)
