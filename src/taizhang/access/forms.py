"""The sign-in forms: user name and password, then the code from the authenticator app."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class PasswordForm(forms.Form):
    """The first step: who, and their password."""

    username = forms.CharField(label=_("User name"), max_length=150)
    password = forms.CharField(label=_("Password"), strip=False, widget=forms.PasswordInput)


class CodeForm(forms.Form):
    """The second step: the six-digit code the authenticator app shows now."""

    code = forms.RegexField(
        label=_("Code"),
        regex=r"^\s*\d{6,8}\s*$",
        max_length=16,
        error_messages={"invalid": _("Type the 6 digits your authenticator app shows now.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
