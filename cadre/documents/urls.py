from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("", views.template_list, name="templates"),
    path("<slug:kind>.docx", views.template_download, name="template_download"),
    path("<slug:kind>/upload/", views.template_upload, name="template_upload"),
    path("<slug:kind>/reset/", views.template_reset, name="template_reset"),
]
