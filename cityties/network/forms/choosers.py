"""Choosing organisations among thousands: a text box that suggests names as one types.

The browser suggests from a `<datalist>` that htmx fills from the search endpoint; without
JavaScript the box still works: the name typed is looked up when the form is sent, and an
ambiguous or unknown name is an error naming the candidates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from cityties.core.fields import MAX_ID, bounded_int
from cityties.core.text import fold

from ..models import Organisation

SUGGESTIONS = 20
DEFAULT_SLOT_LABEL = _("Organisation %(n)s")
_LABEL = re.compile(r"^(?P<name>.*?)\s*\((?P<country>[A-Za-z]{2})\)\s*$")


def chooser_label(organisation: Organisation) -> str:
    return f"{organisation.name} ({organisation.country})"


def resolve(queryset: QuerySet[Organisation], text: str) -> Organisation:
    """The organisation meant by `text`: a label "Name (CC)", a name, or an id."""
    text = text.strip()
    if text.isdigit():
        # An id past the column's range would overflow the database: it matches nothing.
        pk = bounded_int(text, low=1, high=MAX_ID)
        found = queryset.filter(pk=pk).first() if pk is not None else None
        if found is None:
            raise ValidationError(_("Choose an organisation from the list."), code="invalid_choice")
        return found
    match = _LABEL.match(text)
    name, country = (match["name"], match["country"].upper()) if match else (text, "")
    candidates = queryset.filter(name_key=fold(name))
    if country:
        candidates = candidates.filter(country=country)
    matches = list(candidates.order_by("country", "pk")[:4])
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise ValidationError(
            _("No organisation called “%(name)s” can be chosen here."),
            code="invalid_choice",
            params={"name": text},
        )
    raise ValidationError(
        _("Several organisations are called “%(name)s”: pick one of %(labels)s."),
        code="ambiguous",
        params={"name": text, "labels": ", ".join(chooser_label(o) for o in matches)},
    )


def _queryset(field: forms.ModelChoiceField) -> QuerySet[Organisation]:
    assert field.queryset is not None
    return field.queryset


class OrganisationChooserInput(forms.TextInput):
    """One text box (or several, for a multiple choice) sharing one list of suggestions."""

    def __init__(
        self,
        *,
        search: str = "",
        multiple: bool = False,
        extra: int = 2,
        slot_label: Any = DEFAULT_SLOT_LABEL,
    ) -> None:
        super().__init__(attrs={"autocomplete": "off", "class": "chooser"})
        self.search = search
        self.slot_label = slot_label
        self.multiple = multiple
        self.extra = extra

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        if self.multiple:
            return [v for v in data.getlist(name) if v.strip()] if hasattr(data, "getlist") else []
        return data.get(name)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data

    def _slot_name(self, index: int) -> dict[str, str]:
        # The first box carries the field's visible label; the next ones are numbered.
        return {} if index == 0 else {"aria-label": str(self.slot_label) % {"n": index + 1}}

    def id_for_label(self, id_: str) -> str:
        return f"{id_}_0" if (self.multiple and id_) else id_

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        attrs = dict(attrs or {})
        base_id = attrs.pop("id", f"id_{name}")
        options_id = f"{base_id}-options"
        url = reverse("network:organisation_choices") + f"?field={name}"
        if self.search:
            url += f"&{self.search}"
        common = {
            **self.attrs,
            **attrs,
            "list": options_id,
            "hx-get": url,
            "hx-trigger": "input changed delay:250ms",
            "hx-target": f"#{options_id}",
            "hx-swap": "innerHTML",
        }
        if self.multiple:
            values = [v for v in (value or []) if v not in (None, "")]
            slots = values + [""] * max(self.extra, 3 - len(values))
            boxes = [
                super(OrganisationChooserInput, self).render(
                    name, v, {**common, "id": f"{base_id}_{i}", **self._slot_name(i)}, renderer
                )
                for i, v in enumerate(slots)
            ]
            inputs = format_html_join(
                "", '<div class="chooser-slot">{}</div>', ((b,) for b in boxes)
            )
        else:
            inputs = super().render(name, value, {**common, "id": base_id}, renderer)
        return format_html('{}<datalist id="{}"></datalist>', inputs, options_id)


class OrganisationChoiceField(forms.ModelChoiceField):
    """A single organisation, typed by name."""

    def __init__(self, queryset: QuerySet[Organisation], *, search: str = "", **kwargs: Any):
        kwargs.setdefault("widget", OrganisationChooserInput(search=search))
        super().__init__(queryset, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        if not isinstance(self.widget, OrganisationChooserInput):
            return super().prepare_value(value)
        if isinstance(value, Organisation):
            return chooser_label(value)
        pk = bounded_int(value, low=1, high=MAX_ID)
        if pk is not None:
            found = _queryset(self).filter(pk=pk).first()
            return chooser_label(found) if found else value
        return value

    def to_python(self, value: Any) -> Organisation | None:
        if value in self.empty_values:
            return None
        if isinstance(value, Organisation):
            return value
        return resolve(_queryset(self), str(value))


def search_when_long(field: forms.ModelChoiceField, *, threshold: int = 50) -> None:
    """A short list (an officer's own organisations) stays a plain select."""
    if _queryset(field).count() <= threshold:
        select = forms.Select()
        select.choices = field.choices  # type: ignore[assignment]
        field.widget = select


class OrganisationsChoiceField(forms.ModelMultipleChoiceField):
    """Several organisations, one text box each, typed by name."""

    def __init__(
        self,
        queryset: QuerySet[Organisation],
        *,
        search: str = "",
        slot_label: Any = DEFAULT_SLOT_LABEL,
        **kwargs: Any,
    ):
        kwargs.setdefault(
            "widget",
            OrganisationChooserInput(search=search, multiple=True, slot_label=slot_label),
        )
        super().__init__(queryset, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        if not isinstance(value, Iterable) or isinstance(value, str):
            return value
        items = list(value)
        ids = [bounded_int(v, low=1, high=MAX_ID) for v in items]
        known = {o.pk: o for o in _queryset(self).filter(pk__in=[i for i in ids if i])}
        labels = []
        for item in items:
            if isinstance(item, Organisation):
                labels.append(chooser_label(item))
            elif str(item).isdigit() and int(item) in known:
                labels.append(chooser_label(known[int(item)]))
            else:
                labels.append(str(item))
        return labels

    def clean(self, value: Any) -> Sequence[Organisation]:  # type: ignore[override]
        texts = [str(v) for v in (value or []) if str(v).strip()]
        if not texts:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        chosen: list[Organisation] = []
        errors: list[ValidationError] = []
        for text in texts:
            try:
                organisation = resolve(_queryset(self), text)
            except ValidationError as error:
                errors.append(error)
            else:
                if organisation not in chosen:
                    chosen.append(organisation)
        if errors:
            raise ValidationError(errors)
        self.run_validators(chosen)
        return chosen
