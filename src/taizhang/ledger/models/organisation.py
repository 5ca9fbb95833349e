"""Parks and industry chains: who is accountable for a place and for a chain of industry."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from taizhang.ledger.models.base import BilingualNamed


class Park(BilingualNamed):
    """An industrial park within a region, run by its park head (园长)."""

    region = models.ForeignKey(
        "ledger.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="parks"
    )
    head_name = models.CharField(_("park head"), max_length=100, blank=True)
    head_title = models.CharField(_("park head's post"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("park")
        verbose_name_plural = _("parks")
        ordering = ["region__path", "name_zh"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name_zh"], name="park_unique_name_in_region")
        ]


class IndustryChain(BilingualNamed):
    """An industry chain with its chain chief (链长), a designated government official."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    chief_name = models.CharField(_("chain chief"), max_length=100, blank=True)
    chief_title = models.CharField(_("chain chief's post"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("industry chain")
        verbose_name_plural = _("industry chains")
        ordering = ["code"]


class ChainOwner(models.Model):
    """A chain owner (链主): a leading enterprise or association head of an industry chain."""

    chain = models.ForeignKey(
        IndustryChain,
        verbose_name=_("industry chain"),
        on_delete=models.CASCADE,
        related_name="owners",
    )
    name = models.CharField(_("name"), max_length=100)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    investor = models.ForeignKey(
        "ledger.Investor",
        verbose_name=_("investor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="chains_led",
    )

    class Meta:
        verbose_name = _("chain owner")
        verbose_name_plural = _("chain owners")
        ordering = ["chain", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})" if self.organisation else self.name
