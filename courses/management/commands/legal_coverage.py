import json

from django.core.management.base import BaseCommand, CommandError

from courses.coverage import coverage_table


class Command(BaseCommand):
    help = (
        "List every numbered item of Arts. 13–19 and every article 1–31 with the lessons (and "
        "questions) citing it. --strict fails when an item or article has no lesson, when an "
        "item has fewer than two questions, or when an article of 5–12 and 25–31 that binds or "
        "protects the auxiliary has none (once questions exist)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print JSON.")
        parser.add_argument("--strict", action="store_true", help="Exit non-zero on gaps.")

    def handle(self, *args, **options):
        table = coverage_table()
        problems = table.problems()
        if options["json"]:
            self.stdout.write(json.dumps(table.as_json(), ensure_ascii=False, indent=2))
        else:
            for row in table.rows:
                lessons = "; ".join(lesson.title for lesson in row.lessons) or "—"
                columns = [f"{row.key:<6}", f"{row.label:<14}", f"lessons: {lessons}"]
                for name in table.source_names:
                    columns.append(f"{name}: {len(row.sources.get(name, []))}")
                self.stdout.write("  ".join(columns))
            self.stdout.write("")
            for row in table.articles:
                lessons = ", ".join(lesson.slug for lesson in row.lessons) or "—"
                columns = [f"{row.key:<3}", f"{row.label:<6}", f"lessons: {lessons}"]
                for name in table.source_names:
                    labels = row.sources.get(name, [])
                    columns.append(f"{name}: {len(labels)} {' '.join(labels[:6])}".rstrip())
                self.stdout.write("  ".join(columns))
            self.stdout.write(
                f"{len(table.rows)} items, {len(table.articles)} articles, "
                f"{len(problems)} problem(s)"
            )
            for problem in problems:
                self.stderr.write(problem)
        if options["strict"] and problems:
            raise CommandError(f"legal coverage incomplete: {len(problems)} problem(s)")
