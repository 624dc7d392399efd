from django import forms
from django.utils.translation import gettext_lazy as _

from cadre.campaigns.forms import DATETIME

from . import tally
from .models import Evaluation


class EvaluationForm(forms.ModelForm):
    class Meta:
        model = Evaluation
        fields = [
            "title",
            "kind",
            "max_choices",
            "unknown_in_base",
            "blank_in_base",
            "threshold_num",
            "threshold_den",
            "entitled",
            "speech_minutes",
            "closes_at",
        ]
        widgets = {"closes_at": DATETIME}

    with_unknown = forms.BooleanField(label=_("Offer “don't know” (不了解)"), required=False)
    satisfied = forms.MultipleChoiceField(
        label=_("Options that count as satisfied"),
        choices=[(o.code, o.label) for o in tally.DEFAULT_OPTIONS],
        initial=[o.code for o in tally.DEFAULT_OPTIONS if o.satisfied],
        widget=forms.CheckboxSelectMultiple,
    )
    weights = forms.CharField(
        label=_("Weights for the weighted score (满意 / 基本满意 / 不满意)"),
        initial="100/60/0",
        help_text=_("Shown beside the satisfaction rate, e.g. 100/60/0."),
    )

    def clean_weights(self):
        parts = self.cleaned_data["weights"].replace("／", "/").split("/")
        if len(parts) != len(tally.DEFAULT_OPTIONS) or not all(
            p.strip().isdecimal() for p in parts
        ):
            raise forms.ValidationError(_("Give three whole numbers, such as 100/60/0."))
        return [int(p) for p in parts]

    def options(self) -> list[dict]:
        """The rating options as configured: which count as satisfied, and their weights."""
        chosen = set(self.cleaned_data["satisfied"])
        return [
            {
                "code": o.code,
                "label": o.label,
                "satisfied": o.code in chosen,
                "weight": w,
                "unknown": False,
            }
            for o, w in zip(tally.DEFAULT_OPTIONS, self.cleaned_data["weights"], strict=True)
        ]

    def clean(self):
        data = super().clean()
        num, den = data.get("threshold_num"), data.get("threshold_den")
        if num is not None and den is not None and not 0 < num <= den:
            self.add_error("threshold_num", _("The threshold must be a fraction between 0 and 1."))
        if data.get("kind") == Evaluation.Kind.CHOOSE and not data.get("max_choices"):
            self.add_error("max_choices", _("Say how many names one may choose."))
        return data


class CodesForm(forms.Form):
    count = forms.IntegerField(label=_("Number of codes"), min_value=1, max_value=2000)


class PaperBatchForm(forms.Form):
    label = forms.CharField(label=_("Label (e.g. ballot box 1)"), max_length=60)
    kind = forms.ChoiceField(
        label=_("Entered as"),
        choices=[("ballots", _("Ballot by ballot")), ("counts", _("Totals per candidate"))],
    )
