from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _

from cadre.people.models import Person

from .models import Department, Membership, Position

User = get_user_model()


class DepartmentForm(forms.ModelForm):
    class Meta:
        model = Department
        fields = ["name", "order"]

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = Department.objects.filter(organisation=self.organisation, name=name)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(
                _("This organisation already has a department of that name.")
            )
        return name


class PositionForm(forms.ModelForm):
    class Meta:
        model = Position
        fields = ["department", "title", "level", "duties", "order"]
        widgets = {"duties": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = organisation.departments.all()

    def clean(self):
        data = super().clean()
        department, title = data.get("department"), data.get("title")
        if department and title:
            clash = Position.objects.filter(department=department, title=title.strip())
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("title", _("This department already has a position of that title."))
        return data


ASSIGNABLE_ROLES = [
    (value, label)
    for value, label in Membership.Role.choices
    if value != Membership.Role.DISTRICT_ADMIN
]


class AccountForm(forms.Form):
    username = forms.RegexField(
        label=_("Username"),
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={"invalid": _("Use letters, digits and @/./+/-/_ only.")},
    )
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    password = forms.CharField(label=_("Initial password"), widget=forms.PasswordInput)
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=ASSIGNABLE_ROLES, widget=forms.CheckboxSelectMultiple
    )
    staff_no = forms.CharField(
        label=_("Staff number (links the account to the roster)"), max_length=30, required=False
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        if organisation.kind == organisation.Kind.DISTRICT:
            self.fields["roles"].choices = [
                (Membership.Role.DISTRICT_ADMIN, Membership.Role.DISTRICT_ADMIN.label)
            ]

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This username is taken."))
        return username

    def clean_staff_no(self):
        staff_no = self.cleaned_data["staff_no"].strip()
        if not staff_no:
            return None
        person = Person.objects.filter(organisation=self.organisation, staff_no=staff_no).first()
        if person is None:
            raise forms.ValidationError(_("No one with this staff number is on the roster."))
        if person.user_id:
            raise forms.ValidationError(_("This person already has an account."))
        return person

    def clean(self):
        data = super().clean()
        if data.get("password"):
            try:
                password_validation.validate_password(
                    data["password"], User(username=data.get("username", ""))
                )
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return data
