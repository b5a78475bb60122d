from django.core.management.base import BaseCommand

from lms import hooks
from lms.demo import DEMO_PASSWORD, demo_login_rows


class Command(BaseCommand):
    help = "创建（或补全）演示数据。可重复运行：第二次运行不会改变任何数据。"

    def handle(self, *args, **options):
        for step in hooks.seed_steps():
            self.stdout.write(f"· {step.label}")
            step.run(stdout=self.stdout)
        rows = demo_login_rows()
        self.stdout.write("")
        self.stdout.write(f"演示账号 {len(rows)} 个，密码均为 {DEMO_PASSWORD}：")
        width = max((len(row["username"]) for row in rows), default=8) + 2
        for row in rows:
            self.stdout.write(
                f"  {row['username']:<{width}}{row['name']}｜{row['role']}｜{row['agency']}"
                + (f"｜{row['note']}" if row["note"] else "")
            )
        self.stdout.write(self.style.SUCCESS("演示数据已就绪。"))
