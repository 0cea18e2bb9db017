"""The form to attach a document to a partnership."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class DocumentForm(forms.Form):
    title = forms.CharField(
        label=_("Document title"),
        max_length=200,
        required=False,
        help_text=_("Left empty, the file name is used."),
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, DOCX, XLSX, ODT, PNG or JPEG."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.odt,.png,.jpg,.jpeg"}),
    )
