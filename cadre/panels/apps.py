from django.apps import AppConfig


class PanelsConfig(AppConfig):
    name = "cadre.panels"
    label = "panels"
