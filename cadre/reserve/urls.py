from django.urls import path

from .views import cultivation, exports, management, pipeline, programme, recommendation, selection

app_name = "reserve"
urlpatterns = [
    path("", programme.programme_list, name="list"),
    path("mine/", cultivation.mine, name="mine"),
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
    path("<int:pk>/pipeline/", pipeline.pipeline, name="pipeline"),
    path("<int:pk>/cadres/", cultivation.cadres, name="cadres"),
    path("<int:pk>/cadres/<int:cadre_pk>/", cultivation.dossier, name="dossier"),
    path(
        "<int:pk>/cadres/<int:cadre_pk>/dossier.<slug:fmt>",
        exports.dossier,
        name="dossier_export",
    ),
    path(
        "<int:pk>/cadres/<int:cadre_pk>/record/<slug:kind>/",
        cultivation.record,
        name="record",
    ),
    path(
        "<int:pk>/cadres/<int:cadre_pk>/activities/<int:activity_pk>/delete/",
        cultivation.activity_delete,
        name="activity_delete",
    ),
    path("<int:pk>/cadres/<int:cadre_pk>/upload/", cultivation.upload, name="upload"),
    path(
        "<int:pk>/cadres/<int:cadre_pk>/materials/<int:material_pk>/",
        cultivation.material,
        name="material",
    ),
    path(
        "<int:pk>/cadres/<int:cadre_pk>/materials/<int:material_pk>/delete/",
        cultivation.material_delete,
        name="material_delete",
    ),
    path(
        "<int:pk>/cadres/<int:cadre_pk>/<slug:arrangement>/new/",
        cultivation.arrangement_edit,
        name="arrangement_new",
    ),
    path(
        "<int:pk>/cadres/<int:cadre_pk>/<slug:arrangement>/<int:part_pk>/",
        cultivation.arrangement_edit,
        name="arrangement_edit",
    ),
    path(
        "<int:pk>/cadres/<int:cadre_pk>/mentoring/<int:part_pk>/summary/",
        cultivation.mentorship_summary,
        name="mentorship_summary",
    ),
    path(
        "<int:pk>/cadres/<int:cadre_pk>/disqualify/",
        management.disqualify,
        name="disqualify",
    ),
    path("<int:pk>/assessments/", management.assessments, name="assessments"),
    path("<int:pk>/backfills/new/", management.backfill_new, name="backfill_new"),
    path("<int:pk>/backfills/<int:backfill_pk>/", management.backfill, name="backfill"),
    path("<int:pk>/outcomes/", management.outcomes, name="outcomes"),
]
