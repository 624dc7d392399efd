"""The holidays the office enters for a year the calendar package does not cover yet."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from cadre.core.shortcuts import org_render, saved
from cadre.orgs.access import Can, can, get_org_for_user

from .. import workdays
from ..forms import HolidayYearForm
from ..models import HolidayYear
from ..services import notice


@login_required
def holidays(request, code):
    org = get_org_for_user(request, code, Can.VIEW_ROSTER)
    this_year = timezone.localdate().year
    form = HolidayYearForm(request.POST or None, initial={"year": this_year + 1})
    if request.method == "POST" and not can(request.user, org, Can.MANAGE):
        messages.error(request, _("Only the office enters holidays."))
        return redirect("holidays", org.code)
    if saved(
        request,
        form,
        lambda data: notice.holiday_year_save(
            actor=request.user,
            organisation=org,
            year=data["year"],
            holidays=data["holidays"],
            workdays_text=data["workdays"],
        ),
        _("Saved."),
    ):
        return redirect("holidays", org.code)
    entered = HolidayYear.objects.filter(organisation=org)
    years = [
        {"year": y, "covered": workdays.package_covers(y)}
        for y in range(this_year - 1, this_year + 3)
    ]
    return org_render(
        request,
        "appointments/holidays.html",
        org,
        "campaigns",
        {
            "form": form,
            "years": years,
            "entered": entered,
            "entered_years": {e.year for e in entered},
            "can_manage": can(request.user, org, Can.MANAGE),
        },
    )
