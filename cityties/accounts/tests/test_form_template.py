"""The shared form template names its help texts and errors with the ids that Django's
widgets point to (aria-describedby), so screen readers read them with the field."""

from __future__ import annotations

import re

from django import forms
from django.template.loader import render_to_string


class _Form(forms.Form):
    name = forms.CharField(help_text="As on the council's register.")
    kind = forms.ChoiceField(
        choices=[("city", "City"), ("region", "Region")],
        widget=forms.RadioSelect,
        help_text="One of the two.",
    )


def _described(html: str) -> tuple[set[str], set[str]]:
    pointed = {
        target
        for found in re.findall(r'aria-describedby="([^"]+)"', html)
        for target in found.split()
    }
    return pointed, set(re.findall(r'\bid="([^"]+)"', html))


def test_help_texts_are_the_elements_the_fields_point_to():
    pointed, ids = _described(render_to_string("accounts/_form.html", {"form": _Form()}))
    assert {"id_name_helptext"} <= pointed and pointed <= ids


def test_errors_are_the_elements_the_fields_point_to():
    form = _Form(data={"name": "", "kind": "nowhere"})
    assert not form.is_valid()
    pointed, ids = _described(render_to_string("accounts/_form.html", {"form": form}))
    assert {"id_name_helptext", "id_name_error"} <= pointed and pointed <= ids
