import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lms import roster_import
from lms.models import Agency
from lms.spreadsheets import csv_writer


class Command(BaseCommand):
    help = (
        "Import a roster (.xlsx or .csv, UTF-8 or GB18030) for an agency. Every row is validated "
        "first; if any row is bad, every bad row is listed and nothing is imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--agency", required=True, help="agency code")
        parser.add_argument(
            "--slips-out",
            help="write the generated usernames and initial passwords to this CSV "
            "(default: print them)",
        )
        parser.add_argument("--dry-run", action="store_true", help="validate only")

    def handle(self, *args, **options):
        try:
            agency = Agency.objects.get(code=options["agency"])
        except Agency.DoesNotExist:
            raise CommandError(f"No agency with code {options['agency']}") from None
        path = Path(options["file"])
        try:
            rows = roster_import.read_rows(path.read_bytes(), path.name)
        except (OSError, roster_import.RosterFileError) as exc:
            raise CommandError(str(exc)) from exc
        report = roster_import.validate_rows(rows, agency=agency)
        if not report.ok:
            for error in report.errors:
                self.stderr.write(f"第 {error.row} 行: {error.message}")
            raise CommandError(
                f"{len(report.errors)} 行有错误，未导入任何数据 / "
                f"{len(report.errors)} bad rows, nothing imported"
            )
        if options["dry_run"]:
            self.stdout.write(f"{len(report.rows)} 行全部有效（未导入） / all rows valid")
            return
        logins = roster_import.roster_import_rows(rows=report.rows, agency=agency, actor=None)
        out = (
            open(options["slips_out"], "w", newline="", encoding="utf-8-sig")
            if options["slips_out"]
            else sys.stdout
        )
        try:
            # Names are typed by people: a name such as "=1+1" must not run in Excel.
            writer = csv_writer(out)
            writer.writerow(["姓名", "用户名", "初始密码"])
            for login in logins:
                writer.writerow([login.name, login.username, login.password])
        finally:
            if out is not sys.stdout:
                out.close()
        self.stdout.write(self.style.SUCCESS(f"已导入 {len(logins)} 人 / imported {len(logins)}"))
