"""python manage.py export_questions [--format gift|moodlexml] [--category PATH] [--out FILE]"""

from pathlib import Path

from django.core.management.base import BaseCommand

from exams.bank import questions_export


class Command(BaseCommand):
    help = "Export the question bank (or one category and its subcategories) to GIFT or Moodle XML."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["gift", "moodlexml"], default="gift")
        parser.add_argument("--category", default="")
        parser.add_argument("--out", default="", help="file to write (default: standard output)")

    def handle(self, *args, **options):
        text = questions_export(fmt=options["format"], category=options["category"])
        if options["out"]:
            Path(options["out"]).write_text(text, encoding="utf-8")
            self.stderr.write(f"written {options['out']}")
        else:
            self.stdout.write(text, ending="")
