from django.core.management.base import BaseCommand

from courses.seed import course_seed


class Command(BaseCommand):
    help = (
        "Create or update the shipped pre-job course. Idempotent; pages an editor has changed "
        "are left alone."
    )

    def handle(self, *args, **options):
        report = course_seed()
        for label, slugs in (
            ("created", report.created),
            ("updated", report.updated),
            ("kept (changed by an editor)", report.kept),
            ("unchanged", report.unchanged),
        ):
            if slugs:
                self.stdout.write(f"{label}: {', '.join(slugs)}")
        self.stdout.write(self.style.SUCCESS("Course ready."))
