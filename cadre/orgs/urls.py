from django.urls import path

from . import views

app_name = "orgs"
urlpatterns = [
    path("", views.org_home, name="home"),
    path("departments/new/", views.department_edit, name="department_new"),
    path("departments/<int:pk>/edit/", views.department_edit, name="department_edit"),
    path("departments/<int:pk>/delete/", views.department_delete, name="department_delete"),
    path("positions/new/", views.position_edit, name="position_new"),
    path("positions/<int:pk>/edit/", views.position_edit, name="position_edit"),
    path("positions/<int:pk>/delete/", views.position_delete, name="position_delete"),
    path("accounts/", views.accounts, name="accounts"),
    path("accounts/<int:pk>/revoke/", views.membership_revoke, name="membership_revoke"),
]
