"""The REST API: django-ninja routers of each area, session-authenticated, CSRF-protected."""

from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.security import django_auth

from cityties.accounts.models import Role
from cityties.core.api.docs import VendoredSwagger
from cityties.core.api.errors import install_error_handlers, responses
from cityties.core.errors import DomainError
from cityties.core.http import AuthenticatedHttpRequest
from cityties.delegations.api import router as delegations_router
from cityties.events.api import router as events_router
from cityties.matchmaking.api import router as matchmaking_router
from cityties.meetings.api import router as meetings_router
from cityties.network.api import router as network_router
from cityties.outcomes.api import router as outcomes_router
from cityties.pavilion.api import router as pavilion_router
from cityties.reception.api import router as reception_router
from cityties.solidarity.api import router as solidarity_router

api = NinjaAPI(
    title="CityTies API",
    version="1.0.0",
    description="Directory, partnerships, meetings, delegations and matchmaking of the network.",
    auth=django_auth,
    urls_namespace="api-1.0.0",
    docs=VendoredSwagger(),
)
install_error_handlers(api)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(
        request, {"code": "forbidden", "message": _("You may not do this.")}, status=403
    )


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    """Every refusal of the services, whatever the router: its code, message and status."""
    return api.create_response(request, exc.payload(), status=exc.status)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(
        request, {"code": "not_found", "message": _("Not found.")}, status=404
    )


class MeOut(Schema):
    email: str
    full_name: str
    language: Literal["fr", "en"]
    roles: list[Role]
    organisation_id: int | None


@api.get("/me", response=responses({200: MeOut}), tags=["accounts"])
def me(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    user = request.user
    membership = user.primary_membership
    return {
        "email": user.email,
        "full_name": user.full_name,
        "language": user.language,
        "roles": sorted(user.roles),
        "organisation_id": membership.organisation_id if membership else None,
    }


api.add_router("/network", network_router)
api.add_router("/calendar", events_router)
api.add_router("/delegations", delegations_router)
api.add_router("/meetings", meetings_router)
api.add_router("/pavilion", pavilion_router)
api.add_router("/matchmaking", matchmaking_router)
api.add_router("/solidarity", solidarity_router)
api.add_router("/reception", reception_router)
api.add_router("/outcomes", outcomes_router)
