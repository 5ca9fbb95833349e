"""The national classification of strategic emerging industries (NBS 2018), as a scheme.

国家统计局《战略性新兴产业分类（2018）》 has nine top-level categories; the ledger classifies a
project by them (the "strategic emerging" column). The categories are kept in
``data/strategic_emerging_2018.csv`` as ``code,name_zh,name_en``; a category's position is its
code, the order in which the classification lists them.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from importlib import resources

from django.db import models, router, transaction

#: The scheme's code; the same value as ledger.models.classification.STRATEGIC_EMERGING_SCHEME,
#: repeated here so that a migration can use this module without importing the real models.
SCHEME_CODE = "NBS-SEI-2018"
SCHEME_NAME_ZH = "战略性新兴产业分类（2018）"
SCHEME_NAME_EN = "Strategic emerging industries (NBS 2018)"
DATA_FILE = "strategic_emerging_2018.csv"


@dataclass(frozen=True)
class CategoryRow:
    """One category of the classification."""

    code: str
    name_zh: str
    name_en: str
    position: int


def strategic_emerging_categories() -> list[CategoryRow]:
    """The nine categories, in the classification's order."""
    text = resources.files("taizhang.ledger.reference").joinpath("data", DATA_FILE)
    reader = csv.DictReader(io.StringIO(text.read_text(encoding="utf-8")))
    return [
        CategoryRow(row["code"], row["name_zh"], row["name_en"], int(row["code"])) for row in reader
    ]


def load_strategic_emerging(
    scheme_model: type[models.Model] | None = None,
    category_model: type[models.Model] | None = None,
    *,
    using: str | None = None,
) -> tuple[int, int]:
    """Create or correct the NBS scheme and its nine categories; returns (created, updated).

    Categories are matched by code within the scheme, so running it again changes nothing.
    Takes the model classes so that a migration can pass its historical ones.
    """
    if scheme_model is None or category_model is None:
        from taizhang.ledger.models import Category, ClassificationScheme

        scheme_model, category_model = ClassificationScheme, Category
    using = using or router.db_for_write(scheme_model)
    created = updated = 0
    with transaction.atomic(using=using):
        scheme, scheme_created = scheme_model._default_manager.db_manager(using).get_or_create(
            code=SCHEME_CODE, defaults={"name_zh": SCHEME_NAME_ZH, "name_en": SCHEME_NAME_EN}
        )
        created += scheme_created
        categories = category_model._default_manager.db_manager(using)
        stored = {category.code: category for category in categories.filter(scheme=scheme)}
        new = []
        for row in strategic_emerging_categories():
            wanted = {"name_zh": row.name_zh, "name_en": row.name_en, "position": row.position}
            category = stored.get(row.code)
            if category is None:
                new.append(category_model(scheme=scheme, code=row.code, **wanted))
            elif any(getattr(category, field) != value for field, value in wanted.items()):
                for field, value in wanted.items():
                    setattr(category, field, value)
                category.save(update_fields=list(wanted))
                updated += 1
        categories.bulk_create(new)
        created += len(new)
    return created, updated
