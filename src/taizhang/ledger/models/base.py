"""Pieces shared by the ledger's models."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class BilingualNamed(models.Model):
    """A thing with a Chinese and an English name; ``name`` is the one in the active language."""

    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the active language, falling back to the other one when it is missing."""
        language = (get_language() or "zh-hans").lower()
        if language.startswith("en"):
            return self.name_en or self.name_zh
        return self.name_zh or self.name_en
