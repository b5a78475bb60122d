import json

from django.core.management.base import BaseCommand

from bench import BENCHMARKS, benchmark


class Command(BaseCommand):
    help = "Run a benchmark and print its measured figures."

    def add_arguments(self, parser):
        subparsers = parser.add_subparsers(dest="benchmark", required=True)
        for name in BENCHMARKS:
            module = benchmark(name)
            sub = subparsers.add_parser(name, help=module.HELP)
            sub.add_argument("--json", action="store_true", help="print the figures as JSON")
            module.add_arguments(sub)

    def handle(self, *args, **options):
        figures = benchmark(options["benchmark"]).run(options, self.stdout)
        if options.get("json"):
            self.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2, default=str))
        else:
            width = max((len(k) for k in figures), default=0)
            for key, value in figures.items():
                shown = f"{value:,.3f}" if isinstance(value, float) else value
                self.stdout.write(f"{key:<{width}}  {shown}")
