from django.core.management.base import BaseCommand

from exams.content.questions import QUESTIONS
from exams.seeding import SHIPPED_FILE, record_shipped_versions


class Command(BaseCommand):
    help = (
        "Record the fingerprint of each shipped question's current version in "
        "exams/content/shipped.json, so installs seeded with an earlier version update the "
        "questions no editor has changed. Run it after changing a question file."
    )

    def handle(self, *args, **options):
        added = record_shipped_versions(QUESTIONS)
        self.stdout.write(f"{SHIPPED_FILE}: {len(added)} new version(s) {', '.join(added)}")
