from django import forms
from django.utils.translation import gettext_lazy as _

from cadre.decisions.models import BodyMember
from cadre.people import vocab
from cadre.people.forms import StaffField
from cadre.people.models import Person

from .models import Campaign, CampaignPosition, Candidacy, Rule, Stage

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CampaignForm(forms.ModelForm):
    class Meta:
        model = Campaign
        fields = [
            "title",
            *Campaign.CARRIED_OVER,
            "reference_date",
            "registration_opens",
            "registration_deadline",
        ]
        widgets = {
            "reference_date": DATE,
            "registration_opens": DATETIME,
            "registration_deadline": DATETIME,
            **{f: forms.Textarea(attrs={"rows": 4}) for f in Campaign.TEXT_SECTIONS},
        }

    def clean(self):
        data = super().clean()
        opens, deadline = data.get("registration_opens"), data.get("registration_deadline")
        if opens and deadline and deadline <= opens:
            self.add_error("registration_deadline", _("Registration must close after it opens."))
        return data


class CopyForm(forms.Form):
    title = forms.CharField(label=_("Title of the new campaign"), max_length=120)
    registration_opens = forms.DateTimeField(label=_("Registration opens"), widget=DATETIME)
    registration_deadline = forms.DateTimeField(label=_("Registration deadline"), widget=DATETIME)

    def clean(self):
        data = super().clean()
        opens, deadline = data.get("registration_opens"), data.get("registration_deadline")
        if opens and deadline and deadline <= opens:
            self.add_error("registration_deadline", _("Registration must close after it opens."))
        return data


