"""The network area's API: one router gathering the directory and the partnerships."""

from ninja import Router

from .directory import router as directory_router
from .partnerships import router as partnerships_router

router = Router(tags=["network"])
router.add_router("", directory_router)
router.add_router("", partnerships_router)
