from django.contrib.auth import views as auth_views
from django.urls import include, path

from cadre.appointments.views import holidays as holiday_views
from cadre.appointments.views import public as notice_views
from cadre.ballots import vote as vote_views
from cadre.campaigns.views import public as public_views
from cadre.core import views as core_views
from cadre.orgs import views as org_views
from cadre.panels import expert as expert_views
from cadre.reserve.views import programme as reserve_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("accounts/login/", org_views.CadreLoginView.as_view(), name="login"),
    # Of Django's account views, only those Cadre has pages for. It sends no e-mail, so there
    # is no password reset by mail: those views had no templates and answered with a server
    # error.
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password_change/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("o/<slug:code>/", include("cadre.orgs.urls")),
    path("o/<slug:code>/people/", include("cadre.people.urls")),
    path("o/<slug:code>/audit/", include("cadre.audit.urls")),
    path("o/<slug:code>/campaigns/", include("cadre.campaigns.urls")),
    path("o/<slug:code>/documents/", include("cadre.documents.urls")),
    path("o/<slug:code>/ballots/", include("cadre.ballots.urls")),
    path("o/<slug:code>/campaigns/<int:pk>/panel/", include("cadre.panels.urls")),
    path("o/<slug:code>/campaigns/<int:pk>/appointment/", include("cadre.appointments.urls")),
    path("o/<slug:code>/reserve/", include("cadre.reserve.urls")),
    path("o/<slug:code>/holidays/", holiday_views.holidays, name="holidays"),
    path("e/<str:token>/", expert_views.expert_home, name="expert_home"),
    path("e/<str:token>/<int:person_pk>/", expert_views.expert_sheet, name="expert_sheet"),
    path(
        "e/<str:token>/<int:person_pk>/conflict/",
        expert_views.expert_conflict,
        name="expert_conflict",
    ),
    path("v/<str:public_id>/", vote_views.ballot, name="vote"),
    path("v/<str:public_id>/board/", vote_views.board, name="board"),
    path("v/<str:public_id>/board.json", vote_views.board_json, name="board_json"),
    path("p/<slug:code>/campaigns/<int:pk>/", public_views.published_plan, name="public_plan"),
    path(
        "p/<slug:code>/campaigns/<int:pk>/notice/",
        notice_views.public_notice,
        name="public_notice",
    ),
    path("p/<slug:code>/reserve/<int:pk>/", reserve_views.public_page, name="reserve_public"),
    path("r/<slug:code>/<int:pk>/", notice_views.report_concern, name="report_concern"),
]
