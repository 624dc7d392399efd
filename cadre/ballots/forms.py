from django import forms
from django.utils.translation import gettext_lazy as _

from cadre.campaigns.forms import DATETIME

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
