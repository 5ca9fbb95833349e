"""A cheaper audit table to write, as trustworthy: what each insert no longer pays for.

- ``entry_hash`` is no longer UNIQUE: the chain is kept one line by ``id``, the primary key,
  and each entry's ``prev_hash`` (see AuditEntry); the unique index on random hashes was the
  costliest index to keep.
- ``before`` and ``after`` lose the ``CHECK (JSON_VALID(…))`` Django gives a JSONField on
  SQLite: the recorder writes only canonical JSON, which the entry's hash covers.
- On SQLite, ``id`` is declared ``integer``, so it is the rowid and not one more unique index.

On SQLite, Django makes these changes by rebuilding the table (a new table, the rows copied
into it, the old one dropped), and the append-only triggers go with the old table: they are
installed again at the end, in the same transaction, so the table is never without them
once the migration has committed. Reversing rebuilds it too, and installs them again as well.
"""

from django.db import migrations, models

import taizhang.audit.models


def install(apps, schema_editor):
    from taizhang.audit import triggers

    triggers.install(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_triggers")]

    operations = [
        # Run when reversing, after the fields are back as they were (operations reverse in
        # the opposite order): that rebuild dropped the triggers too.
        migrations.RunPython(migrations.RunPython.noop, install, elidable=False),
        # The unique index goes first: the rebuilds that follow need not build it again.
        migrations.AlterField(
            model_name="auditentry",
            name="entry_hash",
            field=models.CharField(max_length=128, verbose_name="hash"),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="id",
            field=taizhang.audit.models.ChainNumberField(
                primary_key=True, serialize=False, verbose_name="number"
            ),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="before",
            field=taizhang.audit.models.CanonicalJSONField(
                blank=True, null=True, verbose_name="before"
            ),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="after",
            field=taizhang.audit.models.CanonicalJSONField(
                blank=True, null=True, verbose_name="after"
            ),
        ),
        migrations.RunPython(install, migrations.RunPython.noop, elidable=False),
    ]
