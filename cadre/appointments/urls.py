from django.urls import path

from .views import documents, stage

app_name = "appointments"
urlpatterns = [
    path("", stage.home, name="home"),
    path("inspections/<int:inspection_pk>/", stage.inspection_edit, name="inspection"),
    path(
        "inspections/<int:inspection_pk>/files/<int:file_pk>/",
        stage.inspection_file,
        name="inspection_file",
    ),
    path("propose/", stage.propose, name="propose"),
    path("notice/", stage.notice_publish, name="notice"),
    path("notice/end/", stage.notice_end, name="notice_end"),
    path("concerns/new/", stage.objection_new, name="objection_new"),
    path("concerns/<int:objection_pk>/", stage.objection_conclude, name="objection"),
    path("proposals/<int:proposal_pk>/withdraw/", stage.proposal_withdraw, name="withdraw"),
    path("proposals/<int:proposal_pk>/division/", stage.division, name="division"),
    path("joint-meeting/", stage.joint_meeting, name="joint_meeting"),
    path("approve/", stage.approve, name="approve"),
    path("report/", stage.report, name="report"),
    path("appoint/", stage.appoint, name="appoint"),
    path("record.docx", documents.whole_record, name="record"),
    path("report.<slug:fmt>", documents.report, name="report_file"),
    path(
        "proposals/<int:proposal_pk>/form.<slug:fmt>",
        documents.appointment_form,
        name="appointment_form",
    ),
    path("proposals/<int:proposal_pk>/<slug:kind>.docx", documents.letter, name="letter"),
]
