from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from cadre.orgs.access import organisation_by_code_or_name
from cadre.orgs.models import Organisation
from cadre.people.roster import roster_apply, roster_plan
from cadre.people.roster_xlsx import RosterErrors, read_roster


class Command(BaseCommand):
    help = "Import a roster workbook (the template's four sheets); any wrong cell imports nothing."

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="organisation code or full name")
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="only show what would change")

    def handle(self, *args, org, file, dry_run=False, **options):
        translation.activate("zh-hans")
        try:
            organisation = organisation_by_code_or_name(org)
        except Organisation.DoesNotExist:
            raise CommandError(f"找不到单位「{org}」 / no organisation {org!r}") from None
        try:
            with open(file, "rb") as fh:
                data = read_roster(fh)
        except FileNotFoundError:
            raise CommandError(f"找不到文件 {file} / no such file") from None
        except RosterErrors as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"发现 {exc.total} 处错误，未导入任何数据。 / {exc.total} errors; nothing imported."
            ) from None
        if dry_run:
            plan = roster_plan(organisation, data)
        else:
            plan = roster_apply(actor="cadre import-roster", organisation=organisation, data=data)
        verb = "将" if dry_run else "已"
        self.stdout.write(
            f"{verb}新增 {len(plan.created)} 人，{verb}更新 {len(plan.updated)} 人，"
            f"{plan.unchanged} 人无变化。 / added {len(plan.created)}, updated "
            f"{len(plan.updated)}, unchanged {plan.unchanged}."
        )
