from django.core.management.base import BaseCommand, CommandError

from cadre.orgs.access import organisation_by_code_or_name
from cadre.orgs.models import Organisation
from cadre.people.roster import roster_data
from cadre.people.roster_xlsx import write_roster


class Command(BaseCommand):
    help = "Export an organisation's roster in the import template's format."

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="organisation code or full name")
        parser.add_argument("file")

    def handle(self, *args, org, file, **options):
        try:
            organisation = organisation_by_code_or_name(org)
        except Organisation.DoesNotExist:
            raise CommandError(f"找不到单位「{org}」 / no organisation {org!r}") from None
        data = roster_data(organisation)
        with open(file, "wb") as fh:
            write_roster(fh, data)
        self.stdout.write(
            f"已导出 {len(data.people)} 人 / exported {len(data.people)} people → {file}"
        )
