from django.db import migrations, models
from django.db.models import F


def recount(apps, schema_editor):
    """Every delegation's kept figures out of date: the next reading counts its meetings."""
    DelegationCost = apps.get_model("outcomes", "DelegationCost")
    DelegationCost.objects.update(generation=F("generation") + 1)


class Migration(migrations.Migration):
    dependencies = [("outcomes", "0002_figures_index")]

    operations = [
        migrations.AddField(
            model_name="participantcost",
            name="requests",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="participantcost",
            name="meetings",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.RunPython(recount, migrations.RunPython.noop),
    ]
