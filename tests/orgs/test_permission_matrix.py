"""Every organisation-scoped URL of the URL configuration against every persona.

EXPECTED names, for each route, the personas allowed to open it; it is written from the
views' capability checks (`get_org_for_user(..., Can.X)`, `programme_view(Can.X)`,
`stage_view(Can.X)`, `cadre_view(Can.X, need=...)`, and what a view checks beyond its
capability), not recorded from what the server answers. A route the URL configuration gains
without an entry here fails the first test, so a new view cannot be forgotten.

Allowed: any answer but 403, 404 and the login page (a page whose object is not at the right
stage redirects, which is still an answer). Refused: 403 or 404 to someone with standing in
the school, 404 to another school's admin (the school's existence is not confirmed), the
login page to an anonymous visitor. A POST-only view is tried with an empty POST, so that a
refusal can never be a success.
"""

from collections import defaultdict
from http import HTTPStatus
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import resolve, reverse

from cadre.orgs.models import Membership
from tests import conftest
from tests.orgs.matrix import ROUTES, build_objects, fill

Role = Membership.Role

ANONYMOUS = "anonymous"
ADMIN = "school_admin"  # the office (党政办公室)
LEADER = "leader"  # a member of the leading group, not on the roster
COMMITTEE = "committee"  # a member of the party committee, not on the roster
TEACHER = "teacher"  # staff, on the roster: the applicant and the reserve cadre himself
MENTOR = "mentor"  # on the roster as the colleague who mentors the teacher
DISTRICT = "district_admin"  # the bureau above the school
OUTSIDER = "other_admin"  # the admin of another school of the same district
PERSONAS = (ANONYMOUS, ADMIN, LEADER, COMMITTEE, TEACHER, MENTOR, DISTRICT, OUTSIDER)

# The personas each capability of cadre.orgs.access lets in, spelled out rather than read
# from _CAPABILITIES so that widening a capability shows up here.
VIEW = frozenset({ADMIN, LEADER, COMMITTEE, TEACHER, MENTOR, DISTRICT})
VIEW_ROSTER = frozenset({ADMIN, LEADER, COMMITTEE, DISTRICT})
VIEW_AUDIT = frozenset({ADMIN, LEADER, COMMITTEE, DISTRICT})
MANAGE = frozenset({ADMIN})
DECIDE = frozenset({ADMIN, LEADER})
INSPECT = frozenset({ADMIN, COMMITTEE})
COMMIT = frozenset({ADMIN, COMMITTEE})  # Can.COMMITTEE
APPLY = frozenset({ADMIN, LEADER, COMMITTEE, TEACHER, MENTOR})

