from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "cadre.documents"
    label = "documents"
