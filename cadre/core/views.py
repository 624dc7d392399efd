from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from cadre.orgs.access import organisations_for


@login_required
def home(request):
    orgs = list(organisations_for(request.user).select_related("parent"))
    if len(orgs) == 1:
        return redirect("orgs:home", orgs[0].code)
    return render(request, "core/home.html", {"organisations": orgs})


@require_GET
@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = "ok"
    except Exception as exc:  # the point is to report it, not to crash
        database = f"error: {exc.__class__.__name__}"
    status = 200 if database == "ok" else 503
    return JsonResponse(
        {
            "status": "ok" if status == 200 else "error",
            "database": database,
            "vendor": connection.vendor,
        },
        status=status,
    )
