from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation

from cadre.demo.builders import build_demo, demo_exists
from cadre.orgs.views import DEMO_PASSWORD, demo_accounts


class Command(BaseCommand):
    help = "Load the demo: a district with the two schools of the seeds and an account per role."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="Delete the database and build the demo anew."
        )

    def handle(self, *args, reset=False, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "演示数据不能在生产环境中加载。 / The demo refuses to run with production settings."
            )
        translation.activate("zh-hans")
        if reset:
            call_command("flush", interactive=False, verbosity=0)
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        if demo_exists() and not reset:
            self.stdout.write("演示数据已存在，保留现有数据。 / Demo data exists; keeping it.")
        else:
            with transaction.atomic():
                build_demo()
            self.stdout.write(self.style.SUCCESS("演示数据已生成。 / Demo loaded."))
        self._print_accounts()

    def _print_accounts(self):
        self.stdout.write(
            f"\n演示账号（密码均为 {DEMO_PASSWORD}） / demo accounts, password {DEMO_PASSWORD}:"
        )
        for a in demo_accounts():
            self.stdout.write(f"  {a['username']:<14} {a['role']:<10} {a['organisation']}")
