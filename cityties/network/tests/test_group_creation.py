"""Staff create and edit country groups in the app, not only in Django's admin."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cityties.network import services
from cityties.network.models import CountryGroup

pytestmark = pytest.mark.django_db


def test_staff_create_a_country_group(client_for, staff, federation):
    response = client_for(staff).post(
        reverse("network:group_create"),
        {"name": "Groupe-pays Japon", "country": "JP", "description": ""},
    )
    group = CountryGroup.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("network:group_edit", args=[group.pk])
    assert (group.name, group.country, group.federation) == ("Groupe-pays Japon", "JP", federation)


def test_a_second_group_for_the_same_country_is_refused(client_for, staff, federation):
    services.check_create_group(actor=staff, federation=federation, name="Japon", country="JP")
    response = client_for(staff).post(
        reverse("network:group_create"), {"name": "Japon bis", "country": "JP"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["country"]
    assert CountryGroup.objects.count() == 1


def test_members_may_not_create_a_group(client_for, caen_officer):
    client = client_for(caen_officer)
    assert client.get(reverse("network:group_create")).status_code == 403
    response = client.post(reverse("network:group_create"), {"name": "X", "country": "JP"})
    assert response.status_code == 403
    assert not CountryGroup.objects.exists()


def test_staff_rename_a_group_and_change_its_description(client_for, staff, federation, caen):
    group = services.check_create_group(
        actor=staff, federation=federation, name="Japon", country="JP"
    )
    response = client_for(staff).post(
        reverse("network:group_edit", args=[group.pk]),
        {
            "name": "Groupe-pays Japon",
            "country": "JP",
            "description": "Tokyo, Kyoto",
            "members": [caen.pk],
        },
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert (group.name, group.description) == ("Groupe-pays Japon", "Tokyo, Kyoto")
    assert list(group.members.all()) == [caen]


def test_the_group_list_offers_creation_to_staff_only(client_for, staff, caen_officer):
    url = reverse("network:group_create")
    assert url in client_for(staff).get(reverse("network:group_list")).content.decode()
    assert url not in client_for(caen_officer).get(reverse("network:group_list")).content.decode()
