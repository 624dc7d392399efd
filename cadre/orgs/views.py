from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cadre.appointments.timeline import dashboard
from cadre.campaigns.models import Campaign
from cadre.core.shortcuts import org_render
from cadre.reserve.models import Programme
from cadre.reserve.selectors import overview as reserve_overview
from cadre.reserve.selectors import reminders as reserve_reminders

from . import services
from .access import Can, can, get_org_for_user
from .forms import AccountForm, DepartmentForm, PositionForm
from .models import Department, Membership, Organisation, Position

DEMO_PASSWORD = "cadre-demo"


def demo_accounts():
    """The demo's accounts, for the login page; never in production."""
    if settings.PRODUCTION:
        return []
    rows = (
        Membership.objects.filter(organisation__is_demo=True)
        .select_related("user", "organisation")
        .order_by("organisation__kind", "organisation__code", "user__username", "role")
    )
    accounts: dict[str, dict] = {}
    for m in rows:
        account = accounts.setdefault(
            m.user.username,
            {
                "username": m.user.username,
                "name": m.user.get_full_name(),
                "roles": [],
                "organisation": m.organisation.short_name or m.organisation.name,
            },
        )
        account["roles"].append(str(m.get_role_display()))
    for account in accounts.values():
        account["role"] = "、".join(account["roles"])
    return list(accounts.values())


class CadreLoginView(auth_views.LoginView):
    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["demo_accounts"] = demo_accounts()
        ctx["demo_password"] = DEMO_PASSWORD
        return ctx


@login_required
def org_home(request, code):
    org = get_org_for_user(request, code, Can.VIEW)
    ctx = {}
    if can(request.user, org, Can.VIEW_ROSTER):
        # A district sees its schools' campaigns once they are filed with it.
        campaigns = (
            Campaign.objects.filter(organisation=org)
            if org.kind == Organisation.Kind.SCHOOL
            else Campaign.objects.filter(organisation__parent=org).exclude(
                status=Campaign.Status.DRAFT
            )
        )
        programmes = (
            Programme.objects.filter(organisation=org)
            if org.kind == Organisation.Kind.SCHOOL
            else Programme.objects.filter(organisation__parent=org).exclude(
                status=Programme.Status.DRAFT
            )
        )
        ctx["programmes"] = reserve_overview(programmes.order_by("organisation__code"))
        ctx["reminders"] = reserve_reminders(programmes.order_by("organisation__code"))
        ctx["dashboard"] = dashboard(
            campaigns.select_related("organisation", "candidate_decision").order_by(
                "organisation__code", "-registration_opens"
            )
        )
    if org.kind == Organisation.Kind.DISTRICT:
        ctx["schools"] = org.schools.annotate(staff_count=Count("staff")).order_by("code")
    else:
        ctx["departments"] = org.departments.prefetch_related(
            Prefetch("positions", queryset=Position.objects.order_by("order", "id"))
        ).annotate(staff_count=Count("staff"))
        ctx["staff_count"] = org.staff.count()
    return org_render(request, "orgs/home.html", org, "home", ctx)


@login_required
def department_edit(request, code, pk=None):
    org = get_org_for_user(request, code, Can.MANAGE)
    department = get_object_or_404(Department, pk=pk, organisation=org) if pk else None
    form = DepartmentForm(request.POST or None, instance=department, organisation=org)
    if request.method == "POST" and form.is_valid():
        services.department_save(actor=request.user, organisation=org, department=form.instance)
        messages.success(request, _("Department saved."))
        return redirect("orgs:home", org.code)
    return org_render(
        request, "orgs/form.html", org, "home", {"form": form, "heading": _("Department")}
    )


@login_required
@require_POST
def department_delete(request, code, pk):
    org = get_org_for_user(request, code, Can.MANAGE)
    department = get_object_or_404(Department, pk=pk, organisation=org)
    if department.positions.exists() or department.staff.exists():
        messages.error(
            request, _("Move its positions and staff elsewhere before deleting a department.")
        )
    else:
        services.department_delete(actor=request.user, department=department)
        messages.success(request, _("Department deleted."))
    return redirect("orgs:home", org.code)


@login_required
def position_edit(request, code, pk=None):
    org = get_org_for_user(request, code, Can.MANAGE)
    position = get_object_or_404(Position, pk=pk, department__organisation=org) if pk else None
    form = PositionForm(request.POST or None, instance=position, organisation=org)
    if request.method == "POST" and form.is_valid():
        services.position_save(actor=request.user, position=form.instance)
        messages.success(request, _("Position saved."))
        return redirect("orgs:home", org.code)
    return org_render(
        request, "orgs/form.html", org, "home", {"form": form, "heading": _("Position")}
    )


@login_required
@require_POST
def position_delete(request, code, pk):
    org = get_org_for_user(request, code, Can.MANAGE)
    position = get_object_or_404(Position, pk=pk, department__organisation=org)
    services.position_delete(actor=request.user, position=position)
    messages.success(request, _("Position deleted."))
    return redirect("orgs:home", org.code)


@login_required
def accounts(request, code):
    org = get_org_for_user(request, code, Can.MANAGE)
    form = AccountForm(request.POST or None, organisation=org)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.account_create(
            actor=request.user,
            organisation=org,
            username=data["username"],
            full_name=data["full_name"],
            password=data["password"],
            roles=data["roles"],
            person=data["staff_no"],
        )
        messages.success(
            request, _("Account %(username)s created.") % {"username": data["username"]}
        )
        return redirect("orgs:accounts", org.code)
    memberships = (
        Membership.objects.filter(organisation=org)
        .select_related("user", "user__person")
        .order_by("user__username", "role")
    )
    return org_render(
        request, "orgs/accounts.html", org, "accounts", {"form": form, "memberships": memberships}
    )


@login_required
@require_POST
def membership_revoke(request, code, pk):
    org = get_org_for_user(request, code, Can.MANAGE)
    membership = get_object_or_404(Membership, pk=pk, organisation=org)
    if membership.user_id == request.user.pk and membership.role == Membership.Role.ADMIN:
        messages.error(request, _("You cannot remove your own admin role."))
    else:
        services.membership_revoke(actor=request.user, membership=membership)
        messages.success(request, _("Role removed."))
    return redirect("orgs:accounts", org.code)
