from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "cadre.orgs"
    label = "orgs"
