from django.urls import path

from .views import documents, plan, registration, review

app_name = "campaigns"
urlpatterns = [
    path("", plan.campaign_list, name="list"),
    path("new/", plan.campaign_new, name="new"),
    path("<int:pk>/", plan.campaign_detail, name="detail"),
    path("<int:pk>/edit/", plan.campaign_edit, name="edit"),
    path("<int:pk>/copy/", plan.campaign_copy, name="copy"),
    path("<int:pk>/positions/new/", plan.position_edit, name="position_new"),
    path("<int:pk>/positions/<int:part_pk>/", plan.position_edit, name="position_edit"),
    path("<int:pk>/stages/new/", plan.stage_edit, name="stage_new"),
    path("<int:pk>/stages/<int:part_pk>/", plan.stage_edit, name="stage_edit"),
    path("<int:pk>/rules/new/", plan.rule_edit, name="rule_new"),
    path("<int:pk>/rules/<int:part_pk>/", plan.rule_edit, name="rule_edit"),
    path("<int:pk>/leading-group/", plan.leading_group_edit, name="leading_group"),
    path("<int:pk>/file/", plan.campaign_file, name="file"),
    path("<int:pk>/step/<slug:step>/", plan.campaign_step, name="step"),
    path("<int:pk>/prospects/", plan.prospects, name="prospects"),
    path("<int:pk>/application/", registration.application_edit, name="application"),
    path("<int:pk>/application/withdraw/", registration.application_withdraw, name="withdraw"),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/",
        registration.attachment_download,
        name="attachment",
    ),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/delete/",
        registration.attachment_delete,
        name="attachment_delete",
    ),
    # After the attachments': <slug:part> would take "attachments" too, and a member of staff
    # could never delete one of his.
    path("<int:pk>/<slug:part>/<int:part_pk>/delete/", plan.part_delete, name="part_delete"),
    path("<int:pk>/recommend/<slug:channel>/", registration.nominate, name="nominate"),
    path(
        "<int:pk>/nominations/<int:nomination_pk>/answer/",
        registration.nomination_answer,
        name="nomination_answer",
    ),
    path("<int:pk>/review/", review.review_list, name="review"),
    path("<int:pk>/review/<int:candidacy_pk>/", review.review_candidacy, name="review_candidacy"),
    path(
        "<int:pk>/review/<int:candidacy_pk>/exemption/", review.exemption_new, name="exemption_new"
    ),
    path("<int:pk>/review/confirm/", review.confirm_candidates, name="confirm"),
    path("<int:pk>/review/sheet.xlsx", documents.review_sheet, name="review_sheet"),
    path("<int:pk>/forms.zip", documents.forms_zip, name="forms_zip"),
    path("<int:pk>/forms/<int:application_pk>.docx", documents.form_docx, name="form_docx"),
]
