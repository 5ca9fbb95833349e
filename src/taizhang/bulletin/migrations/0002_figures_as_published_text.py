# The published figures are kept as the JSON text that was published: PostgreSQL's jsonb
# would reorder their keys, and a publication is a record to be shown byte for byte.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("bulletin", "0001_initial"),
    ]

    operations = [
        migrations.RenameField(
            model_name="publishedbulletin",
            old_name="figures",
            new_name="figures_json",
        ),
        migrations.AlterField(
            model_name="publishedbulletin",
            name="figures_json",
            field=models.TextField(verbose_name="figures (JSON as published)"),
        ),
    ]
