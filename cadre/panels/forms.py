from django import forms
from django.utils.translation import gettext_lazy as _

from .models import DEFAULT_DIMENSIONS, OPTIONAL_DIMENSIONS, Panel


class PanelForm(forms.ModelForm):
    maxima = forms.CharField(
        label=_("Maximum points of 政治素养 / 组织能力 / 管理能力 / 协调能力"),
        initial="/".join(str(d["max"]) for d in DEFAULT_DIMENSIONS),
        help_text=_("Four whole numbers, e.g. 25/25/25/25."),
    )
    extra_dimensions = forms.MultipleChoiceField(
        label=_("Further dimensions"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(d["code"], f"{d['label']}（{d['max']}）") for d in OPTIONAL_DIMENSIONS],
    )

    class Meta:
        model = Panel
        fields = ["evaluation_weight", "defence_weight", "evaluation_measure", "trim_from", "step"]

    def clean_maxima(self):
        parts = self.cleaned_data["maxima"].replace("／", "/").split("/")
        if len(parts) != len(DEFAULT_DIMENSIONS) or not all(
            p.strip().isdecimal() and 0 < int(p) <= 100 for p in parts
        ):
            raise forms.ValidationError(
                _("Give four whole numbers from 1 to 100, e.g. 25/25/25/25.")
            )
        return [int(p) for p in parts]

    def dimensions(self) -> list[dict]:
        chosen = set(self.cleaned_data["extra_dimensions"])
        return [
            *(
                {**d, "max": m}
                for d, m in zip(DEFAULT_DIMENSIONS, self.cleaned_data["maxima"], strict=True)
            ),
            *(dict(d) for d in OPTIONAL_DIMENSIONS if d["code"] in chosen),
        ]

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
