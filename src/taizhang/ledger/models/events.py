"""Signing events (ceremonies) and the exchange rates each one states amounts at."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from taizhang.ledger.models.base import BilingualNamed


class Event(BilingualNamed):
    """A signing ceremony: one edition (a year) of a series such as SCE, hosted by a region.

    Projects that land in the host region or under it make up the event's published figures;
    those landing elsewhere are reported apart. ``sector_scheme`` is the classification its
    bulletin reports sectors by.
    """

    code = models.CharField(_("code"), max_length=32, unique=True)
    series = models.CharField(_("series"), max_length=32)
    edition = models.PositiveSmallIntegerField(_("edition"))
    date = models.DateField(_("date"))
    venue_zh = models.CharField(_("venue (Chinese)"), max_length=200, blank=True)
    venue_en = models.CharField(_("venue (English)"), max_length=200, blank=True)
    host = models.ForeignKey(
        "ledger.Region",
        verbose_name=_("host region"),
        on_delete=models.PROTECT,
        related_name="hosted_events",
    )
    sector_scheme = models.ForeignKey(
        "ledger.ClassificationScheme",
        verbose_name=_("sector classification"),
        on_delete=models.PROTECT,
        related_name="events",
    )

    class Meta:
        verbose_name = _("signing event")
        verbose_name_plural = _("signing events")
        ordering = ["series", "edition"]
        constraints = [
            models.UniqueConstraint(fields=["series", "edition"], name="event_unique_edition")
        ]

    def rate(self, currency: str) -> Decimal | None:
        """Yuan per unit of ``currency`` at this event, or None when the event states none."""
        if currency.upper() == "CNY":
            return Decimal(1)
        found = self.exchange_rates.filter(currency=currency.upper()).first()
        return found.yuan_per_unit if found else None


class ExchangeRate(models.Model):
    """The rate an event converts another currency at (yuan per unit), and states US$ totals by."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="exchange_rates"
    )
    currency = models.CharField(_("currency"), max_length=3, help_text=_("ISO 4217 code"))
    yuan_per_unit = models.DecimalField(_("yuan per unit"), max_digits=20, decimal_places=10)

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        ordering = ["event", "currency"]
        constraints = [
            models.UniqueConstraint(fields=["event", "currency"], name="rate_unique_currency"),
            models.CheckConstraint(condition=models.Q(yuan_per_unit__gt=0), name="rate_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.event.code} {self.currency} = {self.yuan_per_unit} CNY"
