from django.urls import path

from .views import exports, programme, recommendation, selection

app_name = "reserve"
urlpatterns = [
    path("", programme.programme_list, name="list"),
    path("new/", programme.programme_new, name="new"),
    path("<int:pk>/", programme.programme_detail, name="detail"),
    path("<int:pk>/edit/", programme.programme_edit, name="edit"),
    path("<int:pk>/step/<slug:step>/", programme.programme_step, name="step"),
    path("<int:pk>/parts/<slug:part>/new/", programme.part_edit, name="part_new"),
    path("<int:pk>/parts/<slug:part>/<int:part_pk>/", programme.part_edit, name="part_edit"),
    path(
        "<int:pk>/parts/<slug:part>/<int:part_pk>/delete/",
        programme.part_delete,
        name="part_delete",
    ),
    path("<int:pk>/bodies/<slug:body>/", programme.body_edit, name="body"),
    path("<int:pk>/recommendations/", recommendation.recommendations, name="recommendations"),
    path(
        "<int:pk>/recommendations/<int:rec_pk>/withdraw/",
        recommendation.recommendation_withdraw,
        name="withdraw",
    ),
    path("<int:pk>/recommend/", recommendation.recommend, name="recommend"),
    path("<int:pk>/tiers/<int:tier_pk>/ballot/", recommendation.ballot_create, name="ballot"),
    path("<int:pk>/sheets/", selection.sheets, name="sheets"),
    path("<int:pk>/sheets/<int:person_pk>/", selection.sheet, name="sheet"),
    path("<int:pk>/decision/", selection.decision, name="decision"),
    path("<int:pk>/export/<slug:kind>.<slug:fmt>", exports.export, name="export"),
]