# The objects (tests.orgs.matrix.build_objects) are the teacher's: his application, its
# attachment, his roster entry, his reserve-cadre dossier; the colleague the mentor stands
# for is the one nominated by a peer and the teacher's mentor.
ORG = "o/<slug:code>/"
CAMPAIGN = ORG + "campaigns/<int:pk>/"
APPOINTMENT = CAMPAIGN + "appointment/"
PANEL = CAMPAIGN + "panel/"
BALLOT = ORG + "ballots/<int:pk>/"
RESERVE = ORG + "reserve/<int:pk>/"
CADRE = RESERVE + "cadres/<int:cadre_pk>/"
EXPECTED = {
    # The organisation
    ORG: VIEW,
    ORG + "accounts/": MANAGE,
    ORG + "accounts/<int:pk>/revoke/": MANAGE,
    ORG + "departments/new/": MANAGE,
    ORG + "departments/<int:pk>/edit/": MANAGE,
    ORG + "departments/<int:pk>/delete/": MANAGE,
    ORG + "positions/new/": MANAGE,
    ORG + "positions/<int:pk>/edit/": MANAGE,
    ORG + "positions/<int:pk>/delete/": MANAGE,
    ORG + "audit/": VIEW_AUDIT,
    ORG + "documents/": MANAGE,
    ORG + "documents/<slug:kind>.docx": MANAGE,
    ORG + "documents/<slug:kind>/upload/": MANAGE,
    ORG + "documents/<slug:kind>/reset/": MANAGE,
    ORG + "holidays/": VIEW_ROSTER,  # its POST is the office's; the others are told so
    # The roster
    ORG + "people/": VIEW_ROSTER,
    ORG + "people/me/": frozenset({TEACHER, MENTOR}),  # whoever is on the roster
    ORG + "people/new/": MANAGE,
    ORG + "people/<int:pk>/": VIEW_ROSTER | {TEACHER},  # the teacher's own entry
    ORG + "people/<int:pk>/edit/": MANAGE,
    ORG + "people/<int:pk>/delete/": MANAGE,
    ORG + "people/<int:pk>/<slug:kind>/new/": MANAGE,
    ORG + "people/<int:pk>/<slug:kind>/<int:record_pk>/edit/": MANAGE,
    ORG + "people/<int:pk>/<slug:kind>/<int:record_pk>/delete/": MANAGE,
    ORG + "people/import/": MANAGE,
    ORG + "people/import/<int:upload_pk>/": MANAGE,
    ORG + "people/import/<int:upload_pk>/confirm/": MANAGE,
    ORG + "people/template.xlsx": MANAGE,
    ORG + "people/export.xlsx": VIEW_ROSTER,
    # A campaign: the plan
    ORG + "campaigns/": VIEW,
    ORG + "campaigns/new/": MANAGE,
    CAMPAIGN: VIEW,  # published, so not the office's alone
    CAMPAIGN + "edit/": MANAGE,
    CAMPAIGN + "copy/": MANAGE,
    CAMPAIGN + "positions/new/": MANAGE,
    CAMPAIGN + "positions/<int:part_pk>/": MANAGE,
    CAMPAIGN + "stages/new/": MANAGE,
    CAMPAIGN + "stages/<int:part_pk>/": MANAGE,
    CAMPAIGN + "rules/new/": MANAGE,
    CAMPAIGN + "rules/<int:part_pk>/": MANAGE,
    CAMPAIGN + "<slug:part>/<int:part_pk>/delete/": MANAGE,
    CAMPAIGN + "leading-group/": MANAGE,
    CAMPAIGN + "file/": MANAGE,
    CAMPAIGN + "step/<slug:step>/": MANAGE,
    CAMPAIGN + "prospects/": VIEW_ROSTER,
    # Registration: one's own application needs one's own roster entry
    CAMPAIGN + "application/": APPLY & {TEACHER, MENTOR},
    CAMPAIGN + "application/withdraw/": frozenset({TEACHER}),  # the one with an application
    CAMPAIGN + "attachments/<int:attachment_pk>/": VIEW_ROSTER | {TEACHER},  # and its owner
    CAMPAIGN + "attachments/<int:attachment_pk>/delete/": frozenset({TEACHER}),  # its owner alone
    CAMPAIGN + "recommend/<slug:channel>/": APPLY,  # the peer channel
    CAMPAIGN + "nominations/<int:nomination_pk>/answer/": frozenset({MENTOR}),  # the nominee
    # Review
    CAMPAIGN + "review/": VIEW_ROSTER,
    CAMPAIGN + "review/<int:candidacy_pk>/": VIEW_ROSTER,  # its POST is the party committee's
    CAMPAIGN + "review/<int:candidacy_pk>/exemption/": DECIDE,
    CAMPAIGN + "review/confirm/": DECIDE,
    CAMPAIGN + "review/sheet.xlsx": VIEW_ROSTER,
    CAMPAIGN + "forms.zip": VIEW_ROSTER,
    CAMPAIGN + "forms/<int:application_pk>.docx": VIEW_ROSTER,
    # The oral defence
    PANEL: VIEW_ROSTER,
    PANEL + "experts/": MANAGE,
    PANEL + "step/<slug:step>/": MANAGE,
    PANEL + "sheets/<int:sheet_pk>/reopen/": DECIDE,
    PANEL + "ranking/": VIEW_ROSTER,
    PANEL + "summary.xlsx": VIEW_ROSTER,
    PANEL + "ranking.xlsx": VIEW_ROSTER,
    PANEL + "paper-sheet/": VIEW_ROSTER,
    PANEL + "paper/": MANAGE,
    PANEL + "questions/": MANAGE,
    # From inspection to appointment (the campaign has not reached it: the allowed are sent
    # back to the campaign, the others refused first)
    APPOINTMENT: VIEW_ROSTER,
    APPOINTMENT + "inspections/<int:inspection_pk>/": INSPECT,
    APPOINTMENT + "inspections/<int:inspection_pk>/files/<int:file_pk>/": VIEW_ROSTER,
    APPOINTMENT + "propose/": DECIDE,
    APPOINTMENT + "notice/": MANAGE,
    APPOINTMENT + "notice/end/": MANAGE,
    APPOINTMENT + "concerns/new/": INSPECT,
    APPOINTMENT + "concerns/<int:objection_pk>/": INSPECT,
    APPOINTMENT + "proposals/<int:proposal_pk>/withdraw/": MANAGE,
    APPOINTMENT + "proposals/<int:proposal_pk>/division/": MANAGE,
    APPOINTMENT + "joint-meeting/": MANAGE,
    APPOINTMENT + "approve/": MANAGE,
    APPOINTMENT + "report/": MANAGE,
    APPOINTMENT + "appoint/": MANAGE,
    APPOINTMENT + "record.docx": VIEW_AUDIT,
    APPOINTMENT + "report.<slug:fmt>": VIEW_ROSTER,
    APPOINTMENT + "proposals/<int:proposal_pk>/form.<slug:fmt>": VIEW_ROSTER,
    APPOINTMENT + "proposals/<int:proposal_pk>/<slug:kind>.docx": VIEW_ROSTER,
    # The secret ballot's organisation side
    ORG + "ballots/": VIEW_ROSTER,
    ORG + "ballots/new/": MANAGE,
    BALLOT: VIEW_ROSTER,
    BALLOT + "step/<slug:step>/": MANAGE,
    BALLOT + "codes/": MANAGE,
    BALLOT + "check-in/": MANAGE,
    BALLOT + "paper/new/": MANAGE,
    BALLOT + "paper/<int:batch_pk>/": MANAGE,
    BALLOT + "screen/": VIEW_ROSTER,
    BALLOT + "paper-sheet/": VIEW_ROSTER,
    BALLOT + "speaker/": MANAGE,
    BALLOT + "results.xlsx": VIEW_ROSTER,
    # A reserve programme (decided, so not the office's alone)
    ORG + "reserve/": VIEW,
    ORG + "reserve/mine/": VIEW,
    ORG + "reserve/new/": MANAGE,
    RESERVE: VIEW,
    RESERVE + "edit/": MANAGE,
    RESERVE + "step/<slug:step>/": MANAGE,
    RESERVE + "parts/<slug:part>/new/": MANAGE,
    RESERVE + "parts/<slug:part>/<int:part_pk>/": MANAGE,
    RESERVE + "parts/<slug:part>/<int:part_pk>/delete/": MANAGE,
    RESERVE + "bodies/<slug:body>/": MANAGE,
    RESERVE + "recommendations/": VIEW_ROSTER,  # its POST is the office's
    RESERVE + "recommendations/<int:rec_pk>/withdraw/": MANAGE,
    RESERVE + "recommend/": APPLY,
    RESERVE + "tiers/<int:tier_pk>/ballot/": MANAGE,
    RESERVE + "sheets/": VIEW_ROSTER,
    RESERVE + "sheets/<int:person_pk>/": VIEW_ROSTER,  # editable by the leading group
    RESERVE + "decision/": COMMIT,
    RESERVE + "export/<slug:kind>.<slug:fmt>": VIEW_ROSTER,
    RESERVE + "pipeline/": VIEW_ROSTER,
    RESERVE + "cadres/": VIEW_ROSTER,
    RESERVE + "assessments/": DECIDE,
    RESERVE + "backfills/new/": DECIDE,
    RESERVE + "backfills/<int:backfill_pk>/": VIEW_ROSTER,  # decided by the party committee
    RESERVE + "outcomes/": COMMIT,
    # One reserve cadre (the teacher): his dossier is open to those who see the roster, to
    # him and to his mentor; what he does is recorded by the office, him and his mentor.
    CADRE: VIEW_ROSTER | {TEACHER, MENTOR},
    CADRE + "dossier.<slug:fmt>": VIEW_ROSTER | {TEACHER, MENTOR},
    CADRE + "materials/<int:material_pk>/": VIEW_ROSTER | {TEACHER, MENTOR},
    CADRE + "record/<slug:kind>/": frozenset({ADMIN, TEACHER, MENTOR}),
    CADRE + "upload/": frozenset({ADMIN, TEACHER, MENTOR}),
    # The office's own entries: the others may delete only what they recorded themselves.
    CADRE + "activities/<int:activity_pk>/delete/": MANAGE,
    CADRE + "materials/<int:material_pk>/delete/": MANAGE,
    CADRE + "mentoring/<int:part_pk>/summary/": frozenset({ADMIN, MENTOR}),
    CADRE + "<slug:arrangement>/new/": MANAGE,
    CADRE + "<slug:arrangement>/<int:part_pk>/": MANAGE,
    CADRE + "disqualify/": COMMIT,
}

