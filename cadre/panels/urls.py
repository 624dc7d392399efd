from django.urls import path

from . import views

app_name = "panels"
urlpatterns = [
    path("", views.panel_home, name="home"),
    path("experts/", views.expert_add, name="expert_add"),
    path("step/<slug:step>/", views.panel_step, name="step"),
    path("sheets/<int:sheet_pk>/reopen/", views.sheet_reopen, name="reopen"),
    path("ranking/", views.ranking, name="ranking"),
    path("summary.xlsx", views.summary_xlsx, name="summary_xlsx"),
    path("ranking.xlsx", views.ranking_xlsx, name="ranking_xlsx"),
    path("paper-sheet/", views.paper_sheet, name="paper_sheet"),
    path("paper/", views.paper_entry, name="paper_entry"),
    path("questions/", views.questions, name="questions"),
]
