"""Views of the web app."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from taizhang.web.health import health_report


@require_safe
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database check for load balancers and monitoring."""
    status, body = health_report()
    return JsonResponse(body, status=status)


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The landing page: what this is and where to go."""
    return render(request, "web/home.html")
