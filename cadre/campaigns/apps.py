from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "cadre.campaigns"
    label = "campaigns"
