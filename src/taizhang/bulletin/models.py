"""Published bulletins: the figures an event's bulletin stated, frozen when they were published."""

from __future__ import annotations

import json
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class PublishedBulletinQuerySet(models.QuerySet):
    def latest_for(self, event) -> PublishedBulletin | None:
        """The publication in force for ``event``: the last one, corrections included."""
        return self.filter(event=event).order_by("-id").first()


class PublishedBulletin(models.Model):
    """One publication of an event's bulletin: its figures as published, and what they stood on.

    ``figures_json`` is the JSON form of the bulletin (shared/spec/bulletin.md) exactly as it
    was published, byte for byte (text, not a JSON column: PostgreSQL's ``jsonb`` would
    reorder its keys); :attr:`figures` reads it. ``counted`` lists ``[id, version]`` of every
    project the figures counted, so that a later look can say which have since been
    withdrawn, amended or added; ``ledger_hash`` is the SHA-256 of those projects' counted
    fields (:mod:`taizhang.bulletin.publishing`).

    Publications are never changed or deleted: a correction is a new publication of the same
    event, with a ``reason``; the newest one is in force.
    """

    event = models.ForeignKey(
        "ledger.Event",
        verbose_name=_("event"),
        on_delete=models.PROTECT,
        related_name="published_bulletins",
    )
    figures_json = models.TextField(_("figures (JSON as published)"))
    published_at = models.DateTimeField(_("published at"))
    published_by = models.CharField(_("published by"), max_length=200)
    reason = models.TextField(_("reason"), blank=True)
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    ledger_hash = models.CharField(_("hash of the ledger rows"), max_length=64)
    counted = models.JSONField(_("projects counted (id, version)"), default=list)

    objects = PublishedBulletinQuerySet.as_manager()

    class Meta:
        verbose_name = _("published bulletin")
        verbose_name_plural = _("published bulletins")
        ordering = ["event", "id"]
        indexes = [models.Index(fields=["event", "id"], name="published_bulletin_event")]

    def __str__(self) -> str:
        return f"{self.event.code} @ {self.published_at:%Y-%m-%d %H:%M}"

    @property
    def figures(self) -> dict[str, Any]:
        """The published figures, read from :attr:`figures_json`."""
        return json.loads(self.figures_json)
