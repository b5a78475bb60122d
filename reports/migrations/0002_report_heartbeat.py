from django.db import migrations, models


def running_builds_beat_from_their_start(apps, schema_editor):
    # A build running across the upgrade counts as having last beaten when it started, so
    # that the re-queue can pick it up if its worker is gone.
    ReportFile = apps.get_model("reports", "ReportFile")
    ReportFile.objects.filter(status="running", heartbeat_at__isnull=True).update(
        heartbeat_at=models.F("started_at")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="reportfile",
            name="heartbeat_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(running_builds_beat_from_their_start, migrations.RunPython.noop),
    ]
