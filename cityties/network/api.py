from django.http import HttpRequest
from ninja import Router, Schema

from cityties.accounts.permissions import require

from .access import access_organisation
from .models import Organisation

router = Router(tags=["network"])


class OrganisationOut(Schema):
    id: int
    name: str
    kind: str
    country: str
    city: str
    latitude: float | None
    longitude: float | None
    website: str
    is_member: bool


@router.get("/organisations", response=list[OrganisationOut])
def list_organisations(request: HttpRequest) -> list[Organisation]:
    require(request.user, "network.read_shared")
    return list(Organisation.objects.filter(archived_at=None).order_by("name")[:500])


@router.get("/organisations/{organisation_id}", response=OrganisationOut)
def get_organisation(request: HttpRequest, organisation_id: int) -> Organisation:
    return access_organisation(request.user, organisation_id)


from .api_directory import router as directory_router  # noqa: E402
from .api_partnerships import router as partnerships_router  # noqa: E402

router.add_router("", directory_router)
router.add_router("", partnerships_router)
