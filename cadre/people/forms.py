from django import forms
from django.utils.translation import gettext_lazy as _

from . import vocab
from .dates import DateParseError, PartialDate, parse_cn_date
from .models import Appraisal, Discipline, Honour, Person, PostHistory


class PartialDateField(forms.Field):
    """Accepts the date forms Chinese offices type, including month-only ones."""

    widget = forms.TextInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "help_text",
            _("e.g. 1985-03-12, 1985/3/12, 1985年3月12日; 1985.03 if only the month is known"),
        )
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        return str(value) if isinstance(value, PartialDate) else value

    def to_python(self, value):
        value = (value or "").strip()
        if not value:
            return None
        try:
            return parse_cn_date(value)
        except DateParseError as exc:
            raise forms.ValidationError(str(exc)) from None


class StaffField(forms.CharField):
    """A member of one school's staff, typed as his staff number or, when unique, his name."""

    def __init__(self, *args, organisation=None, **kwargs):
        kwargs.setdefault("max_length", 50)
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        staff = Person.objects.filter(organisation=self.organisation)
        matches = list(staff.filter(staff_no=value)) or list(staff.filter(name=value)[:2])
        if not matches:
            raise forms.ValidationError(_("No one on the roster has this staff number or name."))
        if len(matches) > 1:
            raise forms.ValidationError(_("Several people have this name; give the staff number."))
        return matches[0]


class PartialDateFormMixin:
    """Maps each PartialDateField onto its model's `<name>` and `<name>_month_only` pair."""

    partial_dates: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.partial_dates:
            self.fields[name] = PartialDateField(
                label=self._meta.model._meta.get_field(name).verbose_name,
                required=not self._meta.model._meta.get_field(name).null,
            )
            value = getattr(self.instance, name, None)
            if value:
                self.initial[name] = PartialDate(
                    value, getattr(self.instance, f"{name}_month_only", False)
                )

    def _post_clean(self):
        for name in self.partial_dates:
            if name in self.cleaned_data:
                pd = self.cleaned_data[name]
                setattr(self.instance, f"{name}_month_only", bool(pd and pd.month_only))
                self.cleaned_data[name] = pd.value if pd else None
        super()._post_clean()


class PersonForm(PartialDateFormMixin, forms.ModelForm):
    partial_dates = ("birth_date", "party_date", "work_start_date")

    class Meta:
        model = Person
        fields = [
            "staff_no",
            "name",
            "gender",
            "birth_date",
            "ethnicity",
            "native_place",
            "political_status",
            "party_date",
            "work_start_date",
            "education",
            "degree",
            "graduated_from",
            "major",
            "title",
            "department",
            "current_post",
            "subject",
            "phone",
            "status",
        ]

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["department"].queryset = organisation.departments.all()
        self.fields["title"].widget.attrs["list"] = "title-options"

    def clean_staff_no(self):
        staff_no = self.cleaned_data["staff_no"].strip()
        clash = Person.objects.filter(organisation=self.organisation, staff_no=staff_no)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("Another staff member has this staff number."))
        return staff_no

    def clean(self):
        data = super().clean()
        party, status = data.get("party_date"), data.get("political_status")
        if party and status not in vocab.PARTY_STATUSES:
            self.add_error("party_date", _("Only party members have a party joining date."))
        birth = data.get("birth_date")
        for name in ("party_date", "work_start_date"):
            value = data.get(name)
            if birth and value and value.value < birth.value:
                self.add_error(name, _("This is earlier than the date of birth."))
        return data


class PostHistoryForm(PartialDateFormMixin, forms.ModelForm):
    partial_dates = ("start_date", "end_date")

    class Meta:
        model = PostHistory
        fields = ["role_kind", "unit", "start_date", "end_date"]

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end.value < start.value:
            self.add_error("end_date", _("The end date is before the start date."))
        return data


class AppraisalForm(forms.ModelForm):
    class Meta:
        model = Appraisal
        fields = ["year", "result"]

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.instance.person = person

    def clean_year(self):
        year = self.cleaned_data["year"]
        clash = Appraisal.objects.filter(person=self.person, year=year)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("This year is already appraised."))
        return year


class HonourForm(PartialDateFormMixin, forms.ModelForm):
    partial_dates = ("date",)

    class Meta:
        model = Honour
        fields = ["date", "name", "level"]


class DisciplineForm(forms.ModelForm):
    class Meta:
        model = Discipline
        fields = ["date", "kind", "reason", "expires"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "expires": forms.DateInput(attrs={"type": "date"}),
        }


class RosterUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Roster workbook (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def __init__(self, *args, max_bytes, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_bytes = max_bytes

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > self.max_bytes:
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB.") % {"mb": self.max_bytes // (1024 * 1024)}
            )
        head = f.read(4)
        f.seek(0)
        if head != b"PK\x03\x04":
            raise forms.ValidationError(_("This is not an Excel workbook (.xlsx)."))
        return f
