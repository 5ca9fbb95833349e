"""Who is acting in a web request: the signed-in user, from the web, the admin or the API.

Placed after Django's AuthenticationMiddleware, it sets :mod:`taizhang.audit.context` for the
request's view, so that a write service records the user and the request without being told.
The request id is the proxy's ``X-Request-ID`` when it sends a usable one, else a new one;
it is returned in the response's ``X-Request-ID``, so that a user's report of a problem leads
to the request's entries.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse

from taizhang.audit.context import acting_as
from taizhang.audit.models import Source

HEADER = "X-Request-ID"
ANONYMOUS = "anonymous"
_USABLE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
#: Where the request's id is kept on the request once chosen.
_REQUEST_ID = "taizhang_request_id"


class AuditContextMiddleware:
    """Set the audit context (user, source, request id) around each request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request_id_of(request)
        with acting_as(actor_of(request), source_of(request), request_id):
            response = self.get_response(request)
        response[HEADER] = request_id
        return response


def request_id_of(request: HttpRequest) -> str:
    """The request's id: the proxy's when it is short plain text, else a new random one.

    Chosen once and kept on the request, so that what a middleware placed before this one
    records (an idle session ended) carries the same id as the view's entries and the
    response's ``X-Request-ID``.
    """
    chosen = getattr(request, _REQUEST_ID, None)
    if chosen is None:
        given = request.headers.get(HEADER, "")
        chosen = given if _USABLE_ID.match(given) else uuid.uuid4().hex
        setattr(request, _REQUEST_ID, chosen)
    return chosen


def actor_of(request: HttpRequest) -> str:
    """The signed-in user's name, or ``anonymous``."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ANONYMOUS
    return user.get_username()


def source_of(request: HttpRequest) -> str:
    """``admin`` under the admin site, ``api`` under /api/, else ``web``."""
    try:
        admin_prefix = reverse("admin:index")
    except NoReverseMatch:
        admin_prefix = None
    if admin_prefix and request.path.startswith(admin_prefix):
        return Source.ADMIN
    if request.path.startswith("/api/"):
        return Source.API
    return Source.WEB