# Views behind require_POST: tried with an empty POST instead of a GET.
POST_ONLY = frozenset(
    {
        ORG + "accounts/<int:pk>/revoke/",
        ORG + "departments/<int:pk>/delete/",
        ORG + "positions/<int:pk>/delete/",
        ORG + "documents/<slug:kind>/upload/",
        ORG + "documents/<slug:kind>/reset/",
        ORG + "people/<int:pk>/delete/",
        ORG + "people/<int:pk>/<slug:kind>/<int:record_pk>/delete/",
        ORG + "people/import/<int:upload_pk>/confirm/",
        CAMPAIGN + "<slug:part>/<int:part_pk>/delete/",
        CAMPAIGN + "file/",
        CAMPAIGN + "step/<slug:step>/",
        CAMPAIGN + "application/withdraw/",
        CAMPAIGN + "attachments/<int:attachment_pk>/delete/",
        CAMPAIGN + "nominations/<int:nomination_pk>/answer/",
        PANEL + "experts/",
        PANEL + "step/<slug:step>/",
        PANEL + "sheets/<int:sheet_pk>/reopen/",
        PANEL + "questions/",
        APPOINTMENT + "report/",
        APPOINTMENT + "appoint/",
        BALLOT + "step/<slug:step>/",
        BALLOT + "codes/",
        BALLOT + "paper/new/",
        BALLOT + "speaker/",
        RESERVE + "step/<slug:step>/",
        RESERVE + "parts/<slug:part>/<int:part_pk>/delete/",
        RESERVE + "recommendations/<int:rec_pk>/withdraw/",
        RESERVE + "tiers/<int:tier_pk>/ballot/",
        CADRE + "activities/<int:activity_pk>/delete/",
        CADRE + "materials/<int:material_pk>/delete/",
    }
)


