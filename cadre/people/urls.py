from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("", views.person_list_view, name="list"),
    path("me/", views.person_me, name="me"),
    path("new/", views.person_edit, name="new"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/edit/", views.person_edit, name="edit"),
    path("<int:pk>/delete/", views.person_delete, name="delete"),
    path("<int:pk>/<slug:kind>/new/", views.record_edit, name="record_new"),
    path("<int:pk>/<slug:kind>/<int:record_pk>/edit/", views.record_edit, name="record_edit"),
    path("<int:pk>/<slug:kind>/<int:record_pk>/delete/", views.record_delete, name="record_delete"),
    path("import/", views.roster_import, name="import"),
    path("import/<int:upload_pk>/", views.roster_import_status, name="import_status"),
    path("import/<int:upload_pk>/confirm/", views.roster_import_confirm, name="import_confirm"),
    path("template.xlsx", views.roster_template, name="template"),
    path("export.xlsx", views.roster_export, name="export"),
]
