from django import forms
from django.utils.translation import gettext_lazy as _

from .models import OPTIONAL_DIMENSIONS, Panel


class PanelForm(forms.ModelForm):
    extra_dimensions = forms.MultipleChoiceField(
        label=_("Further dimensions"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(d["code"], f"{d['label']}（{d['max']}）") for d in OPTIONAL_DIMENSIONS],
    )

    class Meta:
        model = Panel
        fields = ["evaluation_weight", "defence_weight", "evaluation_measure", "trim_from", "step"]

    def clean(self):
        data = super().clean()
        we, wd = data.get("evaluation_weight"), data.get("defence_weight")
        if we is not None and wd is not None and we + wd != 1:
            self.add_error("defence_weight", _("The two weights must add up to 1."))
        return data


class ExpertForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=50)
    affiliation = forms.CharField(label=_("Affiliation"), max_length=100)
    title = forms.CharField(label=_("Title"), max_length=50, required=False)


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("Reason for reopening"), max_length=300)