@pytest.fixture(scope="module")
def shared(django_db_setup, django_db_blocker):
    """One world and one object of every kind for the whole module, in a transaction rolled
    back at its end; each test runs in a savepoint inside it (pytest-django's `db`), so what
    a request changes is undone before the next. Building them per test would cost a tenth
    of a second for each of the thousand cases."""
    with django_db_blocker.unblock(), transaction.atomic():
        # conftest's `world` fixture, called as the function it wraps: its `db` argument
        # only asks for database access, which this fixture has.
        world = conftest.world.__wrapped__(None)
        objects = build_objects(world)
        User = get_user_model()
        committee = User.objects.create_user("committee-a", first_name="committee-a")
        Membership.objects.create(
            user=committee, organisation=world.school, role=Role.PARTY_COMMITTEE
        )
        mentor = User.objects.create_user("mentor-a", first_name="mentor-a")
        Membership.objects.create(user=mentor, organisation=world.school, role=Role.MENTOR)
        # The colleague is the teacher's mentor in the reserve and the nominee of a peer.
        world.colleague.user = mentor
        world.colleague.save(update_fields=["user"])
        world.users.update({COMMITTEE: committee, MENTOR: mentor})
        try:
            yield world, objects
        finally:
            transaction.set_rollback(True)


def test_the_table_names_every_route_of_the_url_configuration():
    missing = sorted(set(ROUTES) - EXPECTED.keys())
    assert not missing, (
        "New route(s) without an entry in EXPECTED of tests/orgs/test_permission_matrix.py: "
        "add each with the personas its view lets in (and to POST_ONLY if it is behind "
        "require_POST): " + ", ".join(missing)
    )
    gone = sorted(EXPECTED.keys() - set(ROUTES))
    assert not gone, "Routes no longer in the URL configuration: " + ", ".join(gone)
    assert EXPECTED.keys() >= POST_ONLY


