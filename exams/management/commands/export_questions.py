"""python manage.py export_questions [--format gift|moodlexml|docx] [--category PATH]
[--out FILE]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exams.bank import questions_export


class Command(BaseCommand):
    help = (
        "Export the question bank (or one category and its subcategories) to GIFT, Moodle XML "
        "or Word (.docx; needs --out)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["gift", "moodlexml", "docx"], default="gift")
        parser.add_argument("--category", default="")
        parser.add_argument("--out", default="", help="file to write (default: standard output)")

    def handle(self, *args, **options):
        text = questions_export(fmt=options["format"], category=options["category"])
        if isinstance(text, bytes):
            if not options["out"]:
                raise CommandError("a Word file is written with --out FILE.docx")
            Path(options["out"]).write_bytes(text)
            self.stderr.write(f"written {options['out']}")
        elif options["out"]:
            Path(options["out"]).write_text(text, encoding="utf-8")
            self.stderr.write(f"written {options['out']}")
        else:
            self.stdout.write(text, ending="")
