"""Signing in and out: password, then a code from the authenticator app when one is needed.

1. ``signin``: user name and password, through the lockout backend.
2. ``code``: the authenticator's code, for a user who has a device; or ``enrol``: setting one
   up, for a user who must have one and has none (the secret and ``otpauth://`` link shown,
   nothing loaded from elsewhere).
3. Signed in: the session is marked verified (django-otp) and stamped for the idle limit, and
   the sign-in is recorded.

Between steps 1 and 2 the session holds only the pending user's id, for
:data:`PENDING_SECONDS`; a wrong code counts as a failed sign-in, for the lockout too.
"""

from __future__ import annotations

import time
from typing import Any

from django.contrib.auth import authenticate, get_user_model, login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from taizhang.access import lockout, twofactor
from taizhang.access.auditing import record_entry
from taizhang.access.forms import CodeForm, PasswordForm
from taizhang.access.middleware import LAST_SEEN
from taizhang.access.restrict import grant_of
from taizhang.access.roles import role_label

PENDING = "taizhang_sign_in"
#: How long the second step may wait after the password was right.
PENDING_SECONDS = 300
BACKEND = "taizhang.access.backends.LockoutBackend"


def _next_url(request: HttpRequest, given: str | None = None) -> str:
    candidate = given if given is not None else request.POST.get("next", request.GET.get("next"))
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("home")


def locked_message(lock: lockout.Locked) -> str:
    """What the sign-in page says while a lock is in force."""
    minutes = lock.minutes_left()
    if lock.kind == lockout.Kind.ADDRESS:
        text = ngettext(
            "Too many failed sign-ins from this address: it may not sign in for %(minutes)d "
            "more minute. Try again later.",
            "Too many failed sign-ins from this address: it may not sign in for %(minutes)d "
            "more minutes. Try again later.",
            minutes,
        )
    else:
        text = ngettext(
            "Too many failed sign-ins: this account is locked for %(minutes)d more minute. "
            "Try again later, or ask a security administrator to unlock it.",
            "Too many failed sign-ins: this account is locked for %(minutes)d more minutes. "
            "Try again later, or ask a security administrator to unlock it.",
            minutes,
        )
    return text % {"minutes": minutes}


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def signin(request: HttpRequest) -> HttpResponse:
    """Step 1: user name and password."""
    next_url = _next_url(request)
    if request.user.is_authenticated and twofactor.satisfied(request):
        return redirect(next_url)
    message = ""
    form = PasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        user = authenticate(request, username=username, password=form.cleaned_data["password"])
        if user is not None:
            if twofactor.needed_at_sign_in(user):
                request.session[PENDING] = {"user": user.pk, "at": time.time(), "next": next_url}
                step = "code" if twofactor.confirmed_device(user) else "enrol"
                return redirect(f"access:{step}")
            return _complete(request, user, None, next_url)
        lock = lockout.locked(username, lockout.client_address(request))
        message = (
            locked_message(lock)
            if lock
            else _(
                "The user name or the password is wrong, or the account is disabled. Check "
                "both and try again."
            )
        )
    status = 200 if not message else 401
    context = {"form": form, "next": next_url, "message": message}
    return render(request, "access/signin.html", context, status=status)


@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def code(request: HttpRequest) -> HttpResponse:
    """Step 2: the code from the user's authenticator app."""
    pending = _pending(request)
    if pending is None:
        return redirect("access:signin")
    user, next_url = pending
    if twofactor.confirmed_device(user) is None:
        return redirect("access:enrol")
    form = CodeForm(request.POST or None)
    message = ""
    if request.method == "POST" and form.is_valid():
        device = twofactor.verify(user, form.cleaned_data["code"])
        if device is not None:
            return _complete(request, user, device, next_url)
        message = _wrong_code(request, user)
        if PENDING not in request.session:
            return render(request, "access/signin.html", _restart(next_url, message), status=401)
    context = {"form": form, "username": user.get_username(), "message": message}
    return render(request, "access/code.html", context, status=401 if message else 200)


@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest) -> HttpResponse:
    """Step 2 for a user who must use a second factor and has none: set one up."""
    pending = _pending(request)
    if pending is None:
        return redirect("access:signin")
    user, next_url = pending
    if twofactor.confirmed_device(user) is not None:
        return redirect("access:code")
    device = twofactor.pending_device(user)
    form = CodeForm(request.POST or None)
    message = ""
    if request.method == "POST" and form.is_valid():
        if twofactor.confirm(device, form.cleaned_data["code"]):
            return _complete(request, user, device, next_url)
        message = _wrong_code(request, user)
        if PENDING not in request.session:
            return render(request, "access/signin.html", _restart(next_url, message), status=401)
    return _enrol_page(request, user, device, form, message)


@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    """Set up (or replace) a second factor for the signed-in user: open to everyone."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('access:signin')}?next={request.path}")
    user = request.user
    device = twofactor.pending_device(user)
    form = CodeForm(request.POST or None)
    message = ""
    if request.method == "POST" and form.is_valid():
        if twofactor.confirm(device, form.cleaned_data["code"]):
            otp_login(request, device)
            return redirect(_next_url(request))
        message = _("That code is not the one the app shows now: type the current code.")
    return _enrol_page(request, user, device, form, message)


@require_POST
@csrf_protect
def signout(request: HttpRequest) -> HttpResponse:
    """Sign out, and record it."""
    if request.user.is_authenticated:
        name = request.user.get_username()
        logout(request)
        record_entry("auth.signout", "user", name, actor=name)
    return redirect("access:signin")


# --- steps ------------------------------------------------------------------------------------


def _pending(request: HttpRequest) -> tuple[Any, str] | None:
    """The user between steps 1 and 2, and where they go next; None when none or expired."""
    pending = request.session.get(PENDING)
    if not pending or time.time() - float(pending.get("at", 0)) > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return None
    user = get_user_model().objects.filter(pk=pending.get("user"), is_active=True).first()
    if user is None:
        request.session.pop(PENDING, None)
        return None
    return user, _next_url(request, pending.get("next", ""))


def _wrong_code(request: HttpRequest, user: Any) -> str:
    """Count a wrong code as a failed sign-in; the message to show."""
    lock = lockout.register_failure(user.get_username(), lockout.client_address(request), "code")
    if lock is not None:
        request.session.pop(PENDING, None)
        return locked_message(lock)
    return _("That code is not the one the app shows now: type the current code.")


def _restart(next_url: str, message: str) -> dict[str, Any]:
    return {"form": PasswordForm(), "next": next_url, "message": message}


def _enrol_page(
    request: HttpRequest, user: Any, device: Any, form: CodeForm, message: str
) -> HttpResponse:
    context = {
        "form": form,
        "username": user.get_username(),
        "role": role_label(grant_of(user).role or ""),
        "secret": twofactor.secret_of(device),
        "uri": twofactor.uri_of(device),
        "message": message,
    }
    return render(request, "access/enrol.html", context, status=401 if message else 200)


def _complete(request: HttpRequest, user: Any, device: Any, next_url: str) -> HttpResponse:
    """Sign ``user`` in (verified by ``device`` when given), stamp and record it."""
    request.session.pop(PENDING, None)
    login(request, user, backend=BACKEND)
    if device is not None:
        otp_login(request, device)
    request.session[LAST_SEEN] = time.time()
    record_entry(
        "auth.signin",
        "user",
        user.get_username(),
        after={"address": lockout.client_address(request), "second_factor": device is not None},
        actor=user.get_username(),
    )
    return redirect(next_url)
