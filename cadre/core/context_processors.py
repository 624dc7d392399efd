from django.conf import settings


def cadre(request):
    return {"PRODUCTION": settings.PRODUCTION}
