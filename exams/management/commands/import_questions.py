"""python manage.py import_questions FILE [--format gift|moodlexml|docx] [--category PATH]
[--dry-run] [--json]"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exams.bank import questions_import
from exams.interop import ImportFormatError


class Command(BaseCommand):
    help = (
        "Import questions from a GIFT, Moodle XML or Word (.docx) file, all or nothing. A question with the "
        "same name and category as an existing one updates it in place."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--format", choices=["gift", "moodlexml", "docx"], default=None)
        parser.add_argument(
            "--category", default="", help="category path for questions that name none"
        )
        parser.add_argument("--dry-run", action="store_true", help="check and count only")
        parser.add_argument("--json", action="store_true", help="print the summary as JSON")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror}") from None
        try:
            summary = questions_import(
                data=data,
                fmt=options["format"],
                filename=path.name,
                category=options["category"],
                dry_run=options["dry_run"],
            )
        except ImportFormatError as exc:
            if options["json"]:
                self.stdout.write(json.dumps({"error": str(exc)}, ensure_ascii=False))
            raise CommandError(f"{path.name}: {exc}; nothing was imported") from None
        if options["json"]:
            self.stdout.write(json.dumps(summary.as_dict(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(summary.as_text())
            for qtype, name in summary.skipped:
                self.stdout.write(f"  skipped {qtype}: {name}")
