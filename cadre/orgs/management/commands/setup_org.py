import getpass
import os

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cadre.orgs import services
from cadre.orgs.access import organisation_by_code_or_name
from cadre.orgs.models import Membership, Organisation

ACTOR = "cadre setup-org"


class Command(BaseCommand):
    help = (
        "Create an education bureau or a school and its first admin account. The password is "
        "read from CADRE_ADMIN_PASSWORD or asked for."
    )

    def add_arguments(self, parser):
        parser.add_argument("--code", required=True, help="short code used in URLs, e.g. czfz")
        parser.add_argument("--name", required=True, help="full Chinese name")
        parser.add_argument("--kind", choices=["school", "district"], default="school")
        parser.add_argument("--district", help="code or name of the bureau the school is under")
        parser.add_argument("--admin", required=True, help="username of the first admin")
        parser.add_argument("--admin-name", default="", help="the admin's full name")

    def handle(self, *args, code, name, kind, district, admin, admin_name, **options):
        parent = None
        if district:
            try:
                parent = organisation_by_code_or_name(district)
            except Organisation.DoesNotExist:
                raise CommandError(
                    f"找不到教育局「{district}」 / no district {district!r}"
                ) from None
        if get_user_model().objects.filter(username__iexact=admin).exists():
            raise CommandError(f"用户名 {admin} 已存在 / username {admin} is taken")
        password = os.environ.get("CADRE_ADMIN_PASSWORD") or getpass.getpass("Password: ")
        try:
            password_validation.validate_password(password)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        role = Membership.Role.DISTRICT_ADMIN if kind == "district" else Membership.Role.ADMIN
        try:
            with transaction.atomic():
                org = services.organisation_create(
                    actor=ACTOR, code=code, name=name, kind=kind, parent=parent
                )
                services.account_create(
                    actor=ACTOR,
                    organisation=org,
                    username=admin,
                    full_name=admin_name or admin,
                    password=password,
                    roles=[role],
                )
        except ValidationError as exc:
            raise CommandError(
                "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
            ) from None
        self.stdout.write(f"已创建 {org.name}（{org.code}）及管理员 {admin} / created.")
