from django.core.management.base import BaseCommand, CommandError

from cadre.audit.services import audit_verify


class Command(BaseCommand):
    help = "Audit trail tools. `cadre audit verify` checks the hash chain."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args, **options):
        result = audit_verify()
        if result.ok:
            n = result.count
            self.stdout.write(
                f"审计链完整：{n} 条记录均已验证。 / chain intact: {n} entries verified."
            )
            return
        raise CommandError(
            f"审计链在第 {result.broken_id} 号记录处断开（{result.reason}）。"
            f" / chain broken at entry {result.broken_id} ({result.reason})."
        )