class PositionForm(forms.ModelForm):
    class Meta:
        model = CampaignPosition
        fields = [
            "department",
            "position",
            "title",
            "level",
            "quota",
            "quota_min",
            "duties",
            "order",
        ]
        widgets = {"duties": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = organisation.departments.all()
        self.fields["position"].queryset = self.fields["position"].queryset.filter(
            department__organisation=organisation
        )
        self.fields["position"].required = False

    def clean(self):
        data = super().clean()
        lo, hi = data.get("quota_min"), data.get("quota")
        if lo is not None and hi is not None and lo > hi:
            self.add_error("quota_min", _("The lower bound is above the quota."))
        return data


class StageForm(forms.ModelForm):
    class Meta:
        model = Stage
        fields = ["name", "planned_start", "planned_end", "milestone", "order"]
        widgets = {"planned_start": DATE, "planned_end": DATE}

    def clean(self):
        data = super().clean()
        start, end = data.get("planned_start"), data.get("planned_end")
        if start and end and end < start:
            self.add_error("planned_end", _("A stage cannot end before it starts."))
        return data


LEVELS = [(v, label) for v, label in CampaignPosition._meta.get_field("level").choices]


class RuleForm(forms.ModelForm):
    """One form for every kind of condition; the kind decides which parameters count."""

    levels = forms.MultipleChoiceField(
        label=_("Applies to"),
        choices=LEVELS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every position."),
    )
    cutoff = forms.DateField(label=_("Born on or after"), required=False, widget=DATE)
    inclusive = forms.BooleanField(
        label=_("The cut-off day itself is included"), required=False, initial=True
    )
    education = forms.ChoiceField(
        label=_("At least"),
        required=False,
        choices=[("", "—")] + [(e, e) for e in vocab.EDUCATION_LEVELS],
    )
    role_kinds = forms.MultipleChoiceField(
        label=_("Roles that count"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(r, r) for r in vocab.ROLE_KINDS],
    )
    years = forms.IntegerField(label=_("Years"), required=False, min_value=0, max_value=40)
    months = forms.IntegerField(label=_("Months"), required=False, min_value=0, max_value=11)
    allowed = forms.MultipleChoiceField(
        label=_("Political status allowed"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(s, s) for s in vocab.POLITICAL_STATUSES],
    )
    title_level = forms.ChoiceField(
        label=_("Title at least"),
        required=False,
        choices=[("", "—")] + [(t, t) for t in vocab.TITLES],
    )

    class Meta:
        model = Rule
        fields = ["label", "kind", "levels", "exemptable", "order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        params = self.instance.params or {}
        for key in ("cutoff", "inclusive", "education", "role_kinds", "years", "months", "allowed"):
            if key in params:
                self.initial[key] = params[key]
        if "level" in params:
            self.initial[
                "education" if self.instance.kind == Rule.Kind.MIN_EDUCATION else "title_level"
            ] = params["level"]

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        need = {
            Rule.Kind.BIRTH_CUTOFF: ["cutoff"],
            Rule.Kind.MIN_EDUCATION: ["education"],
            Rule.Kind.MIN_EXPERIENCE: ["role_kinds", "years"],
            Rule.Kind.POLITICAL_STATUS: ["allowed"],
            Rule.Kind.MIN_TITLE: ["title_level"],
        }.get(kind, [])
        for field in need:
            if data.get(field) in (None, "", []):
                self.add_error(field, _("This condition needs this."))
        if self.errors:
            return data
        self.instance.params = {
            Rule.Kind.BIRTH_CUTOFF: lambda: {
                "cutoff": data["cutoff"].isoformat(),
                "inclusive": data["inclusive"],
            },
            Rule.Kind.MIN_EDUCATION: lambda: {"level": data["education"]},
            Rule.Kind.MIN_EXPERIENCE: lambda: {
                "role_kinds": data["role_kinds"],
                "years": data["years"],
                "months": data.get("months") or 0,
            },
            Rule.Kind.POLITICAL_STATUS: lambda: {"allowed": data["allowed"]},
            Rule.Kind.MIN_TITLE: lambda: {"level": data["title_level"]},
            Rule.Kind.MANUAL: lambda: {"text": data["label"]},
        }[kind]()
        return data


class MembersForm(forms.Form):
    """The members of a body that decides collectively, by staff number."""

    staff_nos = forms.CharField(
        label=_("Members' staff numbers, head first"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line or separated by commas; the first chairs."),
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_staff_nos(self):
        raw = [
            s.strip()
            for s in self.cleaned_data["staff_nos"].replace("，", ",").replace("\n", ",").split(",")
            if s.strip()
        ]
        people = {
            p.staff_no: p
            for p in Person.objects.filter(organisation=self.organisation, staff_no__in=raw)
        }
        missing = [s for s in raw if s not in people]
        if missing:
            raise forms.ValidationError(
                _("Not on the roster: %(nos)s") % {"nos": "、".join(missing)}
            )
        if len(set(raw)) != len(raw):
            raise forms.ValidationError(_("A member is listed twice."))
        if len(raw) < 3:
            raise forms.ValidationError(
                _("A body that decides collectively has at least three members.")
            )
        return [
            (people[s], BodyMember.Role.HEAD if i == 0 else BodyMember.Role.MEMBER)
            for i, s in enumerate(raw)
        ]


class LeadingGroupForm(MembersForm):
    formed_on = forms.DateField(label=_("Formed on"), widget=DATE)


class FileForm(forms.Form):
    approved_on = forms.DateField(label=_("Approved by the school leadership on"), widget=DATE)
    approval_note = forms.CharField(
        label=_("Approving meeting"), max_length=200, help_text=_("e.g. 校级领导班子会议")
    )
    filed_on = forms.DateField(label=_("Filed with the education bureau on"), widget=DATE)
    filing_reference = forms.CharField(label=_("Filing reference"), max_length=80)


class ApplicationForm(forms.Form):
    first_choice = forms.ModelChoiceField(label=_("First choice"), queryset=None)
    second_choice = forms.ModelChoiceField(label=_("Second choice"), queryset=None, required=False)
    accepts_reassignment = forms.BooleanField(
        label=_("I accept reassignment (服从调剂)"), required=False
    )
    achievements = forms.CharField(
        label=_("Achievements and honours"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    strengths = forms.CharField(
        label=_("Strengths for the post"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    work_plan = forms.CharField(
        label=_("Work plan"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        positions = campaign.positions.all()
        self.fields["first_choice"].queryset = positions
        self.fields["second_choice"].queryset = positions
        if campaign.max_choices < 2:
            del self.fields["second_choice"]

    def positions(self):
        chosen = [self.cleaned_data.get("first_choice"), self.cleaned_data.get("second_choice")]
        return [p for p in chosen if p]


class NominationForm(forms.Form):
    staff_no = StaffField(label=_("Colleague's staff number or name"))
    position = forms.ModelChoiceField(label=_("Position"), queryset=None)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.fields["staff_no"].organisation = campaign.organisation
        self.fields["position"].queryset = campaign.positions.all()


class MembersChoiceField(forms.ModelMultipleChoiceField):
    """Members of a body, ticked.

    Django looks the ticked ids up with an IN lookup, which, unlike an exact one, does not
    guard against an id past a 64-bit integer: SQLite cannot bind it (OverflowError, a server
    error). Such an id is refused as any id that is not a member's.
    """

    def _check_values(self, value):
        for pk in value:
            try:
                out_of_range = not -(2**63) <= int(pk) < 2**63
            except (TypeError, ValueError):
                continue  # not a number at all: Django refuses it itself
            if out_of_range:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class DecisionForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    date = forms.DateField(label=_("Date of the meeting"), widget=DATE)
    present = MembersChoiceField(
        label=_("Members present"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    recused = MembersChoiceField(
        label=_("Recused (the matter concerns them or a relative)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    votes_for = forms.IntegerField(label=_("For"), min_value=0)
    votes_against = forms.IntegerField(label=_("Against"), min_value=0, initial=0)
    abstentions = forms.IntegerField(label=_("Abstentions"), min_value=0, initial=0)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        members = body.members.select_related("person")
        self.fields["present"].queryset = members
        self.fields["recused"].queryset = members


class ExemptionForm(DecisionForm):
    field_order = ["rule", "reason"]
    rule = forms.ModelChoiceField(label=_("Condition to relax"), queryset=None)
    reason = forms.CharField(
        label=_("Why the candidate is outstanding"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, candidacy, **kwargs):
        super().__init__(*args, **kwargs)
        level = candidacy.position.level
        ids = [
            r.pk
            for r in candidacy.application.campaign.rules.filter(exemptable=True)
            if r.applies_to(level)
        ]
        self.fields["rule"].queryset = Rule.objects.filter(pk__in=ids)


class ReviewForm(forms.Form):
    result = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[
            (Candidacy.Result.QUALIFIED, Candidacy.Result.QUALIFIED.label),
            (Candidacy.Result.NOT_QUALIFIED, Candidacy.Result.NOT_QUALIFIED.label),
        ],
    )
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, manual_rules, **kwargs):
        super().__init__(*args, **kwargs)
        self.manual_rules = manual_rules
        for rule in manual_rules:
            self.fields[f"met_{rule.pk}"] = forms.BooleanField(label=rule.label, required=False)
            self.fields[f"note_{rule.pk}"] = forms.CharField(
                label=_("Note"), required=False, max_length=300
            )
        # The conditions a reviewer attests come before the decision that rests on them.
        self.order_fields([f for f in self.fields if f not in ("result", "reason")])

    def attestations(self) -> dict:
        return {
            str(r.pk): {
                "met": self.cleaned_data[f"met_{r.pk}"],
                "note": self.cleaned_data[f"note_{r.pk}"].strip(),
            }
            for r in self.manual_rules
        }
