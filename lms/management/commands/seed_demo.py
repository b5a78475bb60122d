from django.core.management.base import BaseCommand

from lms.seeding import seed_steps


class Command(BaseCommand):
    help = "Create (or complete) the demo data. Idempotent: running it twice changes nothing."

    def handle(self, *args, **options):
        for _order, name, step in seed_steps():
            self.stdout.write(f"· {name}")
            step(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
