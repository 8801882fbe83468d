from django import forms
from django.utils.translation import gettext_lazy as _

from hrkit.language.documents import EXTENSIONS
from hrkit.language.services import MAX_API_CHARS

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class CheckForm(forms.Form):
    text = forms.CharField(
        label=_("Paste your text"),
        required=False,
        max_length=MAX_API_CHARS,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    upload = forms.FileField(
        label=_("Or choose a file (.txt, .md, .html, .docx, .pdf; up to 5 MB)"),
        required=False,
    )

    def clean_upload(self):  # type: ignore[no-untyped-def]
        upload = self.cleaned_data.get("upload")
        if upload is None:
            return None
        name = upload.name.lower()
        if not any(name.endswith(ext) for ext in EXTENSIONS):
            raise forms.ValidationError(_("Choose a .txt, .md, .html, .docx or .pdf file."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean() or {}
        if not (data.get("text") or "").strip() and not data.get("upload"):
            raise forms.ValidationError(_("Paste some text or choose a file to check."))
        return data
