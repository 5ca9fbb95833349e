"""Investors: the enterprises that sign projects."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from taizhang.ledger.credit_code import credit_code_problem, normalise_credit_code
from taizhang.ledger.models.base import BilingualNamed
from taizhang.ledger.normalise import normalise_name


class InvestorType(models.TextChoices):
    """The investor types bulletins report by. Foreign includes Hong Kong, Macao and Taiwan."""

    STATE = "state", _("state-owned")
    PRIVATE = "private", _("private")
    FOREIGN = "foreign", _("foreign")
    OTHER = "other", _("other")


def validate_credit_code(value: str) -> None:
    """Model-field validator for GB 32100-2015 codes."""
    problem = credit_code_problem(value)
    if problem:
        raise ValidationError(
            _("%(code)s is not a valid unified social credit code: %(problem)s."),
            params={"code": value, "problem": problem},
            code="invalid_credit_code",
        )


class Investor(BilingualNamed):
    """An enterprise that invests in projects.

    The unified social credit code identifies an investor when it is known; otherwise the
    normalised name does (``name_key``): "重庆某某科技有限公司" and "重庆某某科技 有限公司" are one.
    """

    name_key = models.CharField(_("matching key"), max_length=200, editable=False, db_index=True)
    aliases = models.JSONField(_("aliases"), default=list, blank=True)
    type = models.CharField(_("investor type"), max_length=16, choices=InvestorType.choices)
    origin = models.ForeignKey(
        "ledger.Region",
        verbose_name=_("origin"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="investors",
        help_text=_("A country, or a province-level division of China."),
        # Indexed by investor_origin only where set: an import's new investors mostly leave it
        # empty, and a bulk insert then writes no index entry for those rows.
        db_index=False,
    )
    # NULL, not "", for "no code": the unique constraint must ignore investors without one.
    credit_code = models.CharField(  # noqa: DJ001
        _("unified social credit code"),
        max_length=18,
        null=True,
        blank=True,
        validators=[validate_credit_code],
    )
    fortune_global_500 = models.BooleanField(_("Fortune Global 500"), default=False)
    china_top_500 = models.BooleanField(_("China Top 500"), default=False)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="subsidiaries",
        # Indexed by investor_parent only where set, as origin.
        db_index=False,
    )

    class Meta:
        verbose_name = _("investor")
        verbose_name_plural = _("investors")
        ordering = ["name_key"]
        indexes = [
            models.Index(
                fields=["origin"], condition=models.Q(origin__isnull=False), name="investor_origin"
            ),
            models.Index(
                fields=["parent"], condition=models.Q(parent__isnull=False), name="investor_parent"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["credit_code"],
                condition=models.Q(credit_code__isnull=False),
                name="investor_unique_credit_code",
            ),
            models.UniqueConstraint(
                fields=["name_key"],
                condition=models.Q(credit_code__isnull=True),
                name="investor_unique_name_without_code",
            ),
        ]

    def clean(self) -> None:
        if self.credit_code:
            self.credit_code = normalise_credit_code(self.credit_code)
        if not (self.name_zh or self.name_en):
            raise ValidationError(_("An investor needs a name in Chinese or English."))

    def save(self, *args, **kwargs) -> None:
        if self.credit_code:
            self.credit_code = normalise_credit_code(self.credit_code)
        else:
            self.credit_code = None  # blank and absent are the same: no code
        self.name_key = normalise_name(self.name_zh or self.name_en)
        super().save(*args, **kwargs)
