"""Load the shipped reference data: countries, China's provinces, Chongqing, NBS industries.

Uses the historical models, so the loader computes region paths itself (Region.save is not
available here). Reversing leaves the rows: projects may already point at them.
"""

from django.db import migrations

from taizhang.ledger.reference.shipped import load_shipped


def load(apps, schema_editor):
    load_shipped(
        apps.get_model("ledger", "Region"),
        apps.get_model("ledger", "ClassificationScheme"),
        apps.get_model("ledger", "Category"),
        using=schema_editor.connection.alias,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("ledger", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop, elidable=False),
    ]
