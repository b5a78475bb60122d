"""Report files become background jobs (lms.jobs.models.Job): rows_written/rows_total are the
job's done/total (renamed, so existing rows keep their figures), attempts are counted, and the
reports-only re-queue schedule gives way to the one for every job kind."""

from django.db import migrations, models

OLD_REQUEUE_SCHEDULE = "reports: re-queue stalled builds"


def remove_old_requeue_schedule(apps, schema_editor):
    # Its task is gone; the jobs schedule replacing it is created after migrate (post_migrate).
    apps.get_model("django_q", "Schedule").objects.filter(name=OLD_REQUEUE_SCHEDULE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_report_heartbeat"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [
        migrations.RenameField(model_name="reportfile", old_name="rows_written", new_name="done"),
        migrations.RenameField(model_name="reportfile", old_name="rows_total", new_name="total"),
        migrations.AlterField(
            model_name="reportfile",
            name="done",
            field=models.PositiveIntegerField(default=0, verbose_name="done"),
        ),
        migrations.AlterField(
            model_name="reportfile",
            name="total",
            field=models.PositiveIntegerField(default=0, verbose_name="total"),
        ),
        migrations.AddField(
            model_name="reportfile",
            name="attempts",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="attempts"),
        ),
        migrations.AlterField(
            model_name="reportfile",
            name="heartbeat_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="last sign of life"),
        ),
        migrations.AlterField(
            model_name="reportfile",
            name="started_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="started at"),
        ),
        migrations.AlterField(
            model_name="reportfile",
            name="status",
            field=models.CharField(
                choices=[
                    ("queued", "Queued"),
                    ("running", "Running"),
                    ("done", "Done"),
                    ("failed", "Failed"),
                ],
                db_index=True,
                default="queued",
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.RunPython(remove_old_requeue_schedule, migrations.RunPython.noop),
    ]
