from django import forms
from django.utils.translation import gettext_lazy as _

from cadre.campaigns import forms as campaign_forms
from cadre.campaigns.forms import DATE, DecisionForm
from cadre.people import vocab
from cadre.people.forms import StaffField
from cadre.people.models import Person

from .models import (
    Activity,
    Assessment,
    Backfill,
    Material,
    Mentorship,
    Outcome,
    Programme,
    Recommendation,
    ReserveCadre,
    Rotation,
    Sheet,
    Stage,
    Tier,
)


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
    # Bounded like the evaluation's own form (a ModelForm, bound by its column): a slip of the
    # keyboard must be refused, not overflow the column (PostgreSQL: a server error).
    entitled = forms.IntegerField(
        label=_("Entitled to vote (应到)"), min_value=0, max_value=2**31 - 1, initial=0
    )


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


# -- cultivation -----------------------------------------------------------------------------


class _PeriodMixin:
    """A period whose end, when given, is not before its start (said on the field, before
    the database's check would say it less clearly)."""

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts"), data.get("ends")
        if starts and ends and ends < starts:
            self.add_error("ends", _("The end is before the start."))
        return data


class RotationForm(_PeriodMixin, forms.ModelForm):
    supervisor = StaffField(label=_("Supervisor"), required=False)

    class Meta:
        model = Rotation
        fields = ["department", "role", "starts", "ends", "supervisor", "duties", "evaluation"]
        widgets = {
            "starts": DATE,
            "ends": DATE,
            "duties": forms.Textarea(attrs={"rows": 3}),
            "evaluation": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = organisation.departments.order_by("name")
        self.fields["supervisor"].organisation = organisation
        if self.instance.supervisor_id:
            self.initial["supervisor"] = self.instance.supervisor.staff_no


class MentorshipForm(_PeriodMixin, forms.ModelForm):
    mentor = StaffField(
        label=_("Mentor"),
        help_text=_(
            "A middle manager, grade head, subject head or senior class teacher: staff number "
            "or name."
        ),
    )

    class Meta:
        model = Mentorship
        fields = ["mentor", "starts", "ends", "goals"]
        widgets = {"starts": DATE, "ends": DATE, "goals": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].organisation = organisation
        if self.instance.mentor_id:
            self.initial["mentor"] = self.instance.mentor.staff_no


class SummaryForm(forms.Form):
    summary = forms.CharField(
        label=_("The mentor's summary of the year"), widget=forms.Textarea(attrs={"rows": 5})
    )


class ActivityForm(forms.ModelForm):
    """One record; which fields it asks for depends on the kind."""

    FIELDS = {
        Activity.Kind.STUDY: ["date", "topic", "hours", "notes"],
        Activity.Kind.ROTATION: ["date", "topic", "notes"],
        Activity.Kind.MENTORING: ["date", "topic", "notes"],
        Activity.Kind.PRACTICE: ["area", "date", "topic", "hours", "notes"],
    }

    class Meta:
        model = Activity
        fields = ["area", "date", "topic", "hours", "notes"]
        widgets = {"date": DATE, "notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.kind = kind
        for name in list(self.fields):
            if name not in self.FIELDS[kind]:
                del self.fields[name]
        if kind == Activity.Kind.STUDY:
            self.fields["hours"].required = True
        if kind == Activity.Kind.PRACTICE:
            self.fields["area"].required = True
            self.fields["area"].choices = Activity.Area.choices


class MaterialForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Material.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=120)
    file = forms.FileField(
        label=_("File"), help_text=_("PDF, Word (.docx), JPG or PNG, at most 5 MB.")
    )
    activity = forms.ModelChoiceField(
        label=_("Belongs to the activity"), queryset=Activity.objects.none(), required=False
    )

    def __init__(self, *args, cadre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = cadre.activities.order_by("-date", "-id")


# -- assessment and dynamic management -------------------------------------------------------


class DisqualifyForm(DecisionForm):
    field_order = ["reason", "facts"]
    reason = forms.ChoiceField(label=_("Reason"), choices=ReserveCadre.Reason.choices)
    facts = forms.CharField(
        label=_("Facts the decision rests on"), widget=forms.Textarea(attrs={"rows": 4})
    )


class AssessmentsForm(DecisionForm):
    """The leading group's meeting, with a grade and comments for each cadre due."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.cadre_fields = []
        for row in rows:
            cadre = row.cadre
            grade, comments = f"grade_{cadre.pk}", f"comments_{cadre.pk}"
            self.fields[grade] = forms.ChoiceField(
                label=_("Grade"),
                choices=[("", _("— not assessed at this meeting —")), *Assessment.Grade.choices],
                required=False,
            )
            self.fields[comments] = forms.CharField(
                label=_("Comments"), required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
            self.cadre_fields.append((row, self[grade], self[comments]))

    def meeting_fields(self):
        return [f for f in self if not f.name.startswith(("grade_", "comments_"))]

    def clean(self):
        data = super().clean()
        for _row, grade, comments in self.cadre_fields:
            if data.get(grade.name) and not (data.get(comments.name) or "").strip():
                self.add_error(comments.name, _("Write the comments that go with the grade."))
        if not any(data.get(grade.name) for _row, grade, _c in self.cadre_fields):
            raise forms.ValidationError(_("Grade at least one reserve cadre."))
        return data

    def gradings(self) -> list[tuple]:
        return [
            (row.cadre, self.cleaned_data[grade.name], self.cleaned_data[comments.name])
            for row, grade, comments in self.cadre_fields
            if self.cleaned_data.get(grade.name)
        ]


class BackfillForm(DecisionForm):
    field_order = ["tier", "vacancy", "source", "ranked", "person", "criteria_attested", "reason"]
    tier = forms.ModelChoiceField(label=_("Tier"), queryset=Tier.objects.none())
    vacancy = forms.ModelChoiceField(
        label=_("Vacancy left by"), queryset=ReserveCadre.objects.none(), required=False
    )
    source = forms.ChoiceField(
        label=_("Chosen"), choices=Backfill.Source.choices, widget=forms.RadioSelect
    )
    ranked = forms.ModelChoiceField(
        label=_("Ranked nominee"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("In the order of the recommendation; only nominees meeting every criterion."),
    )
    person = StaffField(label=_("Newly recommended (staff number or name)"), required=False)
    criteria_attested = forms.BooleanField(
        label=_("The newly recommended person meets every basic criterion of the programme"),
        required=False,
    )
    reason = forms.CharField(
        label=_("Reason for the proposal"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, programme, ranked, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tier"].queryset = programme.tiers.all()
        self.fields["vacancy"].queryset = programme.reserve_cadres.exclude(
            status=ReserveCadre.Status.ACTIVE
        ).select_related("person", "tier")
        self.fields["ranked"].queryset = Person.objects.filter(pk__in=[n.person.pk for n in ranked])
        self.fields["ranked"].label_from_instance = lambda p: f"{p.name}（{p.staff_no}）"
        self.fields["person"].organisation = programme.organisation

    def clean(self):
        data = super().clean()
        source = data.get("source")
        if source == Backfill.Source.RANKED and not data.get("ranked"):
            self.add_error("ranked", _("Choose one of the ranked nominees."))
        if source == Backfill.Source.NEW and not data.get("person"):
            self.add_error("person", _("Give the newly recommended person."))
        return data

    def chosen(self):
        data = self.cleaned_data
        return data["ranked"] if data["source"] == Backfill.Source.RANKED else data["person"]


class OutcomesForm(DecisionForm):
    """The committee's end-of-cycle decision: an outcome for each cadre whose cycle is over."""

    def __init__(self, *args, rows, tiers, **kwargs):
        super().__init__(*args, **kwargs)
        self._tiers = {str(t.pk): t for t in tiers}
        self.cadre_fields = []
        for row in rows:
            pk = row.cadre.pk
            names = [f"kind_{pk}", f"tier_{pk}", f"extended_{pk}", f"comments_{pk}"]
            self.fields[names[0]] = forms.ChoiceField(
                label=_("Outcome"),
                choices=[("", _("— not decided at this meeting —")), *Outcome.Kind.choices],
                required=False,
            )
            self.fields[names[1]] = forms.ChoiceField(
                label=_("Higher tier"),
                choices=[("", "—")]
                + [(t.pk, str(t)) for t in tiers if t.order < row.cadre.tier.order],
                required=False,
            )
            self.fields[names[2]] = forms.DateField(
                label=_("Extended to"), required=False, widget=DATE
            )
            self.fields[names[3]] = forms.CharField(
                label=_("Comments"), required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
            self.cadre_fields.append((row, [self[n] for n in names]))

    def meeting_fields(self):
        prefixes = ("kind_", "tier_", "extended_", "comments_")
        return [f for f in self if not f.name.startswith(prefixes)]

    def proposed(self) -> list[dict]:
        out = []
        for row, (kind, tier, extended, comments) in self.cadre_fields:
            if self.cleaned_data.get(kind.name):
                out.append(
                    {
                        "cadre": row.cadre,
                        "kind": self.cleaned_data[kind.name],
                        "tier": self._tiers.get(self.cleaned_data.get(tier.name) or ""),
                        "extended_to": self.cleaned_data.get(extended.name),
                        "comments": self.cleaned_data.get(comments.name) or "",
                    }
                )
        return out
