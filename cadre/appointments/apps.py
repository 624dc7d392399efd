from django.apps import AppConfig


class AppointmentsConfig(AppConfig):
    name = "cadre.appointments"
    label = "appointments"
