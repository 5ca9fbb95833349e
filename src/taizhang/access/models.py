"""Who a user is to the ledger (a role and scopes), and what signing in remembers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from taizhang.access.roles import Role


class Membership(models.Model):
    """A user's one role and the scopes it applies to.

    One row per user (the one-to-one key), so no account holds two roles: the security
    administrator's, the auditor's and a business role's powers are never combined. A scoped
    role (district officer, park head, chain chief, project owner) sees the projects its scopes
    cover — landing in one of ``regions`` or under it, in one of ``parks``, of one of
    ``chains``, or with ``investor`` among their investors. Users are disabled, never deleted:
    the audit record names them.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        related_name="membership",
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    regions = models.ManyToManyField(
        "ledger.Region", verbose_name=_("regions"), blank=True, related_name="+"
    )
    parks = models.ManyToManyField(
        "ledger.Park", verbose_name=_("parks"), blank=True, related_name="+"
    )
    chains = models.ManyToManyField(
        "ledger.IndustryChain", verbose_name=_("industry chains"), blank=True, related_name="+"
    )
    investor = models.ForeignKey(
        "ledger.Investor",
        verbose_name=_("investor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["user__username"]

    def __str__(self) -> str:
        return f"{self.user.get_username()} ({self.get_role_display()})"


class SignInFailure(models.Model):
    """One failed sign-in (a wrong password or code, or an attempt while locked)."""

    username = models.CharField(_("user name"), max_length=150, db_index=True)
    address = models.CharField(_("address"), max_length=64, blank=True, db_index=True)
    at = models.DateTimeField(_("at"), db_index=True)

    class Meta:
        verbose_name = _("failed sign-in")
        verbose_name_plural = _("failed sign-ins")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.username} from {self.address or '?'} at {self.at:%Y-%m-%d %H:%M:%S}"


class Lockout(models.Model):
    """A user name or an address that may not sign in until ``until``.

    Started by too many failures (TAIZHANG_LOCKOUT_FAILURES within TAIZHANG_LOCKOUT_MINUTES);
    ended by time, or early by ``taizhang users unlock``.
    """

    class Kind(models.TextChoices):
        USER = "user", _("user name")
        ADDRESS = "address", _("address")

    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    key = models.CharField(_("user name or address"), max_length=150)
    started = models.DateTimeField(_("started"))
    until = models.DateTimeField(_("until"))

    class Meta:
        verbose_name = _("lockout")
        verbose_name_plural = _("lockouts")
        ordering = ["-started"]
        indexes = [models.Index(fields=["kind", "key", "until"], name="lockout_key_until")]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} until {self.until:%Y-%m-%d %H:%M:%S}"


class DemoMark(models.Model):
    """Present when ``taizhang demo`` loaded this database.

    A demo database requires no second factor, and its administrator — a superuser, the only
    one taizhang makes — may do everything. Nowhere else is Django's superuser flag honoured.
    """

    marked_at = models.DateTimeField(_("marked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("demo mark")
        verbose_name_plural = _("demo marks")

    def __str__(self) -> str:
        return f"demo since {self.marked_at:%Y-%m-%d %H:%M}"
