from django import forms
from django.utils.translation import gettext_lazy as _

from cadre.campaigns import forms as campaign_forms
from cadre.campaigns.forms import DATE, DecisionForm
from cadre.people import vocab
from cadre.people.forms import StaffField

from .models import Programme, Recommendation, Sheet, Stage, Tier


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


class ProgrammeForm(forms.ModelForm):
    criteria_text = forms.CharField(
        label=_("Basic criteria"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One per line; each nominee's sheet attests every one."),
    )
    priority_roles = forms.MultipleChoiceField(
        label=_("Roles that give priority"),
        choices=[(v, v) for v in vocab.ROLE_KINDS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Checked against each nominee's post history."),
    )

    class Meta:
        model = Programme
        fields = [
            "title",
            "preamble",
            "guiding_idea",
            "criteria_text",
            "priority_text",
            "priority_roles",
            "procedure",
            "cycle_years",
            "reference_date",
            "recommendation_opens",
            "recommendation_closes",
            "issued_by",
            "issued_on",
        ]
        widgets = {
            "reference_date": DATE,
            "recommendation_opens": DATE,
            "recommendation_closes": DATE,
            "issued_on": DATE,
            "preamble": forms.Textarea(attrs={"rows": 3}),
            "guiding_idea": forms.Textarea(attrs={"rows": 4}),
            "priority_text": forms.Textarea(attrs={"rows": 3}),
            "procedure": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criteria_text"].initial = "\n".join(self.instance.criteria or [])
        if not self.instance.pk:
            # A new programme starts from the seed's criteria and roles.
            self.fields["criteria_text"].required = False
            self.fields["criteria_text"].help_text = _(
                "Empty: the six criteria of the “三四五” plan."
            )

    def clean(self):
        data = super().clean()
        opens, closes = data.get("recommendation_opens"), data.get("recommendation_closes")
        if opens and closes and closes < opens:
            self.add_error(
                "recommendation_closes",
                _("Recommendation must close on or after the day it opens."),
            )
        return data

    def save(self, commit=True):
        self.instance.criteria = _lines(self.cleaned_data.get("criteria_text") or "")
        self.instance.priority_roles = list(self.cleaned_data.get("priority_roles") or [])
        return super().save(commit=commit)


class TierForm(forms.ModelForm):
    class Meta:
        model = Tier
        fields = [
            "code",
            "name",
            "target",
            "age_kind",
            "age_years",
            "age_tolerance",
            "horizon",
            "experience",
            "goal",
            "order",
        ]
        widgets = {
            "experience": forms.Textarea(attrs={"rows": 3}),
            "goal": forms.Textarea(attrs={"rows": 3}),
        }


class StageForm(campaign_forms.StageForm):
    class Meta(campaign_forms.StageForm.Meta):
        model = Stage


class RecommendationForm(forms.Form):
    """The office enters a recommendation received through any channel."""

    channel = forms.ChoiceField(label=_("Channel"), choices=Recommendation.Channel.choices)
    source = forms.CharField(
        label=_("Recommended by"),
        max_length=60,
        required=False,
        help_text=_("The department, group or leader; empty for a self-recommendation."),
    )
    person = StaffField(label=_("Nominee's staff number or name"))
    tier = forms.ModelChoiceField(label=_("Tier"), queryset=None, empty_label=None)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
    made_on = forms.DateField(label=_("Recommended on"), widget=DATE)

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].organisation = programme.organisation
        self.fields["tier"].queryset = programme.tiers.all()


class OwnRecommendationForm(forms.Form):
    """A member of staff recommends himself, or, as a school leader, a colleague."""

    person = StaffField(
        label=_("Nominee's staff number or name"),
        required=False,
        help_text=_("Empty to recommend yourself."),
    )
    tier = forms.ModelChoiceField(label=_("Tier"), queryset=None, empty_label=None)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, programme, as_leader: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].organisation = programme.organisation
        self.fields["tier"].queryset = programme.tiers.all()
        if not as_leader:
            del self.fields["person"]


class BallotForm(forms.Form):
    entitled = forms.IntegerField(label=_("Entitled to vote (应到)"), min_value=0, initial=0)


class SheetForm(forms.ModelForm):
    proposed_tier = forms.ModelChoiceField(
        label=_("Proposed tier"),
        queryset=None,
        required=False,
        empty_label=_("— not proposed —"),
    )

    class Meta:
        model = Sheet
        fields = ["staff_opinion", "conduct", "remarks", "proposed_tier"]
        widgets = {
            "staff_opinion": forms.Textarea(attrs={"rows": 3}),
            "conduct": forms.Textarea(attrs={"rows": 3}),
            "remarks": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        programme = self.instance.programme
        self.fields["proposed_tier"].queryset = programme.tiers.all()
        met = list(self.instance.criteria_met) + [False] * len(programme.criteria)
        self.criteria_fields = []
        for i, text in enumerate(programme.criteria):
            name = f"criterion_{i}"
            self.fields[name] = forms.BooleanField(
                label=f"{i + 1}. {text}", required=False, initial=met[i]
            )
            self.criteria_fields.append(name)
        self.order_fields([*self.criteria_fields, *self.Meta.fields])

    def criteria_met(self) -> list[bool]:
        return [self.cleaned_data[n] for n in self.criteria_fields]


class CommitteeDecisionForm(DecisionForm):
    """The committee's decision, with the decided tier of each nominee on the preliminary list
    (pre-filled with the proposal; the committee may change it or leave someone out)."""

    def __init__(self, *args, rows, tiers, **kwargs):
        super().__init__(*args, **kwargs)
        self.nominee_fields = []
        choices = [("", _("— not selected —")), *[(t.pk, str(t)) for t in tiers]]
        self._tiers = {str(t.pk): t for t in tiers}
        for row in rows:
            name = f"tier_{row.person.pk}"
            self.fields[name] = forms.ChoiceField(
                label=f"{row.person.name}（{row.person.staff_no}）",
                choices=choices,
                required=False,
                initial=row.sheet.proposed_tier_id or "",
            )
            self.nominee_fields.append((name, row.person))

    def tier_fields(self):
        return [self[name] for name, _person in self.nominee_fields]

    def meeting_fields(self):
        return [f for f in self if not f.name.startswith("tier_")]

    def chosen(self) -> list[tuple]:
        return [
            (person, self._tiers[self.cleaned_data[name]])
            for name, person in self.nominee_fields
            if self.cleaned_data.get(name)
        ]