@pytest.mark.parametrize("route", ROUTES)
def test_each_route_reaches_its_own_view(route):
    """A route shadowed by an earlier, looser one (a <slug:...> matching its literal words)
    never reaches its view, and the matrix above would try the other view in its place."""
    url = fill(route, SimpleNamespace(school=SimpleNamespace(code="school-a")), defaultdict(int))
    assert resolve(url).route == route, f"{url} is answered by {resolve(url).route}"


def _login_page(response) -> bool:
    return response.status_code == HTTPStatus.FOUND and response["Location"].startswith(
        "/accounts/login/"
    )


def _answered(response, allowed: bool, persona: str, where: str) -> None:
    where = f"{where} as {persona}: {response.status_code}"
    if allowed:
        # 405 would mean a GET on a POST-only view: the route belongs in POST_ONLY.
        assert response.status_code not in (403, 404, 405), where
        assert not _login_page(response), where
    elif persona == ANONYMOUS:
        assert _login_page(response), where
    elif persona == OUTSIDER:
        assert response.status_code == 404, where
    else:
        assert response.status_code in (403, 404), where


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("route", ROUTES)
def test_each_persona_opens_only_what_his_roles_allow(db, shared, route, persona):
    world, objects = shared
    if route not in EXPECTED:
        pytest.fail(f"add {route} to EXPECTED in tests/orgs/test_permission_matrix.py")
    url = fill(route, world, objects)
    method = "post" if route in POST_ONLY else "get"
    response = getattr(world.client(persona), method)(url)
    _answered(response, persona in EXPECTED[route], persona, f"{method.upper()} {url}")


# Pages whose POST needs more than opening them, and refuses the others outright.
POST_NEEDS = {
    CAMPAIGN + "review/<int:candidacy_pk>/": frozenset({COMMITTEE}),  # Can.REVIEW
    PANEL: MANAGE,  # setting the panel up
    PANEL + "ranking/": DECIDE,  # the leading group's shortlist
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("route", sorted(POST_NEEDS))
def test_a_pages_post_is_refused_to_those_who_may_only_open_it(db, shared, route, persona):
    world, objects = shared
    url = fill(route, world, objects)
    response = world.client(persona).post(url)
    _answered(response, persona in POST_NEEDS[route], persona, f"POST {url}")


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_organisations_recommendation_is_the_leading_groups_or_the_committees(
    db, shared, persona
):
    world, objects = shared
    url = reverse(
        "campaigns:nominate", args=[world.school.code, objects["campaign"], "organisation"]
    )
    response = world.client(persona).get(url)
    _answered(response, persona in DECIDE | {COMMITTEE}, persona, f"GET {url}")
