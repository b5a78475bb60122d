"""python manage.py question_docx_example: write the example Word file of the question import
to the static files (site/static/exams/question-import-example.docx)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from exams.interop.docx_example import EXAMPLE_PATH, build_example


class Command(BaseCommand):
    help = "Write the example .docx offered beside the question import form."

    def handle(self, *args, **options):
        path = Path(settings.BASE_DIR) / "site" / "static" / EXAMPLE_PATH
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(build_example())
        self.stdout.write(f"written {path}")
