from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "cadre.decisions"
    label = "decisions"
