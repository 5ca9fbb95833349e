"""Regions: countries, China's provinces, districts, counties and functional areas."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from taizhang.ledger.models.base import BilingualNamed

PATH_SEPARATOR = "/"


class RegionQuerySet(models.QuerySet):
    def within(self, region: Region) -> RegionQuerySet:
        """The region itself and every region under it, through their parents."""
        return self.filter(path__startswith=region.path)


class Region(BilingualNamed):
    """A place a project lands in, an investor comes from, or an event is hosted by.

    ``code`` is the GB/T 2260 code for Chinese administrative divisions, the ISO 3166-1 alpha-2
    code for countries, and a code of the system's own for functional areas without one
    (Liangjiang New Area and the like). ``path`` holds the codes of every ancestor and the region
    itself (``/CN/500000/500112/``), kept by :meth:`save`, so "is within" is one indexed prefix
    match in the database rather than a walk up the parents.
    """

    class Level(models.TextChoices):
        COUNTRY = "country", _("country")
        PROVINCE = "province", _("province-level division")
        PREFECTURE = "prefecture", _("prefecture-level division")
        DISTRICT = "district", _("district")
        COUNTY = "county", _("county")
        FUNCTIONAL_AREA = "area", _("functional area")

    code = models.CharField(_("code"), max_length=16, unique=True)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(_("path"), max_length=255, editable=False, db_index=True)
    aliases = models.JSONField(
        _("aliases"),
        default=list,
        blank=True,
        help_text=_("Other names a ledger file may use for this region, e.g. a short name."),
    )
    is_active = models.BooleanField(
        _("current"), default=True, help_text=_("Retired codes stay for old projects.")
    )

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["path"]

    def compute_path(self) -> str:
        """The path from the parent's path (which must be current) and this region's code."""
        prefix = self.parent.path if self.parent_id else PATH_SEPARATOR
        return f"{prefix}{self.code}{PATH_SEPARATOR}"

    def save(self, *args, **kwargs) -> None:
        old_path = self.path
        self.path = self.compute_path()
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            # A move or a new code re-roots the subtree; keep every descendant's path true.
            for child in self.children.all():
                child.save()

    def is_within(self, other: Region) -> bool:
        """True when this region is ``other`` or lies under it."""
        return self.path.startswith(other.path)
