from django import forms
from django.utils.translation import gettext_lazy as _

from hrkit.language.budget import WebLimits
from hrkit.language.documents import EXTENSIONS
from hrkit.language.web_limits import (
    megabytes,
    too_large_upload_message,
    too_much_text_message,
)


class CheckForm(forms.Form):
    text = forms.CharField(
        label=_("Paste your text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    upload = forms.FileField(required=False)

    def __init__(self, *args, limits: WebLimits, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.limits = limits
        self.fields["upload"].label = _(
            "Or choose a file (.txt, .md, .html, .docx, .pdf; up to %(size)s MB)"
        ) % {"size": megabytes(limits.max_upload_bytes)}

    def clean_text(self) -> str:
        text = self.cleaned_data.get("text") or ""
        if len(text) > self.limits.read.max_chars:
            raise forms.ValidationError(too_much_text_message(self.limits.read.max_chars))
        return text

    def clean_upload(self):  # type: ignore[no-untyped-def]
        upload = self.cleaned_data.get("upload")
        if upload is None:
            return None
        name = upload.name.lower()
        if not any(name.endswith(ext) for ext in EXTENSIONS):
            raise forms.ValidationError(_("Choose a .txt, .md, .html, .docx or .pdf file."))
        if upload.size > self.limits.max_upload_bytes:
            raise forms.ValidationError(too_large_upload_message(self.limits.max_upload_bytes))
        return upload

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean() or {}
        if self.has_error("text") or self.has_error("upload"):
            return data  # already told what is wrong with what was sent
        if not (data.get("text") or "").strip() and not data.get("upload"):
            raise forms.ValidationError(_("Paste some text or choose a file to check."))
        return data
