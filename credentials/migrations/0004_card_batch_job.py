"""Card batches become background jobs (lms.jobs.models.Job): heartbeat, start time and attempts
are recorded, and the status values are the jobs' own (a waiting batch, "pending", is "queued")."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def statuses_forward(apps, schema_editor):
    apps.get_model("credentials", "CardBatch").objects.filter(status="pending").update(
        status="queued"
    )


def statuses_backward(apps, schema_editor):
    apps.get_model("credentials", "CardBatch").objects.filter(status="queued").update(
        status="pending"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("credentials", "0003_off_duty_without_valid_credential"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="cardbatch",
            name="attempts",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="attempts"),
        ),
        migrations.AddField(
            model_name="cardbatch",
            name="heartbeat_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="last sign of life"),
        ),
        migrations.AddField(
            model_name="cardbatch",
            name="started_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="started at"),
        ),
        migrations.AlterField(
            model_name="cardbatch",
            name="created_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="requested at"),
        ),
        migrations.AlterField(
            model_name="cardbatch",
            name="done",
            field=models.PositiveIntegerField(default=0, verbose_name="done"),
        ),
        migrations.AlterField(
            model_name="cardbatch",
            name="error",
            field=models.TextField(blank=True, verbose_name="error"),
        ),
        migrations.AlterField(
            model_name="cardbatch",
            name="finished_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="finished at"),
        ),
        migrations.AlterField(
            model_name="cardbatch",
            name="requested_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="requested by",
            ),
        ),
        migrations.AlterField(
            model_name="cardbatch",
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
        migrations.AlterField(
            model_name="cardbatch",
            name="total",
            field=models.PositiveIntegerField(default=0, verbose_name="total"),
        ),
        migrations.RunPython(statuses_forward, statuses_backward),
    ]
