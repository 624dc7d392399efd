from django.urls import path

from . import views

app_name = "ballots"
urlpatterns = [
    path("", views.evaluation_list, name="list"),
    path("new/", views.evaluation_new, name="new"),
    path("<int:pk>/", views.evaluation_detail, name="detail"),
    path("<int:pk>/step/<slug:step>/", views.evaluation_step, name="step"),
    path("<int:pk>/codes/", views.codes_issue, name="codes"),
    path("<int:pk>/check-in/", views.check_in, name="check_in"),
    path("<int:pk>/paper/new/", views.paper_batch_new, name="paper_new"),
    path("<int:pk>/paper/<int:batch_pk>/", views.paper_entry, name="paper"),
    path("<int:pk>/screen/", views.screen, name="screen"),
    path("<int:pk>/paper-sheet/", views.paper_sheet, name="paper_sheet"),
    path("<int:pk>/speaker/", views.speaker, name="speaker"),
    path("<int:pk>/results.xlsx", views.results_xlsx, name="results_xlsx"),
]
