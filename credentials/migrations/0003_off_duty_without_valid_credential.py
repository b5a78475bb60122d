"""Art. 20: a person whose credential was revoked, suspended or expired before the person's
status followed the credential is still listed as 持证上岗. Take them off duty, recording the
change like any other (no actor: the system), so rosters, cycles and counts agree.

People with no credential at all are left alone: imported records may predate the platform."""

from django.db import migrations

LABELS = {"suspended": "已暂停", "revoked": "已吊销", "expired": "已过期"}


def off_duty(apps, schema_editor):
    Auxiliary = apps.get_model("lms", "Auxiliary")
    AuxiliaryStatusChange = apps.get_model("lms", "AuxiliaryStatusChange")
    Credential = apps.get_model("credentials", "Credential")
    people = (
        Auxiliary.objects.filter(status="credentialed", credentials__isnull=False)
        .exclude(credentials__status="active")
        .distinct()
    )
    for person in people:
        latest = Credential.objects.filter(auxiliary=person).order_by("-pk").first()
        AuxiliaryStatusChange.objects.create(
            auxiliary=person,
            from_status="credentialed",
            to_status="suspended",
            actor=None,
            reason=f"工作证 {latest.number} {LABELS.get(latest.status, latest.status)}："
            "未持有效工作证，不得上岗（第二十条）。",
        )
        Auxiliary.objects.filter(pk=person.pk).update(status="suspended")


class Migration(migrations.Migration):
    dependencies = [
        ("credentials", "0002_ratelimit_counter"),
        ("lms", "0001_initial"),
    ]

    operations = [migrations.RunPython(off_duty, migrations.RunPython.noop)]
