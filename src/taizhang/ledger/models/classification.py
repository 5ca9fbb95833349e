"""Classification schemes and their categories: an event's reporting sectors, the NBS industries."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from taizhang.ledger.models.base import BilingualNamed

#: The scheme code of the national classification of strategic emerging industries (NBS 2018).
STRATEGIC_EMERGING_SCHEME = "NBS-SEI-2018"


class ClassificationScheme(BilingualNamed):
    """A list of categories projects are classified by, such as one event's reporting sectors."""

    code = models.CharField(_("code"), max_length=32, unique=True)

    class Meta:
        verbose_name = _("classification scheme")
        verbose_name_plural = _("classification schemes")
        ordering = ["code"]


class Category(BilingualNamed):
    """One category of a scheme. ``is_other`` marks the catch-all, which reports list last."""

    scheme = models.ForeignKey(
        ClassificationScheme,
        verbose_name=_("scheme"),
        on_delete=models.PROTECT,
        related_name="categories",
    )
    code = models.CharField(_("code"), max_length=32)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_other = models.BooleanField(_("catch-all category"), default=False)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["scheme", "is_other", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="category_unique_code"),
            models.UniqueConstraint(fields=["scheme", "name_zh"], name="category_unique_name"),
        ]

    def __str__(self) -> str:
        # "其他" exists in many schemes; the scheme's code tells them apart in drop-downs.
        return f"{self.name} ({self.scheme.code})"
