"""One flat model holding a ledger row, as a team would model it for django-import-export."""

from __future__ import annotations

from django.db import models


class LedgerRow(models.Model):
    """A signed project, one field per ledger column.

    The region is a foreign key to taizhang's own regions, so that an unknown region fails the
    row as it does in ``taizhang import-ledger``; the rest is plain columns (no investor or
    sector tables): the baseline is the simplest equivalent, which flatters it.
    """

    name = models.CharField(max_length=300, unique=True)
    investor = models.CharField(max_length=500)
    investor_type = models.CharField(max_length=16)
    value = models.DecimalField(max_digits=20, decimal_places=2)
    mode = models.CharField(max_length=16)
    signing_date = models.DateField()
    region = models.ForeignKey("ledger.Region", on_delete=models.PROTECT, related_name="+")
    sector = models.CharField(max_length=100)
    investor_origin = models.CharField(max_length=100, blank=True)
    strategic_emerging = models.CharField(max_length=100, blank=True)
    project_type = models.CharField(max_length=16, blank=True)
    responsible_unit = models.CharField(max_length=200, blank=True)
    responsible_person = models.CharField(max_length=100, blank=True)
    planned_start = models.DateField(null=True, blank=True)
    planned_production = models.DateField(null=True, blank=True)
    description = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.name
