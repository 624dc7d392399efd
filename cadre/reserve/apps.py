from django.apps import AppConfig


class ReserveConfig(AppConfig):
    name = "cadre.reserve"
    label = "reserve"
