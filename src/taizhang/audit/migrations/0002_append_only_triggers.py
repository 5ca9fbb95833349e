"""Make the audit table append-only in the database: triggers refuse UPDATE and DELETE (and
TRUNCATE on PostgreSQL), per vendor.

The SQL lives in taizhang.audit.triggers, which `taizhang audit protect` and `audit verify`
use too: one text of the triggers, so the ones verify looks for are the ones installed here.
"""

from django.db import migrations


def install(apps, schema_editor):
    from taizhang.audit import triggers

    triggers.install(schema_editor.connection)


def uninstall(apps, schema_editor):
    from taizhang.audit import triggers

    triggers.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]
