from django import forms
from django.utils.translation import gettext_lazy as _

from cadre.campaigns.forms import DATE, MembersChoiceField
from cadre.decisions.models import BodyMember

from .models import Inspection, Notice, Objection, Proposal


class InspectionForm(forms.ModelForm):
    class Meta:
        model = Inspection
        fields = [
            "group_leader",
            "group_members",
            "talks",
            "opinion_forms",
            "documents_reviewed",
            "candidate_talk",
            "findings",
            "conclusion",
        ]
        widgets = {"findings": forms.Textarea(attrs={"rows": 6})}


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Attach a file (PDF, JPG or PNG)"))


class MeetingForm(forms.Form):
    """The leading group's meeting on the inspected candidates: who was there; the votes
    per candidate are added field by field (see with_candidates)."""

    date = forms.DateField(label=_("Date of the meeting"), widget=DATE)
    present = MembersChoiceField(
        label=_("Members present"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(
        label=_("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, body, inspections, **kwargs):
        super().__init__(*args, **kwargs)
        members = BodyMember.objects.filter(body=body).select_related("person")
        self.fields["present"].queryset = members
        self.inspections = list(inspections)
        for i in self.inspections:
            self.fields[f"for_{i.pk}"] = forms.IntegerField(label=_("For"), min_value=0)
            self.fields[f"against_{i.pk}"] = forms.IntegerField(
                label=_("Against"), min_value=0, initial=0
            )
            self.fields[f"abstain_{i.pk}"] = forms.IntegerField(
                label=_("Abstentions"), min_value=0, initial=0
            )
            self.fields[f"recused_{i.pk}"] = MembersChoiceField(
                label=_("Recused"),
                queryset=members,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )

    def rows(self):
        """Per candidate: the inspection and its bound fields, for the template."""
        for i in self.inspections:
            yield {
                "inspection": i,
                "for": self[f"for_{i.pk}"],
                "against": self[f"against_{i.pk}"],
                "abstain": self[f"abstain_{i.pk}"],
                "recused": self[f"recused_{i.pk}"],
            }


class NoticeForm(forms.ModelForm):
    class Meta:
        model = Notice
        fields = ["starts_on", "days", "counting", "first_day_counts", "contact"]
        widgets = {"starts_on": DATE, "contact": forms.Textarea(attrs={"rows": 3})}


class ObjectionForm(forms.ModelForm):
    """A concern as the public page takes it."""

    class Meta:
        model = Objection
        fields = ["proposal", "content", "anonymous", "reporter_name", "reporter_contact"]
        widgets = {"content": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, notice, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposal"].queryset = Proposal.objects.filter(
            campaign=notice.campaign, status=Proposal.Status.PROPOSED
        ).select_related("person", "position")
        self.fields["proposal"].label_from_instance = lambda p: f"{p.person.name}（{p.position}）"
        self.fields["proposal"].empty_label = _("(the notice as a whole)")
        self.fields["anonymous"].initial = True


class ObjectionEntryForm(ObjectionForm):
    """A concern the office received by letter, telephone or in person."""

    class Meta(ObjectionForm.Meta):
        fields = ["channel", "received_at", *ObjectionForm.Meta.fields]
        widgets = {
            **ObjectionForm.Meta.widgets,
            "received_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
        }


class ConcludeForm(forms.ModelForm):
    class Meta:
        model = Objection
        fields = ["handling", "finding", "conclusion"]
        widgets = {
            "handling": forms.Textarea(attrs={"rows": 3}),
            "conclusion": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.fields:
            self.fields[name].required = True


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the proposed appointee is withdrawn"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReportForm(forms.Form):
    reported_on = forms.DateField(label=_("Reported to the education bureau on"), widget=DATE)
    reference = forms.CharField(label=_("Report reference"), max_length=80)
    reply_on = forms.DateField(label=_("Bureau's reply on"), widget=DATE, required=False)
    reply = forms.CharField(label=_("Bureau's reply"), max_length=200, required=False)


class DivisionForm(forms.ModelForm):
    class Meta:
        model = Proposal
        fields = ["division_of_work", "term_years"]
        widgets = {"division_of_work": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["division_of_work"].required = True


class AppointForm(forms.Form):
    appointed_on = forms.DateField(label=_("Appointed from"), widget=DATE)


class HolidayYearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    holidays = forms.CharField(
        label=_("Public holidays"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "The days off, as published by the State Council: one date per line or a range "
            "such as 2027-10-01~2027-10-07."
        ),
    )
    workdays = forms.CharField(
        label=_("Make-up workdays (调休)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Weekend days that are worked."),
    )
