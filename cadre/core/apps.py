from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "cadre.core"
    label = "core"


# Django's forms end each label with gettext(":"); naming it here puts it in our catalogue,
# where Chinese gives it the full-width colon.
LABEL_SUFFIX = _(":")
