from django.core.management.base import BaseCommand

from courses.seed import course_seed
from lms import hooks

# The content a real deployment needs besides the course itself; registered by other apps.
CONTENT_STEPS = {"question bank and exam"}


class Command(BaseCommand):
    help = (
        "Create or update the shipped pre-job course, its question bank and exam. Idempotent; "
        "pages and questions an editor has changed are left alone."
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
        for step in hooks.seed_steps():
            if step.name in CONTENT_STEPS:
                step.run(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Course ready."))
