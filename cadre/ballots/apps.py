from django.apps import AppConfig


class BallotsConfig(AppConfig):
    name = "cadre.ballots"
    label = "ballots"
