from django import forms
from django.utils.translation import gettext_lazy as _


class CombinationForm(forms.Form):
    """Up to four names; a plain GET form, the datalist only helps typing."""

    first = forms.CharField(label=_("First substance"), max_length=80)
    second = forms.CharField(label=_("Second substance"), max_length=80)
    third = forms.CharField(label=_("Third substance (optional)"), max_length=80, required=False)
    fourth = forms.CharField(label=_("Fourth substance (optional)"), max_length=80, required=False)

    def names(self) -> list[str]:
        fields = ("first", "second", "third", "fourth")
        return [self.cleaned_data[f] for f in fields if self.cleaned_data.get(f)]


class QuizForm(forms.Form):
    """One radio group per question, built from the quiz data."""

    def __init__(self, *args, questions=(), language="en", **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        for question in questions:
            self.fields[question.id] = forms.ChoiceField(
                label=question.prompt.in_language(language),
                choices=[(c.id, c.text.in_language(language)) for c in question.choices],
                widget=forms.RadioSelect,
                required=False,
            )


class CodeCheckForm(forms.Form):
    code = forms.CharField(label=_("Completion code"), max_length=20)
