"""The reference data every taizhang database starts with, and the one call that loads it."""

from __future__ import annotations

from importlib import resources

from django.db import models

from taizhang.ledger.reference.countries import country_rows
from taizhang.ledger.reference.csvfile import parse_region_csv
from taizhang.ledger.reference.industries import load_strategic_emerging
from taizhang.ledger.reference.loader import LoadResult, load_regions
from taizhang.ledger.reference.rows import RegionRow

#: The shipped region files, in the order they are read (parents may come later anyway).
REGION_FILES = ("china.csv", "chongqing.csv")


def shipped_region_rows() -> list[RegionRow]:
    """China, its 34 province-level divisions, Chongqing's districts and areas, the countries."""
    data = resources.files("taizhang.ledger.reference").joinpath("data")
    rows: list[RegionRow] = []
    for name in REGION_FILES:
        rows.extend(parse_region_csv(data.joinpath(name).read_text(encoding="utf-8"), name))
    rows.extend(country_rows())
    return rows


def load_shipped(
    region_model: type[models.Model] | None = None,
    scheme_model: type[models.Model] | None = None,
    category_model: type[models.Model] | None = None,
    *,
    using: str | None = None,
) -> LoadResult:
    """Load (or bring up to date) the shipped regions and the NBS industries; idempotent."""
    result = load_regions(shipped_region_rows(), region_model, using=using)
    load_strategic_emerging(scheme_model, category_model, using=using)
    return result
